"""``.oahandbook.yaml``: how a consuming repository tunes the checkers."""

from __future__ import annotations

import fnmatch
import re
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import Field

from oahandbook.models import Model, NonEmpty

CONFIG_NAMES = (".oahandbook.yaml", ".oahandbook.yml")


class Config(Model):
    """Configuration of one consuming repository. Paths are relative to the config file."""

    lang: Literal["zh", "en"] = Field("zh", description="Default language of messages.")
    severity: dict[str, Literal["error", "warning", "off"]] = Field(
        default_factory=dict, description="Severity overrides by rule code or name; `off` disables a rule."
    )
    lexicons: list[NonEmpty] = Field(default_factory=list, description="Extra lexicon files (same shape as the bundled ones).")
    allow_terms: list[NonEmpty] = Field(default_factory=list, description="Phrases never reported by lexicon rules.")
    allow_hosts: list[NonEmpty] = Field(default_factory=list, description="Link hosts that are not external (suffix match).")
    allow_contacts: list[NonEmpty] = Field(
        default_factory=list, description="The organisation's own public phone numbers and e-mail addresses."
    )
    include: list[NonEmpty] = Field(default_factory=lambda: ["**/*.md", "**/*.markdown"], description="Drafts to check in directories.")
    exclude: list[NonEmpty] = Field(default_factory=list, description="Paths never checked (glob).")
    account_files: list[NonEmpty] = Field(
        default_factory=list, description="Globs of account files (besides files with top-level `kind: account`)."
    )
    handbook_url: NonEmpty = Field(
        "http://127.0.0.1:8000", description="Where your organisation serves the handbook; findings link to it."
    )
    policy: dict[str, int] = Field(default_factory=dict, description="Overrides of policy facts, e.g. backup.max_interval_days.")

    def matches(self, patterns: list[str], rel: str) -> bool:
        return any(glob_match(rel, pattern) for pattern in patterns)


def glob_match(rel: str, pattern: str) -> bool:
    """Glob with ``**`` spanning directories; a pattern without ``/`` matches the file name too."""
    path = PurePosixPath(rel)
    if "/" not in pattern and fnmatch.fnmatch(path.name, pattern):
        return True
    if pattern.startswith("**/") and glob_match(rel, pattern[3:]):
        return True
    return _full_match(rel, pattern)


def _full_match(rel: str, pattern: str) -> bool:
    out = []
    i = 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pattern[i] == "?":
            out.append("[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.fullmatch("".join(out), rel) is not None


def find_config(start: Path) -> Path | None:
    """The nearest config file in ``start`` or its parents, stopping at a git root."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file():
                return candidate
        if (folder / ".git").exists():
            return None
    return None


def default_config() -> Config:
    """The defaults, without building the validator (a hook run without a config pays nothing)."""
    return Config.model_construct()


def load_config(path: Path | None) -> Config:
    """Load and validate a config file (``None``: the defaults). Raises ``InputError``."""
    if path is None:
        return default_config()
    from oahandbook.validation import validate
    from oahandbook.yamlio import load_file

    doc = load_file(path, max_bytes=1024 * 1024)
    if doc.data is None:
        return default_config()
    config = validate(Config, doc)
    object.__setattr__(config, "_doc", doc)
    return config
