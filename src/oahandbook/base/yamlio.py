"""Safe, fast YAML loading that refuses the format's traps, with positions for every value.

* libyaml's C composer where present (~8x faster than the pure-Python one);
* aliases, anchors and merge keys are refused (a 300-byte "billion laughs" document cannot
  explode: the walk stops at the first alias); so are tags other than the core ones
  (``!!binary``, ``!Tn4w…``: a password that starts with ``!`` is a tag to YAML);
* duplicate keys are refused instead of silently keeping the last one;
* YAML 1.1 surprises are refused: plain ``NO``/``on``/``y`` read as booleans, ``0123`` as octal,
  ``1:20`` as base 60. Quoting the value is always the fix;
* syntax errors are explained where the slip is (:mod:`.yamlhints`), not where libyaml noticed;
* no message repeats a value (it may be a password): they name the key and the position;
* the composed node tree is kept so any validation error can name the line and column.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from oahandbook.base.errors import InputError, InputProblem
from oahandbook.base.i18n import t
from oahandbook.base.textio import DEFAULT_MAX_BYTES, YAML_ONLY_BREAKS, line_starts, read_text

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64
MAX_NODES = 2_000_000

_TAG = "tag:yaml.org,2002:"
_TRUE_WORDS = {"yes", "on", "y"}
_BOOL_OK = {"true", "false"}
_OCTAL_OR_SEXAGESIMAL = re.compile(r"^[-+]?(0[0-9_]+|0o[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$")
_DATE_LIKE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
# The tags a document may carry: what plain YAML resolves to, also when written (``!!str 1``).
_STR = _TAG + "str"
_ACCEPTED_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "seq", "map")}
# Resolved for plain ``=``, ``!``, ``&``, ``*`` and ``<<`` values (which are text to a person;
# ``<<`` as a key is refused by the mapping).
_PLAIN_TEXT_TAGS = {_TAG + "value", _TAG + "yaml", _TAG + "merge"}
# Standard tags we name when refusing them (a fixed vocabulary, never a user's text).
_NAMED_TAGS = {_TAG + name: f"!!{name}" for name in ("binary", "set", "omap", "pairs", "value", "yaml", "merge")}
_TYPE_WORDS = {"bool": "type.bool", "int": "type.int", "float": "type.float", "timestamp": "type.date"}
# libyaml (YAML 1.1) also ends lines at these, which editors show inside a line.

_constructor = yaml.constructor.SafeConstructor()


def _hints():
    """The explanations of YAML slips, imported when a slip needs explaining (its patterns cost
    milliseconds to compile, which every clean pre-commit run would pay)."""
    from oahandbook.base import yamlhints

    return yamlhints


def _construct(node: yaml.Node) -> object:
    """A scalar's value; the shared constructor forgets the node (it would keep every node of
    every file it ever read: a leak across an archive)."""
    try:
        return _constructor.construct_object(node)
    finally:
        _constructor.constructed_objects.pop(node, None)
        _constructor.recursive_objects.pop(node, None)


class Where:
    """1-based (line, column) of a libyaml mark as an editor counts them, ``line_offset`` lines
    down (front matter starts on line 2 of its draft). libyaml also breaks lines at U+0085,
    U+2028 and U+2029; when the text holds one, lines are counted from the mark's index."""

    __slots__ = ("offset", "starts")

    def __init__(self, text: str, line_offset: int = 0):
        self.offset = line_offset
        self.starts: list[int] | None = None
        if YAML_ONLY_BREAKS.search(text):
            self.starts = line_starts(text)

    def __call__(self, mark: yaml.Mark) -> tuple[int, int]:
        line, column = self.zero_based(mark)
        return line + 1 + self.offset, column + 1

    def zero_based(self, mark: yaml.Mark) -> tuple[int, int]:
        """(line, column) from 0 in the YAML text itself."""
        if self.starts is None:
            return mark.line, mark.column
        line = bisect_right(self.starts, mark.index) - 1
        return line, mark.index - self.starts[line]


