"""The data's shape: strict pydantic models, unknown keys rejected.

Each data file under ``data/`` has a model here; JSON Schemas in ``schemas/`` are generated from
them (``oahandbook schema --write``) so editors validate YAML as it is typed.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, model_validator


class Model(BaseModel):
    # defer_build: validators are built on first use, so loading the cached bundle (which
    # validates nothing) does not pay for them on every pre-commit run.
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, defer_build=True)


NonEmpty = Annotated[str, StringConstraints(min_length=1)]
Version = Annotated[str, StringConstraints(pattern=r"^\d+\.\d+(\.\d+)?$")]
ClauseId = Annotated[str, StringConstraints(pattern=r"^OA-\d+(\.\d+)*$")]
RuleCode = Annotated[str, StringConstraints(pattern=r"^[A-Z]{2}\d{2}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*$")]
Severity = Literal["error", "warning"]
# A lexicon entry may also be a "suggestion": worth a look, not a problem (Vale's level of that
# name). Suggestions are not printed by default and never fail a commit.
EntrySeverity = Literal["error", "warning", "suggestion"]
Status = Literal["automated", "partial", "manual"]

# What a URL may hold as written (RFC 3986's unreserved and reserved characters and %-escapes),
# except parentheses and brackets outside the host: they end a Markdown link (write %28 %29).
_URL_CHARS = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&'*+,;=%]*")
_HOST_LABEL = re.compile(r"(?!-)[A-Za-z0-9-]{1,63}(?<!-)")


def _check_http_url(url: str) -> str:
    """An absolute http(s) URL with a valid host and nothing a link could be broken with."""
    from urllib.parse import urlsplit

    if url != url.strip() or not url:
        raise ValueError("a URL has no spaces around it")
    scheme = url.split(":", 1)[0].lower() if ":" in url else ""
    if scheme not in ("http", "https"):
        raise ValueError("a URL starts with http:// or https:// (no other scheme is linked)")
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        raise ValueError("the URL's host or port is not valid (expected https://host/path)") from None
    if not url.lower().startswith(scheme + "://") or not host:
        raise ValueError("a URL names its host: https://host/path")
    if not parts.netloc.startswith("[") and not all(_HOST_LABEL.fullmatch(label) for label in host.split(".")):
        raise ValueError("the URL's host is not a valid name (letters, digits, '-' and '.')")
    rest = url[len(scheme) + 3 + len(parts.netloc) :]
    if not _URL_CHARS.fullmatch(parts.netloc.replace("[", "").replace("]", "")) or not _URL_CHARS.fullmatch(rest):
        raise ValueError(
            "a URL holds only letters, digits and - . _ ~ : / ? # @ ! $ & ' * + , ; = %; "
            "write other characters (spaces, quotes, < >, parentheses) %-encoded"
        )
    if "@" in parts.netloc:
        raise ValueError("a URL carries no user name or password")
    return url


# An http(s) URL: the handbook links it, so nothing else (javascript:, data:) is accepted.
HttpUrl = Annotated[str, AfterValidator(_check_http_url)]

# Raw HTML in the handbook's Markdown: a tag, a closing tag, a comment, a declaration.
_RAW_HTML = re.compile(r"<(?:[A-Za-z][A-Za-z0-9-]*(?=[\s/>])|/[A-Za-z]|!|\?)")
_CODE_SPAN = re.compile(r"(`+).+?\1", re.S)
_LINK_TARGET = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]*)|^\s*\[[^\]]+\]:\s*<?(\S*?)>?(?:\s|$)", re.M)


def _check_markdown(text: str) -> str:
    """Handbook Markdown: no raw HTML, links only to http(s) or within the site, no outside image."""
    prose = _CODE_SPAN.sub("", text)
    if _RAW_HTML.search(prose):
        raise ValueError("raw HTML is not allowed in the handbook's Markdown; write Markdown, or put HTML in `code`")
    for match in _LINK_TARGET.finditer(prose):
        image, target = match.group(1), match.group(2) if match.group(2) is not None else match.group(3) or ""
        scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", target)
        if scheme and scheme.group(1).lower() not in ("http", "https"):
            raise ValueError("a link goes to an http(s) URL or a page of the handbook (no other scheme)")
        if image and (scheme or target.startswith("//")):
            raise ValueError("an image comes from the handbook itself, never from another host")
    return text


class Text(Model):
    """A bilingual text: Simplified Chinese first, English second."""

    zh: NonEmpty
    en: NonEmpty


def _check_markdown_text(text: Text | None) -> Text | None:
    if text is not None:
        for lang, value in (("zh", text.zh), ("en", text.en)):
            try:
                _check_markdown(value)
            except ValueError as exc:
                raise ValueError(f"{lang}: {exc}") from None
    return text


# A bilingual Markdown text shown on the handbook's pages: no raw HTML, no foreign scheme.
MarkdownText = Annotated[Text, AfterValidator(_check_markdown_text)]


# --------------------------------------------------------------------------- regulation


class Reference(Model):
    id: Slug
    title: Text
    issuer: Text
    year: int
    url: HttpUrl | None = None


class ClauseReference(Model):
    ref: Slug
    articles: list[NonEmpty] = Field(default_factory=list, description="Only article numbers verified at the source.")
    note: Text | None = None


class Section(Model):
    """A node of the regulation: a heading with children, or a clause with the regulation's words."""

    id: ClauseId = Field(description="Stable, never reused. The handbook anchor is derived from it.")
    number: NonEmpty = Field(description="Numbering exactly as in the source: 一, 2.1, （1）.")
    title: Text
    since: Version
    children: list[Section] = Field(default_factory=list)
    text: NonEmpty | None = Field(None, description="The regulation's own words, verbatim.")
    translation: NonEmpty | None = Field(
        None, description="English translation of `text` (a translation, not the text)."
    )
    guidance: MarkdownText | None = Field(
        None, description="The handbook's guidance: what the clause means in practice."
    )
    status: Status | None = None
    references: list[ClauseReference] = Field(default_factory=list)

    @model_validator(mode="after")
    def _leaf_or_heading(self) -> Section:
        leaf_fields = {
            "text": self.text,
            "translation": self.translation,
            "guidance": self.guidance,
            "status": self.status,
        }
        if self.children:
            present = [k for k, v in leaf_fields.items() if v is not None] + (["references"] if self.references else [])
            if present:
                raise ValueError(f"a section with children carries no {', '.join(present)}; move them into a clause")
        else:
            missing = [k for k, v in leaf_fields.items() if v is None]
            if missing:
                raise ValueError(f"a clause (no children) needs {', '.join(missing)}")
        return self

    @property
    def is_clause(self) -> bool:
        return not self.children

    @property
    def anchor(self) -> str:
        return self.id.lower().replace(".", "-")


