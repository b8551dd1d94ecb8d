"""Pre-filled review records: a file's checklists with the checkers' verdicts filled in.

Every item of the checklists for the file's kind is listed. An automated item gets a verdict from
the findings of its rules:

* ``fail`` — an error finding that is not waived;
* ``open`` — only warnings (a person weighs them), or one of its rules is switched off in the
  configuration (the machine did not look);
* ``pass`` — no finding, or only waived ones (listed with the waiver's reason) and suggestions
  (worth a look, not a problem: listed, never a failure).

Items a person judges stay ``open``. The record names the regulation's number and version and
the SHA-256 of the file's bytes, so it is clear what was reviewed against what. It quotes
nothing from the file beyond the findings' messages, whose values the checkers have masked.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from oahandbook.base.i18n import SEVERITY_WORDS, Lang, pick
from oahandbook.base.version import __version__
from oahandbook.checklists.jsonfile import dumps
from oahandbook.checklists.markdown import escape, task
from oahandbook.checklists.rows import COLUMNS, NOTES, RESULTS, header, item_row, regulation_line, with_colon
from oahandbook.data.bundle import Bundle
from oahandbook.data.checklists import Checklist, ChecklistItem, checklist_set
from oahandbook.engine.check import Context
from oahandbook.engine.findings import Finding, handbook_base

Verdict = Literal["pass", "fail", "open"]
RECORD_SCHEMA_VERSION = 1

WORDS: dict[str, dict[str, str]] = {
    "title": {"zh": "审核记录：{path}", "en": "Review record: {path}"},
    "field": {"zh": "项目", "en": "Field"},
    "value": {"zh": "内容", "en": "Value"},
    "file": {"zh": "文件", "en": "File"},
    "kind_article": {"zh": "文章草稿", "en": "draft article"},
    "kind_account": {"zh": "账号档案", "en": "account file"},
    "sha256": {"zh": "SHA-256", "en": "SHA-256"},
    "regulation": {"zh": "制度", "en": "Regulation"},
    "date": {"zh": "检查日期", "en": "Checked on"},
    "tool": {"zh": "检查工具", "en": "Checked by"},
    "summary": {"zh": "自动检查", "en": "Automated checks"},
    "summary_text": {
        "zh": "通过 {pass} 项，不通过 {fail} 项，待确认 {open} 项；另有人工判断 {manual} 项待审核人填写",
        "en": "{pass} passed, {fail} failed, {open} to confirm; {manual} more items for the reviewer to judge",
    },
    "result": COLUMNS["result"],
    "basis": {"zh": "依据", "en": "Findings"},
    # The drop-down's own values: a verdict written in is always one of its choices.
    "pass": RESULTS["pass"],
    "fail": RESULTS["fail"],
    "open_manual": {"zh": "待审核人判断", "en": "For the reviewer to judge"},
    "open_warnings": {
        "zh": "待确认：只有警告，请审核人判断",
        "en": "To confirm: warnings only, for the reviewer to judge",
    },
    "open_off": {
        "zh": "待确认：规则 {codes} 已在配置中关闭，未自动检查",
        "en": "To confirm: rule {codes} is switched off in the configuration and was not checked",
    },
    "at": {"zh": "第 {line} 行第 {column} 列", "en": "line {line}, column {column}"},
    **SEVERITY_WORDS,
    "waived": {"zh": "已豁免：{reason}", "en": "waived: {reason}"},
    "other": {
        "zh": "其他发现（不属于任何清单项）",
        "en": "Other findings (no checklist item names their rule)",
    },
    "sign_off": {"zh": "审核结论", "en": "Sign-off"},
    "reviewer": {"zh": "审核人", "en": "Reviewer"},
    "signed_on": {"zh": "日期", "en": "Date"},
    "decision": {"zh": "结论", "en": "Decision"},
    "decision_article": {
        "zh": "同意发布 / 退回修改",
        "en": "approve for publication / send back for changes",
    },
    "decision_account": {"zh": "符合要求 / 需要整改", "en": "compliant / needs remediation"},
    "sheet_record": {"zh": "审核记录", "en": "Review record"},
    "sheet_findings": {"zh": "发现明细", "en": "Findings"},
    "item": {"zh": "清单项", "en": "Item"},
    "no_item": {"zh": "其他", "en": "Other"},
    "place": {"zh": "位置", "en": "Place"},
    "rule": {"zh": "规则", "en": "Rule"},
    "severity": {"zh": "级别", "en": "Severity"},
    "message": {"zh": "说明", "en": "Message"},
    "waiver": {"zh": "豁免", "en": "Waiver"},
    "more": {
        "zh": "另有 {count} 条发现，全部发现见工作表“{sheet}”",
        "en": "{count} more findings: every finding is on the “{sheet}” sheet",
    },
}


def word(key: str, lang: Lang) -> str:
    return pick(WORDS[key], lang)


def label(key: str, lang: Lang) -> str:
    return with_colon(word(key, lang), lang)


def aside(text: str, lang: Lang) -> str:
    """`` (text)`` in English, ``（text）`` in Chinese."""
    return f"（{text}）" if lang == "zh" else f" ({text})"


@dataclass(frozen=True)
class ItemResult:
    item: ChecklistItem
    verdict: Verdict
    why_open: Literal["manual", "warnings", "off"] | None
    findings: tuple[Finding, ...]
    off: tuple[str, ...] = ()


@dataclass(frozen=True)
class Record:
    path: str
    target: str
    sha256: str
    today: dt.date
    bundle: Bundle
    base: str
    checklists: tuple[tuple[Checklist, tuple[ItemResult, ...]], ...]
    other_findings: tuple[Finding, ...]

    def results(self) -> list[ItemResult]:
        return [r for _, results in self.checklists for r in results]

    def summary(self) -> dict[str, int]:
        results = self.results()
        return {
            "pass": sum(1 for r in results if r.verdict == "pass"),
            "fail": sum(1 for r in results if r.verdict == "fail"),
            "open": sum(1 for r in results if r.verdict == "open" and r.why_open != "manual"),
            "manual": sum(1 for r in results if r.why_open == "manual"),
            "other": len(self.other_findings),
        }


def judge(item: ChecklistItem, findings: list[Finding], ctx: Context) -> ItemResult:
    if not item.automated:
        return ItemResult(item, "open", "manual", ())
    mine = tuple(f for f in findings if f.code in item.rules)
    off = tuple(
        code for code in item.rules if code in ctx.bundle.rules and ctx.severity(ctx.bundle.rules[code]) == "off"
    )
    active = [f for f in mine if not f.waived and f.severity != "suggestion"]
    if any(f.severity == "error" for f in active):
        return ItemResult(item, "fail", None, mine, off)
    if active:
        return ItemResult(item, "open", "warnings", mine, off)
    if off:
        return ItemResult(item, "open", "off", mine, off)
    return ItemResult(item, "pass", None, mine, off)


def build_record(path: str, target: str, sha256: str, findings: list[Finding], ctx: Context) -> Record:
    """The record for one checked file: ``findings`` as :func:`checking.check_file` returns them."""
    checklists = checklist_set(ctx.bundle).for_review(target)
    filled = tuple((c, tuple(judge(item, findings, ctx) for item in c.items)) for c in checklists)
    named = {code for c in checklists for item in c.items for code in item.rules}
    return Record(
        path=path,
        target=target,
        sha256=sha256,
        today=ctx.today,
        bundle=ctx.bundle,
        base=handbook_base(ctx.config.handbook_url),
        checklists=filled,
        other_findings=tuple(f for f in findings if f.code not in named),
    )


# --------------------------------------------------------------------------- wording


def verdict_text(result: ItemResult, lang: Lang) -> str:
    if result.verdict in ("pass", "fail"):
        return word(result.verdict, lang)
    if result.why_open == "off":
        return word("open_off", lang).format(codes=", ".join(result.off))
    return word(f"open_{result.why_open}", lang)


def finding_text(finding: Finding, lang: Lang, *, markdown: bool = True) -> str:
    """One line: place, rule, severity and message (and the waiver's reason). ``markdown``
    escapes it for a Markdown line; a spreadsheet cell takes the text as it is."""
    flat = escape if markdown else _one_line
    text = f"{_place(finding, lang)} {finding.code} {label(finding.severity, lang)}{flat(finding.message(lang))}"
    if finding.waived:
        text += aside(_waiver(finding, lang, flat), lang)
    return text


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _place(finding: Finding, lang: Lang) -> str:
    return word("at", lang).format(line=finding.line, column=finding.column)


def _waiver(finding: Finding, lang: Lang, flat: Callable[[str], str] = _one_line) -> str:
    return word("waived", lang).format(reason=flat(finding.waiver_reason or "-"))


def _file_line(record: Record, lang: Lang) -> str:
    return record.path + aside(word("kind_" + record.target, lang), lang)


def _summary_line(record: Record, lang: Lang) -> str:
    return word("summary_text", lang).format(**record.summary())


# --------------------------------------------------------------------------- Markdown


def render_markdown(record: Record, lang: Lang) -> str:
    kind = "kind_" + record.target
    lines = [
        f"# {word('title', lang).format(path=record.path)}",
        "",
        f"| {word('field', lang)} | {word('value', lang)} |",
        "| --- | --- |",
        f"| {word('file', lang)} | `{record.path}`{aside(word(kind, lang), lang)} |",
        f"| {word('sha256', lang)} | `{record.sha256}` |",
        f"| {word('regulation', lang)} | {regulation_line(record.bundle, lang)} |",
        f"| {word('date', lang)} | {record.today.isoformat()} |",
        f"| {word('tool', lang)} | oahandbook {__version__} |",
        f"| {word('summary', lang)} | {_summary_line(record, lang)} |",
    ]
    for checklist, results in record.checklists:
        lines += ["", f"## {pick(checklist.title, lang)}", ""]
        for result in results:
            row = item_row(result.item, record.bundle, lang, record.base)
            extra = [f"- **{label('result', lang)}{verdict_text(result, lang)}**"]
            extra += [f"  - {finding_text(f, lang)}" for f in result.findings]
            lines += task(row, lang, checked=result.verdict == "pass", extra=extra)
    if record.other_findings:
        lines += ["", f"## {word('other', lang)}", ""]
        lines += [f"- {finding_text(f, lang)}" for f in record.other_findings]
    lines += [
        "",
        f"## {word('sign_off', lang)}",
        "",
        f"- {label('reviewer', lang)}",
        f"- {label('signed_on', lang)}",
        f"- {label('decision', lang)}{word('decision_' + record.target, lang)}",
    ]
    return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- JSON


def _finding_json(finding: Finding) -> dict[str, object]:
    return {
        "code": finding.code,
        "line": finding.line,
        "column": finding.column,
        "severity": finding.severity,
        "clause": finding.clause,
        "message": dict(finding.texts),
        "waived": finding.waived,
        "waiver_reason": finding.waiver_reason,
        "url": finding.url,
    }


def render_json(record: Record) -> str:
    """The record with both languages side by side.

    Shape (``schema_version`` 1): ``file`` {path, kind, sha256}; ``regulation`` {number, title,
    version, effective_date}; ``checked_on``; ``tool``; ``summary`` {pass, fail, open, manual,
    other}; ``checklists`` [{id, title, items: [{id, clause, verify, how, automated, rules,
    verdict: pass|fail|open, why_open: manual|warnings|off|null, findings}]}];
    ``other_findings``. A finding is {code, line, column, severity, clause, message {zh, en},
    waived, waiver_reason, url}.
    """
    doc = record.bundle.regulation.document
    data = {
        "schema_version": RECORD_SCHEMA_VERSION,
        "kind": "oahandbook-review-record",
        "file": {"path": record.path, "kind": record.target, "sha256": record.sha256},
        "regulation": {
            "number": doc.number,
            "title": doc.title.model_dump(),
            "version": doc.version,
            "effective_date": doc.effective_date.isoformat(),
        },
        "checked_on": record.today.isoformat(),
        "tool": {"name": "oahandbook", "version": __version__},
        "summary": record.summary(),
        "checklists": [
            {
                "id": checklist.id,
                "title": checklist.title.model_dump(),
                "items": [
                    {
                        "id": r.item.id,
                        "clause": r.item.clause,
                        "verify": r.item.verify.model_dump(),
                        "how": r.item.how.model_dump(),
                        "automated": r.item.automated,
                        "rules": list(r.item.rules),
                        "verdict": r.verdict,
                        "why_open": r.why_open,
                        "findings": [_finding_json(f) for f in r.findings],
                    }
                    for r in results
                ],
            }
            for checklist, results in record.checklists
        ],
        "other_findings": [_finding_json(f) for f in record.other_findings],
    }
    return dumps(data).decode("utf-8")


# --------------------------------------------------------------------------- XLSX


# The checklist's columns, what to verify and how a little narrower to make room for the
# findings (the basis column) and the notes: 209 characters, printed at about 70 % on a
# landscape A4 page.
REVIEW_WIDTHS = [8, 9, 12, 32, 32, 14, 24, 8, 52, 18]
BASIS_WIDTH = REVIEW_WIDTHS[-2]
# The findings sheet: item, place, rule, severity, message, waiver.
FINDINGS_WIDTHS = [9, 18, 7, 8, 90, 36]
BULLET = "• "  # starts each finding in the basis cell, so a wrapped line does not read as a new one


def render_xlsx(record: Record, lang: Lang) -> bytes:
    """The record as a workbook: the record's fields, one sheet per checklist (each item's verdict
    and, in the basis column, the findings behind it), and every finding on a sheet of its own."""
    from oahandbook.checklists.render import LINK_COLUMN, RESULT_COLUMN, WRAP_COLUMNS
    from oahandbook.checklists.xlsx import Sheet, workbook

    info = Sheet(
        name=word("sheet_record", lang),
        header=[word("field", lang), word("value", lang)],
        rows=[
            [word("file", lang), _file_line(record, lang)],
            [word("sha256", lang), record.sha256],
            [word("regulation", lang), regulation_line(record.bundle, lang)],
            [word("date", lang), record.today.isoformat()],
            [word("tool", lang), f"oahandbook {__version__}"],
            [word("summary", lang), _summary_line(record, lang)],
            [word("reviewer", lang), ""],
            [word("signed_on", lang), ""],
            [word("decision", lang), word("decision_" + record.target, lang)],
        ],
        widths=[16, 90],
        wrap_columns={1},
        auto_filter=False,
    )
    sheets = [info]
    findings_rows: list[list[str]] = []
    for checklist, results in record.checklists:
        rows = []
        for result in results:
            cells = item_row(result.item, record.bundle, lang, record.base).cells(lang)
            cells[RESULT_COLUMN] = word(result.verdict, lang) if result.verdict != "open" else ""
            rows.append([*cells, basis_text(result, lang), ""])
            findings_rows += [_finding_row(result.item.id, f, lang) for f in result.findings]
        sheets.append(
            Sheet(
                name=pick(checklist.title, lang),
                header=[*header(lang), word("basis", lang), pick(NOTES, lang)],
                rows=rows,
                widths=REVIEW_WIDTHS,
                choices={RESULT_COLUMN: [pick(v, lang) for v in RESULTS.values()]},
                link_columns={LINK_COLUMN},
                wrap_columns=WRAP_COLUMNS | {len(REVIEW_WIDTHS) - 2},
            )
        )
    findings_rows += [_finding_row(word("no_item", lang), f, lang) for f in record.other_findings]
    sheets.append(
        Sheet(
            name=word("sheet_findings", lang),
            header=[word(key, lang) for key in ("item", "place", "rule", "severity", "message", "waiver")],
            rows=findings_rows,
            widths=FINDINGS_WIDTHS,
            wrap_columns={4, 5},
        )
    )
    return workbook(sheets, title=word("title", lang).format(path=record.path), when=record.today)


def basis_text(result: ItemResult, lang: Lang) -> str:
    """The basis cell: why the item is open, then its findings, one a bulleted line, as many as
    the tallest row shows; past that, how many more there are and where to read them."""
    from oahandbook.checklists.xlsx import ROW_MAX, row_height

    lines = [verdict_text(result, lang)] if result.verdict == "open" and result.why_open != "manual" else []
    findings = [BULLET + finding_text(f, lang, markdown=False) for f in result.findings]

    def fits(shown: list[str]) -> bool:
        return row_height(["\n".join(shown)], [BASIS_WIDTH], [True], cap=False) <= ROW_MAX

    if fits(lines + findings):
        return "\n".join(lines + findings)
    more = word("more", lang).format(count=len(findings), sheet=word("sheet_findings", lang))
    shown = 0
    while shown < len(findings):
        rest = word("more", lang).format(count=len(findings) - shown - 1, sheet=word("sheet_findings", lang))
        if not fits([*lines, *findings[: shown + 1], rest]):
            break
        shown += 1
        more = rest
    return "\n".join([*lines, *findings[:shown], more])


def _finding_row(item: str, finding: Finding, lang: Lang) -> list[str]:
    return [
        item,
        _place(finding, lang),
        finding.code,
        word(finding.severity, lang),
        _one_line(finding.message(lang)),
        _waiver(finding, lang) if finding.waived else "",
    ]
