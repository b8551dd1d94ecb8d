"""Check types for draft articles. Rules (data/rules/*.yaml) pick one and give it parameters."""

from __future__ import annotations

import collections
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path, PurePosixPath
from typing import NamedTuple
from urllib.parse import parse_qs, urlsplit

from oahandbook.article import typography  # noqa: F401  (registers the typography check types)
from oahandbook.article.content import Lexicons, Scope, judge, merge_spans, shown, visible
from oahandbook.article.draft import BOUNDARY, SOFT, URL, Draft, cut_numbers
from oahandbook.base.textio import line_bounds
from oahandbook.data.registry import check_type
from oahandbook.engine.findings import Hit
from oahandbook.engine.redaction import NUMBER_SEPARATORS, SEPARATOR_CHARS, redact, redact_source
from oahandbook.engine.textnorm import CIRCLED_DIGITS, NUMERALS

P = "oahandbook.article.params:"  # parameter models load only when the data is validated


# --------------------------------------------------------------------------- front matter


_TEXT_FIELDS = {"title": True, "author": True, "digest": False, "cover": False, "source_url": False}
_REPOST_FIELDS = {"source": str, "author": str, "url": str, "authorised": bool}


def looks_valid(front: dict) -> bool:
    """True when ``front`` certainly passes ``FrontMatter`` (a test keeps the two in step);
    False means: ask the model, which explains what is wrong."""
    allowed = {*_TEXT_FIELDS, "original", "repost", "comments", "tags"}
    if not set(front) <= allowed:
        return False
    for name, required in _TEXT_FIELDS.items():
        value = front.get(name)
        if (required and not isinstance(value, str)) or (value is not None and not isinstance(value, str)):
            return False
    if type(front.get("original", False)) is not bool or front.get("comments", "open") not in ("open", "closed"):
        return False
    tags = front.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        return False
    repost = front.get("repost")
    if repost is not None:
        if not isinstance(repost, dict) or not set(repost) <= set(_REPOST_FIELDS):
            return False
        if any(v is not None and type(v) is not _REPOST_FIELDS[k] for k, v in repost.items()):
            return False
    return True


@check_type("front-matter", target="article")
def front_matter(rule, params, draft: Draft, ctx) -> Iterator[Hit]:
    """Front matter is present and has the documented fields with the right types."""
    if not draft.has_front_matter:
        yield Hit(1, 1, key="absent")
        return
    if looks_valid(draft.front):  # the common case needs no validator (and no pydantic import)
        return
    from pydantic import ValidationError

    from oahandbook.article.models import FrontMatter
    from oahandbook.data.validation import describe

    try:
        FrontMatter.model_validate(draft.front)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            kind = err["type"]
            line, column = draft.field_position(*map(str, loc), at_key=kind == "extra_forbidden")
            key = "missing" if kind == "missing" else "invalid"
            detail = redact(describe(err, draft.front_doc, FrontMatter, loc))
            yield Hit(line, column, {"field": ".".join(map(str, loc)), "detail": detail}, key=key)


@check_type("field-length", target="article", params=P + "LengthParams")
def field_length(rule, params, draft: Draft, ctx) -> Iterator[Hit]:
    """A front matter field is longer than the platform allows (counted in characters)."""
    found = draft.field_text(params.field)
    if found is None:
        return
    value, where = found
    limit = ctx.policy(params.fact)
    if len(value) > limit:
        line, column = where(limit)
        yield Hit(line, column, {"field": params.field, "length": len(value), "limit": limit})


@check_type("body-length", target="article", params=P + "BodyLengthParams")
def body_length(rule, params, draft: Draft, ctx) -> Iterator[Hit]:
    """The body is longer than the platform accepts (characters, then bytes)."""
    body = draft.published[draft.body_offset :].replace(BOUNDARY, "").replace(SOFT, "")
    chars, limit = len(body), ctx.policy(params.chars_fact)
    line, column = draft.position(draft.body_offset)
    if chars >= limit:
        yield Hit(line, column, {"length": chars, "limit": limit})
        return
    size, byte_limit = len(body.encode("utf-8")), ctx.policy(params.bytes_fact)
    if size >= byte_limit:
        yield Hit(line, column, {"length": size, "limit": byte_limit}, key="bytes")


