"""JSON Lines: one JSON object per line, written and flushed as each file is done.

The format of ``oahandbook check --format jsonl`` and ``oahandbook audit --jsonl``, and what
``oahandbook report`` reads back. Every row has a ``type``:

``file``
    one per checked file, before its findings: ``path``, ``kind`` (``article`` or ``account``;
    null for a file rejected while read, whose problems follow),
    ``errors``, ``warnings``, ``suggestions`` (findings not waived, shown or hidden), ``waived``,
    ``hidden`` (below the minimum severity: counted, not listed), ``unlisted`` (beyond the first
    1,000 of a rule at one level in the file: counted, not listed), ``unusable`` (the file has
    problems) and ``rules`` (code → count of the findings listed and not waived). ``audit``
    adds ``account``, ``month`` (``YYYY-MM`` or null) and ``dated_by`` (``front-matter``,
    ``mtime`` or null).
``finding``
    one per finding at or above the minimum severity, waived ones included: the fields of a
    finding in the JSON report (``path``, ``line``, ``column``, ``end_line``, ``end_column``,
    ``code``, ``name``, ``severity``, ``clause``, ``message``, ``fix``, ``url``, ``waived``,
    ``waiver_reason``, ``excerpt``, ``replacement``).
``problem``
    one per reason a file is unusable (exit code 2): ``path``, ``line``, ``column``, ``message``.
``skipped``
    a document found in a folder in a format that cannot be checked (``.doc``, ``.pdf`` …):
    ``path``, ``reason``.
``summary``
    the last line: ``schema_version``, ``tool``, ``regulation`` and the counts of the JSON
    report's ``summary`` (``files``, ``errors``, ``warnings``, ``suggestions``, ``waived``,
    ``hidden``, ``min_severity``, ``unusable_files``, ``skipped_files``, ``exit_code``); ``audit`` adds ``audit``
    (``today``, ``paths``, ``account_from``, ``handbook_url``).

Readers skip rows of a type they do not know: new types may be added, fields are never renamed.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Any

from oahandbook.base.i18n import SEVERITY_RANK, Lang
from oahandbook.base.version import __version__
from oahandbook.outputs.report import JSON_SCHEMA_VERSION, Tally, file_counts, json_bytes, summary_fields
from oahandbook.run.files import FileResult


def result_rows(
    result: FileResult, *, floor: int, lang: Lang, extra: dict[str, Any] | None = None
) -> Iterator[dict[str, Any]]:
    """The rows of one file's result: its ``file`` row (with ``extra`` fields), then its
    findings at or above the rank ``floor``, then its problems."""
    if result.kind is not None or result.problems:  # a file rejected while read has its row too (kind null)
        found, waived, hidden, rules = file_counts(result, floor)
        row: dict[str, Any] = {
            "type": "file",
            "path": result.path,
            "kind": result.kind,
            "errors": found["error"],
            "warnings": found["warning"],
            "suggestions": found["suggestion"],
            "waived": waived,
            "hidden": sum(hidden.values()),
            "unlisted": sum(result.unlisted.values()),
            "unusable": bool(result.problems),
            "rules": dict(sorted(rules.items())),
        }
        if extra:
            row.update(extra)
        yield row
    for f in result.findings:
        if SEVERITY_RANK[f.severity] >= floor:
            yield {"type": "finding", **f.to_dict(lang)}
    for p in result.problems:
        yield {"type": "problem", **p.to_dict()}
    if result.skipped:
        yield {"type": "skipped", "path": result.path, "reason": result.skipped}


def summary_row(summary: dict[str, Any], regulation: dict[str, str], **extra: Any) -> dict[str, Any]:
    return {
        "type": "summary",
        "schema_version": JSON_SCHEMA_VERSION,
        "tool": {"name": "oahandbook", "version": __version__},
        "regulation": regulation,
        **summary,
        **extra,
    }


def dump_row(row: dict[str, Any]) -> bytes:
    """One line: compact JSON, UTF-8 (no ``\\u`` escapes for Chinese), newline-terminated."""
    return json_bytes(row) + b"\n"


class JsonlWriter:
    """``check --format jsonl``: each file's rows written and flushed when the file is done,
    the summary row at the end. Nothing is kept but the counts."""

    def __init__(self, out: IO[bytes], tally: Tally, regulation: dict[str, str], lang: Lang):
        self.out, self.tally, self.regulation, self.lang = out, tally, regulation, lang

    def add(self, result: FileResult) -> None:
        self.tally.add(result)
        data = b"".join(dump_row(row) for row in result_rows(result, floor=self.tally.floor, lang=self.lang))
        if data:
            self.out.write(data)
            getattr(self.out, "flush", lambda: None)()

    def finish(self) -> None:
        self.out.write(dump_row(summary_row(summary_fields(self.tally), self.regulation)))
