"""Text that is safe to print: names made valid Unicode, and control characters written as
escapes, so that no file name can make an output invalid UTF-8, forge a report line or move a
terminal's cursor.

A file name is bytes. Python gives a name that is not valid in the file system's encoding as
a string holding lone surrogates (``bad\\udcff.md``), which no UTF-8 output can hold (orjson and
``quote()`` raise, a text stream raises or writes the raw byte). :func:`valid_text` turns such
a name into the text a user sees: valid UTF-8 sequences as their characters (so a Chinese name
passed under an ASCII locale reads as Chinese again), every other byte as ``\\xff``. That is the
name every output gives the file (:func:`oahandbook.run.batch.display_path`); it is not used to
open the file. JSON keeps control characters (it escapes them itself); every text output passes
what it prints through :func:`escape_controls` (``\\n``, ``\\x1b``), as git and ruff quote names.
"""

from __future__ import annotations

import re

# C0 controls, DEL and C1 controls (ESC sequences, CR, the C1 CSI 0x9b), and the invisible
# characters that reorder or break a line (bidirectional overrides and isolates, the Unicode
# line and paragraph separators): printed, each could make a line say something it does not.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    """``text`` with every control character written as an escape: what a line of a text
    report (or a terminal) may show of a name or a message without it breaking the line."""
    return _CONTROL.sub(_escape, text) if _CONTROL.search(text) else text


def valid_text(text: str) -> str:
    """``text`` as valid Unicode: lone surrogates (bytes of a name that were not valid in the
    file system's encoding) read back as the bytes they stand for, as UTF-8, and what still is
    not UTF-8 written as ``\\xff``. Text without surrogates is returned as it is."""
    if text.isascii() or not _has_surrogate(text):
        return text
    try:
        raw = text.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:  # a surrogate that stands for no byte
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def shown_name(name: str) -> str:
    """A file name as outputs show it: :func:`valid_text`, then :func:`escape_controls`."""
    return escape_controls(valid_text(name))


_SURROGATE = re.compile("[\ud800-\udfff]")


def _has_surrogate(text: str) -> bool:
    return _SURROGATE.search(text) is not None


# Digits in any style: Unicode digits, circled ones, Chinese numerals (三三零一…).
_DIGIT = re.compile(r"[\d\u2460-\u2473\u24ea-\u24ff\u2776-\u2793零〇一二两三四五六七八九幺壹贰叁肆伍陆柒捌玖]")


def shaped_like_a_value(name: str) -> bool:
    """Whether a name a user wrote (a key, a field) looks like a value rather than a name: more
    than three digits (an ID, card or phone number), or eight characters or more mixing upper
    and lower case with digits (a password). Messages name such a key without printing it."""
    digits = len(_DIGIT.findall(name))
    return digits > 3 or (len(name) >= 8 and bool(digits) and name != name.lower() and name != name.upper())
