"""Inline waivers: ``oahandbook-disable CODE: reason`` … ``oahandbook-enable CODE``.

In Markdown they are HTML comments (``<!-- … -->``), in YAML ``#`` comments. A waiver names rule
codes or names; ``disable-next-line`` covers the next non-blank line.

Only words shaped like rule codes (``PC02``) or names (``prohibited.gambling``, ``all``) are
codes; the reason is what follows a colon (``:`` or ``：``). Anything else on the waiver's line
(``PI01 张三身份证…`` with no colon) is neither: it is never kept, so no output can print it,
and the waiver has no reason (WV01 asks for the colon). Parsing is linear in the text: the line
is cut by string searches, never by a pattern that could backtrack.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from oahandbook.base.intervals import Intervals
from oahandbook.base.textio import line_starts
from oahandbook.engine.redaction import redact

# The opening of a waiver; the rest of its line is cut without a pattern.
_HEAD = re.compile(r"(?:<!--|#)[ \t]*oahandbook-(?P<kind>disable-next-line|disable|enable)\b")
# A rule code (PC02, and old codes' shapes), a rule name (prohibited.gambling), or ``all``.
_CODE = re.compile(r"[A-Za-z]{1,6}\d{1,4}|[a-z][a-z0-9_-]{0,40}(?:\.[a-z0-9_-]{1,40}){1,3}|all", re.ASCII)
_SEPARATORS = re.compile(r"[\s,，、;；]+")
_COLON = re.compile(r"[:：]")


@dataclass
class Waiver:
    kind: str
    codes: tuple[str, ...]
    reason: str
    line: int
    column: int
    first: int  # first line covered
    last: int  # last line covered (inclusive)
    used: set[str] = field(default_factory=set)
    # Words after the codes that are no codes and not behind a colon (never kept themselves).
    stray: bool = False

    def covers(self, line: int) -> bool:
        return self.first <= line <= self.last


def split_waiver(body: str) -> tuple[tuple[str, ...], str, bool]:
    """The codes, the reason and whether other words were dropped, of what follows
    ``oahandbook-disable…`` on its line (up to ``-->``)."""
    colon = _COLON.search(body)
    head, reason = (body[: colon.start()], body[colon.end() :].strip()) if colon else (body, "")
    codes: list[str] = []
    stray = False
    for word in _SEPARATORS.split(head.strip()):
        if not word:
            continue
        if not stray and _CODE.fullmatch(word) and redact(word) == word:
            codes.append(word)
        else:
            stray = True  # the first word that is no code ends the codes
    return tuple(codes), reason, stray


def parse_waivers(text: str) -> list[Waiver]:
    if "oahandbook-" not in text:  # the common case costs one substring search
        return []
    lines = text.split("\n")
    starts = line_starts(text)

    out: list[Waiver] = []
    open_by_code: dict[str, Waiver] = {}
    at = eol = 0
    while (match := _HEAD.search(text, at)) is not None:
        line_index = bisect.bisect_right(starts, match.start()) - 1
        line = line_index + 1
        column = match.start() - starts[line_index] + 1
        if match.start() >= eol:  # a new line (several comments on one line share its end)
            eol = text.find("\n", match.end())
            eol = len(text) if eol < 0 else eol
        close = text.find("-->", match.end(), eol)
        end = eol if close < 0 else close
        body = text[match.end() : end].rstrip("\r")
        at = end  # one waiver per comment: what its line holds after it is its reason
        codes, reason, stray = split_waiver(body)
        kind = match["kind"]
        if kind == "disable-next-line":
            target = line + 1
            while target <= len(lines) and not lines[target - 1].strip():
                target += 1
            out.append(Waiver(kind, codes, reason, line, column, target, target, stray=stray))
        elif kind == "disable":
            waiver = Waiver(kind, codes, reason, line, column, line, len(lines), stray=stray)
            out.append(waiver)
            for code in codes:
                open_by_code[code.upper()] = waiver
        else:
            for code in codes:
                opened = open_by_code.pop(code.upper(), None)
                if opened is not None:
                    opened.last = line
    return out


class WaiverIndex:
    """Which waiver covers a line, for a finding's rule keys, in O(log n) per question (a file
    with thousands of waivers and findings once paid findings × waivers)."""

    def __init__(self, waivers: list[Waiver]) -> None:
        ordered = sorted(enumerate(waivers), key=lambda item: item[1].first)  # stable: document order
        self.any: Intervals[tuple[int, Waiver]] = Intervals()
        self.by_key: dict[str, Intervals[tuple[int, Waiver]]] = {}
        for index, waiver in ordered:
            self.any.add(waiver.first, waiver.last, (index, waiver))
            for key in {k for code in waiver.codes for k in (code, code.upper())}:
                self.by_key.setdefault(key, Intervals()).add(waiver.first, waiver.last, (index, waiver))

    def covers(self, line: int) -> bool:
        """Whether any waiver covers ``line``."""
        return self.any.covers(line, line)

    def find(self, line: int, keys: set[str]) -> Waiver | None:
        """The first waiver (in document order) that covers ``line`` and names one of ``keys``."""
        best: tuple[int, Waiver] | None = None
        for key in keys:
            stab = self.by_key.get(key)
            found = stab.first_covering(line, line) if stab is not None else None
            if found is not None and (best is None or found[0] < best[0]):
                best = found
        return best[1] if best is not None else None
