"""Where the data lives: the package's ``data/`` (importlib.resources) or another directory."""

from __future__ import annotations

from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import TYPE_CHECKING

from oahandbook.base.errors import InputError
from oahandbook.base.i18n import t

if TYPE_CHECKING:
    from oahandbook.base.yamlio import YamlDoc


def data_root(path: str | Path | None = None) -> Traversable:
    if path is not None:
        return Path(path)
    return resources.files("oahandbook") / "data"


def display_name(root: Traversable, *parts: str) -> str:
    if isinstance(root, Path):
        return str(root.joinpath(*parts))
    return "/".join(("oahandbook/data", *parts))


def read_yaml(root: Traversable, *parts: str) -> YamlDoc:
    node = root.joinpath(*parts)
    name = display_name(root, *parts)
    if not node.is_file():
        raise InputError.one(name, 1, 1, t("io.not_found"))
    raw = node.read_bytes()
    from oahandbook.base.textio import decode
    from oahandbook.base.yamlio import load_text

    return load_text(decode(raw, name), name)


def yaml_files(root: Traversable, folder: str) -> list[str]:
    base = root.joinpath(folder)
    if not base.is_dir():
        return []
    return sorted(p.name for p in base.iterdir() if p.name.endswith(".yaml"))


def all_data_files(root: Traversable) -> list[str]:
    out = []
    for entry in sorted(root.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            out += [f"{entry.name}/{name}" for name in yaml_files(root, entry.name)]
        elif entry.name.endswith(".yaml"):
            out.append(entry.name)
    return out


def data_file_parts(root: Traversable) -> list[bytes]:
    """Each data file's name and bytes: what a cache of validated data is keyed by."""
    return [name.encode() + b"\0" + root.joinpath(*name.split("/")).read_bytes() for name in all_data_files(root)]
