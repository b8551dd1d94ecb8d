"""The counts of an audit of published articles, accumulated row by row.

An :class:`Audit` reads the rows of :mod:`.jsonl` (from results as they are checked, from a
JSON Lines file written earlier, or from a Dask partition) and keeps only counters: totals by
level, by rule, by clause, by account and by month, and the worst files (a bounded top list).
Its memory depends on the number of rules, accounts and months, never on the number of files
or findings. Two audits of disjoint parts :meth:`merge` into the audit of the whole, whatever
the order, so a partitioned run gives the same report as one run.

Nothing here reads files or draws: :mod:`.archive` places files, :mod:`.audit_html` renders.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from oahandbook.engine.findings import Exit

WORST_FILES = 20
PROBLEM_SAMPLE = 50
_LEVEL_KEYS = {"error": "errors", "warning": "warnings", "suggestion": "suggestions"}


def _zero() -> dict[str, int]:
    return {"files": 0, "errors": 0, "warnings": 0, "suggestions": 0, "files_with_errors": 0}


def _add(into: dict[str, int], other: dict[str, int]) -> None:
    for key, value in other.items():
        into[key] = into.get(key, 0) + value


def _worst_key(entry: dict[str, Any]) -> tuple:
    return (-entry["errors"], -entry["warnings"], -entry["suggestions"], entry["path"])


def top_folder(path: str) -> str | None:
    """The account of a file row without one (``check --format jsonl``): its first folder."""
    parts = [part for part in path.replace("\\", "/").split("/") if part and part != "."]
    return parts[0] if len(parts) > 1 else None


class Audit:
    """Counters of an audit; feed it rows (:meth:`add_row`, :meth:`add_rows`)."""

    def __init__(self, *, worst: int = WORST_FILES, problem_sample: int = PROBLEM_SAMPLE):
        self.worst_size, self.sample_size = worst, problem_sample
        self.files = 0
        self.kinds: dict[str, int] = {}
        self.levels = {"errors": 0, "warnings": 0, "suggestions": 0}  # not waived, shown or hidden
        self.waived = 0
        self.hidden = 0
        self.unlisted = 0  # counted, not listed (beyond a rule's first 1,000 at one level in a file)
        self.files_with_errors = 0
        self.files_with_findings = 0
        self.unusable_files = 0
        self.skipped_files = 0
        self.problem_count = 0
        self.problems: list[dict[str, Any]] = []  # the first few, to show
        self.rules: dict[str, dict[str, Any]] = {}  # code -> levels, waived, files, name, clause
        self.clauses: dict[str, dict[str, int]] = {}
        self.accounts: dict[str | None, dict[str, Any]] = {}
        self.months: dict[str | None, dict[str, int]] = {}
        self.dated_by: dict[str, int] = {}
        self.worst: list[dict[str, Any]] = []
        self.meta: dict[str, Any] = {}  # from summary rows: tool, regulation, min_severity, audit
        self._last_problem_path: str | None = None

    # ------------------------------------------------------------------ feeding

    def add_rows(self, rows: Iterable[dict[str, Any]]) -> None:
        for row in rows:
            self.add_row(row)

    def add_row(self, row: dict[str, Any]) -> None:
        kind = row.get("type")
        if kind == "file":
            self._file(row)
        elif kind == "finding":
            self._finding(row)
        elif kind == "problem":
            self._problem(row)
        elif kind == "skipped":
            self.skipped_files += 1
        elif kind == "summary":
            self._summary(row)
        # rows of other types (added later) are not ours to count

    def _file(self, row: dict[str, Any]) -> None:
        counts = {"errors": row["errors"], "warnings": row["warnings"], "suggestions": row["suggestions"]}
        self.files += 1
        kind = row["kind"] or "unusable"  # a file rejected while read (kind null)
        self.kinds[kind] = self.kinds.get(kind, 0) + 1
        _add(self.levels, counts)
        self.waived += row.get("waived", 0)
        self.hidden += row.get("hidden", 0)
        self.unlisted += row.get("unlisted", 0)
        has_errors = counts["errors"] > 0
        self.files_with_errors += has_errors
        self.files_with_findings += any(counts.values())
        account = row["account"] if "account" in row else top_folder(row["path"])
        month = row.get("month")
        dated_by = row.get("dated_by") or "unknown"
        self.dated_by[dated_by] = self.dated_by.get(dated_by, 0) + 1
        here = {"files": 1, **counts, "files_with_errors": int(has_errors)}
        entry = self.accounts.setdefault(account, {**_zero(), "rules": {}})
        _add(entry, here)
        _add(entry["rules"], row.get("rules", {}))
        _add(self.months.setdefault(month, _zero()), here)
        for code in row.get("rules", {}):
            self._rule(code)["files"] += 1
        if any(counts.values()):
            self.worst.append(
                {
                    "path": row["path"],
                    "account": account,
                    "month": month,
                    **counts,
                    "rules": dict(row.get("rules", {})),
                }
            )
            if len(self.worst) > 2 * self.worst_size:
                self._trim()

    def _rule(self, code: str) -> dict[str, Any]:
        entry = self.rules.get(code)
        if entry is None:
            entry = self.rules[code] = {
                "errors": 0,
                "warnings": 0,
                "suggestions": 0,
                "waived": 0,
                "files": 0,
                "name": None,
                "clause": None,
            }
        return entry

    def _finding(self, row: dict[str, Any]) -> None:
        entry = self._rule(row["code"])
        entry["name"] = entry["name"] or row.get("name")
        entry["clause"] = entry["clause"] or row.get("clause")
        if row.get("waived"):
            entry["waived"] += 1
            return
        level = _LEVEL_KEYS[row["severity"]]
        entry[level] += 1
        clause = self.clauses.setdefault(row.get("clause") or "-", {"errors": 0, "warnings": 0, "suggestions": 0})
        clause[level] += 1

    def _problem(self, row: dict[str, Any]) -> None:
        self.problem_count += 1
        if row["path"] != self._last_problem_path:  # a file's problems come one after another
            self.unusable_files += 1
            self._last_problem_path = row["path"]
        if len(self.problems) < self.sample_size:
            self.problems.append({k: row[k] for k in ("path", "line", "column", "message")})

    def _summary(self, row: dict[str, Any]) -> None:
        for key in ("tool", "regulation", "min_severity"):
            if key in row:
                self.meta.setdefault(key, row[key])
        audit = row.get("audit")
        if isinstance(audit, dict):
            mine = self.meta.setdefault("audit", {})
            for key, value in audit.items():
                if key == "paths":
                    mine["paths"] = [*mine.get("paths", []), *(p for p in value if p not in mine.get("paths", []))]
                else:
                    mine.setdefault(key, value)

    def _trim(self) -> None:
        self.worst.sort(key=_worst_key)
        del self.worst[self.worst_size :]

    # ------------------------------------------------------------------ combining and reading

    def merge(self, other: Audit) -> Audit:
        """Add ``other`` (an audit of other files) into this one; returns self."""
        self.files += other.files
        _add(self.kinds, other.kinds)
        _add(self.levels, other.levels)
        self.waived += other.waived
        self.hidden += other.hidden
        self.unlisted += other.unlisted
        self.files_with_errors += other.files_with_errors
        self.files_with_findings += other.files_with_findings
        self.unusable_files += other.unusable_files
        self.skipped_files += other.skipped_files
        self.problem_count += other.problem_count
        self.problems.extend(other.problems[: max(0, self.sample_size - len(self.problems))])
        for code, entry in other.rules.items():
            mine = self._rule(code)
            _add(mine, {k: v for k, v in entry.items() if k not in ("name", "clause")})
            mine["name"] = mine["name"] or entry["name"]
            mine["clause"] = mine["clause"] or entry["clause"]
        for clause, counts in other.clauses.items():
            _add(self.clauses.setdefault(clause, {"errors": 0, "warnings": 0, "suggestions": 0}), counts)
        for account, entry in other.accounts.items():
            mine = self.accounts.setdefault(account, {**_zero(), "rules": {}})
            _add(mine, {k: v for k, v in entry.items() if k != "rules"})
            _add(mine["rules"], entry["rules"])
        for month, counts in other.months.items():
            _add(self.months.setdefault(month, _zero()), counts)
        _add(self.dated_by, other.dated_by)
        self.worst.extend(other.worst)
        self._trim()
        self._summary({"type": "summary", **other.meta})
        return self

    def worst_files(self) -> list[dict[str, Any]]:
        """The files with the most errors (then warnings, suggestions), at most ``worst``."""
        self._trim()
        return list(self.worst)

    @property
    def exit_code(self) -> int:
        if self.unusable_files:
            return Exit.UNUSABLE
        return Exit.FINDINGS if self.levels["errors"] else Exit.CLEAN

    def summary(self) -> dict[str, Any]:
        """The counts as the JSON report's ``summary`` has them."""
        from oahandbook.outputs.report import summary_of

        levels = self.levels
        return summary_of(
            files=self.files,
            found={"error": levels["errors"], "warning": levels["warnings"], "suggestion": levels["suggestions"]},
            waived=self.waived,
            hidden=self.hidden,
            unlisted=self.unlisted,
            min_severity=self.meta.get("min_severity"),
            unusable_files=self.unusable_files,
            skipped_files=self.skipped_files,
            exit_code=self.exit_code,
        )

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Audit):
            return NotImplemented
        return self.state() == other.state()

    __hash__ = None  # type: ignore[assignment]

    def state(self) -> dict[str, Any]:
        """Every counter, in an order that does not depend on the order rows came in."""
        return {
            "summary": self.summary(),
            "kinds": dict(sorted(self.kinds.items())),
            "files_with_errors": self.files_with_errors,
            "files_with_findings": self.files_with_findings,
            "problem_count": self.problem_count,
            "rules": dict(sorted(self.rules.items())),
            "clauses": dict(sorted(self.clauses.items())),
            "accounts": sorted(self.accounts.items(), key=lambda kv: (kv[0] is None, kv[0] or "")),
            "months": sorted(self.months.items(), key=lambda kv: (kv[0] is None, kv[0] or "")),
            "dated_by": dict(sorted(self.dated_by.items())),
            "worst": self.worst_files(),
        }
