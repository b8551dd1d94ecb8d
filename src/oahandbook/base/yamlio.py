"""Safe, fast YAML loading that refuses the format's traps, with positions for every value.

* libyaml's C composer where present (~8x faster than the pure-Python one);
* aliases, anchors and merge keys are refused (a 300-byte "billion laughs" document cannot
  explode: the walk stops at the first alias);
* duplicate keys are refused instead of silently keeping the last one;
* YAML 1.1 surprises are refused: plain ``NO``/``on``/``y`` read as booleans, ``0123`` as octal,
  ``1:20`` as base 60. Quoting the value is always the fix;
* the composed node tree is kept so any validation error can name the line and column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from oahandbook.base.errors import InputError, InputProblem
from oahandbook.base.i18n import t
from oahandbook.base.textio import DEFAULT_MAX_BYTES, read_text

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

MAX_DEPTH = 64
MAX_NODES = 2_000_000

_TAG = "tag:yaml.org,2002:"
_TRUE_WORDS = {"yes", "on", "y"}
_BOOL_OK = {"true", "false"}
_OCTAL_OR_SEXAGESIMAL = re.compile(r"^[-+]?(0[0-9_]+|0o[0-7_]+|[0-9][0-9_]*(:[0-5]?[0-9])+(\.[0-9_]*)?)$")
_FLOAT_TRAILING_ZERO = re.compile(r"^[-+]?[0-9]+\.[0-9]*0$")

_constructor = yaml.constructor.SafeConstructor()


def _construct(node: yaml.Node) -> object:
    """A scalar's value; the shared constructor forgets the node (it would keep every node of
    every file it ever read: a leak across an archive)."""
    try:
        return _constructor.construct_object(node)
    finally:
        _constructor.constructed_objects.pop(node, None)
        _constructor.recursive_objects.pop(node, None)


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
                found = None
                for key, value in node.value:
                    if isinstance(key, ScalarNode) and key.value == str(step):
                        found = (key, value)
                        break
                if found is None:
                    break
                mark_node = found[0] if at_key and step == loc[-1] else found[1]
                node = found[1]
            elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
                node = mark_node = node.value[step]
            else:
                break
        return mark_node.start_mark.line + 1 + self.line_offset, mark_node.start_mark.column + 1

    def node_at(self, loc: tuple[str | int, ...]) -> Node | None:
        node = self.root
        for step in loc:
            if isinstance(node, MappingNode):
                node = next((v for k, v in node.value if isinstance(k, ScalarNode) and k.value == str(step)), None)
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
    try:
        root = compose(text)
    except yaml.composer.ComposerError as exc:
        # Only multiple documents, or an undefined alias, end up here.
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        msg = (
            t("yaml.multi_doc")
            if "single document" in str(exc.context)
            else t("yaml.syntax", problem=exc.problem or "", context="")
        )
        raise InputError.one(path, line + line_offset, col, msg) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        context = f" ({exc.context})" if exc.context else ""
        raise InputError.one(
            path, line + line_offset, col, t("yaml.syntax", problem=exc.problem or exc, context=context)
        ) from None
    except yaml.YAMLError as exc:
        raise InputError.one(path, 1 + line_offset, 1, t("yaml.syntax", problem=exc, context="")) from None
    if root is None:
        return YamlDoc(path, None, None, line_offset)
    problems: list[InputProblem] = []
    if "&" in text or "*" in text:  # cheap test first: the event pass costs ~2 ms per 100 KB
        _refuse_anchors(text, path, line_offset)
    builder = _Builder(path, line_offset, problems)
    data = builder.build(root, ())
    if problems:
        raise InputError(problems)
    return YamlDoc(path, data, root, line_offset, builder.ambiguous)


def _refuse_anchors(text: str, path: str, line_offset: int, limit: int = 20) -> None:
    """Refuse anchors and aliases before anything walks the (possibly exploding) graph."""
    problems: list[InputProblem] = []
    for event in yaml.parse(text, Loader=Loader):
        if isinstance(event, yaml.AliasEvent):
            message = t("yaml.alias", name=event.anchor)
        elif getattr(event, "anchor", None):
            message = t("yaml.anchor", name=event.anchor)
        else:
            continue
        mark = event.start_mark
        problems.append(InputProblem(path, mark.line + 1 + line_offset, mark.column + 1, message))
        if len(problems) >= limit:
            break
    if problems:
        raise InputError(problems)


class _Builder:
    """Turns a node tree into Python values, collecting every problem instead of stopping."""

    def __init__(self, path: str, line_offset: int, problems: list[InputProblem]):
        self.path = path
        self.offset = line_offset
        self.problems = problems
        self.ambiguous: list[tuple[tuple[str | int, ...], InputProblem]] = []
        self.count = 0

    def problem(self, node: Node, message: str) -> None:
        self.problems.append(
            InputProblem(self.path, node.start_mark.line + 1 + self.offset, node.start_mark.column + 1, message)
        )

    def build(self, node: Node, loc: tuple[str | int, ...]) -> Any:
        depth = len(loc)
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError.one(self.path, 1 + self.offset, 1, t("yaml.too_many_nodes", limit=MAX_NODES))
        if depth > MAX_DEPTH:
            raise InputError.one(
                self.path,
                node.start_mark.line + 1 + self.offset,
                node.start_mark.column + 1,
                t("yaml.too_deep", limit=MAX_DEPTH),
            )
        if isinstance(node, ScalarNode):
            return self.scalar(node, loc)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*loc, i)) for i, item in enumerate(node.value)]
        return self.mapping(node, loc)

    def mapping(self, node: MappingNode, loc: tuple[str | int, ...]) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        first_line: dict[Any, int] = {}
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
            if key in out:
                self.problem(key_node, t("yaml.duplicate_key", key=key, first_line=first_line[key]))
                continue
            first_line[key] = key_node.start_mark.line + 1 + self.offset
            out[key] = self.build(value_node, (*loc, key))
        return out

    def scalar(self, node: ScalarNode, loc: tuple[str | int, ...]) -> Any:
        tag = node.tag
        if not node.style:  # plain scalars are where YAML 1.1 guesses types
            value = node.value
            if tag == _TAG + "bool" and value.lower() not in _BOOL_OK:
                as_bool = "true" if value.lower() in _TRUE_WORDS else "false"
                problem = InputProblem(
                    self.path,
                    node.start_mark.line + 1 + self.offset,
                    node.start_mark.column + 1,
                    t("yaml.ambiguous_bool", value=value, as_bool=as_bool),
                )
                if loc and loc[-1] == "<key>":
                    self.problems.append(problem)
                else:
                    self.ambiguous.append((loc, problem))
                return value
            if tag in (_TAG + "int", _TAG + "float") and _OCTAL_OR_SEXAGESIMAL.match(value):
                number = _construct(node)
                self.problem(node, t("yaml.ambiguous_number", value=value, as_number=number))
                return value
        try:
            return _construct(node)
        except (ValueError, OverflowError, yaml.YAMLError) as exc:  # 2026-02-30, a bad base64 …
            self.problem(node, t("yaml.bad_value", value=node.value[:40], error=exc))
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
