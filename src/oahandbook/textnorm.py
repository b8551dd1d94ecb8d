"""Normalised matching of Chinese text that cannot be dodged cheaply, with exact original spans.

The normal form folds width (NFKC), Traditional to Simplified, case, and drops zero-width
characters, spaces, punctuation and symbols, so ``赌 博``, ``賭博``, ``赌.博`` and ``赌\u200b博`` all
read ``赌博``. It is built with ``str.translate`` (C speed) from a table of the characters the
text actually contains; a position in the normal form maps back to the original through
per-block counts, so only the (few) matches pay for the mapping.

Matching uses a Rust Aho-Corasick automaton (``ahocorasick_rs``): one pass over the text finds
every term of every lexicon, at a cost that depends on the text, not on the lexicon's size.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

BOUNDARY = "\x00"  # never part of a term: paragraph ends and masked (non-prose) text
_BLOCK = 2048
_DROP_CATEGORIES = ("P", "Z", "S", "C")

_table: dict[int, str | None] = {}
_t2s: dict[str, str] | None = None
_CJK_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))


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
        from oahandbook.cache import cached

        # ~50 ms to build from OpenCC, ~1 ms to read back: every later run skips OpenCC entirely.
        _t2s = cached("t2s", [b"opencc-t2s-chars-v1"], _build_t2s, dict)
    return _t2s.get(ch, ch)


def _fold(ch: str) -> str | None:
    if ch == BOUNDARY:
        return BOUNDARY
    folded = unicodedata.normalize("NFKC", ch)
    if len(folded) != 1:
        folded = ch
    if "\u3400" <= folded <= "\u9fff" or "\uf900" <= folded <= "\ufaff":
        folded = _to_simplified(folded)
    lower = folded.lower()
    if len(lower) == 1:  # 'İ'.lower() is two characters: keep such a letter as it is
        folded = lower
    if unicodedata.category(folded)[0] in _DROP_CATEGORIES:
        return None
    return folded


def _ensure(text: str, chars: set[str] | None = None) -> dict[int, str | None]:
    for ch in chars if chars is not None else set(text):
        if ord(ch) not in _table:
            _table[ord(ch)] = _fold(ch)
    return _table


def normal_form(text: str) -> str:
    """The normal form of a term or text (used for both, so they compare equal)."""
    return text.translate(_ensure(text))


@dataclass
class NormalText:
    original: str
    text: str
    _block_ends: list[int]  # normalised length after each block of the original
    _dropped: re.Pattern[str] | None  # the characters of this text that the normal form drops
    _dropped_at: dict[int, list[int]] = field(default_factory=dict)  # per block, found on demand

    @classmethod
    def of(cls, original: str) -> NormalText:
        chars = set(original)
        table = _ensure(original, chars)
        parts = [original[i : i + _BLOCK].translate(table) for i in range(0, len(original), _BLOCK)]
        ends: list[int] = []
        total = 0
        for part in parts:
            total += len(part)
            ends.append(total)
        dropped = sorted(c for c in chars if table[ord(c)] is None)
        pattern = re.compile("[" + "".join(re.escape(c) for c in dropped) + "]") if dropped else None
        return cls(original, "".join(parts), ends, pattern)

    def original_index(self, n: int) -> int:
        """Index in the original of the character at index ``n`` of the normal form."""
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

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        return self.original_index(start), self.original_index(end - 1) + 1


@dataclass(frozen=True)
class Term:
    """A pattern in the automaton: a lexicon term (``payload``) or an allowed phrase."""

    pattern: str
    payload: object | None  # None: an allowed phrase that hides the terms inside it


class Matcher:
    """Every term of several lexicons in one automaton."""

    def __init__(self, terms: Iterable[Term]):
        import ahocorasick_rs

        terms = list(terms)
        table = _ensure("".join(term.pattern for term in terms))  # one pass over new characters
        by_pattern: dict[str, list[Term]] = {}
        for term in terms:
            pattern = term.pattern.translate(table).replace(BOUNDARY, "")
            if pattern:
                by_pattern.setdefault(pattern, []).append(term)
        self.patterns = list(by_pattern)
        self.terms = [by_pattern[p] for p in self.patterns]
        self._automaton = (
            ahocorasick_rs.AhoCorasick(self.patterns, matchkind=ahocorasick_rs.MatchKind.Standard)
            if self.patterns
            else None
        )

    def find(self, text: NormalText) -> list[tuple[Term, int, int]]:
        """(term, start, end) in the original text, allowed phrases applied, in text order."""
        if self._automaton is None or not text.text:
            return []
        raw = self._automaton.find_matches_as_indexes(text.text, overlapping=True)
        allowed = [(s, e) for i, s, e in raw if any(t.payload is None for t in self.terms[i])]
        out = []
        for index, start, end in raw:
            if allowed and any(a <= start and end <= b for a, b in allowed):
                continue
            for term in self.terms[index]:
                if term.payload is not None:
                    o_start, o_end = text.original_span(start, end)
                    out.append((term, o_start, o_end))
        out.sort(key=lambda item: item[1])
        return out
