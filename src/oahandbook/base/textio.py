"""Reading user files as text: size limits, binary and encoding detection, BOM and CRLF."""

from __future__ import annotations

import bisect
import itertools
import re
import stat
from pathlib import Path

from oahandbook.base.errors import InputError
from oahandbook.base.i18n import t

# Line breaks YAML counts and Python's str.splitlines counts, but "\n"-based positions do not:
# the YAML layer and its hints both need to know where they are.
YAML_ONLY_BREAKS = re.compile("[\x85\u2028\u2029]")

DEFAULT_MAX_BYTES = 8 * 1024 * 1024
# What `oahandbook check` reads at most, per kind of file (one limit each, applied before reading
# and again by the account parser, so account text handed to the library is bounded the same way).
MAX_ARTICLE_BYTES = 4 * 1024 * 1024
MAX_ACCOUNT_BYTES = 1024 * 1024


def read_text(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, display: str | None = None) -> str:
    """Return the file's text with a UTF-8 BOM removed and line endings folded to ``\\n``.

    Raises :class:`InputError` with a position for anything that is not usable UTF-8 text.
    The size is checked before the file is read, so a huge file costs nothing.
    """
    name = display or str(path)
    return decode(read_bytes(path, max_bytes=max_bytes, display=name), name)


def read_bytes(path: str | Path, *, max_bytes: int, display: str | None = None) -> bytes:
    """The file's bytes, refused (with a position) when it is not a regular file or larger than
    ``max_bytes``; the size is checked before reading."""
    p = Path(path)
    name = display or str(path)
    try:
        info = p.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError.one(name, 1, 1, t("io.is_dir"))
        if not stat.S_ISREG(info.st_mode):  # a FIFO or a device would block or never end
            raise InputError.one(name, 1, 1, t("io.not_regular"))
        if info.st_size > max_bytes:
            raise InputError.one(name, 1, 1, t("io.too_large", size=info.st_size, limit=max_bytes))
        with open(p, "rb") as handle:
            raw = handle.read(max_bytes + 1)  # the size may change between stat and read
        if len(raw) > max_bytes:
            raise InputError.one(name, 1, 1, t("io.too_large", size=f">{max_bytes}", limit=max_bytes))
    except FileNotFoundError:
        raise InputError.one(name, 1, 1, t("io.not_found")) from None
    except InputError:
        raise
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop on some Pythons
        raise InputError.one(name, 1, 1, t("io.unreadable", error=getattr(exc, "strerror", None) or exc)) from None
    return raw


def decode(raw: bytes, name: str) -> str:
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError.one(name, 1, 1, t("io.utf16"))
    if b"\x00" in raw:
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
    return text_lines(text, name)


def text_lines(text: str, name: str) -> str:
    """Decoded text as the checkers read it: no NUL (a binary file), line endings folded to ``\\n``."""
    if "\x00" in text:
        raise InputError.one(name, 1, 1, t("io.binary"))
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def line_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the line (or lines) holding ``text[start:end]`` begins and ends (before its newline)."""
    line_end = text.find("\n", end)
    return text.rfind("\n", 0, start) + 1, len(text) if line_end == -1 else line_end


def line_starts(text: str) -> list[int]:
    """The offset where each line of ``text`` starts (summed in C: a Python loop over find()
    costs 10x more)."""
    lengths = map((1).__add__, map(len, text.split("\n")))
    starts = [0, *itertools.accumulate(lengths)]
    starts.pop()  # the sum after the last line is the end of the text, not a line start
    return starts


def line_position(starts: list[int], offset: int) -> tuple[int, int]:
    """1-based (line, column in characters) of ``offset``, given the text's :func:`line_starts`."""
    index = bisect.bisect_right(starts, offset) - 1
    return index + 1, offset - starts[index] + 1