@check_type("cover", target="article", params=P + "CoverParams")
def cover(rule, params, draft: Draft, ctx) -> Iterator[Hit]:
    """The cover image is named, has an accepted format, exists beside the draft and is small enough."""
    if not draft.has_front_matter:
        return
    value = draft.front.get("cover")
    if not isinstance(value, str) or not value.strip():
        line, column = draft.field_position("cover") if "cover" in draft.front else draft.field_position()
        yield Hit(line, column, key=None)
        return
    line, column = draft.field_position("cover")
    formats = ctx.policy(params.formats_fact)
    shown = redact(value[:120])  # a file name made of an ID number is masked like any text
    try:
        parts = urlsplit(value)
    except ValueError:  # https://[a]/c.png: no URL a platform would take, judged by its path
        parts = urlsplit(value.replace("[", "%5B").replace("]", "%5D"))
    suffix = PurePosixPath(parts.path).suffix.lower().lstrip(".")
    if not suffix and "://" in value:
        # the platform's own image URLs say their format as ?wx_fmt=png
        suffix = (parse_qs(parts.query).get("wx_fmt") or [""])[0].lower()
        if not suffix:
            return
    if suffix not in formats:
        yield Hit(line, column, {"cover": shown, "formats": "/".join(formats)}, key="format")
        return
    if "://" in value or draft.file_path is None:
        return
    image = Path(draft.file_path).parent / value
    try:
        size = image.stat().st_size if image.is_file() else None
    except (OSError, ValueError):  # a name too long for the file system, or with a NUL: not there
        size = None
    if size is None:
        yield Hit(line, column, {"cover": shown}, key="not_found")
        return
    limit = ctx.policy(params.size_fact)
    if size > limit:
        yield Hit(line, column, {"cover": shown, "size": size, "limit": limit}, key="too_large")


# --------------------------------------------------------------------------- reposts


@check_type("repost-attribution", target="article")
def repost_attribution(rule, params, draft: Draft, ctx) -> Iterator[Hit]:
    """A repost names its source and original author."""
    repost = draft.front.get("repost")
    if not isinstance(repost, dict):
        return
    for field in ("source", "author"):
        value = repost.get(field)
        if not isinstance(value, str) or not value.strip():
            at = ("repost", field) if field in repost else ("repost",)
            line, column = draft.field_position(*at)
            yield Hit(line, column, {"field": field})


@check_type("original-conflict", target="article")
def original_conflict(rule, params, draft: Draft, ctx) -> Iterator[Hit]:
    """An article declared original is not also a repost."""
    if draft.front.get("original") is True and draft.front.get("repost"):
        line, column = draft.field_position("original", at_key=True)
        yield Hit(line, column)


_QUOTE_BLOCK = re.compile(r"^ {0,3}>[^\n]*(?:\n {0,3}>[^\n]*)*", re.MULTILINE)
_NOT_QUOTED_TEXT = re.compile(r"[\s>\x00\x01]")


@check_type("quote-attribution", target="article", params=P + "QuoteParams")
def quote_attribution(rule, params, draft: Draft, ctx) -> Iterator[Hit]:
    """A long block quote says where it comes from."""
    text = draft.text
    if ">" not in text:
        return
    prose = draft.prose
    for block_match in _QUOTE_BLOCK.finditer(text, draft.body_offset):
        block = block_match.group()
        start, end = block_match.span()
        quoted = _NOT_QUOTED_TEXT.sub("", prose[start:end])
        rest = text[end + 1 :].split("\n", 2)
        following = rest[0] if rest else ""
        if not following.strip() and len(rest) > 1:
            following = rest[1]
        # 破折号 is common inside Chinese sentences: a marker counts at the quote's end only.
        tail = block[-params.tail_chars :]
        attributed = (
            "](" in block
            or "http" in block
            or any(marker in tail or following.lstrip().startswith(marker) for marker in params.attribution_markers)
        )
        if len(quoted) >= params.min_chars and not attributed:
            yield Hit(draft.position(start)[0], 1, {"length": len(quoted)})


# --------------------------------------------------------------------------- lexicons


