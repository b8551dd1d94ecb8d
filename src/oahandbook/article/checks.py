"""Check types for draft articles. Rules (data/rules/*.yaml) pick one and give it parameters."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field

from oahandbook.article.draft import BOUNDARY, Draft
from oahandbook.findings import Hit
from oahandbook.registry import check_type
from oahandbook.textnorm import Matcher, NormalText, Term


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


# --------------------------------------------------------------------------- front matter


@check_type("front-matter", target="article")
def front_matter(rule, params, draft: Draft, ctx) -> Iterator[Hit]:
    """Front matter is present and has the documented fields with the right types."""
    from pydantic import ValidationError

    from oahandbook.article.models import FrontMatter
    from oahandbook.validation import describe

    if not draft.has_front_matter:
        yield Hit(1, 1, key="absent")
        return
    try:
        FrontMatter.model_validate(draft.front)
    except ValidationError as exc:
        for err in exc.errors(include_url=False):
            loc = tuple(err["loc"])
            kind = err["type"]
            line, column = draft.field_position(*map(str, loc), at_key=kind == "extra_forbidden")
            key = "missing" if kind == "missing" else "invalid"
            yield Hit(line, column, {"field": ".".join(map(str, loc)), "detail": describe(err, draft.front_doc, FrontMatter, loc)}, key=key)


class LengthParams(Params):
    field: Literal["title", "author", "digest"]
    fact: str = Field(description="platform fact id holding the limit")


@check_type("field-length", target="article", params=LengthParams)
def field_length(rule, params: LengthParams, draft: Draft, ctx) -> Iterator[Hit]:
    """A front matter field is longer than the platform allows (counted in characters)."""
    found = draft.field_text(params.field)
    if found is None:
        return
    value, where = found
    limit = ctx.policy(params.fact)
    if len(value) > limit:
        line, column = where(limit)
        yield Hit(line, column, {"field": params.field, "length": len(value), "limit": limit})


class BodyLengthParams(Params):
    chars_fact: str
    bytes_fact: str


@check_type("body-length", target="article", params=BodyLengthParams)
def body_length(rule, params: BodyLengthParams, draft: Draft, ctx) -> Iterator[Hit]:
    """The body is longer than the platform accepts (characters, then bytes)."""
    body = draft.published[draft.body_offset :].replace(BOUNDARY, "")
    chars, limit = len(body), ctx.policy(params.chars_fact)
    line, column = draft.position(draft.body_offset)
    if chars >= limit:
        yield Hit(line, column, {"length": chars, "limit": limit})
        return
    size, byte_limit = len(body.encode("utf-8")), ctx.policy(params.bytes_fact)
    if size >= byte_limit:
        yield Hit(line, column, {"length": size, "limit": byte_limit}, key="bytes")


class CoverParams(Params):
    formats_fact: str
    size_fact: str


@check_type("cover", target="article", params=CoverParams)
def cover(rule, params: CoverParams, draft: Draft, ctx) -> Iterator[Hit]:
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
    suffix = PurePosixPath(urlsplit(value).path).suffix.lower().lstrip(".")
    if suffix not in formats:
        yield Hit(line, column, {"cover": value, "formats": "/".join(formats)}, key="format")
        return
    if "://" in value or draft.file_path is None:
        return
    image = (Path(draft.file_path).parent / value)
    if not image.is_file():
        yield Hit(line, column, {"cover": value}, key="not_found")
        return
    limit = ctx.policy(params.size_fact)
    if image.stat().st_size > limit:
        yield Hit(line, column, {"cover": value, "size": image.stat().st_size, "limit": limit}, key="too_large")


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


class QuoteParams(Params):
    min_chars: int = Field(ge=1)
    attribution_markers: list[str]


_QUOTE_LINE = re.compile(r"^ {0,3}>")


@check_type("quote-attribution", target="article", params=QuoteParams)
def quote_attribution(rule, params: QuoteParams, draft: Draft, ctx) -> Iterator[Hit]:
    """A long block quote says where it comes from."""
    raw_lines = draft.text.split("\n")
    starts = draft.line_starts
    prose = draft.prose
    i = draft.position(draft.body_offset)[0] - 1
    while i < len(raw_lines):
        if not _QUOTE_LINE.match(raw_lines[i]):
            i += 1
            continue
        start = i
        while i < len(raw_lines) and _QUOTE_LINE.match(raw_lines[i]):
            i += 1
        block = "\n".join(raw_lines[start:i])
        end = starts[i] if i < len(starts) else len(prose)
        quoted = prose[starts[start] : end].replace(BOUNDARY, "")
        text_chars = sum(1 for ch in quoted if not ch.isspace() and ch != ">")
        following = raw_lines[i] if i < len(raw_lines) else ""
        if i < len(raw_lines) and not following.strip() and i + 1 < len(raw_lines):
            following = raw_lines[i + 1]
        attributed = "](" in block or "http" in block or any(
            marker in block or following.lstrip().startswith(marker) for marker in params.attribution_markers
        )
        if text_chars >= params.min_chars and not attributed:
            yield Hit(start + 1, 1, {"length": text_chars})


# --------------------------------------------------------------------------- lexicons


class LexiconParams(Params):
    categories: list[str] = Field(min_length=1, description="lexicon categories this rule reports")
    scope: list[Literal["title", "digest", "author", "body"]] = Field(min_length=1)
    context: int = Field(12, ge=0, description="characters of context shown on each side")


@dataclass(frozen=True, slots=True)
class LexiconTerm:
    """A lexicon entry as the matcher carries it (plain data: cheap to cache and unpickle)."""

    category: str
    term: str
    severity: str | None
    note: dict[str, str] | None


def _matcher(ctx) -> Matcher:
    """One automaton for every lexicon and allowed phrase, built once per run."""
    key = "lexicon-matcher"
    if key not in ctx.cache:
        terms = []
        for category, entries, allow in all_lexicons(ctx):
            terms.extend(Term(entry.term, entry) for entry in entries)
            terms.extend(Term(phrase, None) for phrase in allow)
        terms.extend(Term(phrase, None) for phrase in ctx.config.allow_terms)
        ctx.cache[key] = Matcher(terms)
    return ctx.cache[key]


def _flatten(lexicon) -> tuple[str, list[LexiconTerm], list[str]]:
    entries = [
        LexiconTerm(lexicon.category, e.term, e.severity, e.note.model_dump() if e.note else None)
        for e in lexicon.entries
    ]
    return lexicon.category, entries, list(lexicon.allow)


def all_lexicons(ctx) -> list[tuple[str, list[LexiconTerm], list[str]]]:
    """The bundled lexicons plus the organisation's (``lexicons:`` in .oahandbook.yaml)."""
    key = "lexicons"
    if key not in ctx.cache:
        from oahandbook.cache import cached
        from oahandbook.models import Lexicon
        from oahandbook.validation import validate
        from oahandbook.yamlio import load_file

        out = [_flatten(lexicon) for lexicon in ctx.bundle.lexicons.values()]
        for name in ctx.config.lexicons:
            path = ctx.base_dir / name

            def build(path=path) -> tuple:
                return _flatten(validate(Lexicon, load_file(path, max_bytes=16 * 1024 * 1024)))

            raw = path.read_bytes() if path.is_file() else b""
            out.append(cached("lexicon", [str(path).encode(), raw], build, tuple) if raw else build())
        ctx.cache[key] = out
    return ctx.cache[key]


