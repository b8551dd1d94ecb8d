"""``oahandbook report FILE.jsonl…``: the audit's HTML report from JSON Lines written earlier
(``audit --jsonl`` or ``check --format jsonl``), read line by line; several files (the parts of
a partitioned run) merge into one report. Exit 0 when the report was written, 2 when an input
cannot be read or a line is not a row (the verdict of the audit is in the report)."""

from __future__ import annotations

import sys
from pathlib import Path

from oahandbook.base import i18n
from oahandbook.base.i18n import pick
from oahandbook.base.printable import shown_name
from oahandbook.engine.findings import Exit

WORDS = {
    "not_a_row": {
        "zh": "{path}:{line}: 不是 oahandbook 的 JSON Lines 行（{error}）；请用 audit --jsonl 或 check --format jsonl 生成",
        "en": "{path}:{line}: not a row of oahandbook's JSON Lines ({error}); write them with audit --jsonl or check --format jsonl",
    },
    "empty": {
        "zh": "{paths}：没有任何文件记录（type 为 file 的行），无法生成报告",
        "en": "{paths}: no file rows (type file) to report on",
    },
    "written": {"zh": "报告：{path}（{files} 个文件）", "en": "report: {path} ({files} files)"},
}
_NEEDED = {
    "file": ("path", "kind", "errors", "warnings", "suggestions"),
    "finding": ("path", "code", "severity"),
    "problem": ("path", "line", "column", "message"),
}


class _BadRow(Exception):
    pass


def run(args) -> int:
    import orjson

    from oahandbook.base.errors import InputError
    from oahandbook.commands import cannot_write, output_over_input, report_input_error
    from oahandbook.commands.audit import DEFAULT_OUTPUT, render

    output = args.output or DEFAULT_OUTPUT
    refused = output_over_input(getattr(args, "prog", "oahandbook report"), "--output", output, args.inputs)
    if refused is not None:
        return refused
    lang = i18n.get_lang()
    if args.lang is None:
        try:
            from oahandbook.api import Checker

            lang = Checker.for_directory(config=args.config).lang
        except InputError as exc:
            return report_input_error(exc)
    i18n.set_lang(lang)
    from oahandbook.outputs.audit import Audit

    audit = Audit()
    for name in args.inputs:
        try:
            stream = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115 (closed below)
        except OSError as exc:
            print(shown_name(i18n.t("io.unreadable", error=f"{name}: {exc.strerror or exc}")), file=sys.stderr)
            return Exit.UNUSABLE
        try:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    row = orjson.loads(line)
                    _check(row)
                except (orjson.JSONDecodeError, _BadRow) as exc:
                    error = str(exc).splitlines()[0][:200]
                    print(
                        shown_name(pick(WORDS["not_a_row"], lang).format(path=name, line=number, error=error)),
                        file=sys.stderr,
                    )
                    return Exit.UNUSABLE
                audit.add_row(row)
        except OSError as exc:
            print(shown_name(i18n.t("io.unreadable", error=f"{name}: {exc.strerror or exc}")), file=sys.stderr)
            return Exit.UNUSABLE
        finally:
            if stream is not sys.stdin.buffer:
                stream.close()
    if not audit.files and not audit.unusable_files:
        print(shown_name(pick(WORDS["empty"], lang).format(paths=", ".join(args.inputs))), file=sys.stderr)
        return Exit.UNUSABLE
    html = render(audit, lang, charts=not args.no_charts).encode("utf-8")
    try:
        if output == "-":
            sys.stdout.buffer.write(html)
            sys.stdout.flush()
        else:
            Path(output).write_bytes(html)
    except OSError as exc:
        return cannot_write(output, exc)
    if output != "-":
        print(shown_name(pick(WORDS["written"], lang).format(path=output, files=audit.files)), file=sys.stderr)
    return Exit.CLEAN


def _check(row: object) -> None:
    if not isinstance(row, dict) or not isinstance(row.get("type"), str):
        raise _BadRow("no type" if isinstance(row, dict) else "not an object")
    missing = [key for key in _NEEDED.get(row["type"], ()) if key not in row]
    if missing:
        raise _BadRow(f"type {row['type']} without {', '.join(missing)}")
    if row["type"] == "file" and not all(
        isinstance(row[k], int) and not isinstance(row[k], bool) for k in ("errors", "warnings", "suggestions")
    ):
        raise _BadRow("counts of a file row must be whole numbers")
    if row["type"] == "finding" and row["severity"] not in ("error", "warning", "suggestion"):
        raise _BadRow(f"unknown severity {row['severity']!r}")
