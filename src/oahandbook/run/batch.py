"""Find the files to check, set up the context (config, today), and check them, in one or more
processes. Used by ``oahandbook check`` and the pre-commit hooks."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oahandbook.article.formats import CONVERTED_SUFFIXES, HTML_SUFFIXES, UNSUPPORTED_SUFFIXES, unsupported_reason
from oahandbook.base.errors import InputError, InputProblem
from oahandbook.base.i18n import t
from oahandbook.base.printable import valid_text
from oahandbook.base.yamlio import closest
from oahandbook.engine.check import Context
from oahandbook.engine.runtime import Runtime, plain
from oahandbook.run.discovery import matches
from oahandbook.run.files import (
    ARTICLE_SUFFIXES,
    YAML_SUFFIXES,
    FileResult,
    check_file,
    classify,
    is_blank_file,
    is_markdown,
)

if TYPE_CHECKING:
    from oahandbook.data.bundle import Bundle
    from oahandbook.engine.config import Config

# Hidden directories (.git, .venv, .tox …) are skipped too; nothing else is guessed.
SKIP_DIRS = {"node_modules", "__pycache__"}
# Not documents but their shadows: Office's lock files (~$稿件.docx) and macOS's ._稿件.docx.
_SHADOW_PREFIXES = (".", "~$")


@dataclass
class Target:
    """A file to check. ``explicit``: named on the command line (a file that is not ours is then
    a problem); ``page_only``: an HTML file found in a folder, checked only if it is a saved
    WeChat article page; ``quiet``: when it turns out not to be a draft (a Markdown file without
    a front matter, a page that is no article), it is left out without a word, as a folder's
    README or a commit's template is, instead of being listed as skipped."""

    path: Path
    display: str
    explicit: bool
    page_only: bool = False
    quiet: bool = False


def display_path(path: Path) -> str:
    """The name every output gives ``path`` (relative to here when it lies below), as valid
    Unicode: a byte that is not UTF-8 reads ``\\xff`` (JSON and SARIF are UTF-8, and a lone
    surrogate ended the run); see :func:`oahandbook.base.printable.valid_text`. Control
    characters stay (JSON escapes them); text outputs escape them as they print."""
    try:
        name = (
            os.path.relpath(path).replace(os.sep, "/")
            if not path.is_absolute() or str(path).startswith(os.getcwd())
            else str(path)
        )
    except ValueError:
        name = str(path)
    return valid_text(name)


def collect(paths: list[str], config: Any, base: Path, *, force_exclude: bool = False) -> Iterator[Target]:
    """Files named on the command line are checked unless excluded; one that is no draft (a
    Markdown file that ``include`` does not name, or with no ``include``, whose first line is not
    ``---``; see :func:`check_target`) is listed as skipped, or, with ``force_exclude`` (as
    pre-commit hooks run), left out silently. Directories are walked for
    Markdown drafts, Word documents, HTML pages (saved WeChat article pages, and any that
    ``include`` names) and YAML files that may be account files; Markdown files that are no
    drafts are left out silently. Documents in formats that cannot be read (``.doc``, ``.pdf``
    …) are collected too, to be listed as skipped. Each file once."""
    seen: set[str] = set()
    for target in _collect(paths, config, base, force_exclude):
        key = file_identity(target.path)
        if key not in seen:
            seen.add(key)
            yield target