@dataclass(slots=True)
class YamlDoc:
    """A loaded YAML document: plain Python ``data`` plus the node tree for positions."""

    path: str
    data: Any
    root: Node | None
    line_offset: int = 0  # lines before the YAML in its file (front matter starts after ``---``)
    # Plain scalars YAML 1.1 would have read as booleans (``NO``, ``off``), kept as text: the
    # schema decides (``severity: off`` is a choice; anywhere else they are refused).
    ambiguous: list[tuple[tuple[str | int, ...], InputProblem]] = field(default_factory=list)
    where: Where | None = None
    _index: dict[int, dict[str, tuple[Node, Node]]] = field(default_factory=dict, repr=False, compare=False)

    def mark_position(self, mark: yaml.Mark) -> tuple[int, int]:
        """1-based (line, column) of a mark of this document's nodes, in its file."""
        if self.where is not None:
            return self.where(mark)
        return mark.line + 1 + self.line_offset, mark.column + 1

    def position(self, loc: tuple[str | int, ...], *, at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the node at ``loc``.

        Follows ``loc`` as far as it exists; for a missing key this is the enclosing mapping.
        With ``at_key`` the key node of the last step is used (for an unknown key).
        """
        node = self.root
        if node is None:
            return 1 + self.line_offset, 1
        mark_node: Node = node
        for step in loc:
            if isinstance(node, MappingNode):
                found = self._entries(node).get(str(step))
                if found is None:
                    break
                mark_node = found[0] if at_key and step == loc[-1] else found[1]
                node = found[1]
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = mark_node = node.value[step]
            else:
                break
        return self.mark_position(mark_node.start_mark)

    def _entries(self, node: MappingNode) -> dict[str, tuple[Node, Node]]:
        """Key text -> (key node, value node) of a mapping, the first of duplicates, built once
        per mapping: a file with 30,000 unknown keys must not cost 30,000 scans of its keys."""
        index = self._index
        found = index.get(id(node))
        if found is None:
            found = {}
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    found.setdefault(key.value, (key, value))
            index[id(node)] = found
        return found

    def node_at(self, loc: tuple[str | int, ...]) -> Node | None:
        node = self.root
        for step in loc:
            if isinstance(node, MappingNode):
                entry = self._entries(node).get(str(step))
                node = entry[1] if entry else None
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = node.value[step]
            else:
                return None
            if node is None:
                return None
        return node


def load_file(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> YamlDoc:
    name = display or str(path)
    return load_text(read_text(path, max_bytes=max_bytes, display=name), name)


def compose(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (raises PyYAML's errors)."""
    loader = Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def load_text(text: str, path: str, *, line_offset: int = 0) -> YamlDoc:
    """Parse one YAML document. ``line_offset`` shifts positions (front matter inside Markdown)."""
    where = Where(text, line_offset)
    try:
        root = compose(text)
    except yaml.YAMLError as exc:
        raise InputError([syntax_problem(text, path, where, exc)]) from None
    if root is None:
        return YamlDoc(path, None, None, line_offset, where=where)
    if isinstance(root, ScalarNode) and not root.style:
        # ``title：通知`` or ``title:通知`` alone is one string to YAML, not a mapping
        line, column = where.zero_based(root.start_mark)
        slip = _hints().line_slip(_hints().Source(text), line)
        if slip is not None and slip.line == line and column <= slip.column:
            raise InputError.one(
                path, slip.line + 1 + line_offset, slip.column + 1, t("yaml.mistake", explanation=slip.explanation)
            )
    problems: list[InputProblem] = []
    if "&" in text or "*" in text:  # cheap test first: the event pass costs ~2 ms per 100 KB
        _refuse_anchors(text, path, where)
    builder = _Builder(path, where, problems)
    data = builder.build(root, ())
    if problems:
        raise InputError(problems)
    return YamlDoc(path, data, root, line_offset, builder.ambiguous, where)


def syntax_problem(text: str, path: str, where: Where, exc: yaml.YAMLError) -> InputProblem:
    """What is wrong with text libyaml could not read, where the slip is, in the user's words."""
    if isinstance(exc, yaml.composer.ComposerError) and "single document" in str(exc.context):
        line, column = where(exc.problem_mark) if exc.problem_mark else (1 + where.offset, 1)
        return InputProblem(path, line, column, t("yaml.multi_doc"))
    if isinstance(exc, yaml.reader.ReaderError):  # a control character
        line, column = _hints().Source(text).position(min(exc.position, len(text)))
        code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "?"
        message = t("yaml.syntax", explanation=t("yaml.slip.control_char", code=code), detail=exc.reason)
        return InputProblem(path, line + 1 + where.offset, column + 1, message)
    if not isinstance(exc, yaml.MarkedYAMLError):
        message = t("yaml.syntax", explanation=t("yaml.slip.general"), detail=type(exc).__name__)
        return InputProblem(path, 1 + where.offset, 1, message)
    mark = exc.problem_mark or exc.context_mark
    line, column = where.zero_based(mark) if mark else (0, 0)
    context_line = context_column = None
    if exc.context_mark is not None and exc.context:
        context_line, context_column = where.zero_based(exc.context_mark)
    mistake = _hints().Mistake(
        str(exc.problem or ""), str(exc.context or ""), line, column, context_line, context_column
    )
    slip = _hints().explain(text, mistake, where.offset)
    detail = _hints().libyaml_words(mistake.problem, mistake.context)
    message = t("yaml.syntax", explanation=slip.explanation, detail=detail)
    return InputProblem(path, slip.line + 1 + where.offset, slip.column + 1, message)


def _refuse_anchors(text: str, path: str, where: Where, limit: int = 20) -> None:
    """Refuse anchors and aliases before anything walks the (possibly exploding) graph. The
    events are followed to name the key whose value carries one (``admin_password: &Gm5p…``)."""
    problems: list[InputProblem] = []
    # one entry per open collection: [is a mapping, next node is a key, its key (for values)]
    stack: list[list[Any]] = []
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.CollectionEndEvent):
            if stack:
                stack.pop()
            continue
        if not isinstance(event, yaml.NodeEvent):
            continue
        top = stack[-1] if stack else None
        is_key = top is not None and top[0] and top[1]
        key = top[2] if top is not None and not is_key else None
        anchor = event.anchor
        if anchor or isinstance(event, yaml.AliasEvent):
            message_key = "yaml.slip.alias" if isinstance(event, yaml.AliasEvent) else "yaml.slip.anchor"
            fix = _hints().fix_text(None if is_key else key, '"…"')
            line, column = where(event.start_mark)
            problems.append(InputProblem(path, line, column, t("yaml.mistake", explanation=t(message_key, fix=fix))))
            if len(problems) >= limit:
                break
        if top is not None and top[0]:
            if top[1]:
                top[2] = event.value if isinstance(event, yaml.ScalarEvent) else None
            top[1] = not top[1]
        if isinstance(event, yaml.CollectionStartEvent):
            stack.append([isinstance(event, yaml.MappingStartEvent), True, key])
    if problems:
        raise InputError(problems)


