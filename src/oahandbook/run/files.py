"""Check files: decide what each file is, parse it, run its rules, collect unusable input.

Shared by ``oahandbook check``, ``oahandbook review`` and the pre-commit hooks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from oahandbook.article.draft import FRONT_OPEN
from oahandbook.article.formats import CONVERTED_SUFFIXES, draft_format
from oahandbook.base import textio
from oahandbook.base.errors import InputError, InputProblem
from oahandbook.base.textio import read_text
from oahandbook.engine.check import Context, check_document_and_waivers
from oahandbook.engine.findings import Finding
from oahandbook.run.discovery import matches

ARTICLE_SUFFIXES = (".md", ".markdown")
YAML_SUFFIXES = (".yaml", ".yml")
_KIND_ACCOUNT = re.compile(r"^kind:[ \t]*['\"]?account['\"]?[ \t]*(#.*)?$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class FileResult:
    """What checking one file (or one text) gave: the public ``oahandbook.Result``.

    ``kind`` is ``"article"``, ``"account"`` or ``None`` (not a file oahandbook checks);
    ``problems`` make the input unusable (exit code 2); ``hidden`` counts findings below the
    checker's ``min_severity`` by level, which were not built; ``unlisted`` counts, by level,
    those of a rule beyond the first 1,000 at one level in this file, not built either; ``skipped`` says why a document
    found in a folder was not checked (a format oahandbook cannot read, such as ``.doc`` or
    ``.pdf``): a notice for the summary, not a problem; ``fields`` are a draft's one-value
    fields as its front matter (or its document's metadata) gives them: ``date``, ``account``
    … (what an audit counts by)."""

    path: str
    kind: str | None
    findings: tuple[Finding, ...] = ()
    problems: tuple[InputProblem, ...] = ()
    waivers: tuple = ()
    hidden: dict[str, int] = field(default_factory=dict)
    skipped: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    unlisted: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """No problem and no unwaived error: what lets a commit through."""
        return not self.problems and not any(f.severity == "error" and not f.waived for f in self.findings)

    @property
    def exit_code(self) -> int:
        """0 clean, 1 an unwaived error, 2 unusable input (the CLI's codes)."""
        return 2 if self.problems else 0 if self.ok else 1

    def to_dict(self) -> dict:
        """Plain values (JSON-ready): path, kind, findings and problems."""
        return {
            "path": self.path,
            "kind": self.kind,
            "findings": [f.to_dict() for f in self.findings],
            "problems": [p.to_dict() for p in self.problems],
            "hidden": dict(self.hidden),
            "unlisted": dict(self.unlisted),
            "skipped": self.skipped,
        }


def classify(rel: str, text: str | None, ctx: Context, kind: str = "auto") -> str | None:
    """``article``, ``account`` or ``None`` (not ours: skipped when found in a directory)."""
    if kind != "auto":
        return kind
    lower = rel.lower()
    if lower.endswith(ARTICLE_SUFFIXES + CONVERTED_SUFFIXES):
        return "article"
    if matches(ctx.config.account_files, rel):
        return "account"
    if lower.endswith(YAML_SUFFIXES) and text is not None and _KIND_ACCOUNT.search(text):
        return "account"
    return None


def is_markdown(name: str) -> bool:
    return name.lower().endswith(ARTICLE_SUFFIXES)


def is_blank_file(path: Path) -> bool:
    """Whether a regular file holds nothing but white space (an empty page template, a
    placeholder): no draft. What cannot be read so (a FIFO would block) is not blank."""
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode) or info.st_size > 4096:
            return False
        with open(path, "rb") as stream:
            return not stream.read(4097).strip()
    except (OSError, RuntimeError):
        return False


def parse(target: str, text: str, display: str, path: Path):
    if target == "article":
        if draft_format(display) != "markdown":
            from oahandbook.article.formats import parse_converted

            return parse_converted(text, display, path=path)
        from oahandbook.article.draft import parse_draft

        return parse_draft(text, display, path=path)
    from oahandbook.account.document import parse_account

    return parse_account(text, display, path=path)


def check_file(
    path: Path,
    display: str,
    ctx: Context,
    kind: str = "auto",
    *,
    page_only: bool = False,
    front_matter_only: bool = False,
) -> FileResult:
    """Check one file; unusable input becomes ``problems`` (exit 2), never an exception.

    With ``page_only`` (an HTML file found in a folder, not named by ``include``) an HTML page
    is checked only when it is a saved WeChat article page; otherwise it is ``skipped``. With
    ``front_matter_only`` (no ``include`` configured) a Markdown file is a draft only when its
    first line opens a front matter (``---``); otherwise it is ``skipped``, as a README is. Text
    that cannot be read (not UTF-8, binary) is a problem all the same: no one can tell whether
    it was meant as a draft. An empty file goes on to be called empty."""
    try:
        guess = classify(display, None, ctx, kind)
        form = draft_format(display) if guess == "article" else "markdown"
        if form == "docx":
            from oahandbook.article.formats import read_draft

            return _check(display, "article", ctx, lambda: read_draft(path, display))
        if form == "html":
            from oahandbook.article.formats import is_article_page, read_page_file

            text = read_page_file(path, display)
            if page_only and kind == "auto" and not is_article_page(text):
                from oahandbook.base.i18n import t

                return FileResult(display, None, skipped=t("skip.html_page"))
            return check_text(text, display, ctx, kind, path=path)
        limit = (
            textio.MAX_ACCOUNT_BYTES
            if guess == "account" or display.lower().endswith(YAML_SUFFIXES)
            else textio.MAX_ARTICLE_BYTES
        )
        text = read_text(path, max_bytes=limit, display=display)
    except InputError as exc:
        return FileResult(display, None, problems=tuple(exc.problems))
    if front_matter_only and kind == "auto" and text.strip() and not FRONT_OPEN.match(text):
        from oahandbook.base.i18n import t

        return FileResult(display, None, skipped=t("skip.no_front_matter"))
    return check_text(text, display, ctx, kind, path=path)


# The text of the file checked last, as (display, text), kept only while the command line's
# full report asks for it (``keeping_last_text``): it then shows source lines without reading
# the file again. One text, so memory stays flat; a library caller keeps nothing.
_last_text: tuple[str, str] | None = None
_keep_last = False


@contextlib.contextmanager
def keeping_last_text() -> Iterator[None]:
    global _keep_last, _last_text
    _keep_last = True
    try:
        yield
    finally:
        _keep_last, _last_text = False, None


def last_text(display: str) -> str | None:
    """The text the last check of ``display`` read, if it was the last file checked here."""
    last = _last_text
    return last[1] if last is not None and last[0] == display else None


def check_text(text: str, display: str, ctx: Context, kind: str = "auto", *, path: Path | None = None) -> FileResult:
    """Check ``text`` as the file ``display`` (``path``, when given, is where relative links and
    lexicons start); unusable input becomes ``problems``, never an exception."""
    global _last_text
    if _keep_last:
        _last_text = (display, text)
    target = classify(display, text, ctx, kind)
    if target is None:
        return FileResult(display, None)

    def parsed():
        if not text.strip():
            from oahandbook.base.i18n import t

            raise InputError.one(display, 1, 1, t("io.empty"))
        return parse(target, text, display, path or Path(display))

    return _check(display, target, ctx, parsed)


def _check(display: str, target: str, ctx: Context, parsed) -> FileResult:
    """Run the rules of ``target`` over the document ``parsed()`` gives; what goes wrong on the
    way (unusable input, a bug of ours) becomes ``problems``."""
    try:
        doc = parsed()
        hidden: dict[str, int] = {}
        unlisted: dict[str, int] = {}
        findings, waivers = check_document_and_waivers(doc, target, ctx, hidden=hidden, unlisted=unlisted)
        return FileResult(
            display, target, tuple(findings), (), tuple(waivers), hidden, fields=_fields(doc), unlisted=unlisted
        )
    except InputError as exc:
        problems = exc.problems
    except RecursionError:
        from oahandbook.base.i18n import t

        problems = [InputProblem(display, 1, 1, t("io.too_deep"))]
    except Exception as exc:  # a bug of ours must not hide the other files' findings
        if os.environ.get("OAHANDBOOK_DEBUG"):
            raise
        problems = [InputProblem(display, 1, 1, internal_error(exc))]
    return FileResult(display, target, problems=tuple(problems))


def _fields(doc: Any) -> dict[str, str]:
    front = getattr(doc, "front", None)
    if not isinstance(front, dict):
        return {}
    return {
        str(k): str(v)
        for k, v in front.items()
        if isinstance(v, str | int | float | dt.date) and not isinstance(v, bool)
    }


def internal_error(exc: BaseException) -> str:
    from oahandbook.base.i18n import get_lang

    what = f"{type(exc).__name__}: {exc}"
    if get_lang() == "en":
        return f"internal error of oahandbook while reading this file ({what}); please report it with the file"
    return f"oahandbook 处理此文件时发生内部错误（{what}）；请连同文件一起报告给维护者"
