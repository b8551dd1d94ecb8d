"""The figures of the hand-written pages (``docs/*.md``), rendered by the package itself.

Every figure a hand-written page states — version, dates, limits, counts, sample output —
comes from here, so prose cannot drift from the data. ``{{ rule_count("article") }}`` and the
like are rendered by :func:`render_page` in a sandboxed Jinja environment with undefined names
an error, before any site engine sees the page: no engine plugin is involved. A macro's output
is Markdown built from escaped data, and Jinja never renders a macro's output again, so ``{{``
in the data stays text. Generated pages (:mod:`oahandbook.site.build`) never go through Jinja.
"""

from __future__ import annotations

import json
import posixpath
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oahandbook.base.i18n import Lang, pick
from oahandbook.base.version import __version__
from oahandbook.site import links, tables
from oahandbook.site import markdown as md

if TYPE_CHECKING:
    from oahandbook.data.bundle import Bundle


class MacroError(ValueError):
    """A hand-written page uses a macro wrongly (unknown name, bad argument, failed sample)."""


def page_url(path: str) -> str:
    """The directory URL of a source page, relative to the site root: ``usage.md`` → ``usage/``."""
    stem = posixpath.splitext(path)[0]
    if posixpath.basename(stem) == "index":
        return posixpath.dirname(stem) + "/" if posixpath.dirname(stem) else ""
    return stem + "/"


def namespace(
    bundle: Bundle, lang: Lang, page: str, *, project: Path, site_url: str | None, samples: dict
) -> dict[str, Any]:
    """The names a hand-written page may use, for the page ``page`` (language-neutral source path)."""
    doc = bundle.regulation.document

    def t(text: Any) -> str:
        """The page language's side of a bilingual value from the data."""
        return md.escape(pick(text, lang))

    def document_control() -> str:
        return tables.document_control(bundle, lang)

    def next_review() -> str:
        return doc.next_review.isoformat()

    def platform_limits(policy: bool = True) -> str:
        return tables.platform_limits(bundle, lang, policy=policy)

    def role_matrix() -> str:
        return tables.role_matrix(bundle, lang)

    def fact(fact_id: str) -> str:
        """One platform fact or policy value with its unit, e.g. ``{{ fact("article.title.max_chars") }}``."""
        return tables.fact_value(bundle.platform.fact(fact_id), lang)

    def rule_count(target: str | None = None, severity: str | None = None) -> int:
        return sum(
            1
            for rule in bundle.rules.values()
            if rule.deprecated is None
            and (target is None or rule.target == target)
            and (severity is None or rule.severity == severity)
        )

    def clause_count(status: str | None = None) -> int:
        return sum(1 for c in bundle.regulation.clauses() if status is None or c.status == status)

    def checklist_count() -> int:
        checklists = bundle.checklists
        return len(checklists.checklists) if checklists is not None else 0

    def schema_fields(schema_file: str) -> str:
        """The fields of a published JSON Schema (``schemas/<name>``) as a table."""
        from oahandbook.site.field_text import ZH_DESCRIPTIONS

        path = project / "schemas" / schema_file
        descriptions = ZH_DESCRIPTIONS.get(schema_file) if lang == "zh" else None
        return tables.schema_fields(json.loads(path.read_text(encoding="utf-8")), lang, descriptions)

    def example_file(relative_path: str, language: str = "yaml") -> str:
        """A file of the repository (``examples/…``) as a code block, shown exactly as committed."""
        path = project / relative_path
        return md.fence(path.read_text(encoding="utf-8"), language, title=relative_path)

    def check_output(*paths: str, expect: int | None = 0, limit: int | None = None, today: str | None = None) -> str:
        """What ``oahandbook check PATHS`` prints, run now on the repository's files
        (``examples/…``) in the page's language, linking to this site; ``expect`` is its exit code."""
        from oahandbook.site.sample import console_block

        args = ["check", *(["--today", today] if today else []), *paths]
        key = (tuple(args), lang, site_url, expect, limit)
        if key not in samples:
            samples[key] = console_block(args, cwd=project, lang=lang, site_url=site_url, expect=expect, limit=limit)
        return samples[key]

    def example_date(relative_path: str) -> str:
        """The day an example file describes (its ``as of: YYYY-MM-DD`` comment)."""
        from oahandbook.site.sample import as_of

        day = as_of((project / relative_path).read_text(encoding="utf-8"))
        if day is None:
            raise MacroError(f"{relative_path} names no day it describes (a comment 'as of: YYYY-MM-DD')")
        return day

    def sample_clause_link() -> str:
        """A link to one clause (the first that rules check), to show what clause links look like."""
        from oahandbook.site.regulation import heading_text

        depth = {node.id: d for d, node in bundle.regulation.walk()}
        clauses = bundle.regulation.clauses()
        clause = next((c for c in clauses if bundle.rules_for(c.id)), clauses[0])
        text = heading_text(clause, depth[clause.id], lang)
        return f"[{md.escape(text)}]({links.rel(page, links.REGULATION, clause.anchor)})"

    def print_link(text: str) -> str:
        """A link to the print page (made by the engine's print plugin, so not a source file)."""
        href = posixpath.relpath("print_page", page_url(page) or ".") + "/"
        return f'<a href="{md.html_text(href)}">{md.html_text(text)}</a>'

    def rules_table(target: str) -> str:
        """Code, title and severity of the rules for one target, linked to their pages."""
        from oahandbook.site.labels import label
        from oahandbook.site.rules import severity_badge

        rows = []
        for rule in sorted(bundle.rules.values(), key=lambda r: r.code):
            if rule.target != target or rule.deprecated is not None:
                continue
            link = links.rel(page, links.rule_page(rule.code))
            rows.append(
                [f"[{rule.code}]({link})", md.escape(pick(rule.title, lang)), severity_badge(rule.severity, lang)]
            )
        header = [label("rules.code", lang), label("rules.rule_title", lang), label("rules.severity", lang)]
        return md.table(header, rows) if rows else label("rules.none", lang)

    names: dict[str, Any] = {
        "document": doc,
        # The checker's own version (the pre-commit hooks' rev is v + this), apart from the regulation's.
        "tool_version": __version__,
    }
    for function in (
        t,
        document_control,
        next_review,
        platform_limits,
        role_matrix,
        fact,
        rule_count,
        clause_count,
        checklist_count,
        schema_fields,
        example_file,
        check_output,
        example_date,
        sample_clause_link,
        print_link,
        rules_table,
    ):
        names[function.__name__] = function
    return names


def render_page(
    text: str,
    source: str,
    bundle: Bundle,
    lang: Lang,
    page: str,
    *,
    project: Path,
    site_url: str | None,
    samples: dict | None = None,
) -> str:
    """A hand-written page with its ``{{ … }}`` rendered. ``source`` names the file in errors."""
    from jinja2 import StrictUndefined, TemplateError
    from jinja2.sandbox import SandboxedEnvironment

    env = SandboxedEnvironment(undefined=StrictUndefined, keep_trailing_newline=True, autoescape=False)
    try:
        template = env.from_string(text)
        return template.render(
            namespace(
                bundle, lang, page, project=project, site_url=site_url, samples={} if samples is None else samples
            )
        )
    except TemplateError as exc:
        line = getattr(exc, "lineno", None)
        where = f"{source}:{line}" if line else source
        raise MacroError(f"{where}: {exc}") from None
    except (LookupError, ValueError, OSError, RuntimeError) as exc:
        raise MacroError(f"{source}: {exc}") from None
