"""Typography of Chinese prose, as AutoCorrect (``autocorrect-py``) corrects it.

AutoCorrect formats the draft's prose once; what it changed, character by character, becomes
edits of four kinds, each reported by its own rule (TY01–TY04) with the edit as the finding's
replacement:

- ``latin-spacing``: a space between a Chinese character and a Latin letter (使用 Python 编写);
- ``digit-spacing``: a space between a Chinese character and a digit (共 3 人);
- ``punctuation``: a half-width comma, full stop, colon, question or exclamation mark after a
  Chinese character, or between a digit and one, becomes full-width (你好，世界);
- ``punctuation-spacing``: spaces beside full-width punctuation are removed (你好，世界).

Only prose is read: front matter, code, URLs, link targets and HTML are masked in the prose view,
and AutoCorrect leaves the masked characters and their neighbours alone. Whatever else it would
change (and an edit of ours next to markup or masked text) is dropped: a fix must be
mechanical and safe, never a matter of judgement.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import NamedTuple

from oahandbook.article.draft import Draft, cut_numbers
from oahandbook.base.textio import line_bounds, line_starts
from oahandbook.data.registry import check_type
from oahandbook.engine.findings import Hit
from oahandbook.engine.redaction import redact_source
from oahandbook.engine.textnorm import BOUNDARY, SOFT

# The rules AutoCorrect may apply: the others (brackets, backticks, dashes, full-width letters,
# spelling) change what needs judgement, or markup. Its configuration is global to the process.
_CONFIG = (
    '{"rules": {"space-word": 1, "space-punctuation": 1, "fullwidth": 1, "no-space-fullwidth": 1,'
    ' "space-bracket": 0, "space-backticks": 0, "space-dash": 0, "space-dollar": 0,'
    ' "halfwidth-word": 0, "halfwidth-punctuation": 0, "spellcheck": 0}}'
)
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"

_FULL_WIDTH = {",": "，", ".": "。", ":": "：", "?": "？", "!": "！", ";": "；"}
# Full-width punctuation that takes no space beside it.
_NO_SPACE = set("，。：；！？、（）《》【】〈〉「」『』“”‘’")
_NO_SPACE_CLASS = "".join(sorted(_NO_SPACE))


class _Patterns(NamedTuple):
    han: re.Pattern[str]  # one Chinese character
    # Where AutoCorrect could change something of ours; other lines are not given to it. The
    # pattern starts at the ASCII character of each pair (letter, digit, mark or space) and
    # looks around it: two to ten times faster than starting at every Chinese character.
    candidate: re.Pattern[str]
    unsettled: re.Pattern[str]  # a half-width mark still after a Chinese character


@functools.cache
def _patterns() -> _Patterns:
    """Compiled on first use, not at import: the Chinese ranges take milliseconds to compile,
    and a pre-commit run whose drafts are all Chinese-only (or hidden) never needs them."""
    return _Patterns(
        re.compile(f"[{_HAN}]"),
        re.compile(
            f"[A-Za-z0-9,.:?!; \\t](?:(?<=[{_HAN}][A-Za-z0-9,.:?!;])|(?<=[{_NO_SPACE_CLASS}][ \\t])"
            f"|(?<=[A-Za-z0-9,.:?!;])(?=[{_HAN}])|(?<=[ \\t])(?=[{_NO_SPACE_CLASS}]))"
        ),
        re.compile(f"[{_HAN}][,.:?!;]"),
    )


_MASKED = (BOUNDARY, SOFT)
_WINDOW = 8  # characters of the line shown on each side of an edit
_PASSES = 5  # AutoCorrect passes at most per line (two settle every line seen so far)


class Edit(NamedTuple):
    kind: str
    start: int  # offsets in the draft's text; start == end for an insertion
    end: int
    new: str


_configured = False


def _format(text: str) -> str:
    global _configured
    import autocorrect_py

    if not _configured:
        autocorrect_py.load_config(_CONFIG)
        _configured = True
    return autocorrect_py.format(text)


def edits(draft: Draft) -> list[Edit]:
    """Every typography edit of the draft's body, in order (computed once per draft)."""
    if "typography" not in draft.cache:
        draft.cache["typography"] = list(_edits(draft))
    return draft.cache["typography"]


def _edits(draft: Draft) -> Iterator[Edit]:
    prose = draft.prose
    if prose.isascii() or not _patterns().han.search(prose):
        return
    text = draft.text
    lines = prose.split("\n")
    # The prose view's own lines (a blank line's break is masked in it), at the text's offsets.
    starts = line_starts(prose)
    for i, old in enumerate(lines):
        if old.isascii() or not _patterns().candidate.search(old):
            continue
        new = _settled(old)
        if new == old:
            continue
        base = starts[i]
        found = _line_edits(old, new, base)
        if text[base : base + len(old)] == old:  # nothing masked on the line (the common case)
            yield from found
            continue
        for edit in found:
            # The characters touched and their neighbours are prose as written (not a character
            # reference, not markup): otherwise the edit could change what is not prose.
            low, high = max(edit.start - 1, 0), min(edit.end + 1, len(text))
            if text[low:high] == prose[low:high]:
                yield edit


def _settled(line: str) -> str:
    """The line as AutoCorrect formats it, formatted again until it stops changing: one pass
    leaves every other mark of 甲.乙.丙 (its matches do not overlap), and a fix must leave
    nothing for a second run. Each line on its own: in a longer text AutoCorrect leaves the
    mark at a line's end (贵呢!) alone, which it corrects at the end of a text."""
    for _ in range(_PASSES):
        new = _format(line)
        # Only a half-width mark left after a Chinese character can change in another pass.
        if new == line or not _patterns().unsettled.search(new):
            return new
        line = new
    return line


