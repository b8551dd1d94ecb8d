"""A small on-disk cache of validated data, so a pre-commit run does not re-validate unchanged
YAML. Entries are keyed by a hash of the inputs' bytes plus the package and Python versions;
a cache that cannot be read or written is simply not used (``OAHANDBOOK_NO_CACHE=1`` disables it).

Nothing read from the cache can run code or change a result:

- every entry is signed (HMAC-SHA256) with a random key that only this user can read
  (``key`` in the cache directory, mode 0600); an entry without a valid signature, of the wrong
  type or of another version is ignored and rebuilt;
- entries are unpickled by an unpickler that builds only plain values and the package's own
  data classes (named tuples, dataclasses, pydantic models, enums): no function is ever called;
- the directory must be a real directory owned by this user and writable by no one else, or
  the cache is not used; files are opened without following symbolic links, and written to an
  unpredictable temporary name (``mkstemp``) and renamed into place.
"""

from __future__ import annotations

import contextlib
import dataclasses
import enum
import hashlib
import hmac
import io
import os
import pickle
import secrets
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_MAGIC = b"OAHC2\n"
_MAX_ENTRY = 256 * 1024 * 1024
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
# Plain values that are no data of ours but appear in cached data.
_PLAIN = {
    ("builtins", "set"),
    ("builtins", "frozenset"),
    ("datetime", "date"),
    ("datetime", "datetime"),
    ("datetime", "timedelta"),
    ("datetime", "timezone"),
    ("types", "SimpleNamespace"),
    ("collections", "OrderedDict"),
    ("pathlib", "PurePosixPath"),
}


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


def entry_path(kind: str, parts: Iterable[bytes]) -> Path:
    """Where the entry of ``kind`` for the inputs ``parts`` lives."""
    from oahandbook.base.version import __version__

    digest = hashlib.sha256(f"{__version__} {sys.version}".encode())
    for part in parts:
        digest.update(len(part).to_bytes(8, "little") + part)
    return cache_dir() / f"{kind}-{digest.hexdigest()[:32]}.bin"


def cached(kind: str, parts: Iterable[bytes], build: Callable[[], T], expect: type) -> T:
    """``build()`` once per content of ``parts``; later calls read its signed result back."""
    if os.environ.get("OAHANDBOOK_NO_CACHE"):
        return build()
    path = entry_path(kind, parts)
    key = _key(path.parent)
    if key is None:
        return build()
    value = _read(path, key, expect)
    if value is not None:
        return value
    value = build()
    _write(path, key, value)
    return value


# --------------------------------------------------------------------------- the directory and key


def _safe_dir(folder: Path) -> bool:
    """The cache directory exists (made 0700 if not), is no symbolic link, is ours and is
    writable by no one else."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = os.lstat(folder)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or info.st_mode & 0o022:
        return False
    return not hasattr(os, "getuid") or info.st_uid == os.getuid()


def _key(folder: Path) -> bytes | None:
    """This user's signing key (made on first use), or None when the cache must not be used."""
    if not _safe_dir(folder):
        return None
    path = folder / "key"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    except FileExistsError:
        pass
    except OSError:
        return None
    else:
        with os.fdopen(fd, "wb") as handle:
            handle.write(secrets.token_bytes(32))
    key = _read_private(path, 64)
    return key if key is not None and len(key) == 32 else None


def _read_private(path: Path, limit: int) -> bytes | None:
    """The bytes of a regular file of ours that no one else can write, opened without following
    a symbolic link; None otherwise."""
    try:
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW)
    except OSError:
        return None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(handle.fileno())
        if not stat.S_ISREG(info.st_mode) or info.st_mode & 0o022 or info.st_size > limit:
            return None
        if hasattr(os, "getuid") and info.st_uid != os.getuid():
            return None
        return handle.read(limit + 1)


# --------------------------------------------------------------------------- entries


def _signature(key: bytes, name: str, payload: bytes) -> bytes:
    return hmac.new(key, name.encode() + b"\0" + payload, hashlib.sha256).digest()


def _read(path: Path, key: bytes, expect: type):
    data = _read_private(path, _MAX_ENTRY)
    if data is None or not data.startswith(_MAGIC):
        return None
    signature, payload = data[len(_MAGIC) : len(_MAGIC) + 32], data[len(_MAGIC) + 32 :]
    if not hmac.compare_digest(signature, _signature(key, path.name, payload)):
        return None
    try:
        value = _DataUnpickler(io.BytesIO(payload)).load()
    except Exception:  # truncated, or a class that is gone: rebuild
        return None
    return value if isinstance(value, expect) else None


def _write(path: Path, key: bytes, value: object) -> None:
    try:
        payload = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.stem}-", suffix=".tmp", dir=path.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(_MAGIC + _signature(key, path.name, payload) + payload)
        os.replace(tmp, path)  # replaces a symbolic link at ``path``, never what it points to
    except OSError:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


class _DataUnpickler(pickle.Unpickler):
    """Builds plain values and the package's data classes only: a planted entry that names a
    function (os.system, builtins.eval) or any other class fails to load."""

    def find_class(self, module: str, name: str):
        if (module, name) in _PLAIN:
            return super().find_class(module, name)
        if module == "oahandbook" or module.startswith("oahandbook."):
            found = super().find_class(module, name)
            if isinstance(found, type) and _data_class(found):
                return found
        raise pickle.UnpicklingError(f"not data: {module}.{name}")


def _data_class(cls: type) -> bool:
    return (
        issubclass(cls, (tuple, enum.Enum, Exception))
        or dataclasses.is_dataclass(cls)
        or isinstance(getattr(cls, "__pydantic_fields__", None), dict)
    )
