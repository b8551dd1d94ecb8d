"""Normalised matching of Chinese text that cannot be dodged cheaply, with exact original spans.

The normal form folds width (NFKC), Traditional to Simplified, variant characters (a table in
the data), case and Chinese numerals (一 and 幺 read 1), drops zero-width characters, spaces,
punctuation and symbols, and collapses a run of the same CJK character to one. So ``赌 博``,
``賭博``, ``赌.博``, ``赌\u200b博`` and ``赌赌博博`` all read ``赌博``, and ``幺三八`` reads
``138``. Terms go through the same fold, so a term and every spelling of it compare equal.

It is built with ``str.translate`` (C speed) from a table that folds each character the first
time the process meets it; a position in the normal form maps back to the original through
per-block counts, so only the (few) matches pay for the mapping.

Matching uses a Rust Aho-Corasick automaton (``ahocorasick_rs``): one pass over the text finds
every term of every lexicon, at a cost that depends on the text, not on the lexicon's size.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from oahandbook.base.intervals import Intervals

if TYPE_CHECKING:
    from typing import Any

BOUNDARY = "\x00"  # never part of a term: paragraph ends and masked text readers see (code, URLs)
SOFT = "\x01"  # masked markup that renders as nothing (tags, comments, link targets): dropped by the fold
_BLOCK = 256  # small: a position lookup scans one block of the original
_DROP_CATEGORIES = ("P", "Z", "S", "C")
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))
# Chinese numerals that stand for one digit (十, 百 do not: 三十 is not 3 followed by 10).
NUMERALS = {
    **dict.fromkeys("〇零", "0"),
    **dict.fromkeys("一幺壹", "1"),
    **dict.fromkeys("二两贰", "2"),
    **dict.fromkeys("三叁", "3"),
    **dict.fromkeys("四肆", "4"),
    **dict.fromkeys("五伍", "5"),
    **dict.fromkeys("六陆", "6"),
    **dict.fromkeys("七柒", "7"),
    **dict.fromkeys("八捌", "8"),
    **dict.fromkeys("九玖", "9"),
}
# Digits written as circled, parenthesised or negative-circled characters (①, ⑴, ❶, ⓪): the
# personal-data checks and the redaction of printed text read them as numbers too.
CIRCLED_DIGITS = {
    **{chr(0x2460 + i): str(i + 1) for i in range(9)},  # ①-⑨
    **{chr(0x2474 + i): str(i + 1) for i in range(9)},  # ⑴-⑼
    **{chr(0x2776 + i): str(i + 1) for i in range(9)},  # ❶-❾
    "\u24ea": "0",  # ⓪
    "\u24ff": "0",  # ⓿
}
_REPEAT = re.compile(r"([\u3400-\u9fff\uf900-\ufaff])\1+")
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
_GONE = SOFT  # marks a dropped character in the cached BMP fold (SOFT itself is dropped: no fold yields it)

_t2s: dict[str, str] | None = None


def _build_t2s() -> dict[str, str]:
    """Character-level Traditional -> Simplified map of OpenCC's t2s, for the CJK blocks."""
    import opencc

    converter = opencc.OpenCC("t2s")
    out = {}
    for low, high in _CJK_RANGES:
        for code in range(low, high + 1):
            ch = chr(code)
            simplified = converter.convert(ch)
            if simplified != ch and len(simplified) == 1:
                out[ch] = simplified
    return out


def _to_simplified(ch: str) -> str:
    global _t2s
    if _t2s is None:
        from oahandbook.base.cache import cached

        # ~50 ms to build from OpenCC, ~1 ms to read back: every later run skips OpenCC entirely.
        _t2s = cached("t2s", [b"opencc-t2s-chars-v1"], _build_t2s, dict)
    return _t2s.get(ch, ch)


