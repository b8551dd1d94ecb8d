"""Read an account file: safe YAML, strict validation, positions kept for every finding."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path

import yaml

from oahandbook.account.models import Account
from oahandbook.account.secrets import mask_text, secret_values
from oahandbook.base import textio
from oahandbook.base.errors import InputError, InputProblem
from oahandbook.base.i18n import t
from oahandbook.base.yamlio import YamlDoc, compose, load_text
from oahandbook.data.validation import validate


@dataclass
class AccountDocument:
    """A parsed account file: its text (for waivers), YAML nodes (for positions) and model."""

    path: str
    text: str
    yaml: YamlDoc = field(repr=False)
    model: Account = field(repr=False)
    file: Path | None = None

    def secret_values(self) -> list[str]:
        """The secrets written in the file (for masking anything quoted from it), longest first."""
        return self._secret_values

    @cached_property
    def _secret_values(self) -> list[str]:
        return secret_values(self.yaml, self.text)

    @cached_property
    def waiver_text(self) -> str:
        """The text waivers are read from, each secret blotted out character by character.

        A waiver's reason is shown in reports (``--show-waivers``); a password written into it
        must not be. Blotting keeps every line and column where it was.
        """
        text = self.text
        for value in self.secret_values():
            if value in text:
                text = text.replace(value, "".join(ch if ch in "\r\n" else "•" for ch in value))
        return text


def parse_account(text: str, display: str, *, path: Path | None = None) -> AccountDocument:
    """Parse and validate an account file, or raise :class:`InputError` with ``file:line:col``.

    Messages about bad values quote them; any value that looks like a secret is masked first.
    """
    # The limit `oahandbook check` applies before reading, so a caller handing over text
    # directly gets the same bounded behaviour.
    limit = textio.MAX_ACCOUNT_BYTES
    size = len(text) if len(text) > limit else len(text.encode("utf-8"))
    if size > limit:
        raise InputError.one(display, 1, 1, t("io.too_large", size=size, limit=limit))
    try:
        doc = load_text(text, display)
    except InputError as exc:
        raise InputError(_masked(exc.problems, _nodes_only(text, display), text)) from None
    try:
        model = validate(Account, doc)
    except InputError as exc:
        raise InputError(_masked(exc.problems, doc, text)) from None
    return AccountDocument(display, text, doc, model, path)


def _nodes_only(text: str, display: str) -> YamlDoc | None:
    """The node tree of text that failed to load, if it composes at all (to find secrets in it)."""
    try:
        return YamlDoc(display, None, compose(text))
    except yaml.YAMLError:
        return None


def _masked(problems: list[InputProblem], doc: YamlDoc | None, text: str) -> list[InputProblem]:
    values = secret_values(doc, text) if doc is not None else []
    return [replace(p, message=mask_text(p.message, values)) for p in problems]