def _collect(paths: list[str], config: Any, base: Path, force_exclude: bool) -> Iterator[Target]:
    for raw in paths or ["."]:
        path = Path(raw)
        if path.is_dir():
            for root, dirs, files in os.walk(path):  # symlinked directories are not followed
                dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS and not d.startswith("."))
                for name in sorted(files):
                    file_path = Path(root) / name
                    rel = _rel(file_path, base)
                    if matches(config.exclude, rel):
                        continue
                    lower = name.lower()
                    if lower.endswith(ARTICLE_SUFFIXES):
                        # With include set, a file it does not name is left out before reading.
                        if not config.include or matches(config.include, rel):
                            yield Target(file_path, display_path(file_path), explicit=False, quiet=True)
                    elif lower.endswith(YAML_SUFFIXES) or matches(config.account_files, rel):
                        yield Target(file_path, display_path(file_path), explicit=False)
                    elif name.startswith(_SHADOW_PREFIXES):
                        continue
                    elif lower.endswith(CONVERTED_SUFFIXES):
                        page_only = lower.endswith(HTML_SUFFIXES) and not matches(config.include, rel)
                        yield Target(file_path, display_path(file_path), explicit=False, page_only=page_only)
                    elif Path(lower).suffix in UNSUPPORTED_SUFFIXES:
                        yield Target(file_path, display_path(file_path), explicit=False)
        else:
            rel = _rel(path, base)
            if matches(config.exclude, rel):
                continue
            lower = path.name.lower()
            if (
                force_exclude
                and lower.endswith(ARTICLE_SUFFIXES)
                and config.include
                and not matches(config.include, rel)
            ):
                continue
            # As a hook runs (on every file committed), an HTML file is a draft when include
            # names it or it is a saved article page: templates and built sites are not drafts.
            page_only = force_exclude and lower.endswith(HTML_SUFFIXES) and not matches(config.include, rel)
            yield Target(path, display_path(path), explicit=True, page_only=page_only, quiet=force_exclude)


def in_hidden_folder(rel: str) -> bool:
    """Whether a path lies in a hidden folder (``.github/``, ``.gitlab/`` …), which a folder's
    walk never enters either."""
    return any(part.startswith(".") and part not in (".", "..") for part in rel.split("/")[:-1])


