"""Where a file of an archive of published articles belongs: its account and its month.

The account is the top folder under the audited path (``archive/学校官微/2025/x.md`` belongs to
``学校官微``), or the value of a front-matter field (``--account-field account``). The month is
that of the front matter's ``date`` (or ``published``) when it has one, else of the file's
modification time, and each file says which (``dated_by``).

A checked draft's result carries its one-value fields (``Result.fields``); a file given by path
alone has the first few kilobytes read, and only top-level ``key: value`` lines looked at (no
YAML parser, so nothing in a file can make this slow).
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import Any

DATE_FIELDS = ("date", "published")
_HEAD_BYTES = 16 * 1024
_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(?:[ \t]+(.*))?$")
_MONTH = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})(?!\d)")


def front_fields(path: str | os.PathLike[str], names: tuple[str, ...]) -> dict[str, str]:
    """The plain top-level values of ``names`` in the file's front matter (absent when the file
    has none, cannot be read, or the value is not a one-line scalar)."""
    try:
        with open(path, "rb") as handle:
            head = handle.read(_HEAD_BYTES)
    except OSError:
        return {}
    lines = head.decode("utf-8", errors="replace").lstrip("\ufeff").splitlines()
    if not lines or lines[0].rstrip() != "---":
        return {}
    found: dict[str, str] = {}
    for line in lines[1:]:
        if line.rstrip() in ("---", "..."):
            break
        match = _KEY.match(line)
        if match and match.group(1) in names and match.group(1) not in found:
            value = _scalar(match.group(2) or "")
            if value:
                found[match.group(1)] = value
    return found


def _scalar(raw: str) -> str:
    raw = raw.strip()
    if raw[:1] in ("'", '"'):
        end = raw.find(raw[0], 1)
        return raw[1:end] if end > 0 else ""
    if raw[:1] in ("[", "{", "|", ">", "&", "*", "!"):
        return ""  # not a plain one-line value
    return re.split(r"\s+#", raw, maxsplit=1)[0].strip()


def month_of(value: str) -> str | None:
    """``YYYY-MM`` of a date written as 2025-03-08, 2025/3/8, 2025.03 or 2025年3月8日."""
    match = _MONTH.search(value)
    if not match:
        return None
    year, month = int(match.group(1)), int(match.group(2))
    return f"{year:04d}-{month:02d}" if 1900 <= year <= 2999 and 1 <= month <= 12 else None


def account_from_folder(path: str | os.PathLike[str], root: str | os.PathLike[str] | None) -> str | None:
    """The first folder of ``path`` under ``root``; a file directly in ``root`` belongs to
    ``root`` itself, a file named alone to its own folder."""
    file = Path(path)
    if root is not None:
        top = Path(root)
        try:
            parts = file.relative_to(top).parts  # files found under root start with it
        except ValueError:
            try:
                parts = file.resolve().relative_to(top.resolve()).parts
            except (ValueError, OSError, RuntimeError):
                parts = ()
        if len(parts) > 1:
            return parts[0]
        if len(parts) == 1:
            return top.name or top.resolve().name or None
    return file.parent.name or file.resolve().parent.name or None


def placement(
    path: str | os.PathLike[str],
    root: str | os.PathLike[str] | None,
    account_field: str | None = None,
    fields: dict[str, str] | None = None,
) -> dict[str, Any]:
    """``account``, ``month`` and ``dated_by`` of one file, as the audit's file rows carry them
    (``fields``: its front matter's one-value fields, read from the file when not given)."""
    if fields is None:
        fields = front_fields(path, DATE_FIELDS + ((account_field,) if account_field else ()))
    account = fields.get(account_field) if account_field else account_from_folder(path, root)
    month, dated_by = None, None
    for name in DATE_FIELDS:
        if name in fields:
            month = month_of(fields[name])
            if month:
                dated_by = "front-matter"
                break
    if month is None:
        try:
            month = time.strftime("%Y-%m", time.localtime(os.stat(path).st_mtime))
            dated_by = "mtime"
        except (OSError, OverflowError, ValueError):
            pass
    return {"account": account, "month": month, "dated_by": dated_by}


def archive_rows(
    result: Any, path: str | os.PathLike[str], root: Any, account_field: str | None, *, floor: int, lang: str
) -> list[dict[str, Any]]:
    """The JSON Lines rows of one audited file (:func:`.jsonl.result_rows`), its file row placed
    in its account and month."""
    from oahandbook.outputs.jsonl import result_rows

    extra = placement(path, root, account_field, result.fields) if result.kind else None
    return list(result_rows(result, floor=floor, lang=lang, extra=extra))  # type: ignore[arg-type]


def audit_meta(checker: Any, paths: list[str], account_field: str | None) -> dict[str, Any]:
    """What the summary row of an audit says about the run (``audit``)."""
    from oahandbook.engine.findings import handbook_base

    return {
        "today": checker.today.isoformat(),
        "paths": [p.replace(os.sep, "/") for p in paths],
        "account_from": f"field:{account_field}" if account_field else "folder",
        "handbook_url": handbook_base(checker.config.handbook_url),
    }
