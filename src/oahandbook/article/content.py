"""What the lexicons find in a draft, and how a finding's level follows from its neighbours.

Every lexicon (objects, intents, context markers) is matched once per draft and scope (title,
digest, author, body) in one automaton pass over the normal form, plus the few regular
expressions some entries use. The ``lexicon`` check type then judges each object it reports:

1. its own level (the entry's severity; entries marked ``alone: false`` count only in company);
2. a **combination**: an intent (sell, supply, contact…) or another listed partner in the same
   sentence within a short window, in either order, sets the combination's level (an error);
3. the **context**: markers of news, publicity, courts or history nearby (or in the title)
   lower it to a suggestion (a warning if sales markers clearly outnumber them); sales and
   contact markers raise an object found alone by one level (a warning becomes an error only
   with two or more of them).

Each finding carries the reason that decided its level.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any, NamedTuple

from oahandbook.article.draft import SOFT
from oahandbook.base.i18n import SEVERITIES, SEVERITY_RANK, SEVERITY_WORDS
from oahandbook.engine.lexicons import FlatLexicon, LexiconTerm, lexicon_pairs
from oahandbook.engine.textnorm import BOUNDARY, Matcher, NormalText, Term, hidden_by

LEVELS = SEVERITY_RANK
LEVEL_NAMES = dict(enumerate(SEVERITIES))
# What ends a sentence in the original text (the normal form has no punctuation left).
_SENTENCE_END = re.compile(r"[。！？!?；;\x00]|\n[ \t]*\n")
# Partners closer than this (in normal-form characters) combine even across punctuation:
# 出。售。冰。毒 spells one phrase with dots between the characters.
_ADJACENT = 2
_BOUNDARY_RUN = re.compile(BOUNDARY + "+")
_NEIGHBOURS = 12
# The title of a book, film or article in the original text: 《三位资深程序员的面试跳槽经验分享》.
_WORK_TITLE = re.compile(r"《[^《》\n]{1,80}》")


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
        self._pools: dict[tuple[str, ...], tuple[list[Match], list[int]]] = {}

    def only(self, selectors: list[str]) -> tuple[list[Match], list[int]]:
        """The matches of entries ``selectors`` select, and their starts (built once per list of
        selectors): a rule looks for its partners and markers among these only, so that a
        draft dense with objects costs a lookup per object, not a scan of its neighbours."""
        key = tuple(selectors)
        pool = self._pools.get(key)
        if pool is None:
            parts = [self._by_selector.get(s, []) for s in selectors]
            parts = [part for part in parts if part]
            if len(parts) == 1:
                chosen = parts[0]
            else:  # in text order, once each (a category and one of its groups select alike)
                rank = self._rank
                chosen = sorted({id(m): m for part in parts for m in part}.values(), key=lambda m: rank[id(m)])
            pool = self._pools[key] = (chosen, [m.start for m in chosen])
        return pool

    @functools.cached_property
    def _rank(self) -> dict[int, int]:
        return {id(m): i for i, m in enumerate(self.matches)}

    @functools.cached_property
    def _by_selector(self) -> dict[str, list[Match]]:
        """``category`` and ``category/group`` -> their matches in text order (one pass)."""
        out: dict[str, list[Match]] = {}
        for m in self.matches:
            entry = m.entry
            out.setdefault(entry.category, []).append(m)
            if entry.group is not None:
                out.setdefault(f"{entry.category}/{entry.group}", []).append(m)
        return out

    @functools.cached_property
    def in_object(self) -> Callable[[int, int], bool]:
        """Whether a span crosses the edge of an object word (see :func:`_overlap_test`)."""
        return _overlap_test([(m.start, m.end) for m in self.matches if m.entry.kind == "object"])

    @functools.cached_property
    def _paragraph_ends(self) -> list[int]:
        text = self.normal.text
        return [m.start() for m in _BOUNDARY_RUN.finditer(text)] if BOUNDARY in text else []

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

    @functools.cached_property
    def _work_titles(self) -> list[tuple[int, int]]:
        return [m.span() for m in _WORK_TITLE.finditer(self.original)] if "《" in self.original else []

    def work_title(self, match: Match) -> tuple[int, int] | None:
        """The 《…》 in the original text that holds ``match`` and more, if any: words in the
        name of a book or a film are not acts (赠送《经验分享》 rewards nobody for sharing). A
        term alone in brackets (出售《冰毒》) is no title but a dodge."""
        titles = self._work_titles
        if not titles:
            return None
        start, end = self.span(match.start, match.end)
        i = bisect.bisect_right(titles, (start, len(self.original))) - 1
        if i < 0 or titles[i][1] < end:
            return None
        title = titles[i]
        return title if (title[1] - title[0] - 2) - (end - start) >= 2 else None

    def around(self, match: Match, pool: tuple[list[Match], list[int]] | None = None) -> list[Match]:
        """Other matches (of ``pool``, see :meth:`only`) in the same characters (反恐怖主义法
        and 反恐 over 恐怖主义)."""
        matches, starts = pool if pool is not None else (self.matches, self.starts)
        low = bisect.bisect_left(starts, match.start - 40)
        high = bisect.bisect_left(starts, match.end)
        return [
            other
            for other in matches[low:high]
            if other is not match and other.start < match.end and match.start < other.end
        ]

    def near(
        self,
        match: Match,
        window: int,
        *,
        same_paragraph: bool = True,
        pool: tuple[list[Match], list[int]] | None = None,
    ) -> Iterator[Match]:
        """Matches (of ``pool``, see :meth:`only`) whose gap to ``match`` is at most ``window``
        normal-form characters (in the same paragraph unless told otherwise), nearest first,
        not overlapping ``match``."""
        # At most _NEIGHBOURS matches on each side: dense text (a term repeated 20,000 times)
        # must cost linear time; ordinary text never has that many markers within a window.
        matches, starts = pool if pool is not None else (self.matches, self.starts)
        here = bisect.bisect_left(starts, match.start)
        low = max(bisect.bisect_left(starts, match.start - window - 64), here - _NEIGHBOURS)
        high = min(bisect.bisect_right(starts, match.end + window), here + _NEIGHBOURS)
        if low >= high:
            return iter(())
        paragraph = self.paragraph(match.start)
        found = []
        for other in matches[low:high]:
            if other.start < match.end and match.start < other.end:
                continue
            gap = other.start - match.end if other.start >= match.end else match.start - other.end
            if gap <= window and (not same_paragraph or self.paragraph(other.start) == paragraph):
                found.append((gap, other))
        found.sort(key=lambda item: item[0])
        return (other for _, other in found)


class Lexicons:
    """Every lexicon of a run in one matcher, built once per run."""

    def __init__(
        self,
        lexicons: list[FlatLexicon],
        allow_terms: list[str],
        folding: Any,
        reach: int = 200,
        index: dict[str, list[object]] | None = None,
        needed: dict[str, set[str]] | None = None,
        prefixes: dict[str, tuple[int, ...]] | None = None,
        around: dict[str, set[str]] | None = None,
    ):
        """``index``: a prebuilt matcher index (a cached runtime's; its lexicons come without
        their spellings, which live in the index). ``needed``: per scope, the categories some
        rule reads there (only their patterns run); None: every category everywhere.
        ``around``: per intent or context category, the categories of the objects some rule
        qualifies with it (its patterns run only near those); None: near every object."""
        self.reach = reach  # how far from an object intents and context markers can matter
        self.needed = needed
        self.around = around
        # Sources, compiled on first use (``re`` keeps what it compiled): a clean draft never
        # pays for the context patterns.
        self.patterns: list[tuple[LexiconTerm, str, str | None, int, tuple[str, ...] | None]] = []
        self.groups: dict[tuple[str, str], dict[str, str]] = {}
        folded: list[tuple[str, object]] = []
        for lexicon in lexicons:
            folded.extend(lexicon_pairs(lexicon, folding))
            self.patterns.extend(lexicon.patterns)
            for group, label in lexicon.groups.items():
                self.groups[(lexicon.category, group)] = label
        allowed = [Term(phrase, None) for phrase in allow_terms]
        self.matcher = Matcher(allowed, folding, folded, index, prefixes)

    def scope(
        self,
        name: str,
        original: str,
        where: Callable[[int], tuple[int, int]],
    ) -> Scope:
        """What the lexicons find in one scope (only the patterns of the categories some rule
        reads in this scope run)."""
        categories = self.needed.get(name, set()) if self.needed is not None else None
        normal = self.matcher.normal_text(original)
        allowed: list[tuple[int, int, str | None]] = []
        found = [Match(term.payload, start, end) for term, start, end in self.matcher.find_normal(normal, allowed)]  # type: ignore[arg-type]
        terms_end = len(found)
        patterns = [p for p in self.patterns if categories is None or p[0].category in categories]
        if patterns and normal.text:
            text = normal.text
            for entry, source, anchor, width, gate in (p for p in patterns if p[0].kind == "object"):
                if gate is None or (gate[0] in text if len(gate) == 1 else _gate_regex(gate).search(text)):
                    regex = re.compile(source)
                    found.extend(Match(entry, a, b) for a, b in _pattern_matches(text, regex, anchor, width))
            # Intents and context markers only matter near an object that some rule qualifies
            # with them (a price near a drug, not near 第一): their patterns run there.
            objects = [m for m in found if m.entry.kind == "object"]
            spans_for: dict[frozenset[str] | None, list[tuple[int, int]]] = {}
            if objects:
                for entry, source, anchor, width, gate in (p for p in patterns if p[0].kind != "object"):
                    near = self.around.get(entry.category, set()) if self.around is not None else None
                    key = frozenset(near) if near is not None else None
                    spans = spans_for.get(key)
                    if spans is None:
                        spans = spans_for[key] = merge_spans(
                            (max(0, m.start - self.reach), min(len(text), m.end + self.reach))
                            for m in objects
                            if near is None or m.entry.category in near
                        )
                    if not spans:
                        continue
                    regex = re.compile(source)
                    for start, end in spans:
                        if gate is not None and (
                            text.find(gate[0], start, end) < 0
                            if len(gate) == 1
                            else not _gate_regex(gate).search(text, start, end)
                        ):
                            continue
                        found.extend(
                            Match(entry, a, b) for a, b in _pattern_matches(text, regex, anchor, width, start, end)
                        )
        if allowed and len(found) > terms_end:  # allowed phrases hide pattern matches too
            hidden = hidden_by(allowed)
            found[terms_end:] = [m for m in found[terms_end:] if not hidden(m.start, m.end, m.entry.category)]
        found.sort(key=lambda m: (m.start, -m.end))
        return Scope(name, original, normal, _dedupe(found), where)

    def group_label(self, entry: LexiconTerm) -> dict[str, str] | None:
        if entry.group is None:
            return None
        return self.groups.get((entry.category, entry.group), {"zh": entry.group, "en": entry.group})


def _overlap_test(spans: list[tuple[int, int]], longest: int = 24) -> Callable[[int, int], bool]:
    """A test of whether (start, end) crosses the edge of one of ``spans`` (shares characters
    with it without lying inside it); spans are words, at most ``longest`` characters."""
    ordered = sorted(spans)
    starts = [a for a, _ in ordered]

    def crosses(start: int, end: int) -> bool:
        for i in range(bisect.bisect_left(starts, start - longest), bisect.bisect_left(starts, end)):
            a, b = ordered[i]
            if b > start and not (a <= start and end <= b):
                return True
        return False

    return crosses


def merge_spans(spans: Iterable[tuple[int, int]], gap: int = 300) -> list[tuple[int, int]]:
    """Spans joined where they overlap or lie close (one regex call beats several short ones)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1] + gap:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


