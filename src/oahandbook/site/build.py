"""Every generated page for one language, and the navigation entries they need.

Plain functions of the data: :mod:`oahandbook.site.tree` writes them into each language's tree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oahandbook.base.i18n import Lang
from oahandbook.site import links
from oahandbook.site.api import api_page
from oahandbook.site.changelog import changelog_page
from oahandbook.site.checklists import checklists_page
from oahandbook.site.glossary import Glossary, glossary_page
from oahandbook.site.regulation import regulation_page
from oahandbook.site.rules import rule_page, rules_index_page

if TYPE_CHECKING:
    from oahandbook.data.bundle import Bundle

# Build the handbook from another data directory of the same layout (tests, a fork's data).
DATA_ENV = "OAHANDBOOK_DATA"


@dataclass(frozen=True)
class GeneratedPage:
    path: str  # source path, language-neutral: "rules/PI01.md"
    content: str
    sources: tuple[str, ...]  # data files it is made from, relative to the data directory


def site_bundle() -> Bundle:
    from oahandbook.data.bundle import load_bundle

    return load_bundle(os.environ.get(DATA_ENV) or None)


def reload_data() -> None:
    """Forget the loaded data, so the next :func:`site_bundle` reads the files again (serve)."""
    from oahandbook.data import bundle

    bundle._load_cached.cache_clear()


def data_dir() -> Path | None:
    """The data directory on disk (for git dates), or None when the data is not plain files."""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV]).resolve()
    from oahandbook.data.files import data_root

    root = data_root()
    return Path(str(root)) if Path(str(root)).is_dir() else None


def checklist_downloads(directory: Path) -> list[str]:
    """Names of the files ``oahandbook checklist --write`` put in ``directory`` (README aside)."""
    if not directory.is_dir():
        return []
    return sorted(
        p.name for p in directory.iterdir() if p.is_file() and not p.name.startswith(".") and p.name != "README.md"
    )


def print_cover(bundle: Bundle, lang: Lang) -> dict[str, Any]:
    """What the print page's cover shows: document control and a sign-off table to fill in."""
    from oahandbook.base.i18n import pick
    from oahandbook.site.labels import label

    doc = bundle.regulation.document
    return {
        "title": pick(doc.title, lang),
        "subtitle": label("print.subtitle", lang),
        "control": [
            (label("doc.number", lang), doc.number),
            (label("doc.version", lang), doc.version),
            (label("doc.effective", lang), doc.effective_date.isoformat()),
            (label("doc.department", lang), pick(doc.issuing_department, lang)),
            (label("doc.approver", lang), pick(doc.approver, lang)),
            (label("doc.next_review", lang), doc.next_review.isoformat()),
        ],
        "sign_title": label("print.sign", lang),
        "sign_columns": [label(k, lang) for k in ("print.role", "print.name", "print.signature", "print.date")],
        "sign_rows": [label(k, lang) for k in ("print.drafted", "print.reviewed", "print.approved")],
    }


def generated_pages(
    bundle: Bundle,
    lang: Lang,
    *,
    checklist_files: list[str] | None = None,
    glossary: Glossary | None = None,
    task_lists: dict[str, str] | None = None,
) -> list[GeneratedPage]:
    checklist_source = ("checklists.yaml",) if "checklists" in bundle.extra else ()
    rule_sources = tuple(f"rules/{code}.yaml" for code in sorted(bundle.rules))
    pages = [
        GeneratedPage(links.REGULATION, regulation_page(bundle, lang), ("regulation.yaml", *checklist_source)),
        GeneratedPage(links.RULES_INDEX, rules_index_page(bundle, lang), rule_sources),
        GeneratedPage(links.CHANGELOG, changelog_page(bundle, lang), ("regulation.yaml",)),
        GeneratedPage(
            links.CHECKLISTS, checklists_page(bundle, lang, checklist_files or [], task_lists), checklist_source
        ),
    ]
    for code, rule in sorted(bundle.rules.items()):
        pages.append(GeneratedPage(links.rule_page(code), rule_page(bundle, rule, lang), (f"rules/{code}.yaml",)))
    if glossary is not None:
        pages.append(GeneratedPage(links.GLOSSARY, glossary_page(glossary, lang), ()))
    pages.append(GeneratedPage(links.API, api_page(lang), ()))
    return pages


def nav_with_rules(nav: list[Any], bundle: Bundle) -> list[Any]:
    """``nav`` with a page per rule after the rules index (idempotent: MkDocs may call twice)."""

    def visit(items: list[Any]) -> bool:
        for item in items:
            if item == links.RULES_INDEX or (isinstance(item, dict) and links.RULES_INDEX in item.values()):
                present = {i if isinstance(i, str) else next(iter(i.values())) for i in items}
                items.extend(
                    links.rule_page(code) for code in sorted(bundle.rules) if links.rule_page(code) not in present
                )
                return True
            if isinstance(item, dict):
                for value in item.values():
                    if isinstance(value, list) and visit(value):
                        return True
        return False

    visit(nav)
    return nav
