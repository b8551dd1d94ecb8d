"""Problems with input that make it unusable (exit code 2), each with a file position."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class InputProblem:
    """One reason a file cannot be used: ``path:line:col: message``. Lines and columns are 1-based."""

    path: str
    line: int
    column: int
    message: str

    def to_dict(self) -> dict[str, str | int]:
        """Plain values (JSON-ready)."""
        return {"path": self.path, "line": self.line, "column": self.column, "message": self.message}

    def __str__(self) -> str:
        """The line printed for a user: a control character in the name or the message is
        escaped, so that the line cannot end early or drive the terminal."""
        from oahandbook.base.printable import shown_name

        return shown_name(f"{self.path}:{self.line}:{self.column}: {self.message}")


# At most this many problems are listed per file; a last one says how many more there are
# (30,000 unknown keys are one mistake made many times, not 30,000 things to read).
MAX_PROBLEMS = 50


@dataclass(frozen=True, slots=True)
class MoreProblems(InputProblem):
    """The closing "… and N more problems" of a capped list."""


def capped(problems: list[InputProblem], more: int = 0) -> list[InputProblem]:
    """``problems`` cut to :data:`MAX_PROBLEMS`, closed by "… and N more" at the first one left
    out; ``more`` counts problems already left out before this list was made."""
    if problems and isinstance(problems[-1], MoreProblems):
        return problems  # capped already (an error passed on by another layer)
    if len(problems) <= MAX_PROBLEMS and not more:
        return problems
    from oahandbook.base.i18n import t

    kept, rest = problems[:MAX_PROBLEMS], problems[MAX_PROBLEMS:]
    first = rest[0] if rest else problems[-1]
    return [*kept, MoreProblems(first.path, first.line, first.column, t("io.more_problems", count=len(rest) + more))]


class InputError(Exception):
    """Raised with every problem found in one file (up to :data:`MAX_PROBLEMS`, then a count of
    the rest), so a user fixes them in one go."""

    def __init__(self, problems: list[InputProblem], more: int = 0):
        problems = capped(list(problems), more)
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems

    @classmethod
    def one(cls, path: str, line: int, column: int, message: str) -> InputError:
        """An error with a single problem."""
        return cls([InputProblem(path, line, column, message)])
