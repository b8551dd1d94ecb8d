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
        return f"{self.path}:{self.line}:{self.column}: {self.message}"


class InputError(Exception):
    """Raised with every problem found in one file, so a user fixes them in one go."""

    def __init__(self, problems: list[InputProblem]):
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems

    @classmethod
    def one(cls, path: str, line: int, column: int, message: str) -> InputError:
        """An error with a single problem."""
        return cls([InputProblem(path, line, column, message)])
