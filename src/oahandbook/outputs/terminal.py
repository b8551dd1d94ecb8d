"""Text laid out for a terminal: how many columns a character takes (CJK and full-width ones
take two), wrapping by columns, and a source line with a finding's span marked under it.

Only ``unicodedata`` (built in) is imported at start-up: the help of every command wraps its
Chinese with :func:`wrap`, and a pre-commit run must stay cheap.
"""

from __future__ import annotations

import functools
import re
import shutil
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

TAB = "    "  # a tab is shown as four spaces, as rustc does: the marker then lines up everywhere
CUT = "..."  # ASCII: "…" is of ambiguous width and takes two columns in some CJK terminals
# Chinese punctuation that must not begin a line (it stays with the character before it).
_NO_LINE_START = set("，。、；：？！）》」』】”’〉…—%,.;:?!)]}")


def char_width(ch: str) -> int:
    """Columns ``ch`` takes: 2 for wide and full-width characters (CJK, full-width forms, most
    emoji), 0 for combining marks and invisible format characters, else 1."""
    if ch < "\u0300":  # ASCII and Latin-1: the common case, decided without a table lookup
        return 1
    if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


class _Memo(dict):
    """``function(ch)`` per character, looked up as ``memo[ch]``: ``map(memo.__getitem__, text)``
    then runs in C for every character seen before (a Python call per character made the full
    report's layout a quarter of a check). Bounded: hostile text of every code point empties it."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, ch: str) -> int:
        if len(self) >= 65536:
            self.clear()
        value = self[ch] = self.function(ch)
        return value


_WIDTH = _Memo(char_width)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def text_width(text: str) -> int:
    """Columns ``text`` takes on one terminal line."""
    if text.isascii():
        return len(text)
    # ASCII letters take one column each; only the others are looked up.
    wide = _NON_ASCII.findall(text)
    return len(text) - len(wide) + sum(map(_WIDTH.__getitem__, wide))


def columns(default: int = 100) -> int:
    """The terminal's width (``COLUMNS`` wins), kept between 40 and 160 for readable lines."""
    return max(40, min(160, shutil.get_terminal_size((default, 24)).columns))


# What a reader copies whole: a waiver comment, a `code span`. Kept on one line when it fits.
_WHOLE = re.compile(r"<!--.*?-->|`[^`]*`")


def _tokens(text: str) -> Iterator[str]:
    """Pieces a line may break between: words of narrow letters (with the spaces after them),
    single wide characters, punctuation glued to what precedes it, and waiver comments and
    code spans whole."""
    at = 0
    for match in _WHOLE.finditer(text):
        yield from _pieces(text[at : match.start()])
        yield match.group()
        at = match.end()
    yield from _pieces(text[at:])


def _pieces(text: str) -> Iterator[str]:
    word = ""
    width = _WIDTH
    for ch in text:
        if ch in _NO_LINE_START and word:
            word += ch
            continue
        if width[ch] == 2:
            if word:
                yield word
            word = ch
            continue
        if word and width[word[-1]] == 2:
            yield word
            word = ""
        word += ch
        if ch == " ":
            yield word
            word = ""
    if word:
        yield word


def wrap(text: str, width: int) -> list[str]:
    """``text`` broken into lines of at most ``width`` columns (a longer word stays whole):
    between words, between CJK characters, never before a closing punctuation mark."""
    return list(_wrapped(text, width))


@functools.lru_cache(maxsize=256)
def _wrapped(text: str, width: int) -> tuple[str, ...]:
    """:func:`wrap`, remembered: a rule's advice is the same text under each of its findings."""
    lines: list[str] = []
    line, used = "", 0
    for token in _tokens(" ".join(text.split())):
        size = text_width(token.rstrip(" "))
        if line and used + size > width:
            lines.append(line.rstrip(" "))
            line, used = "", 0
            token = token.lstrip(" ")
        line += token
        used += text_width(token)
    if line.strip():
        lines.append(line.rstrip(" "))
    return tuple(lines)


# How a character of a source line is printed: tabs as spaces, control characters as their
# visible symbols (U+2400…), so that the marker line below stays aligned and nothing in a
# draft drives the terminal; C1 controls (0x80-0x9f, 0x9b opens a sequence), line and paragraph
# separators and bidirectional overrides (the rest of base.printable's control class) as a
# replacement sign.
_SHOWN = {code: chr(0x2400 + code) for code in range(0x20)} | {0x09: TAB, 0x7F: "\u2421"}
_SHOWN |= dict.fromkeys([*range(0x80, 0xA0), 0x2028, 0x2029, *range(0x202A, 0x202F), *range(0x2066, 0x206A)], "\ufffd")


def _shown(ch: str) -> str:
    return _SHOWN.get(ord(ch), ch)


def _columns_shown(ch: str) -> int:
    return text_width(_shown(ch))


_SHOWN_WIDTH = _Memo(_columns_shown)


@dataclass(frozen=True, slots=True)
class Excerpt:
    """A source line as printed (``text``) and the column where its marker starts (0-based) and
    how many columns it spans."""

    text: str
    start: int
    width: int

    def marker(self, char: str = "^") -> str:
        return " " * self.start + char * self.width


def excerpt(
    line: str, start: int, end: int | None, budget: int, *, more_before: bool = False, more_after: bool = False
) -> Excerpt:
    """Line ``line`` laid out for a terminal of ``budget`` columns, with characters
    ``start``..``end`` (0-based, end exclusive; None or not after ``start``: one character)
    marked. Tabs and control characters are made visible; a line wider than the budget is cut
    around the span, and each cut side shows ``...``. ``more_before``, ``more_after``: ``line``
    is a part of the line, which goes on before it, after it (that side shows ``...``)."""
    start = max(0, min(start, len(line)))
    end = start + 1 if end is None or end <= start else min(end, len(line))
    budget = max(budget, 20)
    # Only the characters that can be shown are laid out (a 4 MB line of one paragraph would
    # cost its whole length for each finding): the span's first ``budget``, and as many on
    # each side. Each is at least one column wide but for marks and format characters.
    reach = min(end, start + budget)
    first, last = max(0, start - budget), min(len(line), reach + budget)
    head_more, tail_more = more_before or first > 0, more_after or last < len(line)
    line, start, end = line[first:last], start - first, min(end, reach) - first
    pieces = list(map(_shown, line)) if not line.isprintable() else list(line)
    widths = list(map(_SHOWN_WIDTH.__getitem__, line))
    span = max(1, sum(widths[start:end]))  # a span past the line's end is one column after it
    if sum(widths) <= budget and not (head_more or tail_more):
        return Excerpt("".join(pieces), sum(widths[:start]), span)
    # Cut: the span first (itself cut if too wide), then context on both sides in turn.
    room = budget - 2 * len(CUT)
    if span > room:
        stop, used = start, 0
        while stop < end and used + widths[stop] <= room:
            used += widths[stop]
            stop += 1
        end, span = max(stop, start + 1), max(used, 1)
    left, right, used = start, end, span
    while True:  # context on the side with less of it first, as long as it fits
        can_left = left > 0 and used + widths[left - 1] <= room
        can_right = right < len(pieces) and used + widths[right] <= room
        if not (can_left or can_right):
            break
        if can_left and (not can_right or start - left <= right - end):
            left -= 1
            used += widths[left]
        else:
            used += widths[right]
            right += 1
    head = CUT if left > 0 or head_more else ""
    tail = CUT if right < len(pieces) or tail_more else ""
    text = head + "".join(pieces[left:right]) + tail
    return Excerpt(text, len(head) + sum(widths[left:start]), span)