def _line_edits(old: str, new: str, base: int) -> list[Edit]:
    """The edits of ours that turn the line ``old`` (at offset ``base``) into ``new``, found by
    aligning the two: AutoCorrect only inserts spaces, removes spaces and swaps punctuation
    one for one. A line that does not align that way gives none."""
    out: list[Edit] = []
    n, m = len(old), len(new)
    i = j = 0
    gap = -1  # where a run of removed spaces starts in ``old`` (-1: none open)
    while i < n or j < m:
        if gap >= 0 and not (i < n and old[i] in " \t" and (j >= m or new[j] not in " \t")):
            # A run of removed spaces ends: never a line's indentation or trailing spaces
            # (Markdown reads both), never next to markup; only beside full-width punctuation.
            left, right = (new[j - 1] if j else ""), (new[j] if j < m else "")
            inside = left.strip() and right.strip() and left not in _MASKED and right not in _MASKED
            if inside and (left in _NO_SPACE or right in _NO_SPACE):
                out.append(Edit("punctuation-spacing", base + gap, base + i, ""))
            gap = -1
        if i < n and j < m and old[i] == new[j]:
            run = _common(old, i, new, j)
            i, j = i + run, j + run
        elif i < n and old[i] in " \t" and (j >= m or new[j] not in " \t"):
            if gap < 0:
                gap = i
            i += 1
        elif j < m and new[j] == " ":
            kind = _spacing(new[j - 1] if j else "", new[j + 1] if j + 1 < m else "")
            if kind:
                out.append(Edit(kind, base + i, base + i, " "))
            j += 1
        elif i < n and j < m and _FULL_WIDTH.get(old[i]) == new[j]:
            # After a Chinese character (你好,世界), or between a number and one (共 3 人,其中):
            # not between Latin words and Chinese (hello,世界), which may be English.
            left, right = (old[i - 1] if i else ""), (old[i + 1] if i + 1 < n else "")
            if _patterns().han.match(left) or (left.isascii() and left.isdigit() and _patterns().han.match(right)):
                out.append(Edit("punctuation", base + i, base + i + 1, new[j]))
            i, j = i + 1, j + 1
        else:
            return []  # a change of another kind: nothing on this line is ours to fix
    return out  # spaces removed at the line's end (trailing, never ours) are left


def _common(old: str, i: int, new: str, j: int) -> int:
    """How many characters ``old[i:]`` and ``new[j:]`` share at their start: edits are sparse,
    so the run is found by comparing slices (in C), doubling then halving, not char by char."""
    limit = min(len(old) - i, len(new) - j)
    step = 16
    low = 0  # a length known to match
    while low + step <= limit and old[i + low : i + low + step] == new[j + low : j + low + step]:
        low += step
        step *= 2
    high = min(low + step, limit + 1)  # a length known not to match, or one past the limit
    while high - low > 1:
        mid = (low + high) // 2
        if old[i : i + mid] == new[j : j + mid]:
            low = mid
        else:
            high = mid
    return low


def _spacing(left: str, right: str) -> str | None:
    """The kind of a space inserted between ``left`` and ``right``: a Chinese character on one
    side and a Latin letter or a digit on the other."""
    if _patterns().han.match(left):
        other = right
    elif _patterns().han.match(right):
        other = left
    else:
        return None
    if other.isascii() and other.isalpha():
        return "latin-spacing"
    if other.isascii() and other.isdigit():
        return "digit-spacing"
    return None


def _shown(text: str, start: int, end: int, new: str) -> tuple[str, str]:
    """The line around an edit, before and after it (masked: no number shown whole)."""
    line_start, line_end = line_bounds(text, start, end)
    low, high = max(line_start, start - _WINDOW), min(line_end, end + _WINDOW)
    before, after = cut_numbers(text, low, start), cut_numbers(text, end, high)
    # The user's words verbatim, as a lexicon finding's context: password-shaped runs masked too.
    return redact_source(before + text[start:end] + after).strip(), redact_source(before + new + after).strip()


def _hits(kind: str, rule, draft: Draft, ctx) -> Iterator[Hit]:
    text = draft.text
    # Typesetting the report would hide (a suggestion, by default) is not computed at all: it
    # is house style, not a problem, and formatting every prose line costs a quarter of a full
    # check of mixed Chinese and English text. It is neither shown nor counted among the hidden;
    # --min-severity suggestion (or a waiver naming a rule) brings it back.
    if ctx.counts_only(rule, rule.severity):
        return
    for edit in edits(draft):
        if edit.kind != kind:
            continue
        line, column = draft.position(edit.start)
        end_line, end_column = draft.position(edit.end)
        before, after = _shown(text, edit.start, edit.end, edit.new)
        yield Hit(
            line,
            column,
            {"before": before, "after": after},
            end_line=end_line,
            end_column=end_column,
            replacement=edit.new,
        )


@check_type("cjk-typography", target="article", params="oahandbook.article.params:TypographyParams")
def cjk_typography(rule, params, draft: Draft, ctx) -> Iterator[Hit]:
    """AutoCorrect's edits of one kind (``params.kind``): spaces between Chinese and Latin letters
    or digits (its space-word), half-width punctuation after Chinese (fullwidth), spaces beside
    full-width punctuation (no-space-fullwidth)."""
    return _hits(params.kind, rule, draft, ctx)
