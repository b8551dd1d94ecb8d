"""A small on-disk cache of validated data, so a pre-commit run does not re-validate unchanged
YAML. Entries are keyed by a hash of the inputs' bytes plus the package and Python versions;
a cache that cannot be read or written is simply not used (``OAHANDBOOK_NO_CACHE=1`` disables it)."""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def module_sources(*modules: str) -> list[bytes]:
    """The source code of ``modules``, read and not imported (importing may mean pydantic): a
    cached value is keyed by the code that shapes it too, so a change of code never meets a
    value built by the old one."""
    from importlib.util import find_spec

    out = []
    for name in modules:
        spec = find_spec(name)
        try:
            out.append(Path(spec.origin).read_bytes() if spec and spec.origin else b"")
        except OSError:
            out.append(b"")
    return out


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "oahandbook"


def cached(kind: str, parts: Iterable[bytes], build: Callable[[], T], expect: type) -> T:
    """``build()`` once per content of ``parts``; later calls unpickle its result."""
    if os.environ.get("OAHANDBOOK_NO_CACHE"):
        return build()
    from oahandbook.base.version import __version__

    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little") + part)
    path = cache_dir() / f"{kind}-{digest.hexdigest()[:32]}.pickle"
    try:
        with open(path, "rb") as handle:
            value = pickle.load(handle)
        if isinstance(value, expect):
            return value
    except Exception:  # missing, truncated or from another version: rebuild
        pass
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return value
