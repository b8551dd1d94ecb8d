"""Finding the config file and matching paths against globs (no pydantic: cheap to import)."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path, PurePosixPath

CONFIG_NAMES = (".oahandbook.yaml", ".oahandbook.yml")


def matches(patterns: list[str], rel: str) -> bool:
    return any(glob_match(rel, pattern) for pattern in patterns)


def glob_match(rel: str, pattern: str) -> bool:
    """Glob with ``**`` spanning directories; a pattern without ``/`` matches the file name too."""
    path = PurePosixPath(rel)
    if "/" not in pattern and fnmatch.fnmatch(path.name, pattern):
        return True
    if pattern.startswith("**/") and glob_match(rel, pattern[3:]):
        return True
    return _full_match(rel, pattern)


def _full_match(rel: str, pattern: str) -> bool:
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.fullmatch("".join(out), rel) is not None


def find_config(start: Path) -> Path | None:
    """The nearest config file in ``start`` or its parents, stopping at a git root."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        if (folder / ".git").exists():
            return None
    return None
