"""The checklists page: download links to the generated files and every checklist inline."""

from __future__ import annotations

import html
import posixpath
from typing import TYPE_CHECKING

from oahandbook.base.i18n import Lang, pick
from oahandbook.site import links
from oahandbook.site import markdown as md
from oahandbook.site.labels import label

if TYPE_CHECKING:
    from oahandbook.data.bundle import Bundle

PAGE = links.CHECKLISTS
# Where the files under the repository's checklists/ directory are published.
FILES_DIR = "checklists"
FORMATS = {".md": "format.md", ".csv": "format.csv", ".xlsx": "format.xlsx", ".json": "format.json"}


def file_format(name: str) -> str | None:
    if "oscal" in name and name.endswith(".json"):
        return "format.oscal"
    if name.endswith(".schema.json"):
        return "format.schema"
    return FORMATS.get(posixpath.splitext(name)[1])


def files_for(files: list[str], lang: Lang) -> list[str]:
    """The files a reader of ``lang`` wants: ``x.en.csv`` for English where it exists, else ``x.csv``."""
    names = set(files)
    out = []
    for name in sorted(names):
        stem, ext = posixpath.splitext(name)
        if stem.endswith(".en"):
            if lang == "en":
                out.append(name)
        elif lang == "zh" or f"{stem}.en{ext}" not in names:
            out.append(name)
    return [name for name in out if file_format(name)]


def checklists_page(bundle: Bundle, lang: Lang, files: list[str], task_lists: dict[str, str] | None = None) -> str:
    """``files``: names of the generated files published under ``checklists/``; ``task_lists``:
    the Markdown task lists by file name, shown to copy (an engine would take a published .md
    file for a page of its own, so they are not downloads)."""
    out = [
        md.front_matter(title=label("cl.title", lang), render_macros=False),
        f"# {label('cl.title', lang)}",
        "",
        label("cl.intro", lang),
        "",
        f"## {label('cl.downloads', lang)} {{ #downloads }}",
        "",
    ]
    published = [name for name in files_for(files, lang) if not name.endswith(".md")]
    if published:
        rows = [
            [f"[{md.escape(name)}]({links.rel(PAGE, FILES_DIR + '/' + name)})", label(file_format(name), lang)]
            for name in published
        ]
        out += [md.table([label("cl.file", lang), label("cl.format", lang)], rows), ""]
    else:
        out += [label("cl.no_files", lang), ""]
    shown = [name for name in files_for(sorted(task_lists or {}), lang) if name.endswith(".md")]
    if shown:
        out += [f"## {label('cl.task_lists', lang)} {{ #task-lists }}", "", label("cl.task_lists.intro", lang), ""]
        for name in shown:
            out += [md.admonition("note", name, md.fence(task_lists[name], "markdown"), collapsible=True), ""]
    checklists = bundle.checklists
    if checklists is None:
        out.append(label("cl.none", lang))
        return "\n".join(out) + "\n"
    colon = "：" if lang == "zh" else ": "
    for checklist in checklists.checklists:
        out += [
            f"## {md.escape(pick(checklist.title, lang))} {{ #{links.checklist_anchor(checklist.id)} }}",
            "",
            f"**{label('cl.audience', lang)}**{colon}{md.inline_text(pick(checklist.audience, lang))}  ",
            f"**{label('cl.when', lang)}**{colon}{md.inline_text(pick(checklist.when, lang))}",
            "",
        ]
        rows = []
        for item in checklist.items:
            clause = bundle.sections.get(item.clause)
            clause_cell = (
                f"[{item.clause}]({links.rel(PAGE, links.REGULATION, clause.anchor)})" if clause else item.clause
            )
            if item.rules:
                codes = ", ".join(f"[{c}]({links.rel(PAGE, links.rule_page(c))})" for c in item.rules)
                by = label("cl.automated", lang, codes=codes)
            else:
                by = label("cl.person", lang)
            rows.append(
                [
                    f"**{item.id}**{{ #{links.checklist_item_anchor(item.id)} }}",
                    md.inline_text(pick(item.verify, lang)),
                    md.inline_text(pick(item.how, lang)),
                    by,
                    clause_cell,
                ]
            )
        header = [
            label("cl.id", lang),
            label("cl.verify", lang),
            label("cl.how", lang),
            label("cl.by", lang),
            label("rules.clause", lang),
        ]
        # On a phone each item is a card (handbook.css): its id and what to verify, then the
        # other columns under their names, which the style gives the stylesheet.
        names = "; ".join(f"--oa-label-{n}: {_css_string(header[n - 1] + colon)}" for n in (3, 4, 5))
        out += [
            f'<div class="oa-checklist" style="{html.escape(names, quote=True)}" markdown>',
            "",
            md.table(header, rows),
            "",
            "</div>",
            "",
        ]
    return "\n".join(out).rstrip() + "\n"


def _css_string(text: str) -> str:
    """``text`` as a CSS string (for ``content:``)."""
    escaped = text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", " ")
    return f"'{escaped}'"
