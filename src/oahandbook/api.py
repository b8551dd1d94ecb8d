"""oahandbook as a library: check drafts and account files, read the regulation as data.

Everything here is re-exported by :mod:`oahandbook`; the CLI, the pre-commit hooks and
``oahandbook review`` are built on these same names.

>>> from oahandbook import Checker
>>> checker = Checker()
>>> draft = "---\\ntitle: 招募\\nauthor: 编辑部\\ncover: https://mp.weixin.qq.com/c.png\\n---\\n\\n长期出售猎枪配件，量大从优，私聊。\\n"
>>> result = checker.check_text(draft, path="post.md")
>>> result.ok, result.exit_code
(False, 1)
>>> [(f.line, f.code, f.severity) for f in result.findings]
[(7, 'PC06', 'error')]
>>> print(result.findings[0].message("en"))  # doctest: +ELLIPSIS
possible weapons or explosives offer: ...
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from oahandbook.base.errors import InputError, InputProblem
from oahandbook.base.i18n import Lang, using_lang
from oahandbook.engine.check import Context
from oahandbook.engine.findings import Finding
from oahandbook.engine.runtime import load_runtime
from oahandbook.run import batch
from oahandbook.run.files import FileResult

if TYPE_CHECKING:
    from oahandbook.data.bundle import Bundle

__all__ = [
    "Checker",
    "Finding",
    "InputError",
    "Kind",
    "Problem",
    "Result",
    "Severity",
    "check_file",
    "check_text",
    "load_data",
]

#: The result of checking one file or text: ``path``, ``kind``, ``findings``, ``problems``,
#: ``ok``, ``exit_code`` and ``to_dict()``. Immutable.
Result = FileResult
#: One reason an input cannot be used (exit code 2): ``path``, ``line``, ``column``, ``message``.
Problem = InputProblem
#: What a file is: a draft article, an account file, or ``auto`` (decided by name and content).
Kind = Literal["article", "account", "auto"]
Severity = Literal["suggestion", "warning", "error"]


class Checker:
    """Checks drafts and account files against the rules, with one configuration.

    Build it once and reuse it: the rules, lexicons and their automaton are loaded on the first
    check and kept. A checker may be shared between threads, and pickled (to worker processes:
    it travels as its configuration and rebuilds its caches there).

    ``config`` is ``None`` (the defaults), the path of a ``.oahandbook.yaml``, or the same
    settings as a mapping; ``lang`` is the language of problems and of ``Finding.message()``
    (``"zh"`` or ``"en"``); ``today`` is the date rules about deadlines count from;
    ``min_severity`` leaves lower findings out of results (they are counted in ``hidden``).
    Raises :class:`InputError` (with file, line and column) when the configuration is unusable.
    """

    def __init__(
        self,
        config: str | os.PathLike[str] | Mapping[str, Any] | None = None,
        *,
        lang: Lang | None = None,
        today: dt.date | None = None,
        min_severity: Severity | None = None,
    ):
        self._today = today or dt.date.today()
        self._min_severity = min_severity
        runtime = load_runtime()
        if config is None:
            self._config, self._base_dir = runtime.default_config, Path.cwd()
        elif isinstance(config, Mapping):
            self._config, self._base_dir = _config_from_mapping(config), Path.cwd()
        else:
            path = Path(config)
            self._config, self._base_dir = batch.load_checked_config(path, runtime), path.parent
        self._lang: Lang = lang or self._config.lang
        self._selection: frozenset[str] | None = None
        self._ctx: Context | None = None

    @classmethod
    def for_directory(
        cls, start: str | os.PathLike[str] = ".", *, config: str | os.PathLike[str] | None = None, **options: Any
    ) -> Checker:
        """The checker ``oahandbook check`` uses in ``start``: the nearest ``.oahandbook.yaml``
        from there up to the repository root (or ``config``), else the defaults."""
        from oahandbook.run.discovery import find_config

        found = Path(config) if config else find_config(Path(start).resolve())
        return cls(found, **options)

    # ------------------------------------------------------------------ state

    @property
    def context(self) -> Context:
        """The engine's context (rules, configuration, caches); built on first use."""
        if self._ctx is None:
            ctx = Context(config=self._config, today=self._today, base_dir=self._base_dir, runtime=load_runtime())
            ctx.min_severity = self._min_severity
            ctx.selection = self._selection
            self._ctx = ctx
        return self._ctx

    @property
    def config(self) -> Any:
        """The configuration in effect (plain values: ``config.severity``, ``config.include`` …)."""
        return self._config

    @property
    def min_severity(self) -> Severity | None:
        """Findings below this level are counted in ``Result.hidden``, not built (None: keep all)."""
        return self._min_severity

    @min_severity.setter
    def min_severity(self, value: Severity | None) -> None:
        self._min_severity = value
        if self._ctx is not None:
            self._ctx.min_severity = value

    @property
    def selection(self) -> frozenset[str] | None:
        """The codes of the rules that run (``--select``/``--ignore``); None: every rule. The
        others do not run at all, and a waiver naming only them is not reported as unused."""
        return self._selection

    @selection.setter
    def selection(self, codes: Iterable[str] | None) -> None:
        self._selection = None if codes is None else frozenset(codes)
        if self._ctx is not None:
            self._ctx.selection = self._selection

    @property
    def lang(self) -> Lang:
        """The language of problems and of ``Finding.message()`` without an argument."""
        return self._lang

    @property
    def today(self) -> dt.date:
        """The date deadlines count from (the day the checker was built, unless given)."""
        return self._today

    def __getstate__(self) -> dict[str, Any]:
        return {**self.__dict__, "_ctx": None}  # caches are rebuilt where the checker lands

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def __repr__(self) -> str:
        selection = sorted(self._selection) if self._selection is not None else None
        return (
            f"Checker(lang={self._lang!r}, today={self.today.isoformat()!r}, min_severity={self._min_severity!r}"
            f", selection={selection!r})"
        )

    # ------------------------------------------------------------------ checking

    def check_text(self, text: str, *, kind: Kind = "article", path: str = "<text>") -> Result:
        """Check ``text`` as a draft (Markdown with front matter) or an account file (YAML).

        ``path`` is the name shown in findings and decides the kind when ``kind="auto"``.
        Unusable input comes back as ``problems``, never as an exception."""
        from oahandbook.run.files import check_text

        with using_lang(self._lang):
            return check_text(text, path, self.context, kind)

    def check_file(self, path: str | os.PathLike[str], *, kind: Kind = "auto") -> Result:
        """Check one file. A file that is neither a draft nor an account file gets a problem
        saying so (pass ``kind`` to decide)."""
        target = Path(path)
        with using_lang(self._lang):
            return batch.check_target(
                batch.Target(target, batch.display_path(target), explicit=True), self.context, kind
            )

    def check_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        *,
        kind: Kind = "auto",
        jobs: int = 1,
        force_exclude: bool = False,
        skip_unknown: bool = False,
    ) -> Iterator[Result]:
        """Check files and directories (walked for drafts and account files, as the CLI does),
        yielding results in order as they are done; ``jobs`` > 1 (0: one per CPU) checks in
        worker processes. Files the configuration excludes are skipped."""
        with using_lang(self._lang):
            ctx = self.context
            targets = list(
                batch.collect([os.fspath(p) for p in paths], ctx.config, ctx.base_dir, force_exclude=force_exclude)
            )
        yield from self.check_targets(targets, kind=kind, jobs=jobs, skip_unknown=skip_unknown)

    def check_targets(
        self, targets: list[batch.Target], *, kind: Kind = "auto", jobs: int = 1, skip_unknown: bool = False
    ) -> Iterator[Result]:
        """Check files already collected (see :func:`oahandbook.run.batch.collect`)."""
        results = batch.iter_checks(targets, self, jobs=jobs, kind=kind, skip_unknown=skip_unknown)
        try:
            while True:
                with using_lang(self._lang):
                    result = next(results, None)
                if result is None:
                    return
                yield result
        finally:
            results.close()


