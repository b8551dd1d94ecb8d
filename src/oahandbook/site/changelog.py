"""The changelog page, from ``document.history``: what changed per version, clause by clause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oahandbook.base.i18n import Lang, pick
from oahandbook.site import links
from oahandbook.site import markdown as md
from oahandbook.site.labels import label
from oahandbook.site.regulation import clause_label

if TYPE_CHECKING:
    from oahandbook.data.bundle import Bundle

PAGE = links.CHANGELOG


def version_anchor(version: str) -> str:
    return "v" + version.replace(".", "-")


def changelog_page(bundle: Bundle, lang: Lang) -> str:
    doc = bundle.regulation.document
    out = [
        md.front_matter(title=label("log.title", lang), render_macros=False),
        f"# {label('log.title', lang)}",
        "",
        label("log.intro", lang, version=md.escape(doc.version)),
        "",
    ]
    for release in reversed(doc.history):
        out += [
            f"## {md.escape(release.version)} {{ #{version_anchor(release.version)} }}",
            "",
            f"{label('log.date', lang)}{'：' if lang == 'zh' else ': '}{release.date.isoformat()}",
            "",
            md.inline_text(pick(release.summary, lang)),
            "",
        ]
        if not release.changes:
            out += [label("log.no_changes", lang), ""]
            continue
        rows = []
        for change in release.changes:
            node = bundle.sections[change.clause]
            text = clause_label(node, lang)
            rows.append(
                [
                    f"[{md.escape(text)}]({links.rel(PAGE, links.REGULATION, node.anchor)})",
                    label("kind." + change.kind, lang),
                    md.inline_text(pick(change.note, lang)),
                ]
            )
        out += [md.table([label("log.clause", lang), label("log.kind", lang), label("log.note", lang)], rows), ""]
    return "\n".join(out).rstrip() + "\n"
