"""The ``oahandbook`` command. ``main(argv) -> int``: 0 clean, 1 findings, 2 unusable input or usage.

Only argparse is imported at start-up; each command's module (and pydantic, YAML, the rules)
loads when that command runs, so ``--help`` and a one-file pre-commit check stay cheap.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
from collections.abc import Sequence

from oahandbook.base.version import __version__
from oahandbook.engine.findings import Exit

DESCRIPTION = {
    "zh": "公众号管理运营管理制度：手册、检查器与检查清单。",
    "en": "The Official Account regulation: handbook, checkers and checklists.",
}


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would exit(2) itself; main() returns 2 instead
        raise UsageError(f"{self.prog}: {message}")


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {value!r}") from None


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if number < 0:
        raise argparse.ArgumentTypeError("--jobs takes 0 (all cores) or more")
    return number


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        choices=["zh", "en"],
        default=argparse.SUPPRESS,
        help="message language / 消息语言 (default: zh, or the config's)",
    )

    # Which configuration and date the rules run with (check, audit, review).
    setup = argparse.ArgumentParser(add_help=False)
    setup.add_argument("--config", metavar="FILE", help=".oahandbook.yaml to use (default: nearest one)")
    setup.add_argument("--today", type=_date, metavar="YYYY-MM-DD", help="fix 'today' for date rules")
    # How many files are checked and how (check, audit).
    run = argparse.ArgumentParser(add_help=False)
    run.add_argument("--jobs", "-j", type=_jobs, default=1, metavar="N", help="processes (0: all cores)")
    run.add_argument("--kind", choices=["auto", "article", "account"], default="auto", help="how to read the files")
    run.add_argument(
        "--min-severity",
        choices=["suggestion", "warning", "error"],
        help="lowest severity listed (default: the config's min_severity, or warning); the summary counts the rest",
    )

    parser = _Parser(prog="oahandbook", description=DESCRIPTION["zh"] + " " + DESCRIPTION["en"], parents=[common])
    parser.add_argument("--version", action="version", version=f"oahandbook {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "check", parents=[common, setup, run], help="检查草稿和账号文件 / check drafts and account files"
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .)")
    p.add_argument(
        "--format",
        choices=["text", "json", "sarif", "github", "jsonl"],
        default="text",
        help="jsonl: one JSON object per line (file, finding, problem, then a summary), written as each file is done",
    )
    p.add_argument("--show-waivers", action="store_true", help="also list waived findings and every waiver")
    p.add_argument(
        "--skip-unknown", action="store_true", help="skip named files that are neither drafts nor account files"
    )
    p.add_argument(
        "--force-exclude",
        action="store_true",
        help="apply the config's include/exclude to named files too (pre-commit)",
    )
    p.add_argument("--color", choices=["auto", "always", "never"], default="auto")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary line")
    p.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE instead of stdout")

    p = sub.add_parser(
        "audit",
        parents=[common, setup, run],
        help="审计已发布文章的存档，生成离线 HTML 报告 / audit an archive of published articles into an offline HTML report",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="folders of published articles (one top folder per account)"
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="the HTML report (default: audit-report.html unless only --jsonl is given)",
    )
    p.add_argument(
        "--jsonl", metavar="FILE", help="also write every file, finding and problem as JSON Lines (-: stdout)"
    )
    p.add_argument(
        "--account-field",
        metavar="FIELD",
        help="take each file's account from this front matter field (default: the top folder under PATH)",
    )
    p.add_argument(
        "--root",
        metavar="DIR",
        help="accounts are the top folders under DIR (default: under each PATH); for a run over part of an archive",
    )
    p.add_argument("--no-charts", action="store_true", help="tables only (no matplotlib needed)")

    p = sub.add_parser(
        "report",
        parents=[common],
        help="由 JSON Lines 生成审计报告 / the audit report from JSON Lines (merges partitioned runs)",
    )
    p.add_argument(
        "inputs", nargs="+", metavar="FILE.jsonl", help="from audit --jsonl or check --format jsonl (-: stdin)"
    )
    p.add_argument("--output", "-o", metavar="FILE", help="the HTML report (default: audit-report.html; -: stdout)")
    p.add_argument("--config", metavar="FILE", help=".oahandbook.yaml for the language (default: nearest one)")
    p.add_argument("--no-charts", action="store_true", help="tables only (no matplotlib needed)")

    p = sub.add_parser("rules", parents=[common], help="列出条款和规则 / list clauses and rules")
    p.add_argument("--target", choices=["article", "account"], help="only rules for this kind of file")
    p.add_argument("--format", choices=["text", "json"], default="text")

    p = sub.add_parser("show", parents=[common], help="显示一条条款或规则 / show one clause or rule")
    p.add_argument("id", metavar="ID", help="clause ID (OA-2.3.1), rule code (PI01) or rule name")

    p = sub.add_parser("validate", parents=[common], help="校验数据 / validate the data")
    p.add_argument("path", nargs="?", metavar="PATH", help="a data directory (default: the bundled data)")

    p = sub.add_parser("schema", parents=[common], help="生成 JSON Schema / generate JSON Schemas")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write schemas/*.json")
    mode.add_argument("--check", action="store_true", help="fail if schemas/*.json are out of date")
    p.add_argument("--dir", default="schemas", help="output directory (default: schemas)")

    p = sub.add_parser("checklist", parents=[common], help="导出检查清单 / export checklists")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help="write the checklists directory")
    mode.add_argument("--check", action="store_true", help="fail if the checklists are out of date")
    p.add_argument("--dir", default="checklists", help="output directory (default: checklists)")

    p = sub.add_parser(
        "init",
        parents=[common],
        help="为当前仓库写入 .oahandbook.yaml 和 pre-commit 配置 / set up this repository (config and pre-commit)",
    )
    p.add_argument("--drafts", metavar="GLOB", help="which files are drafts (default: Markdown files with a front matter)")
    p.add_argument("--dir", default=".", metavar="DIR", help="the repository to set up (default: .)")

    p = sub.add_parser("review", parents=[common, setup], help="生成预填审核记录 / write a pre-filled review record")
    p.add_argument("file", metavar="FILE", help="a draft article or an account file")
    p.add_argument("--format", choices=["md", "json", "xlsx"], default="md")
    p.add_argument("--output", "-o", metavar="FILE", help="write here (default: stdout; required for xlsx)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    try:
        args = parser.parse_args(args_list)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        print("oahandbook --help", file=sys.stderr)
        return Exit.UNUSABLE
    from oahandbook.base import i18n

    # --lang, else OAHANDBOOK_LANG; commands that read a config fall back to its lang.
    env = os.environ.get("OAHANDBOOK_LANG")
    args.lang = getattr(args, "lang", None) or (env if env in ("zh", "en") else None)
    if args.lang:
        i18n.set_lang(args.lang)
    if not args.command:
        parser.print_help()
        return Exit.CLEAN
    module = importlib.import_module(f"oahandbook.commands.{args.command}")
    try:
        return module.run(args)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `oahandbook check | head` closes the pipe: not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return Exit.CLEAN
    except Exception as exc:  # never a traceback for a user; OAHANDBOOK_DEBUG=1 shows it
        if os.environ.get("OAHANDBOOK_DEBUG"):
            raise
        from oahandbook.run.files import internal_error

        print(f"oahandbook: {internal_error(exc)}", file=sys.stderr)
        return Exit.UNUSABLE


if __name__ == "__main__":
    sys.exit(main())
