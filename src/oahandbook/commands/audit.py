"""``oahandbook audit PATH…``: audit an archive of published articles (the quarterly review of a
new-media office) into one offline HTML report, and optionally JSON Lines of every finding.

Files are checked as ``check`` checks them (``--jobs`` processes) and counted as they arrive:
memory holds counters (by rule, category, clause, account, month) and the worst files, never
the findings. Exit 0 clean, 1 findings at error level, 2 unusable input (a path that does not
exist, a file that cannot be read, an output that cannot be written)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

from oahandbook.base import i18n
from oahandbook.base.errors import InputError
from oahandbook.base.i18n import pick
from oahandbook.base.printable import escape_controls, shown_name
from oahandbook.commands import (
    cannot_write,
    make_checker,
    open_output,
    refuse_output,
    report_input_error,
    without_output,
)
from oahandbook.engine.findings import Exit

DEFAULT_OUTPUT = "audit-report.html"

WORDS = {
    "missing": {"zh": "{path}：路径不存在", "en": "{path}: no such file or directory"},
    "unreadable": {"zh": "{path}：无法读取（{error}）", "en": "{path}: cannot be read ({error})"},
    "nothing": {
        "zh": "在 {paths} 中没有找到草稿（.md）或账号文件",
        "en": "no drafts (.md) or account files found in {paths}",
    },
    "summary": {
        "zh": "审计了 {files} 个文件：{errors} 个错误（{error_files} 个文件），{warnings} 个警告，{suggestions} 条提示",
        "en": "audited {files} file(s): {errors} error(s) in {error_files} file(s), {warnings} warning(s), {suggestions} suggestion(s)",
    },
    "unusable": {"zh": "；{n} 个文件无法读取", "en": "; {n} file(s) could not be read"},
    "skipped": {
        "zh": "；跳过 {n} 个无法检查格式的文件",
        "en": "; {n} file(s) skipped, not a format oahandbook reads",
    },
    "written": {"zh": "报告：{path}", "en": "report: {path}"},
    "jsonl_written": {"zh": "JSON Lines：{path}", "en": "JSON Lines: {path}"},
}


def say(key: str, **args: Any) -> str:
    return pick(WORDS[key], i18n.get_lang()).format(**args)


def run(args) -> int:
    from oahandbook.outputs.archive import archive_rows, audit_meta
    from oahandbook.outputs.audit import Audit
    from oahandbook.outputs.jsonl import dump_row, summary_row
    from oahandbook.run.batch import Progress, collect, file_identity

    for raw in [*args.paths, *([args.root] if args.root else [])]:
        problem = _path_problem(raw)
        if problem:
            print(problem, file=sys.stderr)
            return Exit.UNUSABLE
    try:
        checker = make_checker(args)
    except InputError as exc:
        return report_input_error(exc)
    lang, ctx, min_severity = checker.lang, checker.context, checker.min_severity
    output = args.output or (None if args.jsonl else DEFAULT_OUTPUT)

    targets, roots, seen = [], [], set()
    for raw in args.paths:
        root = Path(args.root) if args.root else Path(raw) if Path(raw).is_dir() else None
        for target in collect([raw], ctx.config, ctx.base_dir):
            key = file_identity(target.path)
            if key not in seen:
                seen.add(key)
                targets.append(target)
                roots.append(root)
    del seen  # only the list of files stays, as `check` keeps it
    # Neither report overwrites a file of the archive; an earlier report is not audited again.
    for option, name in (("--output", output), ("--jsonl", args.jsonl)):
        kept, clash = without_output(name, targets, ctx, args.kind)
        if clash:
            return refuse_output(getattr(args, "prog", "oahandbook audit"), option, name)
        if len(kept) < len(targets):
            keep = {id(target) for target in kept}
            roots = [root for target, root in zip(targets, roots, strict=True) if id(target) in keep]
            targets = kept
    if not targets:
        print(shown_name(say("nothing", paths=", ".join(args.paths))), file=sys.stderr)
        return Exit.UNUSABLE

    try:
        html_out, own_html = open_output(output, True) if output else (None, False)
        jsonl_out, own_jsonl = open_output(args.jsonl, True) if args.jsonl else (None, False)
    except OSError as exc:
        return cannot_write(exc.filename, exc)

    from oahandbook.base.i18n import SEVERITY_RANK

    floor = SEVERITY_RANK[min_severity]
    audit = Audit()
    bar = Progress.on_terminal(len(targets))
    results = checker.check_targets(targets, jobs=args.jobs, kind=args.kind)
    try:
        for target, root, result in zip(targets, roots, results, strict=True):
            if result.skipped:  # a document in a format that cannot be read: said, and counted
                if bar:
                    bar.clear()
                print(escape_controls(f"{result.path}: {result.skipped}"), file=sys.stderr)
            elif result.kind is None and not result.problems:
                if bar:
                    bar.step()
                continue  # not a draft nor an account file, found in a directory
            if result.problems:
                if bar:
                    bar.clear()
                print("\n".join(map(str, result.problems)), file=sys.stderr)
            rows = archive_rows(result, target.path, root, args.account_field, floor=floor, lang=lang)
            audit.add_rows(rows)
            if jsonl_out is not None:
                jsonl_out.write(b"".join(dump_row(row) for row in rows))
                jsonl_out.flush()
            if bar:
                bar.step()
        if bar:
            bar.done()
        document = ctx.runtime.document
        summary = summary_row(
            {},
            {"number": document.number, "version": document.version},
            min_severity=min_severity,
            audit=audit_meta(checker, args.paths, args.account_field),
        )
        audit.add_row(summary)
        summary.update(audit.summary())
        if jsonl_out is not None:
            jsonl_out.write(dump_row(summary))
        if html_out is not None:
            html_out.write(render(audit, lang, charts=not args.no_charts).encode("utf-8"))
    finally:
        results.close()
        for stream, owned in ((html_out, own_html), (jsonl_out, own_jsonl)):
            if owned:
                stream.close()
            elif stream is not None:
                stream.flush()
    _print_summary(audit, output, args.jsonl)
    return audit.exit_code


def render(audit, lang, *, charts: bool = True) -> str:
    from oahandbook.api import load_data
    from oahandbook.outputs.audit_html import render_html

    bundle = load_data()
    return render_html(audit, rules=bundle.rules, clauses=bundle.clauses, lang=lang, charts=charts)


def _path_problem(raw: str) -> str | None:
    path = Path(raw)
    if not path.exists():
        return shown_name(say("missing", path=raw))
    if path.is_dir() and not os.access(path, os.R_OK | os.X_OK):
        return shown_name(say("unreadable", path=raw, error=os.strerror(13)))
    return None


def _print_summary(audit, output: str | None, jsonl: str | None) -> None:
    stream = sys.stderr if "-" in (output, jsonl) else sys.stdout
    text = say(
        "summary",
        files=audit.files,
        errors=audit.levels["errors"],
        error_files=audit.files_with_errors,
        warnings=audit.levels["warnings"],
        suggestions=audit.levels["suggestions"],
    )
    if audit.unusable_files:
        text += say("unusable", n=audit.unusable_files)
    if audit.skipped_files:
        text += say("skipped", n=audit.skipped_files)
    print(text + ("。" if i18n.get_lang() == "zh" else "."), file=stream)
    if output and output != "-":
        print(shown_name(say("written", path=output)), file=stream)
    if jsonl and jsonl != "-":
        print(shown_name(say("jsonl_written", path=jsonl)), file=stream)