@functools.lru_cache(maxsize=256)
def _gate_regex(gate: tuple[str, ...]) -> re.Pattern[str]:
    """One pass over a text finds whichever of a gate's literals comes first."""
    return re.compile("|".join(map(re.escape, gate)))


def _pattern_matches(
    text: str, pattern: re.Pattern[str], anchor: str | None, width: int, begin: int = 0, stop: int | None = None
) -> Iterator[tuple[int, int]]:
    """Matches of a pattern in ``text[begin:stop]``, looked for around its anchor while that
    reads less of the text than one pass over all of it."""
    stop = len(text) if stop is None else stop
    if anchor is None or text.count(anchor, begin, stop) * (2 * width + len(anchor) + 200) > stop - begin:
        yield from (m.span() for m in pattern.finditer(text, begin, stop) if m.end() > m.start())
        return
    seen: set[tuple[int, int]] = set()
    at = text.find(anchor, begin, stop)
    while at != -1:
        start, end = max(begin, at - width), min(stop, at + len(anchor) + width)
        for m in pattern.finditer(text, start, end):
            if m.end() > m.start() and m.start() <= at < m.end() and m.span() not in seen:
                seen.add(m.span())
                yield m.span()
        at = text.find(anchor, at + 1, stop)


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


_SELECTORS: dict[tuple[str, ...], tuple[frozenset[str], frozenset[tuple[str, str]]]] = {}


