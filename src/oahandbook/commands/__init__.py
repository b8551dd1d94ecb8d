"""One module per sub-command, each with ``run(args) -> int``; imported only when it runs."""

from __future__ import annotations

import sys

from oahandbook.base.errors import InputError
from oahandbook.engine.findings import Exit


def report_input_error(exc: InputError, stream=None) -> int:
    """Print every problem as ``file:line:col: message`` and return exit code 2."""
    stream = stream or sys.stderr
    for problem in exc.problems:
        print(problem, file=stream)
    return Exit.UNUSABLE
