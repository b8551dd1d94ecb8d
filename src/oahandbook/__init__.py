"""oahandbook: the Official Account regulation as data, with its handbook, checkers and checklists.

The public API (see :mod:`oahandbook.api`)::

    from oahandbook import Checker, check_text, check_file, load_data

    checker = Checker("path/to/.oahandbook.yaml", lang="zh")
    result = checker.check_file("drafts/2026-12-01.md")
    for finding in result.findings:
        print(finding.line, finding.code, finding.message())

Names are imported on first use, so ``import oahandbook`` stays cheap (the pre-commit hook's
start-up time counts).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oahandbook.base.version import __version__

__all__ = [
    "Checker",
    "Finding",
    "InputError",
    "Kind",
    "Problem",
    "Result",
    "Severity",
    "__version__",
    "check_file",
    "check_text",
    "load_data",
]

if TYPE_CHECKING:
    from oahandbook.api import (
        Checker,
        Finding,
        InputError,
        Kind,
        Problem,
        Result,
        Severity,
        check_file,
        check_text,
        load_data,
    )


def __getattr__(name: str) -> Any:
    if name in __all__:
        from oahandbook import api

        value = getattr(api, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'oahandbook' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