def _is_cjk(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


class Folding:
    """The character fold of the normal form; ``variants`` (character -> character) come from
    the data (``spelling.yaml``). One table per folding, filled lazily per character seen."""

    # Characters folded through the lazy table before the whole-BMP table pays for itself.
    LONG_RUN = 200_000

    def __init__(self, variants: Mapping[str, str] | None = None):
        self.variants = dict(variants or {})
        self._table = _FoldTable(self)
        self._dropped: list[str] = []  # characters the fold drops, in the order first seen
        self._dropped_pattern: tuple[int, re.Pattern[str] | None] = (0, None)
        self._bmp: list[str | None] | None = None
        self._folded = 0  # characters folded so far

    def fold_blocks(self, text: str, soft: bool) -> list[str]:
        """``text`` folded in blocks of ``_BLOCK`` characters (SOFT removed first when ``soft``).

        On a long run, through a list of the fold of every BMP character: a list is indexed
        without hashing or making an int object per lookup, so translating runs about 40%
        faster than through the dict (which stays for short runs, where building the list
        would cost more, and for text with characters beyond the BMP, which the list leaves
        unfolded: the blocks that hold such characters are folded again through the dict)."""
        self._folded += len(text)
        if self._bmp is None and self._folded > self.LONG_RUN:
            self._bmp = self._bmp_table()
        blocks = [text[i : i + _BLOCK] for i in range(0, len(text), _BLOCK)]
        if soft:
            blocks = [block.replace(SOFT, "") for block in blocks]
        if self._bmp is None:
            return [block.translate(self._table) for block in blocks]
        parts = [block.translate(self._bmp) for block in blocks]
        if _ASTRAL.search("".join(parts)):  # (the folded text: less than half the original)
            parts = [self._refold(block, part) for block, part in zip(blocks, parts, strict=True)]
        return parts

    def _refold(self, block: str, part: str) -> str:
        return block.translate(self._table) if _ASTRAL.search(part) else part

    def _bmp_table(self) -> list[str | None]:
        from oahandbook.base.cache import cached, module_sources

        # Keyed by the fold's code too (the table, the numerals, what is dropped) and OpenCC's.
        parts = [
            b"fold-bmp-v1",
            unicodedata.unidata_version.encode(),
            repr(sorted(self.variants.items())).encode(),
            *module_sources("oahandbook.engine.textnorm", "opencc"),
        ]
        # One character per code point, _GONE where the fold drops it (~80 ms to fold, ~3 ms to read back).
        folded = cached("fold-bmp", parts, self._fold_bmp, str)
        table: list[str | None] = list(folded)
        known = set(self._dropped)
        for match in re.finditer(_GONE, folded):
            code = match.start()
            table[code] = None
            self._table.setdefault(code, None)
            if chr(code) not in known:
                self._dropped.append(chr(code))
        return table

    def _fold_bmp(self) -> str:
        out = []
        for code in range(0x10000):
            folded = self.fold(chr(code))
            out.append(_GONE if folded is None else folded)
        return "".join(out)

    def fold(self, ch: str) -> str | None:
        if ch == BOUNDARY:
            return BOUNDARY
        folded = unicodedata.normalize("NFKC", ch)
        if len(folded) != 1:
            folded = ch
        if _is_cjk(folded):
            folded = _to_simplified(folded)
            folded = self.variants.get(folded, folded)
            folded = NUMERALS.get(folded, folded)
        else:
            folded = self.variants.get(folded, folded)
        lower = folded.lower()
        if len(lower) == 1:  # 'İ'.lower() is two characters: keep such a letter as it is
            folded = lower
        if unicodedata.category(folded)[0] in _DROP_CATEGORIES:
            return None
        return folded

    def dropped_pattern(self) -> re.Pattern[str] | None:
        """A character class of every character dropped so far (rebuilt when one is added),
        written as ranges (the whole-BMP table drops some 14,000)."""
        count, pattern = self._dropped_pattern
        if count != len(self._dropped):
            ranges: list[list[int]] = []
            for code in sorted(map(ord, self._dropped)):
                if ranges and code == ranges[-1][1] + 1:
                    ranges[-1][1] = code
                else:
                    ranges.append([code, code])
            chars = "".join(
                re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges
            )
            pattern = re.compile(f"[{chars}]") if chars else None
            self._dropped_pattern = (len(self._dropped), pattern)
        return pattern

    def normal_form(self, text: str) -> str:
        """The normal form of a term or a short text (used for both, so they compare equal)."""
        folded = text.translate(self._table)
        return _REPEAT.sub(r"\1", folded) if _REPEAT.search(folded) else folded

    def normal_text(self, original: str) -> NormalText:
        return NormalText.of(original, self)


class _FoldTable(dict):
    """``str.translate``'s table: a character seen for the first time is folded and kept."""

    def __init__(self, folding: Folding):
        super().__init__()
        self.folding = folding

    def __missing__(self, code: int) -> str | None:
        folded = self.folding.fold(chr(code))
        self[code] = folded
        if folded is None:
            self.folding._dropped.append(chr(code))
        return folded


DEFAULT_FOLDING = Folding()


def normal_form(text: str) -> str:
    """The normal form under the default folding (no variant table)."""
    return DEFAULT_FOLDING.normal_form(text)


@dataclass
class NormalText:
    original: str
    text: str
    _block_ends: list[int]  # folded length after each block of the original
    _dropped: re.Pattern[str] | None  # the characters of this text that the fold drops
    _runs: list[int]  # index in ``text`` of each collapsed run's (kept) first character
    _removed: list[int]  # characters removed by the collapse up to and including each run
    _dropped_at: dict[int, list[int]] = field(default_factory=dict)  # per block, found on demand

    @classmethod
    def of(cls, original: str, folding: Folding | None = None) -> NormalText:
        folding = folding or DEFAULT_FOLDING
        # Masked markup (link targets: half of a link-heavy article) is dropped anyway: removing
        # it first costs a C scan instead of a table lookup per character. (The lookup of SOFT
        # records it as dropped, for the positions.)
        parts = folding.fold_blocks(original, SOFT in original and folding._table[ord(SOFT)] is None)
        ends: list[int] = []
        total = 0
        for part in parts:
            total += len(part)
            ends.append(total)
        pattern = folding.dropped_pattern() if total != len(original) else None
        folded = "".join(parts)
        runs: list[int] = []
        removed: list[int] = []
        repeats = list(_REPEAT.finditer(folded))  # (one scan: a search first would read up to the first twice)
        if repeats:
            pieces, last, total_removed = [], 0, 0
            for match in repeats:
                pieces.append(folded[last : match.start() + 1])
                runs.append(match.start() - total_removed)
                total_removed += match.end() - match.start() - 1
                removed.append(total_removed)
                last = match.end()
            pieces.append(folded[last:])
            folded = "".join(pieces)
        return cls(original, folded, ends, pattern, runs, removed)

    def _folded_index(self, n: int, last: bool) -> int:
        """Index before the collapse: the run's first character, or its last when ``last``."""
        if not self._runs:
            return n
        count = bisect.bisect_right(self._runs, n) if last else bisect.bisect_left(self._runs, n)
        return n + (self._removed[count - 1] if count else 0)

    def _original(self, n: int) -> int:
        block = bisect.bisect_right(self._block_ends, n)
        want = n - (self._block_ends[block - 1] if block else 0)  # kept characters to skip
        start = block * _BLOCK
        if self._dropped is None:
            return min(start + want, len(self.original) - 1)
        dropped = self._dropped_at.get(block)
        if dropped is None:
            dropped = [m.start() for m in self._dropped.finditer(self.original, start, start + _BLOCK)]
            self._dropped_at[block] = dropped
        # The answer i satisfies i = start + want + (dropped positions <= i): iterate to the fixpoint.
        index = start + want
        while True:
            moved = start + want + bisect.bisect_right(dropped, index)
            if moved == index:
                break
            index = moved
        return min(index, len(self.original) - 1)

    def original_index(self, n: int) -> int:
        """Index in the original of the character at index ``n`` of the normal form."""
        return self._original(self._folded_index(n, last=False))

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.original_index(start), self._original(self._folded_index(end - 1, last=True)) + 1


@dataclass(frozen=True)
class Term:
    """A pattern in the automaton: a lexicon term (``payload``) or an allowed phrase."""

    pattern: str
    payload: object | None  # None: an allowed phrase that hides every term inside it


@dataclass(frozen=True)
class Allowed:
    """The payload of a lexicon's own allowed phrase: it hides only that category's terms
    (最高人民法院 is no absolute term of advertising, but its 法院 still marks a court text)."""

    category: str


def hidden_by(allowed: list[tuple[int, int, str | None]]) -> Callable[[int, int, str], bool]:
    """A test of whether a match of ``category`` at (start, end) lies inside an allowed phrase
    that hides it: one of every category (``None``) or of its own."""
    spans: dict[str | None, list[tuple[int, int]]] = {}
    for start, end, category in allowed:
        spans.setdefault(category, []).append((start, end))
    tests = {category: covered_by(found) for category, found in spans.items()}
    everyone = tests.pop(None, None)

    def hidden(start: int, end: int, category: str) -> bool:
        own = tests.get(category)
        return bool((everyone and everyone(start, end)) or (own and own(start, end)))

    return hidden


def _punctuated(text: NormalText, before: int, after: int) -> bool:
    """Whether the original between two neighbours of the normal form holds punctuation that
    parts words (the fold drops it): 有 da ma、bing du reads damabingdu, yet 、 ends one word and
    starts the next. Chinese punctuation does, and ASCII punctuation next to a space (dama,
    bingdu); ASCII punctuation alone does not (li.dubo@qq.com, dubo-li are one name), nor do
    spaces alone ("in BC Canada" keeps bc inside inbccanada)."""
    between = text.original[text.original_index(before) + 1 : text.original_index(after)]
    marks = [ch for ch in between if unicodedata.category(ch)[0] == "P"]
    return any(not ch.isascii() for ch in marks) or (bool(marks) and any(ch.isspace() for ch in between))


def _glued(edge: str, neighbour: str) -> bool:
    """Would ``neighbour`` make ``edge`` part of a longer Latin word or number? Letters glue to
    letters and digits to digits (top1 is not inside top10, dubo not inside usedubonow), but a
    digit does not glue to a letter (bingdu一克 folds to bingdu1克; dubo88 is a handle)."""
    if not (edge.isascii() and neighbour.isascii()):
        return False
    return (edge.isalpha() and neighbour.isalpha()) or (edge.isdigit() and neighbour.isdigit())


def covered_by(spans: list[tuple[int, int]]) -> Callable[[int, int], bool]:
    """A test of whether (start, end) lies inside one of ``spans``, in O(log n) per call (the
    spans of allowed phrases can be as many as the matches: a quadratic scan is a hang)."""
    index: Intervals[None] = Intervals()
    for a, b in sorted(spans):
        index.add(a, b, None)
    return index.covers


def build_index(
    pairs: Iterable[tuple[str, object]], base: dict[str, list[object]] | None = None
) -> dict[str, list[object]]:
    """Normal-form pattern -> the payloads it stands for (``None``: an allowed phrase), each
    pattern once. Spellings shorter than two characters are dropped (扣扣 collapses to 扣,
    which would match everywhere)."""
    pairs = list(pairs)
    if base is not None and not pairs:
        return base  # nothing to add: the cached index as it is (never changed in place)
    index = {p: list(v) for p, v in base.items()} if base else {}
    for pattern, payload in pairs:
        pattern = pattern.replace(BOUNDARY, "")
        if len(pattern) >= 2:
            index.setdefault(pattern, []).append(payload)
    return index


def prefix_lengths(patterns: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """First two characters -> the lengths of the patterns that start with them (longest first)."""
    out: dict[str, set[int]] = {}
    for pattern in patterns:
        out.setdefault(pattern[:2], set()).add(len(pattern))
    return {prefix: tuple(sorted(lengths, reverse=True)) for prefix, lengths in out.items()}


class Matcher:
    """Every term of several lexicons in one automaton.

    A term that begins or ends with a Latin letter or digit (pinyin, initials, ``k粉``) matches
    only where it does not run on into a longer Latin word or number (see :func:`_glued`).

    Building the Aho-Corasick automaton of ~20,000 spellings costs more than looking up a
    short draft's substrings in the index, so the first :attr:`SMALL_RUN` characters a matcher
    sees are matched by lookup (each position's two-character prefix names the lengths to try)
    and the automaton is built only when more text comes (a pre-commit run of one draft never
    builds it). Both give the same matches.
    """

    SMALL_RUN = 30_000

    def __init__(
        self,
        terms: Iterable[Term],
        folding: Folding | None = None,
        normalised: Iterable[tuple[str, object]] = (),
        index: dict[str, list[object]] | None = None,
        prefixes: dict[str, tuple[int, ...]] | None = None,
    ):
        """``terms`` are folded here; ``normalised`` (pattern, payload) pairs are in the normal
        form already, and ``index`` (pattern -> payloads, from :func:`build_index`) and its
        ``prefixes`` (:func:`prefix_lengths`) are what a cached runtime keeps."""
        self.folding = folding or DEFAULT_FOLDING
        extra = [(self.folding.normal_form(t.pattern), t.payload) for t in terms]
        self.index = build_index([*normalised, *extra], index)
        if prefixes is None or self.index is not index:
            prefixes = prefix_lengths(self.index)
        self._prefixes = prefixes
        self._automaton: Any = None
        self._patterns: list[str] = []
        self._seen = 0  # characters matched by lookup so far

    def _raw(self, normal: str) -> list[tuple[str, int, int]]:
        """Every occurrence of every pattern (overlapping), as (pattern, start, end)."""
        if self._automaton is None and self._seen + len(normal) > self.SMALL_RUN:
            import ahocorasick_rs

            patterns = list(self.index)
            self._automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
            self._patterns = patterns
        automaton = self._automaton
        if automaton is not None:
            patterns = self._patterns
            return [(patterns[i], s, e) for i, s, e in automaton.find_matches_as_indexes(normal, overlapping=True)]
        self._seen += len(normal)
        index, prefixes = self.index, self._prefixes
        out = []
        for start in range(len(normal) - 1):
            lengths = prefixes.get(normal[start : start + 2])
            if lengths is not None:
                for length in lengths:
                    candidate = normal[start : start + length]
                    if len(candidate) == length and candidate in index:
                        out.append((candidate, start, start + length))
        return out

    def normal_text(self, original: str) -> NormalText:
        return NormalText.of(original, self.folding)

    def find_normal(
        self, text: NormalText, allowed_out: list[tuple[int, int, str | None]] | None = None
    ) -> list[tuple[Term, int, int]]:
        """(term, start, end) in the normal form, allowed phrases applied, in text order. The
        allowed phrases found, as (start, end, category or None for every category), are
        appended to ``allowed_out`` (for matches found otherwise)."""
        if not self.index or not text.text:
            return []
        normal = text.text
        raw = self._raw(normal)
        index = self.index
        allowed = [
            (s, e, None if payload is None else payload.category)
            for pattern, s, e in raw
            for payload in index[pattern]
            if payload is None or type(payload) is Allowed
        ]
        if allowed_out is not None:
            allowed_out.extend(allowed)
        hidden = hidden_by(allowed) if allowed else None
        out = []
        for pattern, start, end in raw:
            if (start and _glued(pattern[0], normal[start - 1]) and not _punctuated(text, start - 1, start)) or (
                end < len(normal) and _glued(pattern[-1], normal[end]) and not _punctuated(text, end - 1, end)
            ):
                continue
            for payload in index[pattern]:
                if payload is None or type(payload) is Allowed:
                    continue
                if hidden is not None and hidden(start, end, getattr(payload, "category", "")):
                    continue
                out.append((Term(pattern, payload), start, end))
        out.sort(key=lambda item: (item[1], -item[2]))
        return out

    def find(self, text: NormalText) -> list[tuple[Term, int, int]]:
        """(term, start, end) in the original text, allowed phrases applied, in text order."""
        out = []
        for term, start, end in self.find_normal(text):
            o_start, o_end = text.original_span(start, end)
            out.append((term, o_start, o_end))
        out.sort(key=lambda item: item[1])
        return out