def _lexicon_hits(draft: Draft, ctx) -> dict[str, list]:
    """Matches per scope, computed once per draft for all lexicon rules."""
    if "lexicon" not in draft.cache:
        matcher = _matcher(ctx)
        out: dict[str, list] = {}
        for name in ("title", "digest", "author"):
            found = draft.field_text(name)
            if found is None:
                continue
            value, where = found
            out[name] = [(term, where(s), value, s, e) for term, s, e in matcher.find(NormalText.of(value))]
        prose = draft.prose
        out["body"] = [
            (term, draft.position(s), prose, s, e) for term, s, e in matcher.find(NormalText.of(prose))
        ]
        draft.cache["lexicon"] = out
    return draft.cache["lexicon"]


def context_of(text: str, start: int, end: int, width: int) -> str:
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end == -1 else line_end
    before = text[max(line_start, start - width) : start].replace(BOUNDARY, " ").strip()
    after = text[end : min(line_end, end + width)].replace(BOUNDARY, " ").strip()
    return f"{before}【{text[start:end]}】{after}"


@check_type("lexicon", target="article", params=LexiconParams)
def lexicon(rule, params: LexiconParams, draft: Draft, ctx) -> Iterator[Hit]:
    """A term of the rule's lexicon categories appears (normalised matching, context shown)."""
    hits = _lexicon_hits(draft, ctx)
    categories = set(params.categories)
    for scope in params.scope:
        for term, (line, column), text, start, end in hits.get(scope, []):
            entry = term.payload
            if entry.category not in categories:
                continue
            note = entry.note or {"zh": "", "en": ""}
            yield Hit(
                line,
                column,
                {"term": entry.term, "found": text[start:end], "context": context_of(text, start, end, params.context),
                 "field": scope, "note": note},
                severity=entry.severity,
                end_line=line,
                end_column=column + (end - start),
            )


