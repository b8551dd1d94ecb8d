"""Files committed to the repository but generated from the data: write mode and check mode.

``write_or_check(files, check=...)`` is shared by ``oahandbook schema`` and ``oahandbook
checklist``: in write mode it rewrites only files whose content changed; in check mode it
writes nothing and names each stale file with the command that fixes it.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from oahandbook.base.i18n import t
from oahandbook.engine.findings import Exit


def write_or_check(
    files: Mapping[Path, bytes], *, check: bool, command: str, stale_extra: list[Path] | None = None
) -> int:
    stale = []
    for path, content in files.items():
        current = path.read_bytes() if path.is_file() else None
        if current == content:
            continue
        if check:
            stale.append(path)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
            print(t("cli.schema_written", path=path))
    for path in stale_extra or []:
        if check:
            stale.append(path)
        else:
            path.unlink()
            print(t("cli.schema_written", path=path) + " (removed)")
    if stale:
        for path in stale:
            print(t("cli.schema_stale", path=path, command=command), file=sys.stderr)
        return Exit.FINDINGS
    return Exit.CLEAN
