"""The ``oahandbook`` command. ``main(argv) -> int``: 0 clean, 1 findings, 2 unusable input or usage.

Only argparse is imported at start-up; each command's module (and pydantic, YAML, the rules)
loads when that command runs, so ``--help`` and a one-file pre-commit check stay cheap.

Help and usage errors speak Chinese, or English with ``--lang en`` (or ``OAHANDBOOK_LANG=en``):
the language is read from the command line before the parser is built, since the parser holds
its help texts, and argparse's own words go through :mod:`.argtext`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import os
import sys
from collections.abc import Sequence

from oahandbook.base import i18n
from oahandbook.base.version import __version__
from oahandbook.commands import usage_error, utf8_output
from oahandbook.commands.argtext import Formatter, speaking
from oahandbook.engine.findings import Exit

DESCRIPTION = {
    "zh": "公众号管理运营管理制度：手册、检查器与检查清单。",
    "en": "The Official Account regulation: handbook, checkers and checklists.",
}
EPILOG = {
    "zh": """常用命令：
  oahandbook check 稿件.md        检查一篇草稿（也可以给文件夹）
  oahandbook show PC01            一条规则为什么重要、怎么改
  oahandbook init                 为当前仓库写入配置和提交前检查
  oahandbook 命令 --help          某个命令的全部选项""",
    "en": """Common commands:
  oahandbook check draft.md       check a draft (or a folder)
  oahandbook show PC01            why a rule matters and how to fix what it finds
  oahandbook init                 set up this repository (config and pre-commit)
  oahandbook COMMAND --help       all options of a command""",
}
CHECK_EPILOG = {
    "zh": """示例：
  oahandbook check drafts/                         检查文件夹中的全部草稿
  oahandbook check --select PC,PI 稿件.md          只看违禁内容和个人信息两类规则
  oahandbook check --statistics drafts/            每条规则发现了几处
  oahandbook check --diff 稿件.md                  看看 --fix 会改什么（不写入）
  cat 稿件.md | oahandbook check - --stdin-filename 稿件.md

退出码：0 没有错误（可以有警告和提示）；1 有错误；2 文件无法读取或用法错误。""",
    "en": """Examples:
  oahandbook check drafts/                         every draft in a folder
  oahandbook check --select PC,PI draft.md         only the prohibited-content and personal-data rules
  oahandbook check --statistics drafts/            how many findings each rule made
  oahandbook check --diff draft.md                 what --fix would change (nothing is written)
  cat draft.md | oahandbook check - --stdin-filename draft.md