def selects(selectors: list[str], entry: LexiconTerm) -> bool:
    """``category`` or ``category/group`` selectors (parsed once per list of selectors)."""
    key = tuple(selectors)
    parsed = _SELECTORS.get(key)
    if parsed is None:
        categories = frozenset(s for s in selectors if "/" not in s)
        groups = frozenset(tuple(s.split("/", 1)) for s in selectors if "/" in s)
        parsed = _SELECTORS[key] = (categories, groups)  # type: ignore[assignment]
    categories, groups = parsed
    return entry.category in categories or (entry.category, entry.group) in groups


class Judgement(NamedTuple):
    level: str
    start: int  # normal-form span reported (the object, or object and partner together)
    end: int
    obj: Match
    partner: Match | None
    reason: dict[str, str]


def judge(
    scope: Scope,
    params: Any,
    default: str,
    lexicons: Lexicons,
    title_lowered: list[Match],
    title_scope: Scope | None = None,
    body_lowered: list[Match] | None = None,
    body_scope: Scope | None = None,
) -> list[Judgement]:
    """The findings of one rule in one scope, most severe first where they overlap.

    The context counts distinct markers within ``context_window`` characters on either side,
    across paragraph breaks (for a combination, mentions only in its own paragraph): markers of
    news, courts or publicity (or in the title) lower a finding to a suggestion, or to a warning
    when sales markers clearly outnumber them; sales markers alone raise an object found on
    its own by one level (from a warning to an error only when there are two or more; from a
    suggestion to an error when there are three or more), never above the rule's severity.
    """
    combine, lower, raise_, context_window = params.combine, params.lower, params.raise_, params.context_window
    ceiling = LEVELS[default]
    judged: list[Judgement] = []
    # An intent that crosses the edge of an object word is part of that word (有卖 in 有卖淫),
    # not an intent of its own (one inside it, 出售 in 出售冰毒, still is).
    in_object = scope.in_object if combine else None
    # (None when no match could be one: most objects are judged without a neighbour lookup.)
    lowering = scope.only(lower) if lower else None
    raising = scope.only(raise_) if raise_ else None
    lowering = lowering if lowering and lowering[0] else None
    raising = raising if raising and raising[0] else None
    for match in scope.only(params.categories)[0]:
        entry = match.entry
        if entry.kind != "object":
            continue
        level = LEVELS[entry.severity or default] if entry.alone else -1
        partner = None
        for combination in combine:
            if combination.objects and not selects(combination.objects, entry):
                continue
            rank = LEVELS[combination.severity]
            if rank <= level:
                continue
            partners = scope.only(combination.with_)
            for other in scope.near(match, combination.window, pool=partners) if partners[0] else ():
                if (
                    scope.same_sentence(match, other)
                    and (other.entry.kind == "object" or not in_object(other.start, other.end))
                    and scope.work_title(other) == scope.work_title(match)
                ):
                    level, partner = rank, other
                    break
        if level < 0:
            continue
        reason = (
            _reason_partner(partner, shown(partner, scope), lexicons)
            if partner
            else {"zh": "单独出现", "en": "found on its own"}
        )
        # Sales markers count across paragraphs: an offer gives its price and contact details in
        # the next lines. So do mentions for an object on its own; but a combination (an offer
        # spelled out in one sentence) is lowered only by a mention in its own paragraph, so
        # that one news-like line elsewhere cannot excuse it.
        lows: list[Match] = []
        if lowering is not None:
            mentions = list(scope.near(match, context_window, same_paragraph=False, pool=lowering))
            if partner is not None and mentions:
                paragraph = scope.paragraph(match.start)
                mentions = [m for m in mentions if scope.paragraph(m.start) == paragraph]
            lows = _distinct((*scope.around(match, lowering), *mentions))
        where = None  # where the lowering markers are, when not around the object: title or body
        if lower and not lows and title_lowered and scope.name != "title":
            lows, where = _distinct(title_lowered), "title"
        elif lower and not lows and body_lowered and scope.name == "title" and partner is None:
            # A title's word on its own is read with its article: a police or court text below
            # it is a mention (an offer spelled out in the title is not excused).
            lows, where = _distinct(body_lowered[:3]), "body"
        highs: list[Match] = []
        if raising is not None:
            nearby = scope.near(match, context_window, same_paragraph=False, pool=raising)
            highs = _distinct(m for m in nearby if m is not partner)
        if lows:
            # A mention wins unless sales markers clearly outnumber it (an anti-fraud notice
            # quotes the offers it warns about).
            new = min(level, LEVELS["warning"] if len(highs) > len(lows) + 1 else LEVELS["suggestion"])
            if new < level:
                level = new
                marker = shown(lows[0], {"title": title_scope, "body": body_scope}.get(where or "", scope))
                reason = _reason_context(reason, marker, LEVEL_NAMES[level], lower=True, where=where)
        elif highs and partner is None and level < ceiling and (level == 0 or len(highs) >= 2):
            # One level; two from a suggestion when three or more markers say it is an offer.
            level = min(ceiling, level + (2 if level == 0 and len(highs) >= 3 else 1))
            reason = _reason_context(reason, shown(highs[0], scope), LEVEL_NAMES[level], lower=False)
        start = min(match.start, partner.start) if partner else match.start
        end = max(match.end, partner.end) if partner else match.end
        judged.append(Judgement(LEVEL_NAMES[level], start, end, match, partner, reason))
    return _most_severe(judged)