# --------------------------------------------------------------------------- personal data


class PersonalDataParams(Params):
    kind: Literal["resident_id", "bank_card", "mobile", "email"]


_PATTERNS = {
    "resident_id": re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9A-Za-z])"),
    "bank_card": re.compile(r"(?<![0-9A-Za-z])(?:[3-6]\d{3})(?:[ -]?\d{4}){2}(?:[ -]?\d{4}|[ -]?\d{4}[ -]?\d{1,3}|\d{1,3})(?![0-9A-Za-z])"),
    "mobile": re.compile(r"(?<![0-9A-Za-z+])(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}(?![0-9A-Za-z])"),
    "email": re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9][A-Za-z0-9._%+-]*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![A-Za-z0-9-])"),
}
_WIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


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


_CARD_PREFIX = re.compile(r"^(?:62|4|5[1-5]|2[2-7]|3[47]|35|6011|65)")


def _valid(kind: str, value: str) -> bool:
    digits = re.sub(r"\D", "", value)
    if kind == "resident_id":
        return resident_id_valid(value)
    if kind == "bank_card":
        return 16 <= len(digits) <= 19 and bool(_CARD_PREFIX.match(digits)) and luhn_valid(digits)
    return True


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


def _allowed_contact(kind: str, value: str, ctx) -> bool:
    if kind == "email":
        lower = value.lower()
        return any(lower == a.lower() or (a.startswith("@") and lower.endswith(a.lower())) for a in ctx.config.allow_contacts)
    digits = re.sub(r"\D", "", value)[-11:]
    return any(re.sub(r"\D", "", a)[-11:] == digits for a in ctx.config.allow_contacts if re.sub(r"\D", "", a))


@check_type("personal-data", target="article", params=PersonalDataParams)
def personal_data(rule, params: PersonalDataParams, draft: Draft, ctx) -> Iterator[Hit]:
    """Personal data of a kind is published (validated by its check digit where it has one)."""
    pattern = _PATTERNS[params.kind]
    sources = []
    for name in ("title", "digest", "author"):
        found = draft.field_text(name)
        if found is not None:
            sources.append((found[0], found[1]))
    sources.append((draft.published, draft.position))
    for text, where in sources:
        view = text.translate(_WIDTH)
        for match in pattern.finditer(view):
            value = match.group()
            if not _valid(params.kind, value):
                continue
            if params.kind in ("mobile", "email") and _allowed_contact(params.kind, value, ctx):
                continue
            line, column = where(match.start())
            yield Hit(line, column, {"masked": mask(params.kind, value)}, end_line=line, end_column=column + len(value))


# --------------------------------------------------------------------------- links


class LinkParams(Params):
    allow_hosts: list[str] = Field(description="hosts always allowed (suffix match)")


_MD_LINK = re.compile(r"\]\(\s*<?([^)\s>]+)")
_BARE = re.compile(r"(?:https?)://[^\s<>()\"'，。；！？、）】》]+")


def _host_allowed(host: str, allowed: list[str]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == a.lower() or host.endswith("." + a.lower()) for a in allowed)


@check_type("link-host", target="article", params=LinkParams)
def link_host(rule, params: LinkParams, draft: Draft, ctx) -> Iterator[Hit]:
    """A link (or the 阅读原文 URL) points at a host outside the allowlist."""
    allowed = [*params.allow_hosts, *ctx.config.allow_hosts]
    seen: set[int] = set()
    text = draft.published
    candidates = [(m.start(1), m.group(1)) for m in _MD_LINK.finditer(text)]
    candidates += [(m.start(), m.group()) for m in _BARE.finditer(text)]
    for offset, url in sorted(candidates):
        if offset in seen:
            continue
        seen.add(offset)
        host = urlsplit(url).hostname if "://" in url else None
        if host and not _host_allowed(host, allowed):
            line, column = draft.position(offset)
            yield Hit(line, column, {"host": host, "url": url[:80]})
    value = draft.front.get("source_url")
    if isinstance(value, str) and "://" in value:
        host = urlsplit(value).hostname
        if host and not _host_allowed(host, allowed):
            line, column = draft.field_position("source_url")
            yield Hit(line, column, {"host": host, "url": value[:80]}, key="source_url")


# --------------------------------------------------------------------------- waivers


class WaiverParams(Params):
    problem: Literal["no_reason", "unused"]


@check_type("waiver", target="article", params=WaiverParams)
def waiver(rule, params: WaiverParams, waivers, ctx) -> Iterator[Hit]:
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
            elif not w.used:
                yield Hit(w.line, w.column, {"codes": ", ".join(w.codes) or "-"})
