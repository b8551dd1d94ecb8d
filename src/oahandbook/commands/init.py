"""``oahandbook init [--drafts GLOB] [--dir DIR]``: set up a repository to be checked.

Writes ``.oahandbook.yaml`` with every setting at its default, each explained in a comment in
Chinese and English, and, when the repository has no ``.pre-commit-config.yaml``, one with
oahandbook's two hooks. It asks nothing (every setting has a sensible default) and overwrites
nothing: an existing config stays as it is, and to an existing pre-commit config it prints the
entry to add instead of editing the file. Run in a subfolder of a git repository (without
``--dir``), it sets up the repository's root, where pre-commit and the checker look.

The hooks' ``rev`` is the installed version's tag (``v0.2.0``): the release process tags every
version so (the handbook's release page), and ``pre-commit autoupdate`` moves it to the newest.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from oahandbook.base.i18n import get_lang, t
from oahandbook.base.version import __version__
from oahandbook.engine.findings import Exit

# Where consuming repositories get the hooks; an organisation's internal mirror works the same.
HOOK_REPOSITORY = "https://github.com/your-org/oahandbook"
CONFIG_NAME = ".oahandbook.yaml"
PRECOMMIT_NAME = ".pre-commit-config.yaml"
HOOK_IDS = ("oahandbook-article", "oahandbook-account")
DRAFT_SUFFIXES = (".md", ".markdown", ".html", ".htm", ".docx")

# Every setting of .oahandbook.yaml (engine.config.Config) with what it means, in the order a new
# user reads them (which files are drafts first); tests/test_init.py checks that none is missing.
SETTINGS: dict[str, tuple[str, str]] = {
    "include": (
        "哪些文件是草稿。留空时，第一行是 --- （带前置元数据）的 Markdown 文件才是草稿，README 等不受影响；"
        '写上通配符（例如 ["drafts/**"]）后，匹配的文件都按草稿检查，忘写前置元数据也会报告（FM01）',
        "Which files are drafts. Empty: a Markdown file is a draft when its first line is --- (a front matter), "
        'so READMEs are left alone; with globs (e.g. ["drafts/**"]) every file they match is a draft (FM01 '
        "reports a missing front matter)",
    ),
    "lang": (
        "消息语言：zh（简体中文）或 en（英文）；命令行的 --lang 和环境变量 OAHANDBOOK_LANG 优先",
        "Message language: zh (Simplified Chinese) or en; --lang and OAHANDBOOK_LANG win",
    ),
    "min_severity": (
        "列出的最低严重程度：suggestion、warning 或 error；更低的只在汇总行计数（--min-severity 优先）",
        "Lowest severity listed: suggestion, warning or error; lower ones are only counted (--min-severity wins)",
    ),
    "severity": (
        "按规则代码或规则名调整严重程度：error、warning、suggestion，off 关闭规则，例如 {IN02: off}",
        "Severity by rule code or name: error, warning, suggestion, or off, e.g. {IN02: off}",
    ),
    "exclude": (
        "永不检查的路径（通配符），例如 [archive/**]",
        "Paths never checked (globs), e.g. [archive/**]",
    ),
    "account_files": (
        "账号档案的位置（通配符）；顶层写有 kind: account 的 YAML 文件无需列出",
        "Where account files are (globs); YAML files with a top-level kind: account need no entry",
    ),
    "allow_terms": (
        "词表规则永不报告的短语，例如 [最佳实践]",
        "Phrases the lexicon rules never report, e.g. [最佳实践]",
    ),
    "allow_hosts": (
        "不算外部链接的域名（按后缀匹配），例如 [example.org]",
        "Link hosts that are not external (suffix match), e.g. [example.org]",
    ),
    "allow_contacts": (
        '本单位公开的电话号码和邮箱，不按个人信息报告，例如 ["400-123-4567", "@example.org"]',
        'The organisation\'s own public phone numbers and e-mail addresses, e.g. ["400-123-4567", "@example.org"]',
    ),
    "lexicons": (
        "追加的词表文件（与内置词表同样的结构）",
        "Extra lexicon files (the same shape as the bundled ones)",
    ),
    "policy": (
        "覆盖单位制度的默认值，例如 {backup.max_interval_days: 3}",
        "Overrides of the policy's defaults, e.g. {backup.max_interval_days: 3}",
    ),
    "handbook_url": (
        "本单位部署的手册地址（带版本别名），检查结果、审核记录和检查清单中的链接指向这里；"
        "不写时用环境变量 OAHANDBOOK_SITE_URL，再不然用本机预览地址 http://127.0.0.1:8000",
        "Where your organisation serves the handbook (with its version alias): findings, review records and "
        "checklists link there; unset: OAHANDBOOK_SITE_URL, else the local preview http://127.0.0.1:8000",
    ),
}
# Settings written commented out: they have no default worth writing down.
COMMENTED = {"handbook_url": "https://handbook.example.org/latest"}


def precommit_entry() -> str:
    """The entry of ``repos:`` that adds oahandbook's hooks (README.md shows the same)."""
    return (
        f"  - repo: {HOOK_REPOSITORY}   # 或单位内部镜像 / or your internal mirror\n"
        f"    rev: v{__version__}   # 发布的版本标签；pre-commit autoupdate 更新到最新版本 / a release tag\n"
        "    hooks:\n"
        "      - id: oahandbook-article   # 草稿 / drafts\n"
        "      - id: oahandbook-account   # 账号档案 / account files\n"
    )


