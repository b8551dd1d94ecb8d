"""Every file of ``checklists/``, rendered from the data: ``{file name: bytes}``.

Chinese files carry no language suffix (``article-review.md``); English ones carry ``.en``
(``article-review.en.md``). The JSON and OSCAL files hold both languages.
"""

from __future__ import annotations

from oahandbook.base.i18n import LANGS, Lang, pick
from oahandbook.checklists import csvfile, jsonfile, markdown, oscal
from oahandbook.checklists.rows import (
    COLUMNS,
    NOTES,
    RESULTS,
    counts,
    header,
    item_row,
    regulation_line,
    word,
)
from oahandbook.checklists.xlsx import Sheet, workbook
from oahandbook.data.bundle import Bundle
from oahandbook.data.checklists import ChecklistSet, checklist_set

SUFFIX: dict[Lang, str] = {"zh": "", "en": ".en"}
# The committed checklists/ folder is what the handbook publishes as its own checklists/ folder,
# so its links are relative to that folder (../rules/PC01/, ../en/rules/PC01/): right wherever
# the handbook is served, and the same whatever the environment. The site renders its
# downloads again with its own address (absolute links, right once a file is downloaded).
RELATIVE = ".."
# Column widths in characters, in the order of rows.COLUMNS plus the notes column. Their sum
# (183) sets the print scale: a sheet is fitted to one landscape A4 page wide, about 80 %.
WIDTHS = [8, 9, 12, 40, 44, 14, 24, 8, 24]
RESULT_COLUMN = list(COLUMNS).index("result")
LINK_COLUMN = list(COLUMNS).index("link")
WRAP_COLUMNS = {list(COLUMNS).index(k) for k in ("clause_title", "verify", "how", "rules")} | {len(COLUMNS)}


def file_names(checklists: ChecklistSet) -> list[str]:
    names = []
    for lang in LANGS:
        for c in checklists.checklists:
            names += [f"{c.id}{SUFFIX[lang]}.md", f"{c.id}{SUFFIX[lang]}.csv"]
        names.append(f"checklists{SUFFIX[lang]}.xlsx")
    return [*names, "checklists.json", "checklists.schema.json", "oscal-catalog.json", "README.md"]


def render_all(bundle: Bundle, base: str = RELATIVE) -> dict[str, bytes]:
    """Every file; links to the handbook start at ``base`` (an address, or :data:`RELATIVE`)."""
    checklists = checklist_set(bundle)
    files: dict[str, bytes] = {}
    for lang in LANGS:
        for c in checklists.checklists:
            files[f"{c.id}{SUFFIX[lang]}.md"] = markdown.render_checklist(c, bundle, lang, base).encode("utf-8")
            files[f"{c.id}{SUFFIX[lang]}.csv"] = csvfile.render_checklist(c, bundle, lang, base)
        files[f"checklists{SUFFIX[lang]}.xlsx"] = render_workbook(checklists, bundle, lang, base)
    files["checklists.json"] = jsonfile.render(checklists, bundle, base)
    files["checklists.schema.json"] = jsonfile.render_schema()
    files["oscal-catalog.json"] = oscal.render(checklists, bundle)
    files["README.md"] = render_index(checklists, bundle).encode("utf-8")
    return files


def render_workbook(checklists: ChecklistSet, bundle: Bundle, lang: Lang, base: str = RELATIVE) -> bytes:
    choices = [pick(v, lang) for v in RESULTS.values()]
    sheets = [
        Sheet(
            name=pick(c.title, lang),
            header=[*header(lang), pick(NOTES, lang)],
            rows=[[*item_row(item, bundle, lang, base).cells(lang), ""] for item in c.items],
            widths=WIDTHS,
            choices={RESULT_COLUMN: choices},
            link_columns={LINK_COLUMN},
            wrap_columns=WRAP_COLUMNS,
        )
        for c in checklists.checklists
    ]
    doc = bundle.regulation.document
    title = f"{pick(doc.title, lang)} {doc.version}"
    return workbook(sheets, title=title, when=doc.effective_date)


def render_index(checklists: ChecklistSet, bundle: Bundle) -> str:
    lines = [
        f"<!-- {word('generated', 'zh')} -->",
        f"<!-- {word('generated', 'en')} -->",
        "# 检查清单 / Checklists",
        "",
        regulation_line(bundle, "zh"),
        "",
        regulation_line(bundle, "en"),
        "",
        "| 清单 / Checklist | 项数 / Items | 中文 | English |",
        "| --- | --- | --- | --- |",
    ]
    for c in checklists.checklists:
        n = counts(c)
        cells = [
            f"{c.title.zh} / {c.title.en}",
            f"{n['total']}（自动 {n['automated']}，人工 {n['manual']}） / {n['total']} ({n['automated']} automated)",
            f"[Markdown]({c.id}.md) · [CSV]({c.id}.csv)",
            f"[Markdown]({c.id}.en.md) · [CSV]({c.id}.en.csv)",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "- 全部清单的电子表格（每个清单一个工作表，“结果”列可下拉选择通过/不通过/不适用）："
        "[checklists.xlsx](checklists.xlsx)；"
        "英文版 / in English: [checklists.en.xlsx](checklists.en.xlsx)",
        "- JSON（中英双语，结构见 / shape: [checklists.schema.json](checklists.schema.json)）："
        "[checklists.json](checklists.json)",
        f"- OSCAL {oscal.OSCAL_VERSION} catalog"
        "（制度条款，供合规工具导入 / the regulation's clauses for "
        "compliance tools）：[oscal-catalog.json](oscal-catalog.json)",
        "",
        "CSV 文件为带 BOM 的 UTF-8，Excel 和 WPS 可直接打开。"
        "`oahandbook review FILE` 为一篇草稿或一个账号文件生成预填的审核记录。",
        "",
        "CSV files are UTF-8 with a byte-order mark, so Excel and WPS open them directly. "
        "`oahandbook review FILE` writes a pre-filled review record for one draft or account file.",
    ]
    return "\n".join(lines) + "\n"
