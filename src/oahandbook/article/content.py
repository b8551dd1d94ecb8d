"""What the lexicons find in a draft, and how a finding's level follows from its neighbours.

Every lexicon (objects, intents, context markers) is matched once per draft and scope (title,
digest, author, body) in one automaton pass over the normal form, plus the few regular
expressions some entries use. The ``lexicon`` check type then judges each object it reports:

1. its own level (the entry's severity; entries marked ``alone: false`` count only in company);
2. a **combination**: an intent (sell, supply, contact…) or another listed partner in the same
   sentence within a short window, in either order, sets the combination's level (an error);
3. the **context**: markers of news, publicity, courts or history nearby (or in the title)
   lower it to a suggestion (a warning if sales markers are there too); sales and contact
   markers raise an object found alone by one level.

Each finding carries the reason that decided its level.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from oahandbook.article.lexicons import FlatLexicon, LexiconTerm
from oahandbook.textnorm import BOUNDARY, Matcher, NormalText, Term

LEVELS = {"suggestion": 0, "warning": 1, "error": 2}
LEVEL_NAMES = {v: k for k, v in LEVELS.items()}
LEVEL_WORDS = {"suggestion": "提示", "warning": "警告", "error": "错误"}
# What ends a sentence in the original text (the normal form has no punctuation left).
_SENTENCE_END = re.compile(r"[。！？!?；;\x00]|\n[ \t]*\n")
# Partners closer than this (in normal-form characters) combine even across punctuation:
# 出。售。冰。毒 spells one phrase with dots between the characters.
_ADJACENT = 2
_BOUNDARY_RUN = re.compile(BOUNDARY + "+")


class Match(NamedTuple):
    entry: LexiconTerm
    start: int  # in the normal form
    end: int


@dataclass
class Scope:
    """The matches in one scope of one draft, and what is needed to judge and place them."""

    name: str
    original: str  # the scope's text (the body's prose view, or a field's value)
    normal: NormalText
    matches: list[Match]
    where: Callable[[int], tuple[int, int]]  # original offset -> (line, column)

    def __post_init__(self) -> None:
        self.starts = [m.start for m in self.matches]
        text = self.normal.text
        self._paragraph_ends = [m.start() for m in _BOUNDARY_RUN.finditer(text)] if BOUNDARY in text else []

    def paragraph(self, n: int) -> int:
        return bisect.bisect_right(self._paragraph_ends, n)

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.normal.original_span(start, end)

    def same_sentence(self, a: Match, b: Match) -> bool:
        first, second = (a, b) if a.start <= b.start else (b, a)
        if second.start - first.end <= _ADJACENT:
            return True
        gap_start = self.normal.original_index(max(first.end - 1, first.start))
        gap_end = self.normal.original_index(second.start)
        return _SENTENCE_END.search(self.original, gap_start + 1, gap_end) is None

    def near(self, match: Match, window: int) -> Iterator[Match]:
        """Matches whose gap to ``match`` is at most ``window`` normal-form characters, in the
        same paragraph, nearest first (not ``match`` itself or matches overlapping it)."""
        low = bisect.bisect_left(self.starts, match.start - window - 64)
        high = bisect.bisect_right(self.starts, match.end + window)
        paragraph = self.paragraph(match.start)
        found = []
        for other in self.matches[low:high]:
            if other.start < match.end and match.start < other.end:
                continue
            gap = other.start - match.end if other.start >= match.end else match.start - other.end
            if gap <= window and self.paragraph(other.start) == paragraph:
                found.append((gap, other))
        found.sort(key=lambda item: item[0])
        return (other for _, other in found)


class Lexicons:
    """Every lexicon of a run in one matcher, built once per run."""

    def __init__(self, lexicons: list[FlatLexicon], allow_terms: list[str], folding: Any):
        terms: list[Term] = []
        self.patterns: list[tuple[LexiconTerm, re.Pattern[str]]] = []
        self.groups: dict[tuple[str, str], dict[str, str]] = {}
        for lexicon in lexicons:
            for entry, spellings in lexicon.terms:
                terms.extend(Term(spelling, entry) for spelling in spellings)
            terms.extend(Term(phrase, None) for phrase in lexicon.allow)
            self.patterns.extend((entry, re.compile(source)) for entry, source in lexicon.patterns)
            for group, label in lexicon.groups.items():
                self.groups[(lexicon.category, group)] = label
        terms.extend(Term(phrase, None) for phrase in allow_terms)
        self.matcher = Matcher(terms, folding)

    def scope(self, name: str, original: str, where: Callable[[int], tuple[int, int]]) -> Scope:
        normal = self.matcher.normal_text(original)
        found = [Match(term.payload, start, end) for term, start, end in self.matcher.find_normal(normal)]  # type: ignore[arg-type]
        if self.patterns and normal.text:
            for entry, pattern in self.patterns:
                found.extend(
                    Match(entry, m.start(), m.end()) for m in pattern.finditer(normal.text) if m.end() > m.start()
                )
        found.sort(key=lambda m: (m.start, -m.end))
        return Scope(name, original, normal, _dedupe(found), where)

    def group_label(self, entry: LexiconTerm) -> dict[str, str] | None:
        if entry.group is None:
            return None
        return self.groups.get((entry.category, entry.group), {"zh": entry.group, "en": entry.group})


def _dedupe(matches: list[Match]) -> list[Match]:
    """One match per entry and span (several spellings of one term can end at the same place)."""
    seen: set[tuple[int, int, int]] = set()
    out = []
    for m in matches:
        key = (m.start, m.end, id(m.entry))
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def selects(selectors: list[str], entry: LexiconTerm) -> bool:
    """``category`` or ``category/group`` selectors."""
    for selector in selectors:
        category, _, group = selector.partition("/")
        if entry.category == category and (not group or entry.group == group):
            return True
    return False


class Judgement(NamedTuple):
    level: str
    start: int  # normal-form span reported (the object, or object and partner together)
    end: int
    obj: Match
    partner: Match | None
    reason: dict[str, str]


def judge(scope: Scope, params: Any, default: str, lexicons: Lexicons, title_lowered: Match | None) -> list[Judgement]:
    """The findings of one rule in one scope, most severe first where they overlap."""
    categories = set(params.categories)
    combine = getattr(params, "combine", None) or []
    lower = getattr(params, "lower", None) or []
    raise_ = getattr(params, "raise_", None) or []
    context_window = getattr(params, "context_window", 40)
    judged: list[Judgement] = []
    for match in scope.matches:
        entry = match.entry
        if entry.category not in categories or entry.kind != "object":
            continue
        level = LEVELS[entry.severity or default] if entry.alone else -1
        partner = None
        for combination in combine:
            if combination.objects and not selects(combination.objects, entry):
                continue
            rank = LEVELS[combination.severity]
            if rank <= level:
                continue
            for other in scope.near(match, combination.window):
                if selects(combination.with_, other.entry) and scope.same_sentence(match, other):
                    level, partner = rank, other
                    break
        if level < 0:
            continue
        reason = _reason_partner(partner, lexicons) if partner else {"zh": "单独出现", "en": "found on its own"}
        lowered = raised = None
        in_title = False
        if lower:
            lowered = next((m for m in scope.near(match, context_window) if selects(lower, m.entry)), None)
            if lowered is None and title_lowered is not None and scope.name != "title":
                lowered, in_title = title_lowered, True
        if raise_:
            raised = next((m for m in scope.near(match, context_window) if selects(raise_, m.entry)), None)
        if lowered is not None:
            new = min(level, LEVELS["warning"] if raised is not None else LEVELS["suggestion"])
            if new < level:
                level = new
                reason = _reason_context(reason, lowered, LEVEL_NAMES[level], lower=True, in_title=in_title)
        elif raised is not None and partner is None and level < LEVELS["error"]:
            level += 1
            reason = _reason_context(reason, raised, LEVEL_NAMES[level], lower=False, in_title=False)
        start = min(match.start, partner.start) if partner else match.start
        end = max(match.end, partner.end) if partner else match.end
        judged.append(Judgement(LEVEL_NAMES[level], start, end, match, partner, reason))
    return _most_severe(judged)


def _most_severe(judged: list[Judgement]) -> list[Judgement]:
    """Overlapping findings are one problem: keep the most severe (then the longest)."""
    ordered = sorted(judged, key=lambda j: (-LEVELS[j.level], -(j.end - j.start), j.start))
    starts: list[int] = []  # the kept spans, sorted and disjoint
    ends: list[int] = []
    kept: list[Judgement] = []
    for j in ordered:
        i = bisect.bisect_right(starts, j.start)
        if (i and ends[i - 1] > j.start) or (i < len(starts) and starts[i] < j.end):
            continue
        starts.insert(i, j.start)
        ends.insert(i, j.end)
        kept.append(j)
    kept.sort(key=lambda j: j.start)
    return kept


def _reason_partner(partner: Match, lexicons: Lexicons) -> dict[str, str]:
    label = lexicons.group_label(partner.entry)
    if label:
        return {
            "zh": f"与“{partner.entry.term}”（{label['zh']}）同句出现",
            "en": f"in the same sentence as '{partner.entry.term}' ({label['en']})",
        }
    return {"zh": f"与“{partner.entry.term}”同句出现", "en": f"in the same sentence as '{partner.entry.term}'"}


def _reason_context(
    before: dict[str, str], marker: Match, level: str, *, lower: bool, in_title: bool
) -> dict[str, str]:
    term = marker.entry.term
    if lower:
        where_zh, where_en = ("标题中", f"'{term}' in the title") if in_title else ("附近", f"'{term}' nearby")
        return {
            "zh": f"{before['zh']}；{where_zh}有“{term}”，像是新闻、宣传或法律语境，因此降为{LEVEL_WORDS[level]}",
            "en": f"{before['en']}; {where_en} reads as news, publicity or law, so lowered to {level}",
        }
    return {
        "zh": f"{before['zh']}；附近有“{term}”，像是在销售或留联系方式，因此升为{LEVEL_WORDS[level]}",
        "en": f"{before['en']}; '{term}' nearby reads as a sale or contact details, so raised to {level}",
    }