def content_lexicons(ctx) -> Lexicons:
    """One matcher for every lexicon (bundled and the organisation's) and allowed phrase, per run."""
    key = "lexicons"
    if key not in ctx.cache:
        from oahandbook.engine.lexicons import load_organisation_lexicons
        from oahandbook.engine.textnorm import Folding

        flat = list(ctx.runtime.lexicons) + load_organisation_lexicons(ctx.config.lexicons, ctx)
        reach = 0
        needed: dict[str, set[str]] = {}  # scope -> lexicon categories some rule reads there
        around: dict[str, set[str]] = {}  # intent or context category -> the objects' categories it qualifies
        # Every rule, not the run's selection: the matcher is built once per context, and a
        # selection may change between runs of a shared checker.
        for rule in ctx.active_rules("article", narrowed=False):
            if rule.check == "lexicon":
                params = ctx.params(rule)
                reach = max(reach, params.context_window, *(c.window for c in params.combine))
                selectors = [*params.categories, *params.lower, *params.raise_]
                partners = [*params.lower, *params.raise_]
                for combination in params.combine:
                    selectors += [*combination.with_, *combination.objects]
                    partners += combination.with_
                for scope in params.scope:
                    needed.setdefault(scope, set()).update(s.partition("/")[0] for s in selectors)
                for selector in partners:
                    around.setdefault(selector.partition("/")[0], set()).update(params.categories)
        ctx.cache[key] = Lexicons(
            flat,
            list(ctx.config.allow_terms),
            Folding(ctx.runtime.variants),
            reach + 80,
            ctx.runtime.matcher_index,
            needed,
            ctx.runtime.matcher_prefixes,
            around,
        )
    return ctx.cache[key]


def _scopes(draft: Draft, ctx) -> dict[str, Scope]:
    """What every lexicon finds in each scope, computed once per draft for all lexicon rules."""
    if "scopes" not in draft.cache:
        lexicons = content_lexicons(ctx)
        out: dict[str, Scope] = {}
        for name in ("title", "digest", "author"):
            found = draft.field_text(name)
            if found is not None:
                value, where = found
                out[name] = lexicons.scope(name, value, where)
        out["body"] = lexicons.scope("body", draft.prose, draft.position)
        draft.cache["scopes"] = out
    return draft.cache["scopes"]


# Where a context may be cut: after clause and sentence punctuation and at spaces, so that the
# words around a finding are shown whole (「龙井是全市最好的绿茶」, never 「井是全市最好的绿茶」).
_BREAKS = frozenset('，、；：。！？…,;:!?()（）「」『』“”"《》 \u3000\t' + BOUNDARY)


def _cut(text: str, low: int, high: int, target: int, *, forward: bool) -> tuple[int, bool]:
    """The break between ``low`` and ``high`` nearest to ``target`` (just after it, or just
    before it when reading ``forward``), and whether none was found (the cut is then at
    ``target``, inside a run of words)."""
    best = None
    for i in range(low, high):
        if text[i] in _BREAKS and (best is None or abs(i - target) < abs(best - target)):
            best = i
    if best is None:
        return target, True
    return (best if forward else best + 1), False