def _distinct(matches: Iterable[Match]) -> list[Match]:
    """One match per listed entry and per place (the same marker twice is one marker, and so
    are two entries found in the same characters: 加微 inside 加微信)."""
    seen: set[int] = set()
    taken: set[int] = set()  # characters already counted (markers are short: a few each)
    out = []
    for m in matches:
        if id(m.entry) in seen or any(i in taken for i in range(m.start, m.end)):
            continue
        seen.add(id(m.entry))
        taken.update(range(m.start, m.end))
        out.append(m)
    return out


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


def shown(match: Match, scope: Scope | None) -> str:
    """The lexicon entry a match stands for, as users read it: the listed term, or for a
    pattern the text it matched (masked: it may hold a number)."""
    if not match.entry.is_pattern:
        return match.entry.term
    if scope is None:
        return "…"
    from oahandbook.engine.redaction import redact

    start, end = scope.span(match.start, match.end)
    return redact(visible(scope.original[start:end]))


_INVISIBLE = re.compile(r"[\u00ad\u200b-\u200f\u2060-\u2064\ufeff]")
_FOUND_MAX = 40


def visible(found: str) -> str:
    """Matched text on one line, with invisible characters shown (so editors see the trick)."""
    found = found.replace("\n", "").replace(BOUNDARY, "").replace(SOFT, "")
    if len(found) > _FOUND_MAX:
        found = found[: _FOUND_MAX // 2] + "…" + found[-_FOUND_MAX // 2 :]
    return _INVISIBLE.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", found)


def _reason_partner(partner: Match, term: str, lexicons: Lexicons) -> dict[str, str]:
    label = lexicons.group_label(partner.entry)
    if label:
        return {
            "zh": f"与“{term}”（{label['zh']}）同句出现",
            "en": f"in the same sentence as '{term}' ({label['en']})",
        }
    return {"zh": f"与“{term}”同句出现", "en": f"in the same sentence as '{term}'"}


def _reason_context(
    before: dict[str, str], term: str, level: str, *, lower: bool, where: str | None = None
) -> dict[str, str]:
    if lower:
        where_zh, where_en = {
            "title": ("标题中", f"'{term}' in the title"),
            "body": ("正文中", f"'{term}' in the body"),
        }.get(where or "", ("附近", f"'{term}' nearby"))
        return {
            "zh": f"{before['zh']}；{where_zh}有“{term}”，像是新闻、宣传或法律语境，因此降为{SEVERITY_WORDS[level]['zh']}",
            "en": f"{before['en']}; {where_en} reads as news, publicity or law, so lowered to {level}",
        }
    return {
        "zh": f"{before['zh']}；附近有“{term}”，像是在销售或留联系方式，因此升为{SEVERITY_WORDS[level]['zh']}",
        "en": f"{before['en']}; '{term}' nearby reads as a sale or contact details, so raised to {level}",
    }