class Change(Model):
    clause: ClauseId
    kind: Literal["added", "amended", "removed", "renumbered"]
    note: Text


class Release(Model):
    version: Version
    date: dt.date
    summary: Text
    changes: list[Change] = Field(default_factory=list)


class Document(Model):
    """Document control, as a Chinese corporate regulation carries it."""

    number: NonEmpty = Field(description="文件编号")
    title: Text
    version: Version
    effective_date: dt.date
    issuing_department: Text
    approver: Text
    review_cycle_months: int = Field(gt=0)
    history: list[Release] = Field(min_length=1)

    @property
    def next_review(self) -> dt.date:
        months = self.effective_date.month - 1 + self.review_cycle_months
        year = self.effective_date.year + months // 12
        month = months % 12 + 1
        day = min(self.effective_date.day, 28)
        return dt.date(year, month, day)


class Regulation(Model):
    document: Document
    references: list[Reference] = Field(default_factory=list)
    sections: list[Section] = Field(min_length=1)

    def walk(self) -> list[tuple[int, Section]]:
        """Every node in reading order, with its depth (0 for 一、二、三)."""
        out: list[tuple[int, Section]] = []

        def visit(nodes: list[Section], depth: int) -> None:
            for node in nodes:
                out.append((depth, node))
                visit(node.children, depth + 1)

        visit(self.sections, 0)
        return out

    def clauses(self) -> list[Section]:
        return [node for _, node in self.walk() if node.is_clause]


# --------------------------------------------------------------------------- platform facts


class Source(Model):
    title: NonEmpty | Text = Field(description="The document's own title, or {zh, en} for a source of ours.")
    url: HttpUrl | None = None
    checked: dt.date


class Alternative(Model):
    value: int | list[str]
    source: Source
    note: Text | None = None


