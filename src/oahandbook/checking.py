"""Check files: decide what each file is, parse it, run its rules, collect unusable input.

Shared by ``oahandbook check``, ``oahandbook review`` and the pre-commit hooks.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from oahandbook.discovery import matches
from oahandbook.engine import Context, check_document_and_waivers
from oahandbook.errors import InputError, InputProblem
from oahandbook.findings import Finding
from oahandbook.textio import read_text

ARTICLE_SUFFIXES = (".md", ".markdown")
YAML_SUFFIXES = (".yaml", ".yml")
_KIND_ACCOUNT = re.compile(r"^kind:[ \t]*['\"]?account['\"]?[ \t]*(#.*)?$", re.MULTILINE)

MAX_ARTICLE_BYTES = 4 * 1024 * 1024
MAX_ACCOUNT_BYTES = 1024 * 1024


@dataclass
class FileResult:
    path: str
    target: str | None
    findings: list[Finding] = field(default_factory=list)
    problems: list[InputProblem] = field(default_factory=list)
    waivers: list = field(default_factory=list)
    hidden: dict[str, int] = field(default_factory=dict)  # findings below ctx.min_severity, counted


def classify(rel: str, text: str | None, ctx: Context, kind: str = "auto") -> str | None:
    """``article``, ``account`` or ``None`` (not ours: skipped when found in a directory)."""
    if kind != "auto":
        return kind
    lower = rel.lower()
    if lower.endswith(ARTICLE_SUFFIXES):
        return "article"
    if matches(ctx.config.account_files, rel):
        return "account"
    if lower.endswith(YAML_SUFFIXES) and text is not None and _KIND_ACCOUNT.search(text):
        return "account"
    return None


def parse(target: str, text: str, display: str, path: Path):
    if target == "article":
        from oahandbook.article.draft import parse_draft

        return parse_draft(text, display, path=path)
    from oahandbook.account.document import parse_account

    return parse_account(text, display, path=path)


def check_file(path: Path, display: str, ctx: Context, kind: str = "auto") -> FileResult:
    """Check one file; unusable input becomes ``problems`` (exit 2), never an exception."""
    result = FileResult(display, None)
    try:
        guess = classify(display, None, ctx, kind)
        limit = (
            MAX_ACCOUNT_BYTES if guess == "account" or display.lower().endswith(YAML_SUFFIXES) else MAX_ARTICLE_BYTES
        )
        text = read_text(path, max_bytes=limit, display=display)
        target = classify(display, text, ctx, kind)
        if target is None:
            return result
        result.target = target
        if not text.strip():
            from oahandbook.i18n import t

            raise InputError.one(display, 1, 1, t("io.empty"))
        doc = parse(target, text, display, path)
        result.findings, result.waivers = check_document_and_waivers(doc, target, ctx, hidden=result.hidden)
    except InputError as exc:
        result.problems = exc.problems
    except RecursionError:
        result.problems = [InputProblem(display, 1, 1, "input nests too deeply to be read")]
    except Exception as exc:  # a bug of ours must not hide the other files' findings
        if os.environ.get("OAHANDBOOK_DEBUG"):
            raise
        result.problems = [InputProblem(display, 1, 1, internal_error(exc))]
    return result


def internal_error(exc: BaseException) -> str:
    from oahandbook.i18n import get_lang

    what = f"{type(exc).__name__}: {exc}"
    if get_lang() == "en":
        return f"internal error of oahandbook while reading this file ({what}); please report it with the file"
    return f"oahandbook 处理此文件时发生内部错误（{what}）；请连同文件一起报告给维护者"
