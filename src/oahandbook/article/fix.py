"""Apply the mechanical fixes that findings carry (``Finding.replacement``) to a draft's text.

Only what a finding offers is applied, and only where it is safe: never in the front matter,
code, URLs, link targets, HTML or character references (whatever the prose view masks), never
a waived finding, and of two edits that overlap only the first. Fixing the fixed text again
changes nothing: every fix removes its own finding.
"""

from __future__ import annotations

from collections.abc import Iterable

from oahandbook.article.draft import parse_draft
from oahandbook.base.errors import InputError
from oahandbook.base.textio import line_starts
from oahandbook.engine.findings import Finding


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with the replacement of every finding applied (positions are 1-based lines and
    columns in characters, the end exclusive, as :class:`~oahandbook.engine.findings.Finding`
    gives them). Findings without a replacement, waived ones, edits that overlap an earlier one
    and edits that would touch anything but the body's prose are skipped."""
    edits = _edits(text, findings)
    if not edits:
        return text
    try:
        draft = parse_draft(text, "-")
    except InputError:
        return text  # unusable front matter: the check reports it, and nothing is fixed
    prose, body = draft.prose, draft.body_offset
    parts: list[str] = []
    last = 0  # end of the last edit applied
    point = -1  # offset of the last insertion applied
    for start, end, new in edits:
        if start < last or (start == end == point):
            continue  # overlaps an edit already applied (or a second insertion at one place)
        if start < body or not _prose(text, prose, start, end):
            continue
        parts.append(text[last:start])
        parts.append(new)
        last = end
        if start == end:
            point = start
    parts.append(text[last:])
    return "".join(parts)


def _edits(text: str, findings: Iterable[Finding]) -> list[tuple[int, int, str]]:
    """The findings' replacements as (start, end, new) offsets in ``text``, in order, once each."""
    starts: list[int] | None = None
    found: set[tuple[int, int, str]] = set()
    for f in findings:
        if f.replacement is None or f.waived or f.end_line is None or f.end_column is None:
            continue
        if starts is None:
            starts = line_starts(text)
        start = _offset(starts, text, f.line, f.column)
        end = _offset(starts, text, f.end_line, f.end_column)
        if start is None or end is None or end < start:
            continue
        found.add((start, end, f.replacement))
    return sorted(found)


def _offset(starts: list[int], text: str, line: int, column: int) -> int | None:
    """The offset of a 1-based line and column, or None when the text has no such place."""
    if not 1 <= line <= len(starts) or column < 1:
        return None
    offset = starts[line - 1] + column - 1
    line_end = starts[line] - 1 if line < len(starts) else len(text)
    return offset if offset <= line_end else None


def _prose(text: str, prose: str, start: int, end: int) -> bool:
    """The characters an edit replaces, and for an insertion its two neighbours, are prose as
    written (the prose view masks front matter, code, URLs, link targets, HTML and references)."""
    if start == end:
        low, high = max(start - 1, 0), min(end + 1, len(text))
        # An insertion may sit next to a line break (at a line's start or end).
        return all(text[i] == prose[i] or text[i] == "\n" for i in range(low, high))
    return text[start:end] == prose[start:end]