Exit codes: 0 no errors (warnings and suggestions allowed); 1 errors; 2 unreadable input or usage.""",
}
LANGS = ("zh", "en")


class UsageError(Exception):
    def __init__(self, parser: argparse.ArgumentParser, message: str):
        super().__init__(message)
        self.parser = parser


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # argparse would exit(2) itself; main() returns 2 instead
        raise UsageError(self, message)


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(i18n.t("cli.not_date", value=value)) from None


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(i18n.t("cli.not_whole_number", value=value)) from None
    if number < 0:
        raise argparse.ArgumentTypeError(i18n.t("cli.jobs_range"))
    return number


def _codes(value: str) -> list[str]:
    """``PC01,PI`` as ``["PC01", "PI"]`` (``--select`` and ``--ignore`` may also be repeated)."""
    return [part.strip() for part in value.replace("，", ",").split(",") if part.strip()]


def requested_lang(argv: Sequence[str]) -> str | None:
    """The language asked for before parsing: ``--lang`` (or ``--lang=``) on the command line,
    else ``OAHANDBOOK_LANG``; None when neither says (Chinese, or a config's ``lang``)."""
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        name, _, value = arg.partition("=")
        if name in ("--lang", "--lan", "--la") and not value and i + 1 < len(argv):
            value = argv[i + 1]
        if name in ("--lang", "--lan", "--la") and value in LANGS:
            return value
    env = os.environ.get("OAHANDBOOK_LANG")
    return env if env in LANGS else None


def build_parser(lang: str = "zh") -> argparse.ArgumentParser:
    """The whole command line, its help in ``lang``. Build it inside :func:`argtext.speaking`
    for argparse's own words (section titles) to be in ``lang`` too."""

    def h(zh: str, en: str) -> str:
        return zh if lang == "zh" else en

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--lang",
        choices=LANGS,
        default=argparse.SUPPRESS,
        help=h(
            "消息语言：zh（中文，默认）或 en（英文）；也可设环境变量 OAHANDBOOK_LANG；都未指定时用配置文件中的 lang",
            "message language: zh (Chinese, the default) or en; also the OAHANDBOOK_LANG variable; "
            "otherwise the config's lang",
        ),
    )

    # Which configuration and date the rules run with (check, audit, review).
    setup = argparse.ArgumentParser(add_help=False)
    setup.add_argument(
        "--config",
        metavar="FILE",
        help=h(
            "使用这个 .oahandbook.yaml（默认：从当前文件夹向上找到的第一个）",
            ".oahandbook.yaml to use (default: the nearest one, looking up from here)",
        ),
    )
    setup.add_argument(
        "--today",
        type=_date,
        metavar="YYYY-MM-DD",
        help=h(
            "把“今天”固定为这一天，使与日期有关的规则（认证到期、备份间隔）结果可重现",
            "take this day as today, so that date rules (verification expiry, backup interval) give the same result",
        ),
    )
    # How many files are checked and how (check, audit).
    run = argparse.ArgumentParser(add_help=False)
    run.add_argument(
        "--jobs",
        "-j",
        type=_jobs,
        default=1,
        metavar="N",
        help=h("同时检查的进程数（0：全部处理器核心）", "processes checking at once (0: all cores)"),
    )
    run.add_argument(
        "--kind",
        choices=["auto", "article", "account"],
        default="auto",
        help=h(
            "文件类型：auto 按文件名和内容判断（默认），article 草稿，account 账号档案",
            "what the files are: auto decides by name and content (default), article drafts, account files",
        ),
    )
    run.add_argument(
        "--min-severity",
        choices=["suggestion", "warning", "error"],
        help=h(
            "显示的最低严重程度：suggestion 提示、warning 警告（默认，或配置的 min_severity）、error 错误；"
            "更低的不列出，只在汇总行计数",
            "lowest severity listed: suggestion, warning (default, or the config's min_severity) or error; "
            "the summary counts the rest",
        ),
    )

    parser = _Parser(
        prog="oahandbook",
        description=DESCRIPTION["zh" if lang == "zh" else "en"],
        epilog=EPILOG["zh" if lang == "zh" else "en"],
        parents=[common],
        formatter_class=Formatter,
    )
    parser.add_argument(
        "-V",
        "--version",
        action="version",
        version=f"oahandbook {__version__}",
        help=h("显示版本号并退出", "show the version and exit"),
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title=h("命令", "commands"), parser_class=_Parser)

    def command(name: str, zh: str, en: str, parents: list, **kwargs) -> argparse.ArgumentParser:
        return sub.add_parser(
            name, parents=parents, help=h(zh, en), description=h(zh, en), formatter_class=Formatter, **kwargs
        )

    p = command(
        "check",
        "检查草稿和账号档案是否符合制度",
        "check drafts and account files against the regulation",
        [common, setup, run],
        epilog=CHECK_EPILOG["zh" if lang == "zh" else "en"],
    )
    p.add_argument(
        "paths",
        nargs="*",
        metavar="PATH",
        help=h(
            "要检查的文件或文件夹（默认：当前文件夹）；- 表示从标准输入读取",
            "files or folders to check (default: the current folder); - reads standard input",
        ),
    )
    shown = p.add_argument_group(h("输出", "output"))
    shown.add_argument(
        "--output-format",
        "--format",
        dest="format",
        choices=["full", "concise", "text", "json", "sarif", "github", "jsonl"],
        default="full",
        metavar="FORMAT",
        help=h(
            "full：每个问题附原文、标记和修改建议（默认，text 同此）；concise：每个问题一行，便于 grep 和日志；"
            "json、sarif：供其他工具读取；github：GitHub Actions 中的代码注释；jsonl：每行一个 JSON，边查边写",
            "full: each finding with its source line marked and how to fix it (default; text is the same); "
            "concise: one line per finding, for grep and logs; json, sarif: for other tools; "
            "github: GitHub Actions annotations; jsonl: one JSON object per line, written as files are done",
        ),
    )
    shown.add_argument(
        "--statistics",
        action="store_true",
        help=h(
            "不逐条列出，只列每条规则发现了几处（full 和 concise 输出）",
            "instead of each finding, how many each rule found (full and concise output)",
        ),
    )
    shown.add_argument(
        "--show-waivers",
        action="store_true",
        help=h("同时列出被豁免的问题和每一条豁免注释", "also list waived findings and every waiver"),
    )
    shown.add_argument(
        "--color",
        choices=["auto", "always", "never"],
        default="auto",
        help=h(
            "彩色输出：auto 仅在终端中（默认；设了 NO_COLOR 环境变量则不用），always 总是，never 从不",
            "colour: auto only on a terminal (default; not with NO_COLOR set), always, never",
        ),
    )
    shown.add_argument("--quiet", "-q", action="store_true", help=h("不显示汇总行", "no summary line"))
    shown.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help=h("把报告写入这个文件，而不是屏幕", "write the report to FILE instead of the screen"),
    )
    chosen = p.add_argument_group(h("规则", "rules"))
    chosen.add_argument(
        "--select",
        type=_codes,
        action="extend",
        metavar="RULES",
        help=h(
            "只看这些规则：规则代码（PC01）、代码前缀（PC：违禁内容一类）或规则名，用逗号分隔；"
            "保护个人信息和密钥的规则（不可豁免）始终检查",
            "only these rules: codes (PC01), code prefixes (PC: the whole family) or rule names, comma-separated; "
            "the rules that protect personal data and secrets (not waivable) always run",
        ),
    )
    chosen.add_argument(
        "--ignore",
        type=_codes,
        action="extend",
        metavar="RULES",
        help=h(
            "不看这些规则（写法同 --select）；不能忽略保护个人信息和密钥的规则",
            "leave these rules out (written as for --select); the rules that protect personal data "
            "and secrets cannot be left out",
        ),
    )
    chosen.add_argument(
        "--exit-zero",
        action="store_true",
        help=h(
            "发现错误也以 0 退出（文件无法读取时仍为 2）",
            "exit 0 even when errors are found (2 still for unreadable input)",
        ),
    )
    fixing = p.add_argument_group(h("自动修改", "fixing"))
    how = fixing.add_mutually_exclusive_group()
    how.add_argument(
        "--fix",
        action="store_true",
        help=h(
            "把能机械修改的问题（如标点）直接改进文件，再报告剩下的问题；只改 Markdown 草稿，不改 Word 和 HTML",
            "write the mechanical fixes (such as punctuation) into the files, then report what remains; "
            "Markdown drafts only, never Word or HTML",
        ),
    )
    how.add_argument(
        "--diff",
        action="store_true",
        help=h(
            "只显示 --fix 会做的修改（统一差异格式），不写入文件",
            "show what --fix would change (a unified diff); nothing is written",
        ),
    )
    picked = p.add_argument_group(h("选文件", "files"))
    picked.add_argument(
        "--stdin-filename",
        metavar="NAME",
        help=h(
            "从标准输入（-）读取时使用的文件名：决定文件类型、配置的 include/exclude 是否适用，并显示在结果中",
            "the name of what - reads from standard input: it decides the kind of file and whether the "
            "config's include/exclude apply, and findings show it",
        ),
    )
    picked.add_argument(
        "--skip-unknown",
        action="store_true",
        help=h(
            "跳过既不是草稿也不是账号档案的文件，而不是报告为无法使用",
            "skip named files that are neither drafts nor account files instead of reporting them",
        ),
    )
    picked.add_argument(
        "--force-exclude",
        action="store_true",
        help=h(
            "命令行中直接给出的文件也遵守配置的 include/exclude（提交前检查用）",
            "apply the config's include/exclude to files named on the command line too (pre-commit)",
        ),
    )

    p = command(
        "audit",
        "审计已发布文章的存档，生成离线 HTML 报告",
        "audit an archive of published articles into an offline HTML report",
        [common, setup, run],
    )
    p.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help=h(
            "已发布文章的文件夹（每个公众号一个顶层文件夹）",
            "folders of published articles (one top folder per account)",
        ),
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help=h(
            "HTML 报告写到这里（默认：audit-report.html；只给了 --jsonl 时不写）",
            "the HTML report (default: audit-report.html unless only --jsonl is given)",
        ),
    )
    p.add_argument(
        "--jsonl",
        metavar="FILE",
        help=h(
            "同时把每个文件、问题和无法读取的输入写成 JSON Lines（-：标准输出）",
            "also write every file, finding and problem as JSON Lines (-: stdout)",
        ),
    )
    p.add_argument(
        "--account-field",
        metavar="FIELD",
        help=h(
            "按前置元数据中的这个字段区分公众号（默认：路径下的顶层文件夹）",
            "take each file's account from this front matter field (default: the top folder under PATH)",
        ),
    )
    p.add_argument(
        "--root",
        metavar="DIR",
        help=h(
            "公众号是这个文件夹下的顶层文件夹（默认：每个路径之下）；只审计存档的一部分时用",
            "accounts are the top folders under DIR (default: under each PATH); for a run over part of an archive",
        ),
    )
    p.add_argument(
        "--no-charts",
        action="store_true",
        help=h("只要表格，不画图（不需要 matplotlib）", "tables only (no matplotlib needed)"),
    )

    p = command(
        "report",
        "由 JSON Lines 生成审计报告（可合并分批运行的结果）",
        "the audit report from JSON Lines (merges partitioned runs)",
        [common],
    )
    p.add_argument(
        "inputs",
        nargs="+",
        metavar="FILE.jsonl",
        help=h(
            "audit --jsonl 或 check --format jsonl 的输出（-：标准输入）",
            "from audit --jsonl or check --format jsonl (-: stdin)",
        ),
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help=h(
            "HTML 报告写到这里（默认：audit-report.html；-：标准输出）",
            "the HTML report (default: audit-report.html; -: stdout)",
        ),
    )
    p.add_argument(
        "--config",
        metavar="FILE",
        help=h(
            "从这个 .oahandbook.yaml 读取语言（默认：最近的一个）",
            ".oahandbook.yaml for the language (default: nearest one)",
        ),
    )
    p.add_argument(
        "--no-charts",
        action="store_true",
        help=h("只要表格，不画图（不需要 matplotlib）", "tables only (no matplotlib needed)"),
    )

    p = command("rules", "列出全部条款和规则", "list clauses and rules", [common])
    p.add_argument(
        "--target",
        choices=["article", "account"],
        help=h("只列出检查这类文件的规则：article 草稿，account 账号档案", "only rules for this kind of file"),
    )
    p.add_argument(
        "--format",
        choices=["text", "json"],
        default="text",
        help=h("text 文字（默认）或 json", "text (default) or json"),
    )

    p = command("show", "显示一个条款或一条规则的详情", "show one clause or rule", [common])
    p.add_argument(
        "id",
        metavar="ID",
        help=h("条款编号（OA-2.3.1）、规则代码（PI01）或规则名", "clause ID (OA-2.3.1), rule code (PI01) or rule name"),
    )

    p = command("validate", "校验数据（条款、规则、词表、检查清单）", "validate the data", [common])
    p.add_argument(
        "path",
        nargs="?",
        metavar="PATH",
        help=h("一个数据文件夹（默认：随包附带的数据）", "a data directory (default: the bundled data)"),
    )

    p = command("schema", "生成 JSON Schema", "generate JSON Schemas", [common])
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help=h("写入 schemas/*.json", "write schemas/*.json"))
    mode.add_argument(
        "--check",
        action="store_true",
        help=h("schemas/*.json 过期时失败", "fail if schemas/*.json are out of date"),
    )
    p.add_argument(
        "--dir", default="schemas", help=h("输出文件夹（默认：schemas）", "output directory (default: schemas)")
    )

    p = command("checklist", "导出检查清单", "export checklists", [common])
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--write", action="store_true", help=h("写入检查清单文件夹", "write the checklists directory"))
    mode.add_argument(
        "--check", action="store_true", help=h("检查清单过期时失败", "fail if the checklists are out of date")
    )
    p.add_argument(
        "--dir",
        default="checklists",
        help=h("输出文件夹（默认：checklists）", "output directory (default: checklists)"),
    )

    p = command(
        "init",
        "为当前仓库写入带注释的 .oahandbook.yaml 和 pre-commit 配置（从不覆盖已有文件）",
        "set up this repository: a commented .oahandbook.yaml and the pre-commit config (never overwrites)",
        [common],
    )
    p.add_argument(
        "--drafts",
        metavar="GLOB",
        help=h(
            "哪些文件是草稿，例如 drafts（默认：第一行是 --- 的 Markdown 文件）",
            "which files are drafts, e.g. drafts (default: Markdown files whose first line is ---)",
        ),
    )
    p.add_argument(
        "--dir",
        default=".",
        metavar="DIR",
        help=h(
            "要设置的仓库（默认：当前目录所在的 git 仓库根目录）",
            "the repository to set up (default: the git root of .)",
        ),
    )

    p = command(
        "site",
        "生成手册：每种语言的完整 Markdown 源文件，再用站点引擎构建、预览或按版本部署",
        "the handbook: the complete Markdown source per language, built, served or deployed per version",
        [common],
    )
    p.add_argument(
        "action",
        choices=["build", "serve", "deploy"],
        help=h(
            "build 生成并构建；serve 生成、构建并在本机预览（数据改动后自动刷新）；deploy 把构建好的站点按版本放进发布文件夹",
            "build: generate and build; serve: generate, build and preview here (reloads when the data changes); "
            "deploy: put the built site into a publishing folder as one version",
        ),
    )
    p.add_argument(
        "version",
        nargs="?",
        metavar="VERSION",
        help=h("deploy 的版本号，如 1.0", "deploy: the version, such as 1.0"),
    )
    p.add_argument(
        "--out",
        default="build/handbook",
        metavar="DIR",
        help=h(
            "Markdown 源文件写到这里（默认：build/handbook）",
            "where the Markdown source goes (default: build/handbook)",
        ),
    )
    p.add_argument(
        "--site-dir",
        default="site",
        metavar="DIR",
        help=h("构建好的站点写到这里（默认：site）", "where the built site goes (default: site)"),
    )
    p.add_argument(
        "--engine",
        choices=["mkdocs", "zensical"],
        default="mkdocs",
        help=h("站点引擎：mkdocs（默认）或 zensical", "site engine: mkdocs (default) or zensical"),
    )
    p.add_argument(
        "--markdown-only",
        action="store_true",
        help=h("只生成 Markdown 源文件，不构建", "only write the Markdown source, do not build"),
    )
    p.add_argument(
        "--site-lang",
        choices=LANGS,
        default="zh",
        help=h("serve 预览哪种语言（默认：zh）", "serve: which language to preview (default: zh)"),
    )
    p.add_argument(
        "--addr",
        default="127.0.0.1:8000",
        metavar="HOST:PORT",
        help=h("serve 的地址（默认：127.0.0.1:8000）", "serve: the address (default: 127.0.0.1:8000)"),
    )
    p.add_argument(
        "--dest",
        default="public",
        metavar="DIR",
        help=h("deploy 的发布文件夹（默认：public）", "deploy: the publishing folder (default: public)"),
    )
    p.add_argument(
        "--alias",
        action="append",
        default=[],
        metavar="NAME",
        help=h(
            "deploy：这个版本的别名，如 latest（可重复）",
            "deploy: an alias of this version, such as latest (repeatable)",
        ),
    )

    p = command("review", "生成预填的审核记录", "write a pre-filled review record", [common, setup])
    p.add_argument("file", metavar="FILE", help=h("一篇草稿或一个账号档案", "a draft article or an account file"))
    p.add_argument(
        "--format",
        choices=["md", "json", "xlsx"],
        default="md",
        help=h("md 表格（默认）、json 或 xlsx 电子表格", "md table (default), json or an xlsx spreadsheet"),
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help=h("写到这里（默认：屏幕；xlsx 必须给出）", "write here (default: stdout; required for xlsx)"),
    )

    p = command(
        "completion",
        "输出命令行自动补全脚本（bash、zsh 或 fish）",
        "print a shell completion script (bash, zsh or fish)",
        [common],
        epilog=h(
            "启用方法：\n"
            '  bash：在 ~/.bashrc 中加入  eval "$(oahandbook completion bash)"\n'
            '  zsh： 在 ~/.zshrc 中加入   eval "$(oahandbook completion zsh)"\n'
            "  fish：oahandbook completion fish > ~/.config/fish/completions/oahandbook.fish",
            "To enable it:\n"
            '  bash: add to ~/.bashrc   eval "$(oahandbook completion bash)"\n'
            '  zsh:  add to ~/.zshrc    eval "$(oahandbook completion zsh)"\n'
            "  fish: oahandbook completion fish > ~/.config/fish/completions/oahandbook.fish",
        ),
    )
    p.add_argument("shell", choices=["bash", "zsh", "fish"], help=h("哪种命令行", "which shell"))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    with utf8_output():
        return _main(argv)


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    explicit = requested_lang(args_list)
    lang = explicit or "zh"
    if explicit:
        i18n.set_lang(explicit)
    with speaking(lang):
        parser = build_parser(lang)
        try:
            args = parser.parse_args(args_list)
        except UsageError as exc:
            return usage_error(exc.parser.prog, str(exc), lang)
        if not args.command:
            parser.print_help()
            return Exit.CLEAN
    # --lang, else OAHANDBOOK_LANG; commands that read a config fall back to its lang.
    args.lang = getattr(args, "lang", None) or explicit
    args.prog = f"oahandbook {args.command}"
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
