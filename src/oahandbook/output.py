"""Report formats: text (one greppable line per finding), JSON, SARIF 2.1.0, GitHub annotations."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from dataclasses import dataclass

from oahandbook import __version__
from oahandbook.errors import InputProblem
from oahandbook.findings import Exit, Finding
from oahandbook.i18n import SEVERITY_WORDS, get_lang, pick
from oahandbook.redaction import redact

JSON_SCHEMA_VERSION = 1


@dataclass
class Report:
    files: int
    findings: list[Finding]
    problems: list[InputProblem]
    waivers: list[tuple[str, object]]
    regulation: dict[str, str]

    @property
    def visible(self) -> list[Finding]:
        return [f for f in self.findings if not f.waived]

    def count(self, severity: str) -> int:
        return sum(1 for f in self.visible if f.severity == severity)

    @property
    def exit_code(self) -> int:
        if self.problems:
            return Exit.UNUSABLE
        return Exit.FINDINGS if self.count("error") else Exit.CLEAN


# --------------------------------------------------------------------------- text

_COLORS = {"error": "\033[31m", "warning": "\033[33m", "dim": "\033[2m", "bold": "\033[1m", "reset": "\033[0m"}


def use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def text_line(f: Finding, color: bool) -> str:
    lang = get_lang()
    word = pick(SEVERITY_WORDS[f.severity], lang)
    c = _COLORS if color else dict.fromkeys(_COLORS, "")
    waived = f" ({'已豁免' if lang == 'zh' else 'waived'}: {f.waiver_reason or '-'})" if f.waived else ""
    return (
        f"{c['bold']}{f.path}:{f.line}:{f.column}:{c['reset']} {c[f.severity]}{f.code} {word}{c['reset']} "
        f"{f.message(lang)}{waived} {c['dim']}[{f.clause}] {f.url}{c['reset']}"
    )


def summary_line(report: Report) -> str:
    errors, warnings = report.count("error"), report.count("warning")
    waived = sum(1 for f in report.findings if f.waived)
    problem_files = len({p.path for p in report.problems})
    if get_lang() == "en":
        text = f"{report.files} file(s) checked: {errors} error(s), {warnings} warning(s)"
        if waived:
            text += f", {waived} waived"
        if problem_files:
            text += f"; {problem_files} file(s) could not be read"
        return text + "."
    text = f"检查了 {report.files} 个文件：{errors} 个错误，{warnings} 个警告"
    if waived:
        text += f"，{waived} 个已豁免"
    if problem_files:
        text += f"；{problem_files} 个文件无法读取"
    return text + "。"


def render_text(report: Report, *, color: bool, show_waivers: bool, quiet: bool) -> tuple[str, str]:
    """(stdout, stderr) text: findings on stdout, unusable input on stderr."""
    out = [text_line(f, color) for f in report.findings if show_waivers or not f.waived]
    if show_waivers and report.waivers:
        title = "豁免注释：" if get_lang() == "zh" else "Waivers:"
        out.append(title)
        for path, w in report.waivers:
            used = ", ".join(sorted(c for c in w.used if not c.startswith("!"))) or "-"
            out.append(
                f"  {path}:{w.line}:{w.column}: {w.kind} {' '.join(w.codes)} — {redact(w.reason[:200]) or '-'} (used: {used})"
            )
    err = [str(p) for p in report.problems]
    if not quiet:
        line = summary_line(report)
        if report.findings or report.problems or not out:
            out.append(line)
    return ("\n".join(out) + "\n") if out else "", ("\n".join(err) + "\n") if err else ""


# --------------------------------------------------------------------------- JSON


def finding_dict(f: Finding) -> dict:
    lang = get_lang()
    return {
        "path": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "code": f.code,
        "name": f.name,
        "severity": f.severity,
        "clause": f.clause,
        "message": f.message(lang),
        "fix": f.fix_hint(lang),
        "url": f.url,
        "waived": f.waived,
        "waiver_reason": f.waiver_reason,
    }


def render_json(report: Report) -> str:
    data = {
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "oahandbook", "version": __version__},
        "regulation": report.regulation,
        "summary": {
            "files": report.files,
            "errors": report.count("error"),
            "warnings": report.count("warning"),
            "waived": sum(1 for f in report.findings if f.waived),
            "unusable_files": len({p.path for p in report.problems}),
            "exit_code": report.exit_code,
        },
        "findings": [finding_dict(f) for f in report.findings],
        "problems": [
            {"path": p.path, "line": p.line, "column": p.column, "message": p.message} for p in report.problems
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- SARIF 2.1.0


def render_sarif(report: Report, rules: Iterable) -> str:
    lang = get_lang()
    rules = sorted(rules, key=lambda r: r.code)
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f in report.findings:
        region = {"startLine": f.line, "startColumn": f.column}
        if f.end_line:
            region["endLine"] = f.end_line
        if f.end_column:
            region["endColumn"] = f.end_column
        result = {
            "ruleId": f.code,
            "ruleIndex": index[f.code],
            "level": "error" if f.severity == "error" else "warning",
            "message": {"text": f.message(lang)},
            "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}}],
            "properties": {"clause": f.clause, "fix": f.fix_hint(lang)},
        }
        if f.waived:
            result["suppressions"] = [{"kind": "inSource", "justification": f.waiver_reason or ""}]
        results.append(result)
    notifications = [
        {
            "level": "error",
            "message": {"text": p.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": _uri(p.path)},
                        "region": {"startLine": p.line, "startColumn": p.column},
                    }
                }
            ],
        }
        for p in report.problems
    ]
    driver = {
        "name": "oahandbook",
        "version": __version__,
        "informationUri": "https://pypi.org/project/oahandbook/",
        "rules": [
            {
                "id": r.code,
                "name": r.name,
                "shortDescription": {"text": pick(r.title, lang)},
                "fullDescription": {"text": pick(r.why, lang)},
                "help": {"text": pick(r.fix, lang)},
                "defaultConfiguration": {"level": "error" if r.severity == "error" else "warning"},
                "properties": {"clause": r.clause, "waivable": r.waivable},
            }
            for r in rules
        ],
    }
    sarif = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": driver},
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {"executionSuccessful": not report.problems, "toolExecutionNotifications": notifications}
                ],
                "results": results,
            }
        ],
    }
    return json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path.replace(os.sep, "/"), safe="/:")


# --------------------------------------------------------------------------- GitHub Actions


def _gh_escape(value: str, *, prop: bool) -> str:
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return value


def render_github(report: Report) -> str:
    lines = []
    for f in report.visible:
        level = "error" if f.severity == "error" else "warning"
        props = f"file={_gh_escape(f.path, prop=True)},line={f.line},col={f.column}"
        if f.end_line:
            props += f",endLine={f.end_line}"
        if f.end_column:
            props += f",endColumn={f.end_column}"
        props += f",title={_gh_escape(f'{f.code} {f.name} [{f.clause}]', prop=True)}"
        lines.append(f"::{level} {props}::{_gh_escape(f.message() + ' ' + f.url, prop=False)}")
    for p in report.problems:
        props = f"file={_gh_escape(p.path, prop=True)},line={p.line},col={p.column}"
        lines.append(f"::error {props}::{_gh_escape(p.message, prop=False)}")
    return "\n".join(lines) + ("\n" if lines else "")