def precommit_config() -> str:
    """A whole ``.pre-commit-config.yaml`` with oahandbook's hooks."""
    return (
        "# pre-commit 在每次提交前运行这些检查（由 `oahandbook init` 写入）。\n"
        "# pre-commit runs these checks before every commit (written by `oahandbook init`).\n"
        "# 启用 / to turn it on: pip install pre-commit && pre-commit install\n"
        "repos:\n" + precommit_entry()
    )


def config_text(*, drafts: str | None = None, lang: str = "zh") -> str:
    """The commented ``.oahandbook.yaml``: every setting at its default, ``include`` set to
    ``drafts`` when given."""
    from oahandbook.engine.config import default_config

    defaults = default_config()
    values = {name: getattr(defaults, name) for name in SETTINGS}
    values["lang"] = lang
    if drafts:
        values["include"] = [drafts]
    out = [
        "# oahandbook 的配置（由 `oahandbook init` 写入）。每项都是默认值，按需修改；",
        "# 路径和通配符相对于本文件所在的文件夹。说明见手册“使用检查工具”一页。",
        "# oahandbook's configuration (written by `oahandbook init`). Every setting is at its default; change what",
        "# you need. Paths and globs are relative to this file's folder. See the handbook's page on the checkers.",
        "",
    ]
    for name, (zh, en) in SETTINGS.items():
        # One clause a line, so that no comment runs far past the value it explains.
        out += [f"# {part}" for part in _clauses(zh, "；", "；")]
        out += [f"# {part}" for part in _clauses(en, "; ", ";")]
        if name in COMMENTED:
            out.append(f"# {name}: {COMMENTED[name]}")
        else:
            out.append(f"{name}: {_flow(values[name])}")
        out.append("")
    return "\n".join(out)


def _clauses(text: str, separator: str, mark: str) -> list[str]:
    parts = text.split(separator)
    return [part + (mark if i < len(parts) - 1 else "") for i, part in enumerate(parts)]


def _flow(value: object) -> str:
    """A value on one line: JSON is YAML, and quotes globs such as ``**`` that YAML would not read."""
    if isinstance(value, str) and value.isidentifier():
        return value
    return json.dumps(value, ensure_ascii=False)


def drafts_glob(raw: str, root: Path) -> str:
    """``--drafts``: a folder (``drafts``, ``drafts/``: no wildcard, no draft's suffix) means
    everything under it."""
    glob = raw.strip().replace("\\", "/")
    if not glob or any(c in glob for c in "*?["):
        return glob
    if glob.endswith("/") or (root / glob).is_dir() or not glob.lower().endswith(DRAFT_SUFFIXES):
        glob = glob.rstrip("/") + "/**"
    return glob


def run(args) -> int:
    lang = getattr(args, "lang", None) or get_lang()
    root = Path(args.dir)
    if not root.is_dir():
        print(t("init.not_dir", path=args.dir), file=sys.stderr)
        return Exit.UNUSABLE
    if args.dir == ".":
        root = repository_root(root)  # run in a subfolder: the files belong at the repository's root
    drafts = drafts_glob(args.drafts, root) if args.drafts is not None else None
    if drafts is not None and not drafts:
        print(t("init.empty_glob"), file=sys.stderr)
        return Exit.UNUSABLE
    if not (root / ".git").exists():
        print(t("init.not_git", path=_shown(root)))
    code = _write_config(root, drafts, lang)
    if code != Exit.CLEAN:
        return code
    code = _write_precommit(root)
    if code != Exit.CLEAN:
        return code
    print()
    print(t("init.next"))
    return Exit.CLEAN


def repository_root(start: Path) -> Path:
    """The git repository ``start`` is in (its folder holding ``.git``), else ``start`` itself."""
    here = start.resolve()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder if folder == here else Path(os.path.relpath(folder))
    return start


def _write_config(root: Path, drafts: str | None, lang: str) -> int:
    from oahandbook.run.discovery import CONFIG_NAMES

    for name in CONFIG_NAMES:
        if (root / name).exists():
            print(t("init.config_kept", path=_shown(root / name)))
            if drafts is not None:
                print(t("init.drafts_not_written", glob=drafts))
            return Exit.CLEAN
    path = root / CONFIG_NAME
    if not _create(path, config_text(drafts=drafts, lang=lang)):
        return Exit.UNUSABLE
    what = t("init.drafts_glob", glob=drafts) if drafts else t("init.drafts_front_matter")
    print(t("init.config_written", path=_shown(path), drafts=what))
    return Exit.CLEAN


def _write_precommit(root: Path) -> int:
    path = root / PRECOMMIT_NAME
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            text = ""
        if all(hook in text for hook in HOOK_IDS):
            print(t("init.precommit_has_hooks", path=_shown(path)))
        else:
            print(t("init.precommit_kept", path=_shown(path)))
            print()
            print(precommit_entry(), end="")
        return Exit.CLEAN
    if not _create(path, precommit_config()):
        return Exit.UNUSABLE
    print(t("init.precommit_written", path=_shown(path)))
    return Exit.CLEAN


def _create(path: Path, text: str) -> bool:
    """Write a new file; one that appeared meanwhile is left alone (mode ``x``)."""
    try:
        with open(path, "x", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
    except FileExistsError:
        print(t("init.config_kept", path=_shown(path)))
        return True
    except OSError as exc:
        print(t("io.cannot_write", path=_shown(path), error=exc.strerror or exc), file=sys.stderr)
        return False
    return True


def _shown(path: Path) -> str:
    from oahandbook.run.batch import display_path

    return display_path(path)
