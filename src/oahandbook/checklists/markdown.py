"""Markdown task lists (``- [ ]``), to paste into a GitHub or GitLab issue or merge request."""

from __future__ import annotations

from oahandbook.base.i18n import Lang, pick
from oahandbook.checklists.rows import Row, counts, item_row, label, regulation_line, word
from oahandbook.data.bundle import Bundle
from oahandbook.data.checklists import Checklist


def render_checklist(checklist: Checklist, bundle: Bundle, lang: Lang, base: str | None = None) -> str:
    lines = [
        f"<!-- {word('generated', lang)} -->",
        f"# {pick(checklist.title, lang)}",
        "",
        f"- {label('regulation', lang)}{regulation_line(bundle, lang)}",
        f"- {label('audience', lang)}{pick(checklist.audience, lang)}",
        f"- {label('when', lang)}{pick(checklist.when, lang)}",
        f"- {word('count', lang).format(**counts(checklist))}",
        "",
    ]
    for item in checklist.items:
        lines += task(item_row(item, bundle, lang, base), lang)
    return "\n".join(lines) + "\n"


def task(row: Row, lang: Lang, *, checked: bool = False, extra: list[str] | None = None) -> list[str]:
    """One item as a task with its details nested beneath (shared with review records)."""
    box = "[x]" if checked else "[ ]"
    lines = [f"- {box} **{row.id}** {escape(row.verify)}"]
    lines.append(f"  - {label('how', lang)}{escape(row.how)}")
    lines.append(f"  - {label('clause', lang)}[{row.clause} {escape(row.clause_title)}]({row.link})")
    if row.rules:
        links = ", ".join(f"[{code}]({url})" for code, url in zip(row.rules, row.rule_links, strict=True))
        lines.append(f"  - {label('automated', lang)}{links}")
    else:
        lines.append(f"  - {word('manual', lang)}")
    for line in extra or []:
        lines.append(f"  {line}")
    return lines


def escape(text: str) -> str:
    """Text from the data on one Markdown line: no line breaks, no stray HTML."""
    return " ".join(text.split()).replace("<", "&lt;")