def _rel(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the base, or a symlink loop
        return path.as_posix()


def file_identity(path: Path) -> str:
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return os.path.abspath(path)


def load_checked_config(path: Path, runtime: Runtime) -> Any:
    """The config as plain values, validated once per content (cached like the bundle)."""
    from oahandbook.base.cache import cached, module_sources
    from oahandbook.base.i18n import get_lang
    from oahandbook.base.textio import read_text

    text = read_text(path, max_bytes=1024 * 1024)  # unreadable input raises here, uncached
    raw = text.encode()

    def build() -> tuple:
        from oahandbook.engine.config import config_from_text

        try:
            return (checked_config(config_from_text(text, str(path))), [])
        except InputError as exc:
            return (None, exc.problems)

    # What the config is checked against: rule codes, names, waivability and fact ids.
    rules = sorted((r.code, r.name, tuple(r.aliases), r.waivable) for r in runtime.rules.values())
    key = [
        str(path).encode(),
        raw,
        get_lang().encode(),
        repr(rules).encode(),
        " ".join(sorted(runtime.facts)).encode(),
        # a new field must not meet an old verdict, nor a new explanation of a YAML slip an old one
        *module_sources(
            "oahandbook.engine.config",
            "oahandbook.data.models",
            "oahandbook.base.yamlio",
            "oahandbook.base.yamlhints",
            "oahandbook.base.i18n",
            "oahandbook.data.validation",
            "oahandbook.run.batch",
        ),
    ]
    config, problems = cached("config", key, build, tuple)
    if config is not None and any(not (path.parent / name).is_file() for name in config.lexicons):
        config, problems = build()  # a lexicon file went away since: say where the config names it
    if problems:
        raise InputError(problems)
    _check_lexicons(config, path, text, runtime)
    return config


def _check_lexicons(config: Any, path: Path, text: str, runtime: Runtime) -> None:
    """Load the organisation's lexicons once, with the configuration: one that is unusable makes
    the configuration unusable (said once, at the config's line and at the lexicon's own), not
    every draft of the run (it was loaded again, and reported again, for each file)."""
    from oahandbook.engine.lexicons import organisation_lexicon
    from oahandbook.engine.redaction import redact

    problems: list[InputProblem] = []
    for name in config.lexicons:
        try:
            organisation_lexicon(path.parent / name, runtime)
        except InputError as exc:
            line, column = _line_naming(text, name)
            shown = redact(name)  # a file name made of an ID number is masked like any text
            problems.append(InputProblem(str(path), line, column, t("config.lexicon_unusable", name=shown)))
            problems.extend(exc.problems)
    if problems:
        raise InputError(problems)


def _line_naming(text: str, name: str) -> tuple[int, int]:
    at = text.find(name)
    if at < 0:
        return 1, 1
    return text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1


def checked_config(config: Config) -> Any:
    """A validated config checked against the rules (names, waivability, lexicon files, policy
    facts), as plain values; raises ``InputError`` with where each problem is."""
    from oahandbook.data.bundle import load_bundle

    problems = config_problems(config, load_bundle())
    if problems:
        raise InputError(problems)
    return plain(config)


# The numbers a policy fact may be set to, by its unit: beyond them a deadline lies before
# the calendar's start or after its end (99999999999999999999 days), or nothing is ever due.
POLICY_RANGE = {
    "days": (1, 3650),
    "hours": (1, 720),
    "count": (1, 10_000),
    "characters": (1, 100_000),
    "bytes": (1, 1 << 30),
    "width": (1, 1000),
}


def config_problems(config: Config, bundle: Bundle) -> list[InputProblem]:
    """What is wrong in a validated config, at the config's lines: unknown rules and facts,
    rules that cannot be switched off, lexicons, impossible policy numbers. A message never
    prints what the config says (a key or file name may be an ID number): it names the setting
    and what is expected, and suggests one of our names."""
    from oahandbook.data.validation import field_name

    doc = getattr(config, "_doc", None)
    if doc is None:
        return []
    problems = []

    def at(loc: tuple, message: str, at_key: bool = False) -> None:
        line, column = doc.position(loc, at_key=at_key)
        problems.append(InputProblem(doc.path, line, column, message))

    def unknown(what: str, key: str, names: list[str]) -> str:
        guess = closest(key, names)
        suggest = t("val.suggest", name=guess) if guess else ""
        if field_name(key.replace(".", "_")) is None:
            return t("val.ref_unnamed", what=t(what), suggest=suggest)
        return t("val.ref", what=t(what), value=key, suggest=suggest)

    known = [*bundle.rules, *(r.name for r in bundle.rules.values())]
    for key, value in config.severity.items():
        rule = bundle.resolve_rule(key)
        if rule is None:
            at(("severity", key), unknown("what.rule", key, known), True)
        elif not rule.waivable and value != "error":
            at(("severity", key), _not_waivable(rule.code))
    base = Path(doc.path).parent
    for i, name in enumerate(config.lexicons):
        inside = (base / name).resolve().is_relative_to(base.resolve())
        if not inside:  # /etc/passwd or ../../secrets: never read, never echoed into findings
            at(("lexicons", i), t("config.lexicon_outside"))
        elif not (base / name).is_file():
            at(("lexicons", i), t("config.lexicon_missing"))
    for key, value in config.policy.items():
        try:
            fact = bundle.platform.fact(key)
        except KeyError:
            ids = [f.id for f in (*bundle.platform.facts, *bundle.platform.policy)]
            at(("policy", key), unknown("what.fact", key, ids), True)
            continue
        low, high = POLICY_RANGE.get(fact.unit, (0, -1))
        if isinstance(fact.value, list) or high < low:
            at(("policy", key), t("config.policy_not_number", fact=fact.id))
        elif not low <= value <= high:
            at(("policy", key), t("config.policy_range", fact=fact.id, low=low, high=high, unit=t(f"unit.{fact.unit}")))
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def _not_waivable(code: str) -> str:
    from oahandbook.base.i18n import get_lang

    if get_lang() == "en":
        return f"{code} protects personal data or secrets and cannot be switched off or downgraded"
    return f"{code} 保护个人信息或密钥，不能关闭或降级"


# --------------------------------------------------------------------------- running
# ``checker`` below is an ``oahandbook.Checker`` (this layer only uses its ``context`` and
# ``lang``): it is picklable, so worker processes receive it whole and rebuild its caches.

_worker_checker: Any = None
_worker_kind = "auto"


def _init_worker(checker: Any, kind: str) -> None:
    global _worker_checker, _worker_kind
    from oahandbook.base import i18n

    i18n.set_lang(checker.lang)
    _worker_checker, _worker_kind = checker, kind


def _work(target: Target) -> FileResult:
    return check_target(target, _worker_checker.context, _worker_kind)


def check_target(target: Target, ctx: Context, kind: str) -> FileResult:
    """Check one collected file; a file named on the command line that is not ours is a problem,
    a document found in a folder that cannot be read is ``skipped`` (with the reason)."""
    display = target.display
    # Which Markdown files are drafts: those include names, or with no include, those whose
    # first line opens a front matter, outside hidden folders (README, CHANGELOG, docs and
    # .github's templates, which have a front matter of their own, are none).
    markdown = kind == "auto" and is_markdown(display)
    front_matter_only = markdown and not ctx.config.include
    if markdown:
        rel = _rel(target.path, ctx.base_dir)
        why = (
            ("skip.not_included" if not matches(ctx.config.include, rel) else None)
            if ctx.config.include
            else ("skip.hidden_folder" if in_hidden_folder(rel) else None)
        )
        if why:
            return FileResult(display, None, skipped=None if target.quiet else t(why))
    if front_matter_only and target.quiet and is_blank_file(target.path):
        return FileResult(display, None)  # an empty template or placeholder in a folder or commit
    # A document format we cannot read (.doc, .pdf …) is told apart by its name, before reading.
    reason = unsupported_reason(display) if classify(display, None, ctx, kind) is None else None
    if reason and target.explicit:
        return FileResult(display, None, problems=(InputProblem(display, 1, 1, t("skip.unsupported", reason=reason)),))
    if reason:
        return FileResult(display, None, skipped=reason)
    result = check_file(
        target.path, display, ctx, kind, page_only=target.page_only, front_matter_only=front_matter_only
    )
    if result.kind is None and not result.problems and result.skipped is None and target.explicit:
        return replace(result, problems=(InputProblem(display, 1, 1, _unknown_kind()),))
    if result.kind is None and result.skipped and target.quiet:
        return replace(result, skipped=None)  # a page template committed beside the drafts
    return result


def _unknown_kind() -> str:
    from oahandbook.base.i18n import get_lang

    if get_lang() == "en":
        return (
            "not a draft (.md, .docx, .html) nor an account file (YAML with `kind: account`); use --kind to say which"
        )
    return "既不是草稿（.md、.docx、.html），也不是账号文件（含 `kind: account` 的 YAML）；可用 --kind 指定类型"


def iter_checks(
    targets: list[Target], checker: Any, *, jobs: int, kind: str, skip_unknown: bool = False
) -> Iterator[FileResult]:
    """Each target's result, in the targets' order, as soon as it (and those before it) is done."""
    if skip_unknown:
        targets = [replace(target, explicit=False) for target in targets]
    jobs = (os.cpu_count() or 1) if jobs == 0 else jobs
    jobs = max(1, min(jobs, len(targets)))
    if jobs == 1:
        ctx = checker.context
        for target in targets:
            yield check_target(target, ctx, kind)
        return
    from concurrent.futures import ProcessPoolExecutor

    chunk = max(1, min(64, len(targets) // (jobs * 4)))
    pool = ProcessPoolExecutor(jobs, initializer=_init_worker, initargs=(checker, kind))
    try:
        yield from pool.map(_work, targets, chunksize=chunk)
    finally:  # a reader that stops early (a closed pipe) leaves nothing running
        pool.shutdown(wait=True, cancel_futures=True)


class Progress:
    """A bar on stderr, redrawn every ten files; :meth:`clear` takes it off the line before
    something else is printed (it comes back at the next step)."""

    def __init__(self, total: int):
        self.total = total
        self.count = 0
        self.drawn = False

    @classmethod
    def on_terminal(cls, total: int) -> Progress | None:
        """A bar when stderr is a terminal and there are enough files to wait for."""
        return cls(total) if total >= 20 and sys.stderr.isatty() else None

    def step(self) -> None:
        self.count += 1
        if self.count % 10 == 0 or self.count == self.total or not self.drawn:
            width = 30
            filled = width * self.count // self.total
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.count}/{self.total}")
            sys.stderr.flush()
            self.drawn = True

    def clear(self) -> None:
        if self.drawn:
            sys.stderr.write("\r" + " " * 50 + "\r")
            sys.stderr.flush()
            self.drawn = False

    def done(self) -> None:
        self.drawn = True
        self.clear()
