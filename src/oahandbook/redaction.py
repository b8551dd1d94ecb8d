"""Masking what may be personal data or a secret in text the tools print (context around a
term, URLs, waiver reasons, values quoted in error messages): every output format, every
language. The checks that *find* personal data and secrets mask their own values; this is
the net under everything else."""

from __future__ import annotations

import re

_DIGIT_RUN = re.compile(r"\d[\d -]{4,}[\dXx]")
_EMAIL_LIKE = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@")
# Long runs mixing letters and digits (tokens, keys, AppSecrets): nothing a reader needs whole.
_TOKEN = re.compile(r"(?<![A-Za-z0-9+/=_-])(?=[A-Za-z0-9+/=_-]*\d)(?=[A-Za-z0-9+/=_-]*[A-Za-z])[A-Za-z0-9+/=_-]{16,}")


# A value written after a secret's name: "密码: Wx@2026abc!", "token=abc".
_AFTER_SECRET_WORD = re.compile(
    r"(?i)((?:password|passwd|pwd|secret|token|api[_-]?key|密码|口令|密钥)\s*[:：=]\s*)(\S+)"
)


def redact(text: str) -> str:
    """Masks the middles of digit runs (phone, ID, card numbers), mailboxes and token-like strings."""

    def digits(match: re.Match[str]) -> str:
        run = match.group()
        return run[:3] + re.sub(r"[\dXx]", "*", run[3:-2]) + run[-2:]

    def token(match: re.Match[str]) -> str:
        run = match.group()
        return run[:2] + "…" + run[-2:]

    text = _AFTER_SECRET_WORD.sub(lambda m: m.group(1) + "••••", text)
    return _EMAIL_LIKE.sub(r"\1***@", _DIGIT_RUN.sub(digits, _TOKEN.sub(token, text)))