def _config_from_mapping(settings: Mapping[str, Any]) -> Any:
    """Settings given as a mapping, checked like a config file named ``<config>``."""
    import yaml

    from oahandbook.engine.config import config_from_text

    display = "<config>"
    try:
        text = yaml.safe_dump(dict(settings), allow_unicode=True, sort_keys=False)
    except yaml.YAMLError as exc:
        raise InputError.one(display, 1, 1, f"config values must be plain YAML values: {exc}") from None
    return batch.checked_config(config_from_text(text, display))


_DEFAULT: dict[tuple, Checker] = {}


def _default(lang: Lang | None, today: dt.date | None) -> Checker:
    key = (lang, today)
    if key not in _DEFAULT:
        _DEFAULT[key] = Checker(lang=lang, today=today)
    return _DEFAULT[key]


def check_text(
    text: str,
    *,
    kind: Kind = "article",
    path: str = "<text>",
    lang: Lang | None = None,
    today: dt.date | None = None,
) -> Result:
    """Check ``text`` with the default configuration (see :class:`Checker` to set one).

    >>> from oahandbook import check_text
    >>> check_text("---\\ntitle: 通知\\nauthor: 办公室\\ncover: https://mp.weixin.qq.com/c.png\\n---\\n\\n本周五下午三点开会。\\n").ok
    True
    """
    return _default(lang, today).check_text(text, kind=kind, path=path)


def check_file(
    path: str | os.PathLike[str], *, kind: Kind = "auto", lang: Lang | None = None, today: dt.date | None = None
) -> Result:
    """Check one file with the default configuration (see :class:`Checker` to set one)."""
    return _default(lang, today).check_file(path, kind=kind)


def load_data(path: str | os.PathLike[str] | None = None) -> Bundle:
    """The regulation, rules, lexicons, platform facts and checklists, validated (the bundled
    data, or the data directory at ``path``). Raises :class:`InputError` when it is unusable.

    >>> from oahandbook import load_data
    >>> data = load_data()
    >>> data.rules["PC06"].clause, data.clauses["OA-2.3.1"].id
    ('OA-2.3.1', 'OA-2.3.1')
    >>> [checklist.id for checklist in data.checklists.checklists]
    ['article-review', 'account-audit', 'security-review']
    """
    from oahandbook.data.bundle import load_bundle

    return load_bundle(path)