def context_of(text: str, start: int, end: int, width: int) -> str:
    """The words on each side of ``text[start:end]``, about ``width`` characters, cut at
    punctuation or a space where one is near (else marked …), never beyond the line."""
    line_start, line_end = line_bounds(text, start, end)
    slack = max(width // 2, 2)
    if start - line_start <= width + slack:
        left, cut_left = line_start, False
    else:
        left, cut_left = _cut(text, start - width - slack, start - 1, start - width, forward=False)
    if line_end - end <= width + slack:
        right, cut_right = line_end, False
    else:
        right, cut_right = _cut(text, end + 1, end + width + slack, end + width, forward=True)
    before = cut_numbers(text, left, start).replace(BOUNDARY, " ").replace(SOFT, "").strip()
    after = cut_numbers(text, end, right).replace(BOUNDARY, " ").replace(SOFT, "").strip()
    # Masked as a whole: no set of findings may show a number piece by piece. The user's words
    # verbatim, as a source line: runs shaped like a password are masked too.
    shown = f"{'…' if cut_left else ''}{before}【{visible(text[start:end])}】{after}{'…' if cut_right else ''}"
    return redact_source(shown)


@check_type("lexicon", target="article", params=P + "LexiconParams")
def lexicon(rule, params, draft: Draft, ctx) -> Iterator[Hit]:
    """An object of the rule's lexicons appears: its level follows from the entry, from an intent
    in the same sentence (a combination) and from news or sales markers nearby (the context)."""
    scopes = _scopes(draft, ctx)
    lexicons = content_lexicons(ctx)
    title = scopes.get("title")
    title_lowered, body_lowered = [], []
    body = scopes.get("body")
    if title is not None and params.lower:
        title_lowered = title.only(params.lower)[0]
        if body is not None and "title" in params.scope:
            body_lowered = body.only(params.lower)[0]
    # A hit only counted (see Context.counts_only) is not worth a context and a message: an
    # article is full of 第一 and 最好.
    counted: dict[str, int] = {}  # per level, the hits only counted: one hit each, no message built
    for name in params.scope:
        scope = scopes.get(name)
        if scope is None:
            continue
        for j in judge(scope, params, rule.severity, lexicons, title_lowered, title, body_lowered, body):
            if ctx.counts_only(rule, j.level):
                counted[j.level] = counted.get(j.level, 0) + 1
                continue
            o_start, o_end = scope.span(j.start, j.end)
            line, column = scope.where(o_start)
            end_line, end_column = scope.where(o_end)
            entry = j.obj.entry
            term = shown(j.obj, scope) if j.partner is None else f"{shown(j.obj, scope)}＋{shown(j.partner, scope)}"
            yield Hit(
                line,
                column,
                {
                    "term": term,
                    "found": redact(visible(scope.original[o_start:o_end])),
                    "context": context_of(scope.original, o_start, o_end, params.context),
                    "field": name,
                    "note": entry.note or {"zh": "", "en": ""},
                    "reason": j.reason,
                },
                severity=j.level,
                end_line=end_line,
                end_column=end_column,
            )
    for level, count in counted.items():
        yield Hit(1, 1, severity=level, count=count)


# --------------------------------------------------------------------------- personal data


# Digits in any style, folded to ASCII one character for one (so offsets stay): full-width,
# Chinese numerals (幺三八), circled and parenthesised digits, and the full-width characters of
# numbers and addresses. The full-width punctuation of ordinary Chinese text is left alone.
_WIDE_SOURCE = (
    "０１２３４５６７８９＋－．＠　"
    + "".join(chr(c) for c in range(0xFF21, 0xFF3B))
    + "".join(chr(c) for c in range(0xFF41, 0xFF5B))
)
_DIGIT_FOLD = {ord(c): unicodedata.normalize("NFKC", c) for c in _WIDE_SOURCE}
_DIGIT_FOLD.update({ord(c): d for c, d in (*NUMERALS.items(), *CIRCLED_DIGITS.items())})
_FOLDABLE = re.compile("[" + re.escape("".join(chr(c) for c in _DIGIT_FOLD)) + "]")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_SHAPE = re.compile(r"[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9X]")
_MOBILE_SHAPE = re.compile(r"(?:0{0,2}86)?(1[3-9]\d{9})")
_CARD_PREFIX = re.compile(r"^(?:62|4|5[1-5]|2[2-7]|3[47]|35|6011|65)")
# A number written with separators between its digits (1 8 6-0 0 1 2-3 4 5 6, 110101.1990…):
# runs of digits joined by at most three separator characters.
_SEPARATOR = f"[{NUMBER_SEPARATORS}]"
_NUMBER_RUN = re.compile(
    r"(?<![0-9A-Za-z])\+?\d(?:" + _SEPARATOR + r"{0,3}\d){9,}(?:" + _SEPARATOR + r"{0,3}[Xx])?(?![0-9A-Za-z])"
)
_PIECE = re.compile(r"\d+|[Xx]")
_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])"
)
_AT = re.compile(r"@")
_LONGEST = 20  # 0086 + 11 digits, 19-digit cards, 18-character IDs: nothing longer is a candidate


