"""Lexicons as the matcher carries them: every entry with the spellings that stand for it.

A validated lexicon (``models.Lexicon``) is flattened once into plain tuples (cheap to cache
and to unpickle on every pre-commit run). Terms marked ``pinyin`` gain their pinyin spellings
(``dubo``, ``du博``; initials only alone, such as ``kbxj``, and only from four characters on,
where they stop being ordinary abbreviations); terms marked ``homophones`` gain the substitutions
listed in ``spelling.yaml`` (``杜博`` for ``赌博``). Every spelling reports the entry it came from.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from re import _constants as sre  # type: ignore[attr-defined]  # loaded by re itself
from re import _parser  # type: ignore[attr-defined]
from typing import Any, NamedTuple

# A mixed spelling (some characters as pinyin) is generated up to this many characters:
# 2 ** 4 - 2 = 14 spellings; longer terms get only all-pinyin and all-initials.
_MIXED_UP_TO = 4
_MAX_HOMOPHONE_SPELLINGS = 120
_PATTERN_WINDOW = 80  # the longest match looked for around a pattern's anchor, in characters


class LexiconTerm(NamedTuple):
    """A lexicon entry as the matcher carries it."""

    category: str
    term: str  # as listed (the form shown to users), or the pattern's source
    severity: str | None
    note: dict[str, str] | None
    group: str | None = None
    alone: bool = True
    kind: str = "object"
    is_pattern: bool = False  # ``term`` is a regular expression: findings show what it matched


class FlatLexicon(NamedTuple):
    category: str
    kind: str
    terms: list[tuple[LexiconTerm, tuple[str, ...]]]  # entry, its spellings (the term first)
    # entry, regex, its anchor, widest match, literals one of which every match contains
    patterns: list[tuple[LexiconTerm, str, str | None, int, tuple[str, ...] | None]]
    allow: list[str]
    groups: dict[str, dict[str, str]]  # group -> {"zh": …, "en": …}
    normalised: bool = False  # spellings are in the normal form already (folded when flattened)


def _is_hanzi(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff"


def pinyin_spellings(term: str) -> set[str]:
    """Pinyin spellings of a term: all full pinyin, mixed with characters, and initials."""
    from pypinyin import Style, lazy_pinyin

    chars = list(term)
    hanzi = [i for i, ch in enumerate(chars) if _is_hanzi(ch)]
    if not hanzi:
        return set()
    full = {i: lazy_pinyin(chars[i])[0] for i in hanzi}
    out: set[str] = set()
    all_full = "".join(full.get(i, ch) for i, ch in enumerate(chars))
    if sum(ch.isascii() for ch in all_full) >= 4:
        out.add(all_full)
    if len(hanzi) >= 4:  # zfs (转发送) is a file system: three-letter acronyms are everywhere
        initial = {i: lazy_pinyin(chars[i], style=Style.FIRST_LETTER)[0] for i in hanzi}
        out.add("".join(initial.get(i, ch) for i, ch in enumerate(chars)))
    if len(hanzi) <= _MIXED_UP_TO:
        # Mixed spellings use full pinyin only: initials mixed in (x钱 for 洗钱) are inside
        # ordinary text (X钱包), and would triple the patterns every run builds.
        for latin in itertools.product((False, True), repeat=len(hanzi)):
            if all(latin) or not any(latin):
                continue  # all Latin is the full pinyin above; none is the term itself
            pick = dict(zip(hanzi, latin, strict=True))
            out.add("".join(full[i] if pick.get(i) else ch for i, ch in enumerate(chars)))
    out.discard(term)
    return out


def homophone_spellings(term: str, homophones: Mapping[str, list[str]]) -> set[str]:
    """The term with one listed substitute (two, in terms of four or more characters)."""
    positions = [i for i, ch in enumerate(term) if ch in homophones]
    out: set[str] = set()
    depth = 2 if len(term) >= 4 else 1
    for count in range(1, depth + 1):
        for chosen in itertools.combinations(positions, count):
            for subs in itertools.product(*(homophones[term[i]] for i in chosen)):
                chars = list(term)
                for i, sub in zip(chosen, subs, strict=True):
                    chars[i] = sub
                out.add("".join(chars))
                if len(out) >= _MAX_HOMOPHONE_SPELLINGS:
                    return out
    out.discard(term)
    return out


def flatten_lexicon(
    lexicon: Any, homophones: Mapping[str, list[str]] | None = None, variants: Mapping[str, str] | None = None
) -> FlatLexicon:
    """A validated ``models.Lexicon`` as plain tuples, spellings expanded and folded into the
    normal form (with ``variants``) so that a run that reads it from the cache folds nothing."""
    from oahandbook.engine.textnorm import Folding

    folding = Folding(variants)
    homophones = homophones or {}
    terms: list[tuple[LexiconTerm, tuple[str, ...]]] = []
    patterns: list[tuple[LexiconTerm, str, str | None, int]] = []
    for e in lexicon.entries:
        entry = LexiconTerm(
            lexicon.category,
            e.term if e.term is not None else e.pattern,
            e.severity,
            e.note.model_dump() if e.note else None,
            e.group,
            e.alone,
            lexicon.kind,
            e.pattern is not None,
        )
        if e.pattern is not None:
            patterns.append((entry, with_lead(e.pattern), *pattern_anchor(e.pattern)))
            continue
        spellings = [e.term]
        if e.pinyin if e.pinyin is not None else lexicon.pinyin:
            spellings += sorted(pinyin_spellings(e.term))
        if e.homophones if e.homophones is not None else lexicon.homophones:
            spellings += sorted(homophone_spellings(e.term, homophones))
        base = folding.normal_form(e.term)
        # A spelling that folds shorter than the term (买卖 with 卖 -> 买 collapses to 买) would
        # match more than the term does: it is dropped.
        folded = (folding.normal_form(spelling) for spelling in spellings)
        terms.append((entry, tuple(dict.fromkeys(f for f in folded if f == base or len(f) >= len(base)))))
    groups = {name: text.model_dump() for name, text in lexicon.groups.items()}
    return FlatLexicon(lexicon.category, lexicon.kind, terms, patterns, list(lexicon.allow), groups, True)


def lexicon_pairs(lexicon: FlatLexicon, folding: Any) -> list[tuple[str, object]]:
    """(normal-form pattern, payload) for every spelling and allowed phrase of a lexicon."""
    from oahandbook.engine.textnorm import Allowed

    pairs: list[tuple[str, object]] = []
    for entry, spellings in lexicon.terms:
        if lexicon.normalised:
            pairs.extend((spelling, entry) for spelling in spellings)
        else:
            pairs.extend((folding.normal_form(spelling), entry) for spelling in spellings)
    allowed = Allowed(lexicon.category)  # hides this category's terms only
    pairs.extend((folding.normal_form(phrase), allowed) for phrase in lexicon.allow)
    return pairs


def pattern_anchor(source: str) -> tuple[str | None, int, tuple[str, ...] | None]:
    """What lets a pattern run seldom: the longest run of literal characters every match
    contains (the pattern then runs only around it, found with ``str.find``), the pattern's
    widest match (capped), and a *gate*: literal strings one of which every match contains
    (a text holding none of them is not searched, and the pattern not even compiled)."""
    parsed = _parser.parse(source)
    best, run = "", ""
    for op, value in parsed.data:
        if op is sre.LITERAL:
            run += chr(value)
            best = max(best, run, key=len)
        else:
            run = ""
    width = min(parsed.getwidth()[1], _PATTERN_WINDOW)
    return (best or None), width, _required(parsed.data)


_CLASS_CATEGORIES = {sre.CATEGORY_DIGIT: r"\d", sre.CATEGORY_WORD: r"\w", sre.CATEGORY_SPACE: r"\s"}


def with_lead(source: str) -> str:
    """``source`` behind a lookahead of the characters a match can start with, when they can be
    told: ``(?=[加+vwq微威薇扣])…``. A pattern that opens with a lookbehind, an optional group
    or alternatives is otherwise tried at every position; with a leading character class the
    regex engine skips to the next candidate in C (three times faster on a long text). The
    matches are the same."""
    try:
        items = _parser.parse(source).data
    except (re.error, RecursionError):
        return source
    # Only where the engine has no prefix of its own to skip with: a pattern that opens with a
    # literal, a class or alternatives that each open with a literal already has one, and a
    # lookahead in front would take it away.
    if not items or items[0][0] not in (sre.ASSERT, sre.ASSERT_NOT, sre.BRANCH):
        return source
    if items[0][0] is sre.BRANCH and all(branch.data and branch[0][0] is sre.LITERAL for branch in items[0][1][1]):
        return source
    first = _first_chars(items)
    if not first or (source.startswith("(?") and source[2:3].isalpha()):  # (?i)-style global flags stay first
        return source
    return f"(?=[{''.join(sorted(first))}])(?:{source})"


def _first_chars(items) -> set[str] | None:
    """Class items one of which starts every match of a parsed sequence; None when they cannot
    be told or the sequence can match the empty string."""
    found, nullable = _firsts(items)
    return None if found is None or nullable else found


def _firsts(items) -> tuple[set[str] | None, bool]:
    out: set[str] = set()
    for op, value in items:
        if op in (sre.ASSERT, sre.ASSERT_NOT, sre.AT):  # zero-width: the next item starts the match
            continue
        if op is sre.LITERAL:
            return out | {re.escape(chr(value))}, False
        if op is sre.IN:
            for kind, item in value:
                if kind is sre.LITERAL:
                    out.add(re.escape(chr(item)))
                elif kind is sre.RANGE:
                    out.add(f"{re.escape(chr(item[0]))}-{re.escape(chr(item[1]))}")
                elif kind is sre.CATEGORY and item in _CLASS_CATEGORIES:
                    out.add(_CLASS_CATEGORIES[item])
                else:  # a negated class or an unusual category: anything may start it
                    return None, False
            return out, False
        if op is sre.SUBPATTERN:
            if value[1] or value[2]:  # scoped flags ((?i:vx)): a class of the letters as written would not do
                return None, False
            found, nullable = _firsts(value[3])
        elif op is sre.BRANCH:
            found, nullable = set(), False
            for branch in value[1]:
                part, empty = _firsts(branch)
                if part is None:
                    return None, False
                found |= part
                nullable = nullable or empty
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)):
            found, nullable = _firsts(value[2])
            nullable = nullable or value[0] == 0
        else:  # any character, a back reference …: cannot be told
            return None, False
        if found is None:
            return None, False
        out |= found
        if not nullable:
            return out, False
    return out, True


def _gate_score(alternatives: tuple[str, ...]) -> tuple[int, int]:
    """Rarer gates first: the shortest alternative's length (a single digit or Latin letter,
    found in nearly every text, counts as none), then fewer alternatives."""
    shortest = min(0 if len(a) == 1 and a.isascii() else len(a) for a in alternatives)
    return shortest, -len(alternatives)


def _required(items) -> tuple[str, ...] | None:
    """Literal strings one of which every match of a parsed sequence contains, or None."""
    best: tuple[str, ...] | None = None

    def consider(alternatives: tuple[str, ...] | None) -> None:
        nonlocal best
        if not alternatives:
            return
        if best is None or _gate_score(alternatives) > _gate_score(best):
            best = alternatives

    run = ""
    for op, value in items:
        if op is sre.LITERAL:
            run += chr(value)
            consider((run,))
            continue
        run = ""
        if op is sre.SUBPATTERN:
            consider(_required(value[3]))
        elif op is sre.BRANCH:
            alternatives: list[str] = []
            for branch in value[1]:
                required = _required(branch)
                if required is None:
                    break
                alternatives.extend(required)
            else:
                consider(tuple(dict.fromkeys(alternatives)))
        elif op is sre.IN and all(o is sre.LITERAL for o, _ in value):
            consider(tuple(chr(v) for _, v in value))
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT, getattr(sre, "POSSESSIVE_REPEAT", None)) and value[0] >= 1:
            consider(_required(value[2]))
    return best


def homophone_table(bundle: Any) -> dict[str, list[str]]:
    spelling = getattr(bundle, "spelling", None)
    return dict(spelling.homophones) if spelling is not None else {}


def variant_table(bundle: Any) -> dict[str, str]:
    spelling = getattr(bundle, "spelling", None)
    return dict(spelling.variants) if spelling is not None else {}


def organisation_lexicon(path: Path, runtime: Any) -> FlatLexicon:
    """One organisation lexicon, validated and flattened (cached by its content); raises
    ``InputError`` with the lexicon file's own positions when it is unusable."""
    from oahandbook.base.cache import cached

    def build() -> FlatLexicon:
        from oahandbook.base.yamlio import load_file
        from oahandbook.data.models import Lexicon
        from oahandbook.data.validation import validate

        lexicon = validate(Lexicon, load_file(path, max_bytes=16 * 1024 * 1024))
        return flatten_lexicon(lexicon, runtime.homophones, runtime.variants)

    raw = path.read_bytes() if path.is_file() else b""
    key = [str(path).encode(), raw, repr(sorted(runtime.variants.items())).encode()]
    if not raw:
        return build()
    # The configuration's check loads a lexicon, and the first draft's check again: the second
    # time it is the same object, not another read of the signed cache entry.
    memo = hashlib.sha256(b"\0".join(key)).digest()
    flat = _LOADED.get(memo)
    if flat is None:
        if len(_LOADED) >= 32:
            _LOADED.clear()
        flat = _LOADED[memo] = cached("lexicon-v3", key, build, tuple)
    return flat


_LOADED: dict[bytes, FlatLexicon] = {}  # organisation lexicons loaded in this process, by content


def load_organisation_lexicons(names: Iterable[str], ctx: Any) -> list[FlatLexicon]:
    """The lexicons an organisation lists under ``lexicons:`` in .oahandbook.yaml (cached by
    content; the configuration was checked with them, see run.batch.load_checked_config)."""
    return [organisation_lexicon(ctx.base_dir / name, ctx.runtime) for name in names]
