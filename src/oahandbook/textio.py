"""Reading user files as text: size limits, binary and encoding detection, BOM and CRLF."""

from __future__ import annotations

from pathlib import Path

from oahandbook.errors import InputError
from oahandbook.i18n import t

DEFAULT_MAX_BYTES = 8 * 1024 * 1024


def read_text(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> str:
    """Return the file's text with a UTF-8 BOM removed and line endings folded to ``\\n``.

    Raises :class:`InputError` with a position for anything that is not usable UTF-8 text.
    The size is checked before the file is read, so a huge file costs nothing.
    """
    p = Path(path)
    name = display or str(path)
    try:
        size = p.stat().st_size
        if p.is_dir():
            raise InputError.one(name, 1, 1, t("io.is_dir"))
        if size > max_bytes:
            raise InputError.one(name, 1, 1, t("io.too_large", size=size, limit=max_bytes))
        raw = p.read_bytes()
    except FileNotFoundError:
        raise InputError.one(name, 1, 1, t("io.not_found")) from None
    except InputError:
        raise
    except OSError as exc:
        raise InputError.one(name, 1, 1, t("io.unreadable", error=exc.strerror or exc)) from None
    return decode(raw, name)


def decode(raw: bytes, name: str) -> str:
    if b"\x00" in raw[:8192] or b"\x00" in raw:
        raise InputError.one(name, 1, 1, t("io.binary"))
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = len(before[before.rfind(b"\n") + 1 :].decode("utf-8", "replace")) + 1
        hint = ""
        try:
            raw.decode("gb18030")
            hint = t("io.gbk_hint")
        except UnicodeDecodeError:
            pass
        raise InputError.one(
            name, line, column, t("io.not_utf8", line=line, column=column, byte=raw[exc.start], hint=hint)
        ) from None
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text