class Fact(Model):
    id: Annotated[str, StringConstraints(pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$")]
    title: Text
    value: int | list[str]
    unit: Literal["characters", "bytes", "count", "days", "hours", "formats", "width"]
    source: Source
    alternatives: list[Alternative] = Field(default_factory=list)
    note: Text | None = None


class Platform(Model):
    checked_by: NonEmpty
    facts: list[Fact]
    policy: list[Fact] = Field(
        default_factory=list, description="Organisational defaults, overridable in .oahandbook.yaml."
    )

    def value(self, fact_id: str) -> Any:
        for fact in (*self.facts, *self.policy):
            if fact.id == fact_id:
                return fact.value
        raise KeyError(fact_id)

    def fact(self, fact_id: str) -> Fact:
        for fact in (*self.facts, *self.policy):
            if fact.id == fact_id:
                return fact
        raise KeyError(fact_id)


# --------------------------------------------------------------------------- rules


class Expectation(Model):
    line: int = Field(ge=1)
    column: int | None = Field(None, ge=1)
    code: RuleCode | None = None
    severity: EntrySeverity | None = Field(None, description="The level the finding must have, where it matters.")


class Example(Model):
    """A complete input (a draft, or an account file) and what the rule must say about it."""

    input: str
    note: Text | None = None
    path: str | None = Field(None, description="File name the input is checked under (default: by target).")
    config: str | None = Field(None, description="A .oahandbook.yaml to check with, as YAML text.")
    today: dt.date | None = Field(None, description="Fixes 'today' for date rules.")
    files: list[NonEmpty] = Field(
        default_factory=list, description="Files created beside the input (e.g. a cover image)."
    )
    expect: list[Expectation] = Field(default_factory=list, description="Positions the failing findings must have.")


class Examples(Model):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    fail: list[Example] = Field(min_length=1)
    pass_: list[Example] = Field(min_length=1, alias="pass")


class Deprecation(Model):
    since: Version
    replaced_by: list[RuleCode] = Field(default_factory=list)
    note: Text


class Rule(Model):
    code: RuleCode = Field(description="Short stable code, never reused.")
    name: Annotated[str, StringConstraints(pattern=r"^[a-z0-9-]+\.[a-z0-9.-]+$")]
    target: Literal["article", "account"]
    family: Text
    clause: ClauseId
    severity: EntrySeverity
    waivable: bool = True
    since: Version
    title: Text
    message: Text = Field(description="The finding's message; {placeholders} are filled by the check.")
    messages: dict[str, Text] = Field(default_factory=dict, description="Further messages by key.")
    why: Text
    fix: Text
    check: Slug = Field(description="The check type that runs this rule.")
    params: dict[str, Any] = Field(default_factory=dict)
    examples: Examples
    aliases: list[str] = Field(default_factory=list, description="Old codes/names that still select this rule.")
    deprecated: Deprecation | None = None

    @property
    def family_code(self) -> str:
        return self.code[:2]


# --------------------------------------------------------------------------- lexicons


class Provenance(Model):
    what: Text
    source: Text
    licence: NonEmpty
    checked: dt.date
    maintainer_note: Text | None = None


class LexiconEntry(Model):
    """One term (or one regular expression) of a lexicon.

    A term is matched on the normal form of the text, so width, case, Traditional characters,
    variant characters, invisible characters, punctuation, symbols and markup inserted between
    its characters, and repeated characters never hide it. ``pinyin`` and ``homophones`` add
    the spellings spammers use (full pinyin, initials and pinyin mixed with characters; the
    substitutions listed in ``spelling.yaml``).
    """

    term: NonEmpty | None = Field(None, description="A phrase, matched on the normal form.")
    pattern: NonEmpty | None = Field(
        None,
        description=(
            "A regular expression over the normal form (no spaces or punctuation; digits as ASCII, "
            "Chinese numerals as digits). Use for shapes with numbers: 集满\\d+个?赞."
        ),
    )
    group: Slug | None = Field(
        None, description="A sub-category that composition rules select as `category/group` (sell, reward…)."
    )
    severity: EntrySeverity | None = Field(
        None, description="Level when found on its own (default: the rule's severity)."
    )
    alone: bool = Field(True, description="False: reported only in combination with another entry (an intent).")
    pinyin: bool | None = Field(None, description="Also match pinyin spellings (default: the lexicon's `pinyin`).")
    homophones: bool | None = Field(
        None, description="Also match listed homophone substitutions (default: the lexicon's `homophones`)."
    )
    note: Text | None = None

    @model_validator(mode="after")
    def _term_or_pattern(self) -> LexiconEntry:
        if (self.term is None) == (self.pattern is None):
            raise ValueError("an entry has either `term` or `pattern`, not both and not neither")
        if self.pattern is not None:
            import re

            try:
                re.compile(self.pattern)
            except re.error as exc:
                raise ValueError(f"pattern does not compile: {exc}") from None
            if self.pinyin or self.homophones:
                raise ValueError("`pinyin` and `homophones` apply to terms, not patterns")
        return self

    @property
    def text(self) -> str:
        return self.term if self.term is not None else self.pattern  # type: ignore[return-value]


class Lexicon(Model):
    provenance: Provenance
    category: Slug
    kind: Literal["object", "intent", "context"] = Field(
        "object",
        description=(
            "object: what is prohibited (a drug, a weapon); intent: what makes an object an offer "
            "(sell, supply, contact); context: markers that raise or lower a finding (news, publicity, sales)."
        ),
    )
    pinyin: bool = Field(False, description="Default of the entries' `pinyin`.")
    homophones: bool = Field(False, description="Default of the entries' `homophones`.")
    groups: dict[Slug, Text] = Field(
        default_factory=dict, description="Names of the entries' groups, shown in findings (sell: 出售)."
    )
    entries: list[LexiconEntry] = Field(min_length=1)
    allow: list[NonEmpty] = Field(
        default_factory=list, description="Ordinary phrases that contain a term but are not a hit (最佳实践)."
    )


SingleChar = Annotated[str, StringConstraints(min_length=1, max_length=1)]


class Spelling(Model):
    """How spammers respell terms, as data: folded or expanded before matching."""

    provenance: Provenance
    variants: dict[SingleChar, SingleChar] = Field(
        default_factory=dict,
        description="Variant or look-alike character -> standard character, folded in text and terms alike.",
    )
    homophones: dict[SingleChar, list[SingleChar]] = Field(
        default_factory=dict,
        description=(
            "Standard character -> characters written in its place. Terms marked `homophones` also "
            "match with one (two, in terms of four or more characters) of them substituted."
        ),
    )
