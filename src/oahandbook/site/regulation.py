"""The regulation page: every chapter, section and clause, with a stable anchor per ID."""

from __future__ import annotations

from typing import TYPE_CHECKING

from oahandbook.base.i18n import Lang, pick
from oahandbook.site import links
from oahandbook.site import markdown as md
from oahandbook.site.labels import label

if TYPE_CHECKING:
    from oahandbook.data.bundle import Bundle
    from oahandbook.data.models import ClauseReference, Section

PAGE = links.REGULATION
OPEN_ITEMS = 4  # a clause's checklist items are shown open up to this many, folded beyond


def heading_text(node: Section, depth: int, lang: Lang) -> str:
    """The heading as the source numbers it (zh), or by its ID's numbers (en)."""
    if lang == "zh":
        separator = "、" if depth == 0 else ("" if node.number.startswith("（") else " ")
        return f"{node.number}{separator}{node.title.zh}"
    return f"{node.id.removeprefix('OA-')} {node.title.en}"


def clause_label(node: Section, lang: Lang) -> str:
    """A clause named from another page: its ID and title, one number (not ``OA-2.1.1 2.1.1 …``)."""
    return f"{node.id} {pick(node.title, lang)}"


def status_badge(status: str, lang: Lang) -> str:
    return f'<span class="oa-status oa-status--{status}">{md.html_text(label("status." + status, lang))}</span>'


def regulation_page(bundle: Bundle, lang: Lang) -> str:
    reg = bundle.regulation
    doc = reg.document
    out = [
        md.front_matter(title=pick(doc.title, lang), render_macros=False),
        f"# {md.escape(pick(doc.title, lang))}",
        "",
        " · ".join(
            [
                f"{label('doc.number', lang)} **{md.escape(doc.number)}**",
                f"{label('doc.version', lang)} **{md.escape(doc.version)}**",
                f"{label('doc.effective', lang)} **{doc.effective_date.isoformat()}**",
                f"[{label('log.title', lang)}]({links.rel(PAGE, links.CHANGELOG)})",
            ]
        ),
        "{ .oa-doc-meta }",
        "",
        md.admonition("info", label("reg.how_to_read", lang), label("reg.how_to_read.body", lang), collapsible=True),
    ]
    for depth, node in reg.walk():
        out.append(section_block(bundle, node, depth, lang))
    return "\n".join(out).rstrip() + "\n"


def section_block(bundle: Bundle, node: Section, depth: int, lang: Lang) -> str:
    level = "#" * min(depth + 2, 6)
    lines = [f"{level} {md.escape(heading_text(node, depth, lang))} {{ #{node.anchor} }}", ""]
    meta = [f"{label('reg.clause' if node.is_clause else 'reg.section', lang)} `{node.id}`"]
    if lang == "en":
        meta.append(f"{label('reg.source_number', lang)} {md.escape(node.number)}")
    meta.append(label("reg.since", lang, version=node.since))
    if node.status:
        meta.append(status_badge(node.status, lang))
    lines += [" · ".join(meta), "{ .oa-clause-meta }", ""]
    if not node.is_clause:
        return "\n".join(lines)
    lines.append(md.admonition("regulation", label("reg.text", lang), md.escape_block(node.text or "")))
    if lang == "en" and node.translation:
        lines.append(md.admonition("translation", label("reg.translation", lang), md.escape_block(node.translation)))
    if node.guidance:
        lines.append(
            md.admonition("guidance", label("reg.guidance", lang), md.guidance_markdown(pick(node.guidance, lang)))
        )
    lines.append(rules_line(bundle, node, lang))
    items = checklist_items_for(bundle, node.id)
    if items:
        entries = []
        for checklist, item in items:
            target = links.rel(PAGE, links.CHECKLISTS, links.checklist_item_anchor(item.id))
            verify = md.escape(pick(item.verify, lang))
            entries.append(f"- [{item.id}]({target}) {verify} — {md.escape(pick(checklist.title, lang))}")
        title = f"{label('reg.checklist_items', lang)} ({len(items)})"
        lines.append(
            md.admonition("abstract", title, "\n".join(entries), collapsible=True, open_=len(items) <= OPEN_ITEMS)
        )
    if node.references:
        lines.append(f"**{label('reg.references', lang)}**")
        lines.append("")
        for ref in node.references:
            lines.append("- " + reference_text(bundle, ref, lang))
        lines.append("")
    return "\n".join(lines)


def rules_line(bundle: Bundle, node: Section, lang: Lang) -> str:
    """The codes of the rules that check the clause; each link's title is the rule's title."""
    rules = sorted(bundle.rules_for(node.id), key=lambda r: r.code)
    if not rules:
        return label("reg.no_rules", lang) + "\n"
    chips = " ".join(
        f'[{r.code}]({links.rel(PAGE, links.rule_page(r.code))} "{md.html_text(pick(r.title, lang))}")' for r in rules
    )
    colon = "：" if lang == "zh" else ": "
    return f"**{label('reg.rules', lang)}**{colon}{chips}\n{{ .oa-rule-chips }}\n"


def checklist_items_for(bundle: Bundle, clause_id: str) -> list:
    checklists = bundle.checklists
    if checklists is None:
        return []
    return [(c, item) for c, item in checklists.items() if item.clause == clause_id]


def reference_text(bundle: Bundle, ref: ClauseReference, lang: Lang) -> str:
    source = next(r for r in bundle.regulation.references if r.id == ref.ref)
    title = md.escape(pick(source.title, lang))
    issuer = md.escape(pick(source.issuer, lang))
    url = md.link_url(source.url)
    if url:
        title = f"[{title}]({url})"
    articles = md.escape("、".join(ref.articles)) if ref.articles else ""
    if lang == "zh":
        text = f"《{title}》（{issuer}，{source.year}）{articles}"
        note = f"：{md.escape(pick(ref.note, lang))}" if ref.note else ""
    else:
        text = f"*{title}* ({issuer}, {source.year})" + (f", {articles}" if articles else "")
        note = f": {md.escape(pick(ref.note, lang))}" if ref.note else ""
    return text + note
