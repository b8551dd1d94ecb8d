"""``.oahandbook.yaml``: how a consuming repository tunes the checkers."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field

from oahandbook.data.models import Model, NonEmpty


class Config(Model):
    """Configuration of one consuming repository. Paths are relative to the config file."""

    lang: Literal["zh", "en"] = Field("zh", description="Default language of messages.")
    severity: dict[str, Literal["error", "warning", "suggestion", "off"]] = Field(
        default_factory=dict,
        description="Severity overrides by rule code or name; `suggestion` is worth a look, not a problem; "
        "`off` disables a rule.",
    )
    min_severity: Literal["suggestion", "warning", "error"] = Field(
        "warning",
        description="Lowest severity shown by `oahandbook check` (`--min-severity` wins); "
        "hidden findings are counted in the summary.",
    )
    lexicons: list[NonEmpty] = Field(
        default_factory=list, description="Extra lexicon files (same shape as the bundled ones)."
    )
    allow_terms: list[NonEmpty] = Field(default_factory=list, description="Phrases never reported by lexicon rules.")
    allow_hosts: list[NonEmpty] = Field(
        default_factory=list, description="Link hosts that are not external (suffix match)."
    )
    allow_contacts: list[NonEmpty] = Field(
        default_factory=list, description="The organisation's own public phone numbers and e-mail addresses."
    )
    include: list[NonEmpty] = Field(
        default_factory=list,
        description="Which Markdown files and HTML pages are drafts (globs relative to the config file, "
        "e.g. `drafts/**`): every file they match is checked as a draft, so a draft that lacks its front "
        "matter is reported (FM01). Empty (the default): a Markdown file is a draft when its first line is "
        "`---` (a front matter), an HTML page when it is a saved WeChat article page. A file that is not "
        "a draft is skipped, never an error.",
    )
    exclude: list[NonEmpty] = Field(default_factory=list, description="Paths never checked (glob).")
    account_files: list[NonEmpty] = Field(
        default_factory=list, description="Globs of account files (besides files with top-level `kind: account`)."
    )
    handbook_url: NonEmpty | None = Field(
        None,
        description="Where your organisation serves the handbook (with its version alias, e.g. "
        "`https://handbook.example.org/latest`): findings, review records and checklists link to its pages, "
        "English ones under `en/`. Unset: the environment variable OAHANDBOOK_SITE_URL, else "
        "http://127.0.0.1:8000 (the local preview).",
    )
    policy: dict[str, int] = Field(
        default_factory=dict, description="Overrides of policy facts, e.g. backup.max_interval_days."
    )


def default_config() -> Config:
    """The defaults, without building the validator (a hook run without a config pays nothing)."""
    return Config.model_construct()


def load_config(path: Path | None) -> Config:
    """Load and validate a config file (``None``: the defaults). Raises ``InputError``."""
    if path is None:
        return default_config()
    from oahandbook.base.textio import read_text

    return config_from_text(read_text(path, max_bytes=1024 * 1024), str(path))


def config_from_text(text: str, display: str) -> Config:
    """Validate a config's YAML text (empty: the defaults); the document stays with it
    (``_doc``) so that later checks (rule names, files) can say where a setting is."""
    from oahandbook.base.yamlio import load_text
    from oahandbook.data.validation import validate

    doc = load_text(text, display)
    if doc.data is None:
        return default_config()
    config = validate(Config, doc)
    object.__setattr__(config, "_doc", doc)
    return config
