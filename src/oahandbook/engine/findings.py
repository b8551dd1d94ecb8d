"""What a check reports (a hit) and what the user sees (a finding)."""

from __future__ import annotations

import enum
import functools
import os
from dataclasses import dataclass, field
from typing import Any

from oahandbook.base.i18n import Lang, get_lang, pick

# Where the handbook is when nothing says otherwise: the README's local preview (scripts/dev serve).
DEFAULT_HANDBOOK_URL = "http://127.0.0.1:8000"
# The address the site is built for (mkdocs.yml's site_url); links go there when the config sets
# no ``handbook_url``, so one variable serves a deployment's build and its checks alike.
SITE_URL_ENV = "OAHANDBOOK_SITE_URL"
# Where each language's pages are in the site (mkdocs-static-i18n puts English under en/).
LANG_DIRS: dict[str, str] = {"zh": "", "en": "en/"}


class Exit(enum.IntEnum):
    """Exit codes of every command: warnings never fail a commit, unusable input always does."""

    CLEAN = 0
    FINDINGS = 1
    UNUSABLE = 2


@dataclass(frozen=True, slots=True)
class Hit:
    """One place a check found: 1-based line and column (in characters), optional end."""

    line: int
    column: int
    args: dict[str, Any] = field(default_factory=dict)
    key: str | None = None  # a key of rule.messages; None for rule.message
    severity: str | None = None  # overrides the rule's severity (lexicon entries carry their own)
    end_line: int | None = None
    end_column: int | None = None
    # A safe, mechanical fix: the text that replaces line:column..end_line:end_column (end
    # exclusive); None when fixing needs judgement. Applied only on request (check --fix).
    replacement: str | None = None
    # How many places this hit stands for: a check may yield the places it only counts (below
    # the report's level, beyond a rule's listing, no waiver in the document) as one hit.
    count: int = 1


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's verdict at one place: ``path``, 1-based ``line`` and ``column`` (in characters;
    ``end_line``/``end_column`` when known), the rule's ``code`` and ``name``, ``severity``
    (``suggestion``, ``warning`` or ``error``), the regulation ``clause`` it enforces, the message
    and fix in both languages, the handbook ``url`` of the rule, and whether a waiver in the file
    ``waived`` it (with its reason). ``excerpt`` is the start of the paragraph it points at when
    lines are not lines of a text file (a Word document's paragraphs). Personal data in messages
    and excerpts is already masked. ``lang`` is
    the language of the checker that made it: what :meth:`message` speaks without an argument.
    ``replacement``, when not None, is a safe, mechanical fix: the text that replaces the span
    ``line``:``column`` to ``end_line``:``end_column`` (end exclusive); JSON consumers (and
    :func:`oahandbook.article.fix.apply_fixes`) can apply it as it is."""

    path: str
    line: int
    column: int
    code: str
    name: str
    severity: str
    clause: str
    texts: dict[str, str]  # the message in each language, already filled
    fix: dict[str, str]
    url: str
    end_line: int | None = None
    end_column: int | None = None
    waived: bool = False
    waiver_reason: str | None = None
    excerpt: str | None = None
    lang: Lang = "zh"
    replacement: str | None = None

    def message(self, lang: Lang | None = None) -> str:
        """What is wrong, in ``lang`` (``"zh"`` or ``"en"``; default: the finding's ``lang``)."""
        return pick(self.texts, lang or self.lang)

    def fix_hint(self, lang: Lang | None = None) -> str:
        """How to fix it, in ``lang`` (default: the finding's ``lang``)."""
        return pick(self.fix, lang or self.lang)

    def to_dict(self, lang: Lang | None = None) -> dict[str, Any]:
        """Plain values (JSON-ready), with the message and fix in ``lang`` (default: the finding's)."""
        lang = lang or self.lang
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "clause": self.clause,
            "message": self.message(lang),
            "fix": self.fix_hint(lang),
            "url": self.url,
            "waived": self.waived,
            "waiver_reason": self.waiver_reason,
            "excerpt": self.excerpt,
            "replacement": self.replacement,
        }

    def sort_key(self) -> tuple[str, int, int, str]:
        """Findings sort by file, line, column and rule."""
        return (self.path, self.line, self.column, self.code)


def handbook_base(configured: str | None = None) -> str:
    """Where links into the handbook start, without a trailing slash: ``configured`` (the
    config's ``handbook_url``), else ``$OAHANDBOOK_SITE_URL``, else the local preview. A
    relative ``configured`` (``".."``, or ``""`` for root-relative links) is kept as it is."""
    if configured is None:
        configured = os.environ.get(SITE_URL_ENV) or DEFAULT_HANDBOOK_URL
    return configured.rstrip("/")


def page_url(path: str, base: str | None = None, lang: Lang | None = None) -> str:
    """The handbook's page ``path`` (``rules/PC01/``) in ``lang`` (default: the language
    messages are in), under ``base`` as :func:`handbook_base` resolves it."""
    return _page_url(path, base, lang or get_lang(), os.environ.get(SITE_URL_ENV))


@functools.lru_cache(maxsize=1024)
def _page_url(path: str, base: str | None, lang: Lang, site_url: str | None) -> str:
    """(Remembered: every finding of a rule links the same page.)"""
    return f"{handbook_base(base)}/{LANG_DIRS[lang]}{path}"


def rule_url(code: str, base: str | None = None, lang: Lang | None = None) -> str:
    """A rule's page: ``https://handbook.example.org/latest/en/rules/PC01/``."""
    return page_url(f"rules/{code}/", base, lang)


def clause_url(clause_id: str, base: str | None = None, lang: Lang | None = None) -> str:
    """A clause's anchor on the regulation page: ``…/regulation/#oa-2-3-1``."""
    anchor = clause_id.lower().replace(".", "-")
    return page_url(f"regulation/#{anchor}", base, lang)
