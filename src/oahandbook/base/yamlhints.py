"""Explain the YAML mistakes people make by hand, at the place to edit, in the user's language.

libyaml says what it could not read and where it *noticed*, which is often not where the slip
is: a full-width colon (``title：通知``) is noticed at the next key, an unclosed quote at the end
of the file. Each diagnoser below knows one slip: it looks at the source around libyaml's marks
and, when it recognises its slip, says where the slip is and how to fix it. The table
``DIAGNOSERS`` says which of libyaml's problems each one can explain; the first that recognises
its slip wins, else a general explanation. libyaml's English text follows in parentheses.

Messages name keys and positions, never values: a value may be a password (``admin_password:
&Gm5p…`` is an anchor to YAML). A key is named only when it looks like a field name.

Everything here runs only once a document failed to load, and stays linear in its size.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from oahandbook.base.i18n import t
from oahandbook.base.printable import shaped_like_a_value
from oahandbook.base.textio import YAML_ONLY_BREAKS, line_starts

MAX_KEY = 40
_LOOK_BACK = 500  # lines a diagnoser walks back from libyaml's mark at most
_HEAD = 400  # a key is looked for in the first characters of a line (bounded regex work)

# A field name: what our schemas use (snake case, rule codes) or a short Chinese word.
_NAMEABLE = re.compile(r"[a-z][a-z0-9_]*(?:[-.][a-z0-9_]+)*|[A-Z]{1,4}[0-9]{1,4}|[\u4e00-\u9fff]{1,12}")
_INDENT = re.compile(r"[ \t]*(?:-[ \t]+)*")
# ``key:`` at the start of a line (after list dashes), followed by a space or the line's end.
_KEY_SEP = re.compile(r"[ \t]*(?:-[ \t]+)*(?P<key>\"[^\"\n]*\"|'[^'\n]*'|[^\s#:\"'\[\]{},][^#:\n]*?)[ \t]*:(?:[ \t]|$)")
# ``key：`` with no ASCII colon before the full-width one.
_FULL_WIDTH_COLON = re.compile(r"[ \t]*(?:-[ \t]+)*(?P<key>[^\s:：#\"'\[\]{},][^:：\n]{0,39}?)[ \t]*：")
# ``key:value``: a word, an ASCII colon and no space (``https://`` is not a key).
_NO_SPACE = re.compile(r"[ \t]*(?:-[ \t]+)*(?P<key>[A-Za-z_\u4e00-\u9fff][^\s:：#\"']{0,39}):(?=[^\s/:])")
_ODD_SPACES = {"\u3000": "yaml.space.ideographic", "\xa0": "yaml.space.nbsp"}
_LEADING_ODD_SPACE = re.compile(r"[ \t]*[\u3000\xa0]")
_CHINESE_CLOSE = {'"': "”", "'": "’"}
_CLOSERS = {'"': '"', "'": "'", "[": "]", "{": "}"}


@dataclass(frozen=True, slots=True)
class Mistake:
    """What libyaml reported, with 0-based positions in the YAML text as editors count them."""

    problem: str
    context: str
    line: int
    column: int
    context_line: int | None = None
    context_column: int | None = None


@dataclass(frozen=True, slots=True)
class Slip:
    """Where the mistake is (0-based) and the explanation, in the current language."""

    line: int
    column: int
    explanation: str


class Source:
    """The YAML text by lines, with character indexes (libyaml columns count characters)."""

    __slots__ = ("_starts", "lines", "offset", "text")

    def __init__(self, text: str, line_offset: int = 0):
        self.text = text
        self.lines = text.split("\n")
        self.offset = line_offset  # lines of the file before the YAML (a draft's ``---``)
        self._starts: list[int] | None = None

    def shown(self, line: int) -> int:
        """The 1-based line number a message names, counted in the file."""
        return line + 1 + self.offset

    def line(self, number: int) -> str:
        if 0 <= number < len(self.lines):
            return self.lines[number].rstrip("\r")
        return ""

    def index(self, line: int, column: int) -> int:
        if self._starts is None:
            self._starts = line_starts(self.text)
        line = min(max(line, 0), len(self._starts) - 1)
        return min(self._starts[line] + column, len(self.text))

    def position(self, index: int) -> tuple[int, int]:
        line = self.text.count("\n", 0, index)
        return line, index - (self.text.rfind("\n", 0, index) + 1)


# --------------------------------------------------------------------------- words


def _head(pattern: re.Pattern[str], text: str) -> re.Match[str] | None:
    """``pattern`` matched at the start of a line's first characters: a line of a million
    spaces costs no more than a short one."""
    return pattern.match(text, 0, _HEAD)


def nameable(key: str) -> bool:
    """A key we may print: it looks like a field name, not like a value (or a secret)."""
    return len(key) <= MAX_KEY and _NAMEABLE.fullmatch(key) is not None and not shaped_like_a_value(key)


def key_words(key: str | None) -> str:
    return t("yaml.key.named", key=key) if key and nameable(key) else t("yaml.key.unnamed")


def fix_text(key: str | None, value: str) -> str:
    """How the line should read: ``title: "…"`` (the key only when it may be printed)."""
    name = key if key and nameable(key) else t("yaml.word.key")
    return f"{name}: {value}"


def _unquote(key: str) -> str:
    return key[1:-1] if key[:1] in "\"'" and key[-1:] == key[:1] and len(key) > 1 else key.strip()


def key_on_line(src: Source, line: int, column: int | None = None) -> str | None:
    """The key whose value is at (line, column): ``key:`` before it on the line, else the line
    above ending with ``key:`` (a value written on its own line)."""
    text = src.line(line)
    match = _head(_KEY_SEP, text)
    if match and (column is None or match.end() <= column):
        return _unquote(match.group("key"))
    if column is not None and not text[:column].strip(" \t-"):
        for above in range(line - 1, max(-1, line - 5), -1):
            previous = src.line(above)
            if not previous.strip() or previous.lstrip().startswith("#"):
                continue
            match = _head(_KEY_SEP, previous)
            if match and not previous[match.end() :].split("#")[0].strip():
                return _unquote(match.group("key"))
            break
    return None


def _indent(text: str) -> int:
    return len(text) - len(text.lstrip(" "))


def _key_column(text: str) -> int:
    """Where the key (or the item) of a line starts, after its indentation and list dashes."""
    return _INDENT.match(text).end()  # type: ignore[union-attr]


def _is_content(text: str) -> bool:
    stripped = text.strip()
    return bool(stripped) and not stripped.startswith("#")


# --------------------------------------------------------------------------- slips of one line


def line_slip(src: Source, number: int, text: str | None = None) -> Slip | None:
    """A slip that makes a line unreadable as ``key: value`` on its own: indentation with a
    full-width or no-break space, a full-width colon, no space after the colon."""
    text = src.line(number) if text is None else text
    odd = _LEADING_ODD_SPACE.match(text)
    if odd:
        char = text[odd.end() - 1]
        return Slip(number, odd.end() - 1, t("yaml.slip.odd_space", space=t(_ODD_SPACES[char])))
    match = _head(_FULL_WIDTH_COLON, text)
    if match:
        key = match.group("key")
        return Slip(
            number, match.end() - 1, t("yaml.slip.full_width_colon", key=key_words(key), fix=fix_text(key, "…"))
        )
    match = _head(_NO_SPACE, text)
    if match:
        key = match.group("key")
        return Slip(number, match.end() - 1, t("yaml.slip.missing_space", key=key_words(key), fix=fix_text(key, "…")))
    return None


# --------------------------------------------------------------------------- quotes


def _closing(text: str, start: int, quote: str) -> int:
    """Index of the quote that closes the one at ``start``, or -1 (YAML's escapes: ``''`` in
    single quotes, a backslash in double quotes)."""
    at = start + 1
    while True:
        end = text.find(quote, at)
        if end < 0:
            return -1
        if quote == "'":
            if text.startswith("''", end):
                at = end + 2
                continue
            return end
        back = end - 1
        while back > start and text[back] == "\\":
            back -= 1
        if (end - 1 - back) % 2:
            at = end + 1
            continue
        return end


def _after_block_scalar(text: str, at: int) -> int:
    """The index after a ``|`` or ``>`` block: the lines indented deeper than the one at ``at``."""
    line_start = text.rfind("\n", 0, at) + 1
    base = _indent(text[line_start:at])
    end = text.find("\n", at)
    while end >= 0:
        nxt = text.find("\n", end + 1)
        line = text[end + 1 : nxt if nxt >= 0 else len(text)]
        if line.strip() and _indent(line) <= base:
            return end + 1
        end = nxt
    return len(text)


def _ends_key(text: str, at: int, depth: int) -> bool:
    """Whether the colon at ``at`` ends a key (a space or the end follows; in ``[…]`` a comma too)."""
    after = text[at + 1 : at + 2]
    return after in ("", " ", "\t", "\n") or (depth > 0 and after in (",", "]", "}"))


def quoted_spans(text: str, stop: int) -> list[tuple[int, int, str]]:
    """(opening index, closing index or -1, quote) of the quoted scalars opening before ``stop``.

    A quote opens a scalar only where a token starts (after indentation, ``- ``, ``: ``, or in
    ``[…]``/``{…}`` after a comma); inside plain text it is just a character."""
    spans: list[tuple[int, int, str]] = []
    at, size, depth, token_start = 0, len(text), 0, True
    while at < size and at <= stop:
        char = text[at]
        if char == "\n":
            token_start = True
        elif char in " \t\r":
            pass
        elif char == "#" and (at == 0 or text[at - 1] in " \t\n"):
            end = text.find("\n", at)
            at = size if end < 0 else end
            continue
        elif token_start and char in "\"'":
            close = _closing(text, at, char)
            spans.append((at, close, char))
            if close < 0:
                break
            at, token_start = close + 1, False
            continue
        elif token_start and char in "-?" and (at + 1 >= size or text[at + 1] in " \t\n"):
            pass
        elif token_start and char in "[{":
            depth += 1
        elif token_start and char in "|>" and not depth:
            at = _after_block_scalar(text, at)
            continue
        elif char in "]}" and depth:
            depth, token_start = depth - 1, False
        elif (char == "," and depth) or (char == ":" and _ends_key(text, at, depth)):
            token_start = True
        else:
            token_start = False
        at += 1
    return spans


def _unclosed_at(src: Source, index: int) -> Slip:
    line, column = src.position(index)
    quote = src.text[index]
    rest = src.line(line)[column + 1 :]
    close = _CHINESE_CLOSE[quote]
    if close in rest and quote not in rest:
        return Slip(line, column, t("yaml.slip.chinese_close", quote=quote, close=close))
    return Slip(line, column, t("yaml.slip.unclosed_quote", quote=quote))


_KEY_LINE_INSIDE = re.compile(r"\n[ \t]*(?:-[ \t]+)?[A-Za-z_\u4e00-\u9fff][\w\u4e00-\u9fff-]{0,39}:[ \t]")


def _unclosed_quote(src: Source, err: Mistake) -> Slip | None:
    if err.context.startswith("while scanning a quoted scalar") and err.context_line is not None:
        return _unclosed_at(src, src.index(err.context_line, err.context_column or 0))
    at = src.index(err.line, err.column)
    spans = quoted_spans(src.text, at)
    if not spans:
        return None
    start, close, _ = spans[-1]
    if close < 0 or close >= at:
        return _unclosed_at(src, start)
    inside = src.text[start:close]
    if "\n" in inside and (src.position(close)[0] == err.line or _KEY_LINE_INSIDE.search(inside)):
        # a quote left open swallowed lines up to the next quote; libyaml trips after it
        return _unclosed_at(src, start)
    return None


def _escape(src: Source, err: Mistake) -> Slip | None:
    if err.context_line is None:
        return None
    key = key_on_line(src, err.context_line, err.context_column)
    return Slip(err.line, err.column, t("yaml.slip.escape", fix=fix_text(key, "'…'")))


# --------------------------------------------------------------------------- indentation


def _tab(src: Source, err: Mistake) -> Slip | None:
    text = src.line(err.line)
    if "tab" not in err.problem and text[err.column : err.column + 1] != "\t":
        return None
    lead = _INDENT.match(text).group()  # type: ignore[union-attr]
    column = lead.find("\t")
    if column < 0:
        if text[err.column : err.column + 1] != "\t":
            return None
        column = err.column
    return Slip(err.line, column, t("yaml.slip.tab"))


def _odd_indent(src: Source, err: Mistake) -> Slip | None:
    for line in (err.line, err.context_line):
        if line is None:
            continue
        text = src.line(line)
        odd = _LEADING_ODD_SPACE.match(text)
        if odd:
            char = text[odd.end() - 1]
            return Slip(line, odd.end() - 1, t("yaml.slip.odd_space", space=t(_ODD_SPACES[char])))
    return None


# --------------------------------------------------------------------------- colons


def _colon_slips(src: Source, err: Mistake) -> Slip | None:
    """``mapping values are not allowed here``: libyaml met ``: `` inside a plain value. The
    value began on this line (a colon in the value) or above (a key line it could not read:
    full-width colon, no space after the colon, or a line indented too deep)."""
    line = src.line(err.line)
    here = _head(_KEY_SEP, line)
    if here and here.end() <= err.column:
        key = _unquote(here.group("key"))
        return Slip(
            err.line, err.column, t("yaml.slip.colon_in_value", key=key_words(key), fix=fix_text(key, '"…: …"'))
        )
    first_content: int | None = None
    for number in range(err.line, max(-1, err.line - _LOOK_BACK), -1):
        text = line[: err.column] if number == err.line else src.line(number)
        if not text.strip():
            continue
        if text.lstrip().startswith("#"):
            break
        slip = line_slip(src, number, text)
        if slip:
            return slip
        if number < err.line and (_head(_KEY_SEP, text) or text.lstrip().startswith("- ")):
            sep = _head(_KEY_SEP, text)
            has_value = sep is None or bool(text[sep.end() :].split(" #")[0].strip())
            if not has_value:
                # ``key:`` alone: the value began on the next line, which has no colon
                if first_content is not None and first_content != err.line:
                    return _no_colon_at(src, first_content)
                return None
            if _indent(line) > _key_column(text):
                return Slip(err.line, _indent(line), t("yaml.slip.over_indented", line=src.shown(number)))
            return None
        first_content = number
    return None


def _no_colon_at(src: Source, number: int, column: int | None = None) -> Slip:
    column = _key_column(src.line(number)) if column is None else column
    return Slip(number, column, t("yaml.slip.no_colon", fix=fix_text(None, t("yaml.word.value"))))


def _simple_key(src: Source, err: Mistake) -> Slip | None:
    """``could not find expected ':'``: a line at key position that is not ``key: value``."""
    if err.context_line is None:
        return line_slip(src, err.line) or _no_colon_at(src, err.line)
    return line_slip(src, err.context_line) or _no_colon_at(src, err.context_line, err.context_column)


def _odd_break(src: Source, err: Mistake) -> Slip | None:
    """U+2028 and its kin end a line for libyaml but not in an editor: the "line" libyaml
    complains about starts in the middle of one."""
    for line, column in ((err.line, err.column), (err.context_line, err.context_column)):
        if line is None:
            continue
        found = YAML_ONLY_BREAKS.search(src.line(line), 0, (column or 0) + 1)
        if found:
            code = f"U+{ord(found.group()):04X}"
            return Slip(line, found.start(), t("yaml.slip.line_separator", code=code))
    return None


# --------------------------------------------------------------------------- values that mean something else


def _special_start(src: Source, err: Mistake) -> Slip | None:
    contexts = {
        "while scanning an anchor": "yaml.slip.anchor",
        "while scanning an alias": "yaml.slip.alias",
        "while scanning a tag": "yaml.slip.tag",
    }
    line, column = err.line, err.column
    key_name = contexts.get(err.context)
    if key_name is not None and err.context_line is not None:
        line, column = err.context_line, err.context_column or 0
    elif err.problem.startswith("found undefined alias"):
        key_name = "yaml.slip.alias"
    elif err.problem.startswith("found undefined tag handle"):
        key_name = "yaml.slip.tag"
        if err.context_line is not None:
            line, column = err.context_line, err.context_column or 0
    elif err.context == "while scanning a block scalar" and err.context_line is not None:
        line, column = err.context_line, err.context_column or 0
        char = src.line(line)[column : column + 1] or "|"
        key = key_on_line(src, line, column)
        return Slip(line, column, t("yaml.slip.block", char=char, fix=fix_text(key, '"…"')))
    elif err.problem.startswith("found character that cannot start any token"):
        char = src.line(line)[column : column + 1]
        if char not in ("@", "`", "%"):
            return None
        key = key_on_line(src, line, column)
        return Slip(line, column, t("yaml.slip.special_start", char=char, fix=fix_text(key, '"…"')))
    if key_name is None:
        return None
    key = key_on_line(src, line, column)
    return Slip(line, column, t(key_name, fix=fix_text(key, '"…"')))


def _closed_early(src: Source, err: Mistake) -> Slip | None:
    """``title: "国庆"放假`` or ``title: [转载]国庆``: the value ends at the closing quote or
    bracket, and libyaml cannot read the text after it."""
    text = src.line(err.line)
    sep = _head(_KEY_SEP, text)
    start = sep.end() if sep else _key_column(text)
    while start < len(text) and text[start] in " \t":
        start += 1
    opener = text[start : start + 1]
    if opener not in _CLOSERS or start >= err.column:
        return None
    if opener in "\"'":
        close = _closing(text, start, opener)
    else:
        close, depth = -1, 0
        for at in range(start, err.column):
            if text[at] == opener:
                depth += 1
            elif text[at] == _CLOSERS[opener]:
                depth -= 1
                if not depth:
                    close = at
                    break
    if close < 0 or close >= err.column or text[close + 1 : err.column].strip():
        return None
    key = _unquote(sep.group("key")) if sep else None
    other = "'" if opener == '"' else '"'
    shown = f"{opener}…{_CLOSERS[opener]}…"
    return Slip(
        err.line,
        start,
        t(
            "yaml.slip.closed_early",
            open=opener,
            close=_CLOSERS[opener],
            fix=fix_text(key, f"{other}{shown}{other}"),
        ),
    )


def _unmatched_opener(src: Source, index: int) -> int:
    """Index of the last ``[`` or ``{`` before ``index`` not closed before it, or -1."""
    depth, stop = 0, src.index(max(0, src.position(index)[0] - _LOOK_BACK), 0)
    for at in range(min(index, len(src.text)) - 1, stop - 1, -1):
        char = src.text[at]
        if char in "]}":
            depth += 1
        elif char in "[{":
            if not depth:
                return at
            depth -= 1
    return -1


def _flow_unclosed(src: Source, err: Mistake) -> Slip | None:
    line, column = err.line, err.column
    if err.context_line is not None:
        line, column = err.context_line, err.context_column or 0
    opener = src.line(line)[column : column + 1]
    if opener not in ("[", "{"):
        at = _unmatched_opener(src, src.index(err.line, err.column))
        if at < 0:
            return None
        line, column = src.position(at)
        opener = src.text[at]
    key = key_on_line(src, line, column)
    what = t("yaml.what.list" if opener == "[" else "yaml.what.map")
    return Slip(
        line,
        column,
        t("yaml.slip.flow_unclosed", open=opener, close=_CLOSERS[opener], what=what, fix=fix_text(key, '"…"')),
    )


# --------------------------------------------------------------------------- lists and alignment


def _item_at(text: str, column: int) -> bool:
    return text[column : column + 1] == "-" and text[column + 1 : column + 2] in ("", " ", "\t")


def _list_items(src: Source, err: Mistake) -> Slip | None:
    text = src.line(err.line)
    if err.problem.startswith("block sequence entries are not allowed"):
        key = key_on_line(src, err.line, err.column)
        return Slip(err.line, err.column, t("yaml.slip.item_after_key", key=key_words(key), fix="- …"))
    if err.problem.startswith("did not find expected '-' indicator") and err.context_line is not None:
        first_col = err.context_column or 0
        if _item_at(text, err.column):
            return Slip(
                err.line, err.column, t("yaml.slip.list_indent", line=src.shown(err.context_line), column=first_col + 1)
            )
        return Slip(err.line, err.column, t("yaml.slip.not_an_item", line=src.shown(err.context_line)))
    if not _item_at(text, err.column):
        return None
    for number in range(err.line - 1, max(-1, err.line - _LOOK_BACK), -1):
        above = src.line(number)
        if not _is_content(above):
            continue
        column = _indent(above)
        if _item_at(above, column) and column != err.column:
            return Slip(err.line, err.column, t("yaml.slip.list_indent", line=src.shown(number), column=column + 1))
        if column < err.column:
            break
    return None


def _misaligned_key(src: Source, err: Mistake) -> Slip | None:
    text = src.line(err.line)
    if err.column != _indent(text) or not _head(_KEY_SEP, text):
        return None
    for number in range(err.line - 1, max(-1, err.line - _LOOK_BACK), -1):
        above = src.line(number)
        if _is_content(above) and _head(_KEY_SEP, above):
            column = _key_column(above)
            if column != err.column:
                return Slip(
                    err.line, err.column, t("yaml.slip.misaligned_key", line=src.shown(number), column=column + 1)
                )
            return None
    return None


# --------------------------------------------------------------------------- the table

Diagnoser = Callable[[Source, Mistake], "Slip | None"]

_MAPPING_VALUES = "mapping values are not allowed"
_SIMPLE_KEY = "could not find expected ':'"
_EXPECTED_KEY = "did not find expected key"
_EXPECTED_ITEM = "did not find expected '-' indicator"
_BLOCK_END = "expected <block end>"  # the pure-Python parser's words for the two above

# (libyaml problems a diagnoser can explain, by their start; empty: any), in the order tried.
DIAGNOSERS: tuple[tuple[tuple[str, ...], Diagnoser], ...] = (
    ((), _odd_break),
    (("found unknown escape character", "did not find expected hexdecimal number"), _escape),
    ((), _unclosed_quote),
    (("found a tab character", "found character that cannot start any token"), _tab),
    ((_SIMPLE_KEY, _MAPPING_VALUES, _EXPECTED_KEY, _EXPECTED_ITEM, _BLOCK_END), _odd_indent),
    ((), _special_start),
    ((_EXPECTED_KEY, _EXPECTED_ITEM, _BLOCK_END), _closed_early),
    ((_MAPPING_VALUES,), _colon_slips),
    ((_SIMPLE_KEY,), _simple_key),
    ((_EXPECTED_KEY, _EXPECTED_ITEM, _BLOCK_END, "block sequence entries are not allowed"), _list_items),
    ((_EXPECTED_KEY, _BLOCK_END), _misaligned_key),
    (("did not find expected ',' or", "expected ',' or", "did not find expected node content"), _flow_unclosed),
)


def explain(text: str, err: Mistake, line_offset: int = 0) -> Slip:
    """Where the mistake behind libyaml's ``err`` is, and what to do; libyaml's own place and a
    general explanation when no diagnoser recognises it. Lines named in the explanation count
    ``line_offset`` lines of the file before the YAML."""
    src = Source(text, line_offset)
    for problems, diagnose in DIAGNOSERS:
        if problems and not err.problem.startswith(problems):
            continue
        slip = diagnose(src, err)
        if slip is not None:
            return slip
    return Slip(err.line, err.column, t("yaml.slip.general"))


_QUOTED = re.compile(r"'[^'\s]{3,}'|\"[^\"\s]{3,}\"")


def libyaml_words(problem: str, context: str) -> str:
    """libyaml's English, for the parentheses: anything it quotes from the text is left out
    (the pure-Python parser quotes aliases and tags, which may be values)."""
    words = f"{problem} {context}".strip() if context else problem
    return _QUOTED.sub("'…'", words)
