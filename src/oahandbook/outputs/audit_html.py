"""The audit report: one self-contained HTML file (styles and SVG charts inline, no script).

It makes no request to any host: the only addresses in it are links to the rule and clause
pages of the handbook (``handbook_url``), which a reader follows or not. Written in Chinese or
English; the same :class:`~oahandbook.outputs.audit.Audit` always gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from oahandbook.base.i18n import Lang, pick
from oahandbook.base.version import __version__
from oahandbook.engine.check import MAX_FINDINGS_PER_RULE
from oahandbook.engine.findings import clause_url, handbook_base, rule_url
from oahandbook.outputs.audit import Audit

COLOURS = {"errors": "#c0392b", "warnings": "#e67e22", "suggestions": "#2e86c1"}
TOP_RULES_CHART = 15
TOP_ACCOUNTS_CHART = 20

WORDS: dict[str, dict[str, str]] = {
    "title": {"zh": "公众号文章合规审计报告", "en": "Compliance audit of published articles"},
    "generated": {"zh": "审计日期", "en": "Audit date"},
    "tool": {"zh": "工具", "en": "Tool"},
    "regulation": {"zh": "制度", "en": "Regulation"},
    "paths": {"zh": "审计范围", "en": "Audited"},
    "min_severity": {"zh": "列出的最低级别", "en": "Lowest level listed"},
    "accounts_from": {"zh": "账号依据", "en": "Accounts from"},
    "account_folder": {"zh": "审计路径下的第一级文件夹", "en": "the top folder under the audited path"},
    "account_field": {"zh": "front matter 字段 {field}", "en": "the front matter field {field}"},
    "overview": {"zh": "总览", "en": "Overview"},
    "files": {"zh": "文件", "en": "Files"},
    "files_with_errors": {"zh": "有错误的文件", "en": "Files with errors"},
    "errors": {"zh": "错误", "en": "Errors"},
    "warnings": {"zh": "警告", "en": "Warnings"},
    "suggestions": {"zh": "提示", "en": "Suggestions"},
    "waived": {"zh": "已豁免", "en": "Waived"},
    "unusable": {"zh": "无法读取的文件", "en": "Unusable files"},
    "verdict_clean": {
        "zh": "未发现错误级别的问题。",
        "en": "No error-level finding.",
    },
    "verdict_errors": {
        "zh": "{files} 个文件共有 {errors} 个错误，需要整改（见“最需要处理的文件”）。",
        "en": "{errors} error(s) in {files} file(s) need fixing (see “Files to fix first”).",
    },
    "verdict_unusable": {
        "zh": "{n} 个文件无法读取，审计不完整（见“无法读取的文件”）。",
        "en": "{n} file(s) could not be read; the audit is incomplete (see “Unusable files”).",
    },
    "hidden_note": {
        "zh": "另有 {n} 个低于“{level}”级别的问题只计入总数，未按规则列出。",
        "en": "{n} more finding(s) below “{level}” are counted in the totals but not listed by rule.",
    },
    "unlisted_note": {
        "zh": "另有 {n} 个问题只计入总数、未按规则列出：同一文件同一规则同一级别最多列出 {limit} 个。",
        "en": "{n} more finding(s) are counted in the totals but not listed by rule: at most {limit} per rule "
        "and level in one file.",
    },
    "by_month": {"zh": "按月份", "en": "By month"},
    "month": {"zh": "月份", "en": "Month"},
    "dated": {
        "zh": "月份依据：{parts}。",
        "en": "Months are taken from {parts}.",
    },
    "dated_front": {
        "zh": "{n} 个文件取 front matter 的 date 或 published 字段",
        "en": "the front matter's date or published field for {n} file(s)",
    },
    "dated_mtime": {
        "zh": "{n} 个文件没有这两个字段，取文件修改时间",
        "en": "the file's modification time for {n} file(s) without either field",
    },
    "dated_unknown": {"zh": "{n} 个文件无法确定", "en": "nothing for {n} file(s)"},
    "unknown": {"zh": "（未知）", "en": "(unknown)"},
    "no_account": {"zh": "（未注明）", "en": "(not given)"},
    "by_rule": {"zh": "按规则", "en": "By rule"},
    "rule_chart": {"zh": "问题最多的规则（前 {n} 条）", "en": "Rules with the most findings (top {n})"},
    "code": {"zh": "代码", "en": "Code"},
    "rule": {"zh": "规则", "en": "Rule"},
    "category": {"zh": "类别", "en": "Category"},
    "clause": {"zh": "条款", "en": "Clause"},
    "clause_title": {"zh": "条款标题", "en": "Title"},
    "in_files": {"zh": "涉及文件", "en": "Files"},
    "by_category": {"zh": "按类别", "en": "By category"},
    "rules_count": {"zh": "规则数", "en": "Rules"},
    "other": {"zh": "其他", "en": "Other"},
    "by_clause": {"zh": "按制度条款", "en": "By clause of the regulation"},
    "by_account": {"zh": "按账号", "en": "By account"},
    "account": {"zh": "账号", "en": "Account"},
    "account_chart": {"zh": "问题最多的账号（前 {n} 个）", "en": "Accounts with the most findings (top {n})"},
    "error_share": {"zh": "有错误文件占比", "en": "Share with errors"},
    "top_rules": {"zh": "最常见的问题", "en": "Most frequent"},
    "worst": {"zh": "最需要处理的文件", "en": "Files to fix first"},
    "worst_note": {
        "zh": "按错误数排序，其次警告数、提示数；最多列出 {n} 个。",
        "en": "By number of errors, then warnings and suggestions; at most {n}.",
    },
    "path": {"zh": "文件", "en": "File"},
    "unusable_note": {
        "zh": "共 {n} 个文件无法读取（{count} 个问题），列出前 {shown} 个问题：",
        "en": "{n} file(s) could not be read ({count} problem(s)); the first {shown}:",
    },
    "none": {"zh": "无。", "en": "None."},
    "no_charts": {
        "zh": "未安装 matplotlib，报告不含图表；安装 oahandbook[audit] 后重新生成即可。",
        "en": "matplotlib is not installed, so the report has no charts; install oahandbook[audit] and build it again.",
    },
    "footer": {
        "zh": "由 oahandbook {version} 生成。本文件不含脚本、不访问任何网络，可离线打开、打印或存档；规则与条款链接指向本单位的手册。",
        "en": "Made by oahandbook {version}. This file has no script and makes no network request: open, print or archive it offline; rule and clause links point to your handbook.",
    },
}

STYLE = """
:root{--err:#c0392b;--warn:#e67e22;--sug:#2e86c1;--line:#ddd;--muted:#666}
*{box-sizing:border-box}
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",system-ui,sans-serif;
margin:0 auto;max-width:1100px;padding:24px;color:#222;line-height:1.55}
h1{font-size:1.6em;margin:0 0 .3em}h2{font-size:1.25em;margin:1.8em 0 .6em;border-bottom:2px solid #333;padding-bottom:.2em}
.meta{color:var(--muted);font-size:.9em;margin:0}.meta dt{display:inline;font-weight:600}.meta dd{display:inline;margin:0 1.2em 0 .3em}
.cards{display:flex;flex-wrap:wrap;gap:10px;margin:1em 0}
.card{border:1px solid var(--line);border-radius:6px;padding:8px 14px;min-width:120px}
.card b{display:block;font-size:1.5em}.card.err b{color:var(--err)}.card.warn b{color:var(--warn)}.card.sug b{color:var(--sug)}
.verdict{font-weight:600}.verdict.bad{color:var(--err)}.note{color:var(--muted);font-size:.9em}
table{border-collapse:collapse;width:100%;font-size:.9em;margin:.6em 0}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f5f5f5}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
td.e{color:var(--err);font-weight:600}code{font-size:.95em}
svg{max-width:100%;height:auto;display:block;margin:.5em 0}
a{color:#1a5fb4}footer{margin-top:3em;color:var(--muted);font-size:.85em}
@media print{body{padding:0}h2{break-after:avoid}table,svg{break-inside:avoid}a{color:inherit;text-decoration:none}}
""".strip()


def render_html(
    audit: Audit,
    *,
    rules: Mapping[str, Any],
    lang: Lang,
    clauses: Mapping[str, Any] | None = None,
    handbook_url: str | None = None,
    charts: bool = True,
) -> str:
    """The report of ``audit``. ``rules`` (code → rule) and ``clauses`` (id → section) give
    titles and categories; ``handbook_url`` (else the audit's own, else the default) is where
    rule and clause links point; ``charts=False`` (or no matplotlib) leaves the charts out."""
    page = _Page(audit, rules, clauses or {}, lang, handbook_url, charts)
    return page.render()


class _Page:
    def __init__(self, audit, rules, clauses, lang, handbook_url, charts):
        from oahandbook.outputs import charts as chart_module

        self.audit, self.rules, self.clauses, self.lang = audit, rules, clauses, lang
        meta = audit.meta.get("audit", {})
        self.base = handbook_base(handbook_url or meta.get("handbook_url"))
        self.charts = chart_module if charts and chart_module.available() else None
        self.wanted_charts = charts

    def w(self, key: str, **args: Any) -> str:
        return pick(WORDS[key], self.lang).format(**args)

    def render(self) -> str:
        lang = self.lang
        title = self.w("title")
        body = [
            f"<h1>{escape(title)}</h1>",
            self.header(),
            self.overview(),
            self.by_month(),
            self.by_rule(),
            self.by_category(),
            self.by_clause(),
            self.by_account(),
            self.worst(),
            self.unusable(),
            f"<footer>{escape(self.w('footer', version=__version__))}</footer>",
        ]
        return (
            f'<!DOCTYPE html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>\n{STYLE}\n</style>\n</head>\n<body>\n"
            + "\n".join(part for part in body if part)
            + "\n</body>\n</html>\n"
        )

    # ------------------------------------------------------------------ sections

    def header(self) -> str:
        meta = self.audit.meta
        audit = meta.get("audit", {})
        items = []
        if audit.get("today"):
            items.append(("generated", audit["today"]))
        regulation = meta.get("regulation")
        if regulation:
            items.append(("regulation", f"{regulation.get('number', '')} v{regulation.get('version', '')}"))
        tool = meta.get("tool") or {}
        items.append(("tool", f"oahandbook {tool.get('version', __version__)}"))
        if audit.get("paths"):
            items.append(("paths", "、".join(audit["paths"]) if self.lang == "zh" else ", ".join(audit["paths"])))
        if meta.get("min_severity"):
            items.append(("min_severity", self.level_word(meta["min_severity"])))
        account_from = audit.get("account_from")
        if account_from:
            field = account_from.partition(":")[2]
            items.append(("accounts_from", self.w("account_field", field=field) if field else self.w("account_folder")))
        cells = "".join(f"<dt>{escape(self.w(k))}</dt><dd>{escape(str(v))}</dd>" for k, v in items)
        return f'<dl class="meta">{cells}</dl>'

    def level_word(self, level: str) -> str:
        from oahandbook.base.i18n import SEVERITY_WORDS

        return pick(SEVERITY_WORDS.get(level, {"zh": level, "en": level}), self.lang)

    def overview(self) -> str:
        a = self.audit
        cards = [
            ("files", a.files, ""),
            ("files_with_errors", a.files_with_errors, "err" if a.files_with_errors else ""),
            ("errors", a.levels["errors"], "err" if a.levels["errors"] else ""),
            ("warnings", a.levels["warnings"], "warn" if a.levels["warnings"] else ""),
            ("suggestions", a.levels["suggestions"], "sug" if a.levels["suggestions"] else ""),
            ("waived", a.waived, ""),
            ("unusable", a.unusable_files, "err" if a.unusable_files else ""),
        ]
        html = [f"<h2>{escape(self.w('overview'))}</h2>", '<div class="cards">']
        html += [f'<div class="card {cls}"><b>{n:,}</b>{escape(self.w(key))}</div>' for key, n, cls in cards]
        html.append("</div>")
        verdicts = []
        if a.unusable_files:
            verdicts.append(self.w("verdict_unusable", n=a.unusable_files))
        if a.levels["errors"]:
            verdicts.append(self.w("verdict_errors", errors=a.levels["errors"], files=a.files_with_errors))
        if not verdicts:
            verdicts.append(self.w("verdict_clean"))
        bad = " bad" if a.exit_code else ""
        html += [f'<p class="verdict{bad}">{escape(v)}</p>' for v in verdicts]
        if a.hidden:
            level = a.meta.get("min_severity") or "warning"
            html.append(
                f'<p class="note">{escape(self.w("hidden_note", n=a.hidden, level=self.level_word(level)))}</p>'
            )
        if a.unlisted:
            html.append(
                f'<p class="note">{escape(self.w("unlisted_note", n=a.unlisted, limit=f"{MAX_FINDINGS_PER_RULE:,}"))}</p>'
            )
        if self.wanted_charts and self.charts is None:
            html.append(f'<p class="note">{escape(self.w("no_charts"))}</p>')
        return "\n".join(html)

    def by_month(self) -> str:
        months = sorted(self.audit.months.items(), key=lambda kv: (kv[0] is None, kv[0] or ""))
        html = [f"<h2>{escape(self.w('by_month'))}</h2>", f'<p class="note">{escape(self.dating())}</p>']
        labels = [m or self.w("unknown") for m, _ in months]
        html.append(self.chart(labels, [c for _, c in months], self.w("by_month"), "months"))
        rows = [[escape(label), *self.count_cells(c, files=True)] for label, (_, c) in zip(labels, months, strict=True)]
        html.append(self.table(["month", "files", "files_with_errors", "errors", "warnings", "suggestions"], rows, 1))
        return "\n".join(html)

    def dating(self) -> str:
        dated = self.audit.dated_by
        parts = []
        if dated.get("front-matter"):
            parts.append(self.w("dated_front", n=dated["front-matter"]))
        if dated.get("mtime"):
            parts.append(self.w("dated_mtime", n=dated["mtime"]))
        if dated.get("unknown"):
            parts.append(self.w("dated_unknown", n=dated["unknown"]))
        joiner = "；" if self.lang == "zh" else "; "
        return self.w("dated", parts=joiner.join(parts) or "-")

    def rule_title(self, code: str) -> str:
        rule = self.rules.get(code)
        if rule is not None:
            return pick(rule.title, self.lang)
        return self.audit.rules.get(code, {}).get("name") or code

    def rule_category(self, code: str) -> str:
        rule = self.rules.get(code)
        family = getattr(rule, "family", None)
        return pick(family, self.lang) if family is not None else self.w("other")

    def sorted_rules(self) -> list[tuple[str, dict[str, Any]]]:
        return sorted(
            self.audit.rules.items(),
            key=lambda kv: (-kv[1]["errors"], -kv[1]["warnings"], -kv[1]["suggestions"], -kv[1]["waived"], kv[0]),
        )

    def by_rule(self) -> str:
        ranked = self.sorted_rules()
        html = [f"<h2>{escape(self.w('by_rule'))}</h2>"]
        top = [(c, e) for c, e in ranked if e["errors"] + e["warnings"] + e["suggestions"]][:TOP_RULES_CHART]
        if top:
            labels = [f"{c} {self.rule_title(c)}" for c, _ in top]
            html.append(self.chart(labels, [e for _, e in top], self.w("rule_chart", n=TOP_RULES_CHART), "rules", True))
        rows = []
        for code, entry in ranked:
            clause = entry.get("clause") or getattr(self.rules.get(code), "clause", "") or ""
            rows.append(
                [
                    f'<a href="{escape(rule_url(code, self.base, self.lang))}"><code>{escape(code)}</code></a>',
                    escape(self.rule_title(code)),
                    escape(self.rule_category(code)),
                    self.clause_link(clause),
                    *self.count_cells(entry),
                    f'<td class="n">{entry["waived"]:,}</td>',
                    f'<td class="n">{entry["files"]:,}</td>',
                ]
            )
        columns = ["code", "rule", "category", "clause", "errors", "warnings", "suggestions", "waived", "in_files"]
        html.append(self.table(columns, rows, 4) if rows else f"<p>{escape(self.w('none'))}</p>")
        return "\n".join(html)

    def clause_link(self, clause: str) -> str:
        if not clause or clause == "-":
            return "-"
        return f'<a href="{escape(clause_url(clause, self.base, self.lang))}">{escape(clause)}</a>'

    def by_category(self) -> str:
        categories: dict[str, dict[str, int]] = {}
        for code, entry in self.audit.rules.items():
            into = categories.setdefault(
                self.rule_category(code), {"rules": 0, "errors": 0, "warnings": 0, "suggestions": 0}
            )
            into["rules"] += 1
            for key in ("errors", "warnings", "suggestions"):
                into[key] += entry[key]
        ranked = sorted(categories.items(), key=lambda kv: (-kv[1]["errors"], -kv[1]["warnings"], kv[0]))
        html = [f"<h2>{escape(self.w('by_category'))}</h2>"]
        if any(c["errors"] + c["warnings"] + c["suggestions"] for _, c in ranked):
            html.append(self.chart([n for n, _ in ranked], [c for _, c in ranked], self.w("by_category"), "cat", True))
        rows = [[escape(name), f'<td class="n">{c["rules"]}</td>', *self.count_cells(c)] for name, c in ranked]
        html.append(
            self.table(["category", "rules_count", "errors", "warnings", "suggestions"], rows, 1)
            if rows
            else f"<p>{escape(self.w('none'))}</p>"
        )
        return "\n".join(html)

    def by_clause(self) -> str:
        ranked = sorted(self.audit.clauses.items(), key=lambda kv: (-kv[1]["errors"], -kv[1]["warnings"], kv[0]))
        rows = []
        for clause, counts in ranked:
            section = self.clauses.get(clause)
            title = pick(section.title, self.lang) if section is not None and getattr(section, "title", None) else ""
            rows.append([self.clause_link(clause), escape(title), *self.count_cells(counts)])
        html = [f"<h2>{escape(self.w('by_clause'))}</h2>"]
        html.append(
            self.table(["clause", "clause_title", "errors", "warnings", "suggestions"], rows, 2)
            if rows
            else f"<p>{escape(self.w('none'))}</p>"
        )
        return "\n".join(html)

    def by_account(self) -> str:
        ranked = sorted(
            self.audit.accounts.items(),
            key=lambda kv: (-kv[1]["errors"], -kv[1]["warnings"], -kv[1]["suggestions"], kv[0] is None, kv[0] or ""),
        )
        html = [f"<h2>{escape(self.w('by_account'))}</h2>"]
        labels = [a if a is not None else self.w("no_account") for a, _ in ranked]
        top = [(label, c) for label, (_, c) in zip(labels, ranked, strict=True)][:TOP_ACCOUNTS_CHART]
        if any(c["errors"] + c["warnings"] + c["suggestions"] for _, c in top):
            html.append(
                self.chart(
                    [label for label, _ in top],
                    [c for _, c in top],
                    self.w("account_chart", n=TOP_ACCOUNTS_CHART),
                    "accounts",
                    True,
                )
            )
        rows = []
        for label, (_, c) in zip(labels, ranked, strict=True):
            share = f"{100 * c['files_with_errors'] / c['files']:.1f}%" if c["files"] else "-"
            frequent = sorted(c["rules"].items(), key=lambda kv: (-kv[1], kv[0]))[:3]
            rows.append(
                [
                    escape(label),
                    *self.count_cells(c, files=True),
                    f'<td class="n">{share}</td>',
                    escape(
                        "，".join(f"{code} ×{n}" for code, n in frequent)
                        if self.lang == "zh"
                        else ", ".join(f"{code} ×{n}" for code, n in frequent)
                    ),
                ]
            )
        columns = [
            "account",
            "files",
            "files_with_errors",
            "errors",
            "warnings",
            "suggestions",
            "error_share",
            "top_rules",
        ]
        html.append(self.table(columns, rows, 1) if rows else f"<p>{escape(self.w('none'))}</p>")
        return "\n".join(html)

    def worst(self) -> str:
        worst = self.audit.worst_files()
        html = [
            f"<h2>{escape(self.w('worst'))}</h2>",
            f'<p class="note">{escape(self.w("worst_note", n=self.audit.worst_size))}</p>',
        ]
        rows = []
        for entry in worst:
            frequent = sorted(entry["rules"].items(), key=lambda kv: (-kv[1], kv[0]))
            rows.append(
                [
                    f"<code>{escape(entry['path'])}</code>",
                    escape(entry["account"] if entry["account"] is not None else self.w("no_account")),
                    escape(entry["month"] or self.w("unknown")),
                    *self.count_cells(entry),
                    escape(" ".join(f"{code}×{n}" for code, n in frequent)),
                ]
            )
        columns = ["path", "account", "month", "errors", "warnings", "suggestions", "rule"]
        html.append(self.table(columns, rows, 3) if rows else f"<p>{escape(self.w('none'))}</p>")
        return "\n".join(html)

    def unusable(self) -> str:
        a = self.audit
        html = [f"<h2>{escape(self.w('unusable'))}</h2>"]
        if not a.unusable_files:
            html.append(f"<p>{escape(self.w('none'))}</p>")
            return "\n".join(html)
        shown = len(a.problems)
        html.append(f"<p>{escape(self.w('unusable_note', n=a.unusable_files, count=a.problem_count, shown=shown))}</p>")
        items = "".join(
            f"<li><code>{escape(p['path'])}:{p['line']}:{p['column']}</code> {escape(p['message'])}</li>"
            for p in a.problems
        )
        html.append(f"<ul>{items}</ul>")
        return "\n".join(html)

    # ------------------------------------------------------------------ pieces

    def count_cells(self, counts: Mapping[str, int], *, files: bool = False) -> list[str]:
        cells = []
        if files:
            cells += [f'<td class="n">{counts["files"]:,}</td>', f'<td class="n">{counts["files_with_errors"]:,}</td>']
        errors = counts["errors"]
        cells.append(f'<td class="n{" e" if errors else ""}">{errors:,}</td>')
        cells += [f'<td class="n">{counts[k]:,}</td>' for k in ("warnings", "suggestions")]
        return cells

    def table(self, columns: list[str], rows: list[list[str]], text_columns: int) -> str:
        numeric = ' class="n"'
        head = "".join(
            f"<th{numeric if i >= text_columns else ''}>{escape(self.w(c))}</th>" for i, c in enumerate(columns)
        )
        body = "".join(
            "<tr>" + "".join(cell if cell.startswith("<td") else f"<td>{cell}</td>" for cell in row) + "</tr>"
            for row in rows
        )
        return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"

    def chart(self, labels: list[str], counts: list[Mapping[str, int]], title: str, salt: str, horizontal=False) -> str:
        if self.charts is None or not labels:
            return ""
        series = [
            (self.w(key), [c[key] for c in counts], COLOURS[key])
            for key in ("errors", "warnings", "suggestions")
            if any(c[key] for c in counts)
        ]
        if not series:
            return ""
        return self.charts.bars(labels, series, title=title, salt=f"{salt}-{self.lang}", horizontal=horizontal)