def _subject(loc: tuple[str | int, ...]) -> str:
    """The words for the value at ``loc``: the value of 'security.secrets.admin_password' (a key
    that looks like a value is left out)."""
    if loc and loc[-1] == "<key>":
        return t("yaml.key.unnamed")
    names = [str(step) if isinstance(step, int) or _hints().nameable(step) else "…" for step in loc]
    if not names or names[-1] == "…":
        return t("yaml.value.unnamed")
    return t("yaml.value.named", key=".".join(names))


def _last_key(loc: tuple[str | int, ...]) -> str | None:
    return next((step for step in reversed(loc) if isinstance(step, str) and step != "<key>"), None)


class _Builder:
    """Turns a node tree into Python values, collecting every problem instead of stopping."""

    def __init__(self, path: str, where: Where, problems: list[InputProblem]):
        self.path = path
        self.where = where
        self.problems = problems
        self.ambiguous: list[tuple[tuple[str | int, ...], InputProblem]] = []
        self.count = 0

    def at(self, node: Node, message: str) -> InputProblem:
        line, column = self.where(node.start_mark)
        return InputProblem(self.path, line, column, message)

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(self.at(node, message))

    def build(self, node: Node, loc: tuple[str | int, ...]) -> Any:
        depth = len(loc)
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError.one(self.path, 1 + self.where.offset, 1, t("yaml.too_many_nodes", limit=MAX_NODES))
        if depth > MAX_DEPTH:
            raise InputError([self.at(node, t("yaml.too_deep", limit=MAX_DEPTH))])
        if node.tag not in _ACCEPTED_TAGS and not (
            node.tag in _PLAIN_TEXT_TAGS and isinstance(node, ScalarNode) and not node.style
        ):
            self.refuse_tag(node, loc)
            return None
        if isinstance(node, ScalarNode):
            return self.scalar(node, loc)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self.mapping(node, loc)

    def refuse_tag(self, node: Node, loc: tuple[str | int, ...]) -> None:
        fix = _hints().fix_text(_last_key(loc), '"…"')
        named = _NAMED_TAGS.get(node.tag)
        if named is None:  # ``!Tn4w…``: its name is the user's text
            self.problem(node, t("yaml.mistake", explanation=t("yaml.slip.tag", fix=fix)))
        else:
            self.problem(node, t("yaml.tag_refused", value=_subject(loc), tag=named))

    def mapping(self, node: MappingNode, loc: tuple[str | int, ...]) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first: dict[Any, Node] = {}  # each key's node, for the line a duplicate names
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                self.problem(key_node, t("yaml.merge"))
                continue
            key = self.build(key_node, (*loc, "<key>"))
            if not isinstance(key, str):
                if key is None and not isinstance(key_node, ScalarNode):
                    continue
                kind = type(key).__name__
                self.problem(key_node, t("yaml.key_type", kind=kind))
                key = str(key_node.value) if isinstance(key_node, ScalarNode) else repr(key)
            elif key and key[0] in "\u3000\xa0" and not key_node.style:
                # ``　author: x``: a full-width space is no indentation to YAML, but part of the key
                space = "yaml.space.ideographic" if key[0] == "\u3000" else "yaml.space.nbsp"
                explanation = t("yaml.slip.odd_space", space=t(space))
                self.problem(key_node, t("yaml.mistake", explanation=explanation))
            if key in out:
                self.problem(
                    key_node,
                    t(
                        "yaml.duplicate_key",
                        key=_hints().key_words(key),
                        first_line=self.where(first[key].start_mark)[0],
                    ),
                )
                continue
            first[key] = key_node
            out[key] = self.build(value_node, (*loc, key))
        return out

    def scalar(self, node: ScalarNode, loc: tuple[str | int, ...]) -> Any:
        tag = node.tag
        if tag == _STR or tag in _PLAIN_TEXT_TAGS:  # most values: the constructor would return it as is
            return node.value
        if not node.style:  # plain scalars are where YAML 1.1 guesses types
            value = node.value
            if tag == _TAG + "bool" and value.lower() not in _BOOL_OK:
                as_bool = "true" if value.lower() in _TRUE_WORDS else "false"
                fix = _hints().fix_text(_last_key(loc), '"…"')
                problem = self.at(node, t("yaml.ambiguous_bool", value=_subject(loc), as_bool=as_bool, fix=fix))
                if loc and loc[-1] == "<key>":
                    self.problems.append(problem)
                else:
                    self.ambiguous.append((loc, problem))
                return value
            if tag in (_TAG + "int", _TAG + "float") and _OCTAL_OR_SEXAGESIMAL.match(value):
                how = t("yaml.number.base60" if ":" in value else "yaml.number.octal")
                fix = _hints().fix_text(_last_key(loc), '"…"')
                self.problem(node, t("yaml.ambiguous_number", value=_subject(loc), how=how, fix=fix))
                return value
        try:
            return _construct(node)
        except Exception:  # 2026-02-30, !!bool "maybe", !!int '', !!timestamp x …
            # Python's own words would quote the value (``invalid literal for int(): 'Gm5p…'``)
            name = tag[len(_TAG) :] if tag.startswith(_TAG) else ""
            if name == "timestamp" and _DATE_LIKE.match(node.value):
                self.problem(node, t("yaml.bad_date", value=_subject(loc)))
            elif name in _TYPE_WORDS:
                expected = t(_TYPE_WORDS[name])
                self.problem(node, t("yaml.bad_tagged_value", value=_subject(loc), tag=f"!!{name}", expected=expected))
            else:
                self.problem(node, t("yaml.bad_value", value=_subject(loc)))
            return None


def float_written_as(doc: YamlDoc, loc: tuple[str | int, ...]) -> str | None:
    """The source text of a scalar (to explain that ``1.10`` was read as ``1.1``)."""
    node = doc.node_at(loc)
    if isinstance(node, ScalarNode):
        return node.value
    return None


def closest(name: str, options: list[str]) -> str | None:
    match = get_close_matches(name, options, n=1, cutoff=0.6)
    return match[0] if match else None
