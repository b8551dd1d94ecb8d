"""Parameter models of the article check types (validated when the data is loaded)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _known_fact(value: str, info: ValidationInfo) -> str:
    bundle = (info.context or {}).get("bundle")
    if bundle is not None:
        try:
            bundle.platform.fact(value)
        except KeyError:
            raise ValueError(f"no platform fact or policy with id {value!r}") from None
    return value


class TypographyParams(Params):
    kind: Literal["latin-spacing", "digit-spacing", "punctuation", "punctuation-spacing"] = Field(
        description="which AutoCorrect edits the rule reports: spaces beside Latin letters or digits, "
        "half-width punctuation after Chinese, or spaces beside full-width punctuation"
    )


class LengthParams(Params):
    field: Literal["title", "author", "digest"]
    fact: str = Field(description="platform fact id holding the limit")

    _fact = field_validator("fact")(_known_fact)


class BodyLengthParams(Params):
    chars_fact: str
    bytes_fact: str

    _facts = field_validator("chars_fact", "bytes_fact")(_known_fact)


class CoverParams(Params):
    formats_fact: str
    size_fact: str

    _facts = field_validator("formats_fact", "size_fact")(_known_fact)


class QuoteParams(Params):
    min_chars: int = Field(ge=1)
    attribution_markers: list[str] = Field(min_length=1)
    tail_chars: int = Field(40, ge=1, description="markers count only in the quote's last characters")


def _known_selectors(value: list[str], info: ValidationInfo) -> list[str]:
    """``category`` or ``category/group``: the category must be a bundled lexicon's."""
    bundle = (info.context or {}).get("bundle")
    if bundle is not None:
        known = {lexicon.category for lexicon in bundle.lexicons.values()}
        unknown = [c for c in value if c.partition("/")[0] not in known]
        if unknown:
            raise ValueError(f"no lexicon has category {', '.join(unknown)}; known: {', '.join(sorted(known))}")
    return value


Selector = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)?$")]


class Combination(Params):
    """An object next to a partner (an intent such as sell or contact, or a reward) is worse."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, populate_by_name=True)

    objects: list[Selector] = Field(
        default_factory=list, description="which objects combine (default: every object of the rule)"
    )
    with_: list[Selector] = Field(alias="with", min_length=1, description="partners: `category` or `category/group`")
    severity: Literal["error", "warning", "suggestion"] = "error"
    window: int = Field(16, ge=0, le=200, description="at most this many characters between them, same sentence")

    _known = field_validator("objects", "with_")(_known_selectors)


class LexiconParams(Params):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True, populate_by_name=True)

    categories: list[str] = Field(min_length=1, description="lexicon categories this rule reports")
    scope: list[Literal["title", "digest", "author", "body"]] = Field(min_length=1)
    context: int = Field(12, ge=0, description="characters of context shown on each side")
    combine: list[Combination] = Field(default_factory=list, description="combinations that raise the level")
    lower: list[Selector] = Field(
        default_factory=list, description="context markers (news, publicity, law) that lower the level"
    )
    raise_: list[Selector] = Field(
        default_factory=list, alias="raise", description="context markers (sales, contact) that raise the level"
    )
    context_window: int = Field(
        150, ge=0, le=1000, description="how far context markers count, in characters, across paragraphs"
    )

    _known = field_validator("categories", "lower", "raise_")(_known_selectors)


class PersonalDataParams(Params):
    kind: Literal["resident_id", "bank_card", "mobile", "email"]


class AddressParams(Params):
    surnames: str = Field(min_length=1, description="family names that start a person's name, one character each")
    markers: list[str] = Field(min_length=1, description="words that introduce where a person lives (家住, 住址)")
    anonymous: str = Field("某*＊×X", description="characters that show a name is already anonymised (张某)")


class LinkParams(Params):
    allow_hosts: list[str] = Field(description="hosts always allowed (suffix match)")
    risky_hosts: list[str] = Field(
        default_factory=list, description="short-link services: where they lead cannot be seen (suffix match)"
    )
    risky_suffixes: list[str] = Field(default_factory=list, description="downloads (.apk, .exe): reported as warnings")


class WaiverParams(Params):
    problem: Literal["no_reason", "unused"]
