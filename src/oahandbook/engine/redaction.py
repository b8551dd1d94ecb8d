"""Masking what may be personal data or a secret in text the tools print (context around a
term, URLs, waiver reasons, values quoted in error messages): every output format, every
language. The checks that *find* personal data and secrets mask their own values; this is
the net under everything else."""

from __future__ import annotations

import re

from oahandbook.engine.textnorm import CIRCLED_DIGITS, NUMERALS

# What people put between the digit groups of a number (1 8 6-0 0 1 2, 110101.1990…, and the
# zero-width characters a spammer slips in): one list for the checks that find numbers, the
# cutting of context windows and the masking of every printed text.
SEPARATOR_CHARS = " \t-.·_—–/\u3000\u200b\u200c\u200d\u2060\ufeff"
NUMBER_SEPARATORS = SEPARATOR_CHARS.replace("-", "\\-")  # the same, as a regex class body
_DIGIT_RUN = re.compile(f"\\d[\\d{NUMBER_SEPARATORS}]{{4,}}[\\dXx]")
# Numbers written in Chinese numerals or circled digits (幺三八零零…), which the checks read
# as numbers too: six or more in a row are masked the same way.
_NUMERAL = "".join(NUMERALS) + "".join(CIRCLED_DIGITS)
_NUMERAL_RUN = re.compile(f"[{_NUMERAL}](?:[{NUMBER_SEPARATORS}]?[{_NUMERAL}\\d]){{5,}}")
_EMAIL_LIKE = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@")
# Long runs mixing letters and digits (tokens, keys, AppSecrets): nothing a reader needs whole.
_TOKEN = re.compile(r"(?<![A-Za-z0-9+/=_-])(?=[A-Za-z0-9+/=_-]*\d)(?=[A-Za-z0-9+/=_-]*[A-Za-z])[A-Za-z0-9+/=_-]{16,}")


# The names a secret goes by, in English and in Chinese: one list for every pass below.
_SECRET_NAMES = r"password|passwd|pwd|secret|token|api[_-]?key"
_SECRET_NAMES_ZH = r"密码|口令|密钥"

# A value written after a secret's name: "密码: Wx@2026abc!", "token=abc".
_AFTER_SECRET_WORD = re.compile(rf"(?i)((?:{_SECRET_NAMES}|{_SECRET_NAMES_ZH})\s*[:：=]\s*)(\S+)")

# A value written right after a secret's name without a colon: "密码是Wx@2026abc", "密码为…",
# "后台密码Gm5p…", "password is hunter2". Only an ASCII run is taken (a Chinese sentence after
# 密码 is prose: "密码，谨防诈骗" stays), and after an English name only one with a digit or mark.
_SECRET_WORD_THEN_VALUE = re.compile(
    rf"((?:{_SECRET_NAMES_ZH})[ \t]*(?:[是为為][ \t]*)?)([!-~]{{4,}})"
    rf"|(?i:((?:{_SECRET_NAMES})\s+is\s+)(?=[!-~]*[\d!-/:-@\[-`{{-~])([!-~]{{4,}}))"
)
_SECRET_CUE = re.compile(rf"[码令钥]|(?i:{_SECRET_NAMES})")


# What each pass needs to match at all, checked first: most text has no digit, no ``@`` and no
# separator after a secret's name, and a search for one character class is far cheaper than
# the passes themselves. ``\d`` is any Unicode digit, as in the passes.
_MAY_MATCH = re.compile(f"[\\d@:：={_NUMERAL}码令钥]|(?i:{_SECRET_NAMES})")
_ANY_DIGIT = re.compile(r"\d")


def redact(text: str) -> str:
    """Masks the middles of digit runs (phone, ID, card numbers), mailboxes and token-like strings."""
    if not _MAY_MATCH.search(text):
        return text
    if ":" in text or "：" in text or "=" in text:
        text = _AFTER_SECRET_WORD.sub(_mask_secret, text)
    if _SECRET_CUE.search(text):
        text = _SECRET_WORD_THEN_VALUE.sub(_mask_secret_then_value, text)
    if _ANY_DIGIT.search(text):  # tokens need a digit too
        text = _DIGIT_RUN.sub(_mask_digits, _TOKEN.sub(_mask_token, text))
    if "@" in text:
        text = _EMAIL_LIKE.sub(r"\1***@", text)
    return _NUMERAL_RUN.sub(_mask_numerals, text)


# In a source line (the user's text printed verbatim), shorter runs shaped like a credential too:
# ten or more characters mixing upper case, lower case and digits (Gm5pQ8vLz2Rt7w), which a
# password in a front matter value or a waiver comment is, and ordinary words and numbers are not.
_CREDENTIAL = re.compile(
    r"(?<![A-Za-z0-9+/=_-])(?=[A-Za-z0-9+/=_-]*\d)(?=[A-Za-z0-9+/=_-]*[a-z])(?=[A-Za-z0-9+/=_-]*[A-Z])"
    r"[A-Za-z0-9+/=_-]{10,}"
)


def redact_source(line: str) -> str:
    """:func:`redact` for a source line printed under a finding, which also masks runs shaped
    like a password (see ``_CREDENTIAL``): nothing tells what a value in a front matter field
    or a waiver comment is, and a reader needs the line's words, not such a run."""
    line = redact(line)
    return _CREDENTIAL.sub(_mask_token, line) if _ANY_DIGIT.search(line) else line


def _mask_numerals(match: re.Match[str]) -> str:
    run = match.group()
    return run[:3] + "*" * (len(run) - 5) + run[-2:]


def _mask_secret(match: re.Match[str]) -> str:
    return match.group(1) + "••••"


def _mask_secret_then_value(match: re.Match[str]) -> str:
    return (match.group(1) or match.group(3)) + "••••"


def _mask_digits(match: re.Match[str]) -> str:
    run = match.group()
    return run[:3] + _DIGIT_OR_X.sub("*", run[3:-2]) + run[-2:]


def _mask_token(match: re.Match[str]) -> str:
    run = match.group()
    return run[:2] + "…" + run[-2:]


_DIGIT_OR_X = re.compile(r"[\dXx]")
