"""Where each generated page lives, and relative Markdown links between pages.

Links are written to the ``.md`` source path so MkDocs checks them (and their anchors) in a
``--strict`` build; the URL contract the checkers print (``/regulation/#oa-2-3-1``,
``/rules/PI01/``) follows from these paths.
"""

from __future__ import annotations

import posixpath

REGULATION = "regulation.md"
RULES_INDEX = "rules/index.md"
CHECKLISTS = "checklists.md"
CHANGELOG = "changelog.md"
GLOSSARY = "glossary.md"
PRINT = "print.md"
API = "api.md"


def rule_page(code: str) -> str:
    return f"rules/{code}.md"


def checklist_item_anchor(item_id: str) -> str:
    return item_id.lower()


def checklist_anchor(checklist_id: str) -> str:
    return f"checklist-{checklist_id}"


def rel(from_page: str, to_page: str, anchor: str | None = None) -> str:
    """A link from one source page to another, relative, as Markdown needs it."""
    if to_page == from_page:
        return f"#{anchor}" if anchor else posixpath.basename(to_page)
    target = posixpath.relpath(to_page, posixpath.dirname(from_page) or ".")
    return f"{target}#{anchor}" if anchor else target
