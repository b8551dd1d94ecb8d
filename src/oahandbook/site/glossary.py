"""The glossary: one YAML source for the glossary page and the tooltips on every page.

The source is hand-written (``docs/includes/glossary.yaml``): each term in both languages with
its definition. Pages get the definitions of their own language appended as Markdown
abbreviations (``*[公众号]: …``), which :mod:`oahandbook.site.abbr` turns into tooltips.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pydantic import Field

from oahandbook.base.i18n import Lang, pick
from oahandbook.data.models import Model, NonEmpty, Text
from oahandbook.site import markdown as md

if TYPE_CHECKING:
    from pathlib import Path


class Term(Model):
    id: NonEmpty = Field(pattern=r"^[a-z0-9-]+$", description="Anchor on the glossary page.")
    term: Text
    definition: Text
    also: dict[str, list[NonEmpty]] = Field(
        default_factory=dict, description="Other spellings per language that get the tooltip too."
    )
    tooltip: bool = Field(True, description="False for words too common in running text to mark.")


class Group(Model):
    title: Text
    terms: list[Term] = Field(min_length=1)


class Glossary(Model):
    groups: list[Group] = Field(min_length=1)

    def terms(self) -> list[Term]:
        return [t for g in self.groups for t in g.terms]


def load_glossary(path: str | Path) -> Glossary:
    from oahandbook.base.yamlio import load_file
    from oahandbook.data.validation import validate

    return validate(Glossary, load_file(path))


def plain(text: str) -> str:
    """A definition as an attribute value: Markdown emphasis and code marks dropped."""
    return re.sub(r"[*`]", "", " ".join(text.split()))


def abbreviations(glossary: Glossary, lang: Lang) -> str:
    """Markdown abbreviation definitions for a page in ``lang``."""
    lines = []
    for term in glossary.terms():
        if not term.tooltip:
            continue
        definition = plain(pick(term.definition, lang))
        for spelling in (pick(term.term, lang), *term.also.get(lang, [])):
            lines.append(f"*[{spelling}]: {definition}")
    return "\n".join(lines)


def glossary_page(glossary: Glossary, lang: Lang) -> str:
    other: Lang = "en" if lang == "zh" else "zh"
    out = [
        md.front_matter(title=_title(lang), render_macros=False),
        f"# {_title(lang)}",
        "",
    ]
    for group in glossary.groups:
        out += [f"## {md.escape(pick(group.title, lang))}", ""]
        for term in group.terms:
            name = md.escape(pick(term.term, lang))
            translation = md.escape(pick(term.term, other))
            out += [
                f"{name} {{ #{term.id} }}",
                f":   *{translation}* — {pick(term.definition, lang)}",
                "",
            ]
    return "\n".join(out).rstrip() + "\n"


def _title(lang: Lang) -> str:
    return "术语表" if lang == "zh" else "Glossary"