def resident_id_valid(value: str) -> bool:
    """GB 11643: ISO 7064 MOD 11-2 check character."""
    total = sum(int(d) * w for d, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == value[17].upper()


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def classify(digits: str) -> str | None:
    """What a number (separators removed, ``X`` upper case) is, if it is personal data."""
    if len(digits) == 18 and _ID_SHAPE.fullmatch(digits) and resident_id_valid(digits):
        return "resident_id"
    if "X" in digits:
        return None
    if 16 <= len(digits) <= 19 and _CARD_PREFIX.match(digits) and luhn_valid(digits):
        return "bank_card"
    if _MOBILE_SHAPE.fullmatch(digits):
        return "mobile"
    return None


class Number(NamedTuple):
    kind: str
    digits: str
    start: int  # offsets in the draft's text
    end: int
    in_url: bool


def _numbers_in_run(
    view: str, start: int, end: int, cuts: frozenset[int] = frozenset()
) -> Iterator[tuple[str, str, int, int]]:
    """Personal-data numbers inside one run of digits and separators: the longest valid
    sequence of whole pieces at each place (pieces are never cut: 2024010213800138000 is no
    phone number). ``cuts`` are offsets where the written digits change style (张三 then
    330106…: the 三 of a name is no digit of the number after it): pieces end there."""
    pieces = []
    for m in _PIECE.finditer(view, start, end):
        at = m.start()
        for cut in sorted(c for c in cuts if m.start() < c < m.end()):
            pieces.append((view[at:cut].upper(), at, cut))
            at = cut
        pieces.append((view[at : m.end()].upper(), at, m.end()))
    i = 0
    while i < len(pieces):
        best = None
        digits = ""
        for j in range(i, len(pieces)):
            digits += pieces[j][0]
            if len(digits) > _LONGEST:
                break
            kind = classify(digits)
            if kind is not None:
                best = (kind, digits, pieces[i][1], pieces[j][2], j)
        if best is None:
            i += 1
            continue
        yield best[:4]
        i = best[4] + 1


# Where a number may be: a run of ten or more digits (any style) and separators, found in the
# original text so that the fold runs on the (rare) runs only, not on the whole draft.
_DIGITISH = "0-9\uff10-\uff19" + "".join(NUMERALS) + "".join(CIRCLED_DIGITS)
_RUN_FINDER = re.compile(f"[{_DIGITISH}][{_DIGITISH}{NUMBER_SEPARATORS}\uff0d\uff0eXx\uff38\uff58]{{9,}}")
_FULL_WIDTH_ALNUM = re.compile("[\uff10-\uff19\uff20-\uff3a\uff41-\uff5a]")


_CHINESE_NUMERALS = frozenset(NUMERALS) | frozenset(CIRCLED_DIGITS)
_WRITTEN_SEPARATORS = frozenset(SEPARATOR_CHARS + "－．")


def _style_changes(written: str) -> frozenset[int]:
    """Offsets where Chinese numerals meet Arabic digits with nothing between (三3)."""
    if written.isascii():
        return frozenset()
    return frozenset(
        i
        for i in range(1, len(written))
        if (written[i - 1] in _CHINESE_NUMERALS) != (written[i] in _CHINESE_NUMERALS)
        and written[i - 1] not in _WRITTEN_SEPARATORS
        and written[i] not in _WRITTEN_SEPARATORS
    )


def personal_numbers(draft: Draft) -> list[Number]:
    """Every number in the draft (front matter and published body) that is personal data."""
    if "numbers" not in draft.cache:
        text = draft.text[: draft.body_offset] + draft.published[draft.body_offset :]
        urls: list[tuple[int, int]] | None = None
        out = []
        for found in _RUN_FINDER.finditer(text):
            begin = found.start()
            if begin and text[begin - 1 : begin].translate(_DIGIT_FOLD).isascii() and text[begin - 1].isalnum():
                continue  # inside a longer token (abc13800138000)
            written = found.group()
            view = written.translate(_DIGIT_FOLD)
            cuts = _style_changes(written)
            for run in _NUMBER_RUN.finditer(view):
                # Digits styles mixed without a break are one number (幺三八00138000 dodges); only
                # when that reads as nothing do the style changes split it (张三 before an ID).
                found_here = list(_numbers_in_run(view, run.start(), run.end()))
                if not found_here and cuts:
                    found_here = list(_numbers_in_run(view, run.start(), run.end(), cuts))
                for kind, digits, start, end in found_here:
                    if start == run.start() + 1 and view[run.start()] == "+":
                        start -= 1  # +86 …: the number starts at its plus sign
                    if start == 0 and begin and text[begin - 1] in "+＋":
                        start -= 1
                    if urls is None:
                        urls = [m.span() for m in URL.finditer(text)] if ("://" in text or "www." in text) else []
                    at = begin + start
                    in_url = any(a <= at < b for a, b in urls)
                    out.append(Number(kind, digits, at, begin + end, in_url))
        draft.cache["numbers"] = out
    return draft.cache["numbers"]


def mask(kind: str, value: str) -> str:
    """Never the full value: the middle is hidden in every output format."""
    if kind == "email":
        name, _, domain = value.partition("@")
        return f"{name[:1]}***@{domain}"
    digits = re.sub(r"[^0-9Xx]", "", value)
    if kind == "mobile":
        digits = digits[-11:]
        return f"{digits[:3]}****{digits[-4:]}"
    keep = 4 if kind == "bank_card" else 3
    return digits[:keep] + "*" * (len(digits) - keep - 4) + digits[-4:]


def masked_as_written(written: str) -> str:
    """The 3+4 form of a number as the draft writes it: its first 3 and last 4 digits as they
    are (full-width, Chinese numerals), every other digit a star (full-width when the digits
    are), separators dropped: 330106199207153284 -> 330***********3284."""
    folded = written.translate(_DIGIT_FOLD)
    digits = [written[i] for i, ch in enumerate(folded) if ch in "0123456789Xx"]
    star = "＊" if unicodedata.east_asian_width(digits[-1]) == "F" else "*"
    return "".join(digits[:3]) + star * (len(digits) - 7) + "".join(digits[-4:])


def _allowed_contact(kind: str, value: str, ctx) -> bool:
    if kind == "email":
        lower = value.lower()
        return any(
            lower == a.lower() or (a.startswith("@") and lower.endswith(a.lower())) for a in ctx.config.allow_contacts
        )
    digits = re.sub(r"\D", "", value)[-11:]
    return any(re.sub(r"\D", "", a)[-11:] == digits for a in ctx.config.allow_contacts if re.sub(r"\D", "", a))


def _emails(draft: Draft) -> Iterator[tuple[str, int]]:
    text = draft.text[: draft.body_offset] + draft.published[draft.body_offset :]
    if "@" not in text and "＠" not in text:
        return
    view = text.translate(_DIGIT_FOLD) if _FULL_WIDTH_ALNUM.search(text) else text
    for at in _AT.finditer(view):
        start, end = max(0, at.start() - 64), min(len(view), at.start() + 256)
        for match in _EMAIL.finditer(view, start, end):
            if match.start() <= at.start() < match.end():
                yield match.group(), match.start()
                break


@check_type("personal-data", target="article", params=P + "PersonalDataParams")
def personal_data(rule, params, draft: Draft, ctx) -> Iterator[Hit]:
    """Personal data of a kind is published: numbers in any digit style and with any
    separators, validated by their check digit where they have one."""
    if params.kind == "email":
        for value, start in _emails(draft):
            if _allowed_contact("email", value, ctx):
                continue
            line, column = draft.position(start)
            yield Hit(line, column, {"masked": mask("email", value)}, end_line=line, end_column=column + len(value))
        return
    for number in personal_numbers(draft):
        if number.kind != params.kind:
            continue
        # Post and order IDs in URLs look like card or phone numbers; an ID number never hides there.
        if number.in_url and number.kind != "resident_id":
            continue
        if number.kind == "mobile" and _allowed_contact("mobile", number.digits, ctx):
            continue
        line, column = draft.position(number.start)
        end_line, end_column = draft.position(number.end)
        # Masking is the mechanical fix of ID and card numbers in the body; in the front matter
        # or a link it would change a field or a URL, which needs a person.
        fixable = (
            number.kind in ("resident_id", "bank_card") and number.start >= draft.body_offset and not number.in_url
        )
        yield Hit(
            line,
            column,
            {"masked": mask(number.kind, number.digits)},
            end_line=end_line,
            end_column=end_column,
            replacement=masked_as_written(draft.text[number.start : number.end]) if fixable else None,
        )


_HOUSE = r"(?:\d{1,5}|[一二三四五六七八九十百]{1,4})[ \t]?(?:号楼|号院|栋|幢|座|单元|室|号|楼|层)"


@check_type("home-address", target="article", params=P + "AddressParams")
def home_address(rule, params, draft: Draft, ctx) -> Iterator[Hit]:
    """A person's full name next to a residence marker and an address down to the building or room."""
    key = ("address-markers", rule.code)
    if key not in ctx.cache:
        ctx.cache[key] = re.compile("|".join(sorted(map(re.escape, params.markers), key=len, reverse=True)))
    marker = ctx.cache[key]
    prose = draft.prose
    # A match holds a marker, its name at most ~15 characters before: the pattern (and the
    # digit fold) run only in windows around the markers, not over the whole draft.
    windows = merge_spans(
        ((max(0, m.start() - _ADDRESS_BEFORE), m.end() + _ADDRESS_AFTER) for m in marker.finditer(prose)), gap=0
    )
    if not windows:
        return
    key = ("address-pattern", rule.code)
    if key not in ctx.cache:  # compiled when a marker is first met (~2 ms: most runs never need it)
        surnames = "".join(sorted(set(params.surnames)))
        markers = marker.pattern
        ctx.cache[key] = re.compile(
            r"(?P<name>[" + surnames + r"][\u4e00-\u9fff]{1,2}?)"
            r"(?:[，,、（(\s]{0,2}[男女]?[，,、\s]{0,2}(?:\d{1,3}岁)?[，,、）)\s]{0,2})"
            r"(?:" + markers + r")[:：\s]{0,2}"
            r"(?P<address>[^\n。；;！!？?\x00]{2,40}?" + _HOUSE + r"(?:[^\n。；;！!？?\x00，,]{0,12}?" + _HOUSE + r")*)"
        )
    pattern = ctx.cache[key]
    for start, end in windows:
        window = prose[start:end]
        view = window.translate(_DIGIT_FOLD) if _FOLDABLE.search(window) else window
        for match in pattern.finditer(view):
            name = match.group("name")
            if any(ch in name for ch in params.anonymous):
                continue
            line, column = draft.position(start + match.start())
            end_line, end_column = draft.position(start + match.end())
            masked = name[0] + "*" * (len(name) - 1) + " " + re.sub(r"\d", "*", match.group("address")[:6]) + "…"
            yield Hit(line, column, {"masked": masked}, end_line=end_line, end_column=end_column)


_ADDRESS_BEFORE, _ADDRESS_AFTER = 40, 400  # a match's reach before and after its marker


# --------------------------------------------------------------------------- links


# URL characters of RFC 3986 (ASCII only, so 访问www.example.com查看 ends at the host); the host
# is read in the same pass (after any user@), as _host_of reads it from a URL on its own.
_BARE = re.compile(
    r"(?:(?:https?|HTTPS?|ftp)://(?:[A-Za-z0-9\-._~:!$&*+,;=%]{0,300}@)?|(?=www\.(?<![A-Za-z0-9.@/]www\.)))"
    r"([A-Za-z0-9\-._~!$&*+,;=%]{1,300})[A-Za-z0-9\-._~:/?#@!$&*+,;=%]*"
)


def _host_allowed(host: str, listed: frozenset[str]) -> bool:
    """The host or one of its parent domains is listed (``gov.cn`` allows ``www.gov.cn``)."""
    labels = host.lower().rstrip(".").split(".")
    return any(".".join(labels[i:]) in listed for i in range(len(labels)))


def _host_lists(params, ctx) -> tuple[frozenset[str], frozenset[str]]:
    key = ("hosts", id(params))
    if key not in ctx.cache:
        allowed = frozenset(a.lower().rstrip(".") for a in [*params.allow_hosts, *ctx.config.allow_hosts])
        risky = frozenset(a.lower().rstrip(".") for a in params.risky_hosts)
        ctx.cache[key] = (allowed, risky)
    return ctx.cache[key]


@check_type("link-host", target="article", params=P + "LinkParams")
def link_host(rule, params, draft: Draft, ctx) -> Iterator[Hit]:
    """Links (or the 阅读原文 URL) point at a host outside the allowlist: one finding per host,
    at its first link, with the number of links."""
    allowed, risky_hosts = _host_lists(params, ctx)
    text = draft.links_view
    # Every absolute link destination is also a bare address in the text: one pass finds both
    # the [text](https://…) links and the addresses written out, in the order of the text.
    matches = list(_BARE.finditer(text)) if "://" in text or "www." in text else []
    written = [m[1] for m in matches]
    hosts: dict[str, list] = {}  # host -> [index of its first link, count, risky host]
    # host as written -> (allowed or no host, a short link or a bare IP, the host), kept across
    # the drafts of a run: most links repeat a host already judged
    verdicts: dict[str, tuple[bool, bool, str]] = ctx.cache.setdefault(("host-verdicts", id(params)), {})
    # Per distinct spelling, not per link (a link-heavy article repeats a few hosts hundreds
    # of times): counted, and each one's first link indexed, in C.
    firsts = dict(zip(reversed(written), range(len(written) - 1, -1, -1), strict=True))
    for spelling, count in collections.Counter(written).items():
        verdict = verdicts.get(spelling)
        if verdict is None:
            if len(verdicts) > 100_000:  # an archive of millions of hosts: memory stays bounded
                verdicts.clear()
            host = spelling.lower().rstrip(".")
            if not 0 < len(host) <= 253:  # no longer name is a host (RFC 1035)
                verdict = (True, False, host)
            else:
                risky = _host_allowed(host, risky_hosts) or bool(_IP_HOST.match(host))
                verdict = (_host_allowed(host, allowed), risky, host)
            verdicts[spelling] = verdict
        if verdict[0]:
            continue
        first = firsts[spelling]
        entry = hosts.get(verdict[2])
        if entry is None:
            hosts[verdict[2]] = [first, count, verdict[1]]
        else:  # another spelling of a host seen (case, a trailing dot)
            entry[0], entry[1] = min(entry[0], first), entry[1] + count
    # An external host alone would not be shown (nor waived: no waiver in the draft).
    quiet = ctx.counts_only(rule, rule.severity)
    suffixes = tuple(params.risky_suffixes)
    counted = 0  # hosts only counted (hidden): one hit for all of them, no message built
    for host, (first, count, risky_host) in sorted(hosts.items(), key=lambda item: item[1][0]):
        url = matches[first].group()
        risky = risky_host or _download(url, suffixes)
        if quiet and not risky:
            counted += 1
            continue
        line, column = draft.position(matches[first].start())
        key = "many" if count > 1 else None
        yield Hit(
            line,
            column,
            {"host": redact(host), "url": redact(url[:80]), "count": count},
            key=("risky" if risky else key),
            severity="warning" if risky else None,
        )
    if counted:
        yield Hit(1, 1, count=counted)
    value = draft.front.get("source_url")
    if isinstance(value, str) and "://" in value:
        host = _host_of(value)
        if host and not _host_allowed(host, allowed):
            line, column = draft.field_position("source_url")
            yield Hit(line, column, {"host": redact(host), "url": redact(value[:80]), "count": 1}, key="source_url")


_IP_HOST = re.compile(r"^(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-f:.]*\])$")


def _download(url: str, suffixes: tuple[str, ...]) -> bool:
    """A link to an installer or executable (.apk, .exe): the reader cannot see what it does."""
    path = url.split("?", 1)[0].split("#", 1)[0].lower()
    return path.endswith(suffixes)


_HOST = re.compile(
    r"(?:[A-Za-z][A-Za-z0-9+.-]{0,31}:)?//(?:[^/?#@]{0,300}@)?(\[[^\]/?#]{0,64}\]|[^:/?#]{1,300})", re.ASCII
)


def _host_of(url: str) -> str | None:
    """The host of an absolute or www. URL (no urlsplit: it raises on some hostile inputs)."""
    if url.startswith("www."):
        url = "//" + url
    elif "://" not in url:
        return None
    match = _HOST.match(url, 0, 400)
    host = match.group(1).lower().rstrip(".") if match else ""
    return host if 0 < len(host) <= 253 else None  # no longer name is a host (RFC 1035)


# --------------------------------------------------------------------------- waivers


@check_type("waiver", target="article", params=P + "WaiverParams")
def waiver(rule, params, waivers, ctx) -> Iterator[Hit]:
    """Waivers need a reason and must waive something (run after every other rule)."""
    for w in waivers:
        if w.kind == "enable":
            continue
        if params.problem == "no_reason" and not w.reason:
            yield Hit(w.line, w.column, {"codes": ", ".join(w.codes) or "-"})
        elif params.problem == "unused":
            refused = sorted(c[1:] for c in w.used if c.startswith("!"))
            if refused:
                yield Hit(w.line, w.column, {"codes": ", ".join(refused)}, key="not_waivable")
            elif not w.used and all(ctx.selected(code) for code in w.codes):  # (a rule not run waives nothing)
                yield Hit(w.line, w.column, {"codes": ", ".join(w.codes) or "-"})
