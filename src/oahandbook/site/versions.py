"""Versioned publishing without mike: a folder laid out as mike lays out gh-pages.

``deploy(site, dest, "1.1", ["latest"])`` copies the built site to ``dest/1.1/`` and to each
alias (``dest/latest/``, a copy: works on any static server, no symlinks), removes the aliases
from older versions, writes ``dest/versions.json`` (newest first, the format the theme's version
selector reads with ``extra.version.provider: mike``) and ``dest/index.html`` redirecting to the
first alias (else the version). The engine does not matter: it is a copy of a built folder.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

_VERSION = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")


def _key(version: str) -> tuple:
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in re.split(r"[.-]", version))


def deploy(site: Path, dest: Path, version: str, aliases: list[str]) -> list[dict]:
    for name in (version, *aliases):
        if not _VERSION.match(name) or name in ("versions.json", "index.html"):
            raise ValueError(f"not a version or alias name: {name!r} (letters, digits, . _ -)")
    dest.mkdir(parents=True, exist_ok=True)
    index = dest / "versions.json"
    versions: list[dict] = json.loads(index.read_text(encoding="utf-8")) if index.is_file() else []
    versions = [v for v in versions if v["version"] != version]
    for entry in versions:
        entry["aliases"] = [a for a in entry["aliases"] if a not in aliases]
    versions.append({"version": version, "title": version, "aliases": list(dict.fromkeys(aliases))})
    versions.sort(key=lambda v: _key(v["version"]), reverse=True)
    for name in (version, *aliases):
        target = dest / name
        if target.is_symlink() or target.is_file():
            target.unlink()
        elif target.is_dir():
            shutil.rmtree(target)
        shutil.copytree(site, target)
    tmp = dest / ".versions.json.tmp"
    tmp.write_text(json.dumps(versions, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    tmp.replace(index)
    home = aliases[0] if aliases else version
    href = html.escape(f"{home}/", quote=True)
    (dest / "index.html").write_text(
        '<!doctype html>\n<meta charset="utf-8">\n<title>Redirecting</title>\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n<link rel="canonical" href="{href}">\n'
        f'<a href="{href}">{href}</a>\n',
        encoding="utf-8",
    )
    return versions
