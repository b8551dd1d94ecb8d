"""Inline waivers: ``oahandbook-disable CODE: reason`` … ``oahandbook-enable CODE``.

In Markdown they are HTML comments (``<!-- … -->``), in YAML ``#`` comments. A waiver names rule
codes or names; ``disable-next-line`` covers the next non-blank line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_WAIVER = re.compile(
    r"(?:<!--|#)[ \t]*oahandbook-(?P<kind>disable-next-line|disable|enable)\b"
    r"(?P<codes>[^:\n]*?)"
    r"(?:[ \t]*:[ \t]*(?P<reason>.*?))?[ \t]*(?:-->|$)",
    re.MULTILINE,
)


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

    def covers(self, line: int) -> bool:
        return self.first <= line <= self.last


def parse_waivers(text: str) -> list[Waiver]:
    if "oahandbook-" not in text:  # the common case costs one substring search
        return []
    lines = text.split("\n")
    line_starts = [0]
    for line in lines[:-1]:
        line_starts.append(line_starts[-1] + len(line) + 1)
    import bisect

    out: list[Waiver] = []
    open_by_code: dict[str, Waiver] = {}
    for match in _WAIVER.finditer(text):
        line_index = bisect.bisect_right(line_starts, match.start()) - 1
        line = line_index + 1
        column = match.start() - line_starts[line_index] + 1
        codes = tuple(c for c in re.split(r"[\s,]+", match["codes"].strip()) if c)
        reason = (match["reason"] or "").strip()
        kind = match["kind"]
        if kind == "disable-next-line":
            target = line + 1
            while target <= len(lines) and not lines[target - 1].strip():
                target += 1
            out.append(Waiver(kind, codes, reason, line, column, target, target))
        elif kind == "disable":
            waiver = Waiver(kind, codes, reason, line, column, line, len(lines))
            out.append(waiver)
            for code in codes:
                open_by_code[code.upper()] = waiver
        else:
            for code in codes:
                opened = open_by_code.pop(code.upper(), None)
                if opened is not None:
                    opened.last = line
    return out
