"""``oahandbook review FILE``: a pre-filled review record for one draft or account file.

Markdown (default) or JSON go to stdout, or to ``--output``; XLSX needs ``--output``. Exit 0 when
the record was written, whatever the verdicts (they are in the record); 2 when the file cannot
be read as a draft or an account file, or the options do not fit.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from oahandbook.base.errors import InputError
from oahandbook.base.i18n import Lang, get_lang, pick
from oahandbook.base.printable import escape_controls, shown_name
from oahandbook.commands import output_over_input, report_input_error
from oahandbook.engine.findings import Exit

WORDS = {
    "xlsx_output": {
        "zh": "--format xlsx 需要用 --output 指定文件，例如：--output 审核记录.xlsx",
        "en": "--format xlsx needs --output FILE, for example: --output review.xlsx",
    },
    "not_ours": {
        "zh": "无法判断这是文章草稿还是账号档案：草稿以 .md 结尾，账号档案的顶层写有 kind: account",
        "en": "cannot tell whether this is a draft or an account file: drafts end in .md, "
        "account files have kind: account at the top level",
    },
    "written": {"zh": "已写入 {path}", "en": "wrote {path}"},
}


def run(args) -> int:
    from oahandbook.api import Checker
    from oahandbook.checklists.review import build_record, render_json, render_markdown, render_xlsx

    lang: Lang = get_lang()
    if args.format == "xlsx" and not args.output:
        print(pick(WORDS["xlsx_output"], lang), file=sys.stderr)
        return Exit.UNUSABLE
    path = Path(args.file)
    refused = output_over_input(getattr(args, "prog", "oahandbook review"), "--output", args.output, [args.file])
    if refused is not None:
        return refused
    try:
        start = path.parent if path.exists() else Path.cwd()
        checker = Checker.for_directory(start, config=args.config, today=args.today, lang=args.lang)
    except InputError as exc:
        return report_input_error(exc)
    lang = checker.lang  # --lang (or OAHANDBOOK_LANG), else the config's
    result = checker.check_file(path)
    ctx = checker.context
    display = escape_controls(result.path)  # a record is read by people, as text output is: one line per name
    if result.problems:
        return report_input_error(InputError(result.problems))
    if result.kind is None:
        print(f"{display}:1:1: {pick(WORDS['not_ours'], lang)}", file=sys.stderr)
        return Exit.UNUSABLE
    # Hash the bytes on disk (BOM and line endings included): that is what was reviewed.
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    record = build_record(display, result.kind, digest, result.findings, ctx)
    if args.format == "xlsx":
        content = render_xlsx(record, lang)
    elif args.format == "json":
        content = render_json(record).encode("utf-8")
    else:
        content = render_markdown(record, lang).encode("utf-8")
    if args.output:
        Path(args.output).write_bytes(content)
        print(shown_name(pick(WORDS["written"], lang).format(path=args.output)), file=sys.stderr)
    else:
        sys.stdout.write(content.decode("utf-8"))
    return Exit.CLEAN
