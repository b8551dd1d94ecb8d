"""Macros for the hand-written pages (mkdocs-macros ``modules: [oahandbook:oahandbook.site.macros]``).

Every figure a hand-written page states — version, dates, limits, counts — comes from here, so
prose cannot drift from the data. A macro's output is Markdown built from escaped data; Jinja
does not render a macro's output again, so ``{{`` in the data stays text.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Any

from oahandbook.base.i18n import Lang, pick
from oahandbook.base.version import __version__
from oahandbook.site import markdown as md
from oahandbook.site import tables
from oahandbook.site.build import site_bundle


def define_env(env: Any) -> None:
    bundle = site_bundle()
    doc = bundle.regulation.document

    def lang() -> Lang:
        # The language is read when a page renders: mkdocs-static-i18n sets it per build.
        language = env.conf["theme"]["language"]
        return "en" if str(language).startswith("en") else "zh"

    env.variables["document"] = doc
    # The checker's own version (the pre-commit hooks' rev is v + this), apart from the regulation's.
    env.variables["tool_version"] = __version__

    @env.macro
    def t(text: Any) -> str:
        """The current language's side of a bilingual value from the data."""
        return md.escape(pick(text, lang()))

    @env.macro
    def document_control() -> str:
        return tables.document_control(bundle, lang())

    @env.macro
    def next_review() -> str:
        return doc.next_review.isoformat()

    @env.macro
    def platform_limits(policy: bool = True) -> str:
        return tables.platform_limits(bundle, lang(), policy=policy)

    @env.macro
    def role_matrix() -> str:
        return tables.role_matrix(bundle, lang())

    @env.macro
    def fact(fact_id: str) -> str:
        """One platform fact or policy value with its unit, e.g. ``{{ fact("article.title.max_chars") }}``."""
        return tables.fact_value(bundle.platform.fact(fact_id), lang())

    @env.macro
    def rule_count(target: str | None = None, severity: str | None = None) -> int:
        return sum(
            1
            for rule in bundle.rules.values()
            if rule.deprecated is None
            and (target is None or rule.target == target)
            and (severity is None or rule.severity == severity)
        )

    @env.macro
    def clause_count(status: str | None = None) -> int:
        return sum(1 for c in bundle.regulation.clauses() if status is None or c.status == status)

    @env.macro
    def checklist_count() -> int:
        checklists = bundle.checklists
        return len(checklists.checklists) if checklists is not None else 0

    @env.macro
    def schema_fields(schema_file: str) -> str:
        """The fields of a published JSON Schema (``schemas/<name>``) as a table."""
        import json

        path = Path(env.project_dir) / "schemas" / schema_file
        return tables.schema_fields(json.loads(path.read_text(encoding="utf-8")), lang())

    @env.macro
    def example_file(relative_path: str, language: str = "yaml") -> str:
        """A file of the repository (``examples/…``) as a code block, shown exactly as committed."""
        path = Path(env.project_dir) / relative_path
        return md.fence(path.read_text(encoding="utf-8"), language, title=relative_path)

    samples: dict[tuple, str] = {}

    @env.macro
    def check_output(*paths: str, expect: int | None = 0, limit: int | None = None, today: str | None = None) -> str:
        """What ``oahandbook check PATHS`` prints, run now on the repository's files
        (``examples/…``) in the page's language, linking to this site; ``expect`` is its exit code."""
        from oahandbook.site.sample import console_block

        args = ["check", *(["--today", today] if today else []), *paths]
        site_url = env.conf.get("site_url")
        key = (tuple(args), lang(), site_url, expect, limit)
        if key not in samples:
            samples[key] = console_block(
                args, cwd=Path(env.project_dir), lang=lang(), site_url=site_url, expect=expect, limit=limit
            )
        return samples[key]

    @env.macro
    def example_date(relative_path: str) -> str:
        """The day an example file describes (its ``as of: YYYY-MM-DD`` comment)."""
        from oahandbook.site.sample import as_of

        day = as_of((Path(env.project_dir) / relative_path).read_text(encoding="utf-8"))
        if day is None:
            raise ValueError(f"{relative_path} names no day it describes (a comment 'as of: YYYY-MM-DD')")
        return day

    @env.macro
    def sample_clause_link() -> str:
        """A link to one clause (the first that rules check), to show what clause links look like."""
        from oahandbook.site.regulation import heading_text

        depth = {node.id: d for d, node in bundle.regulation.walk()}
        clauses = bundle.regulation.clauses()
        clause = next((c for c in clauses if bundle.rules_for(c.id)), clauses[0])
        text = f"{clause.id} {heading_text(clause, depth[clause.id], lang())}"
        return f"[{md.escape(text)}]({_rel_from(env.page.file.src_uri, 'regulation.md')}#{clause.anchor})"

    @env.macro
    def print_link(text: str) -> str:
        """A link to the print page (made by mkdocs-print-site, so not a file MkDocs can check)."""
        target = "print_page/" if lang() == "zh" else "en/print_page/"
        href = posixpath.relpath(target, env.page.url or ".") + "/"
        return f'<a href="{md.html_text(href)}">{md.html_text(text)}</a>'

    @env.macro
    def rules_table(target: str) -> str:
        """Code, title and severity of the rules for one target, linked to their pages."""
        from oahandbook.site.labels import label
        from oahandbook.site.rules import severity_badge

        page = env.page.file.src_uri
        rows = []
        for rule in sorted(bundle.rules.values(), key=lambda r: r.code):
            if rule.target != target or rule.deprecated is not None:
                continue
            link = _rel_from(page, f"rules/{rule.code}.md")
            rows.append(
                [f"[{rule.code}]({link})", md.escape(pick(rule.title, lang())), severity_badge(rule.severity, lang())]
            )
        header = [label("rules.code", lang()), label("rules.rule_title", lang()), label("rules.severity", lang())]
        return md.table(header, rows) if rows else label("rules.none", lang())


def _rel_from(page_src_uri: str, target: str) -> str:
    """A link from a (possibly language-suffixed) hand-written page to a generated page."""
    from oahandbook.site import links

    return links.rel(page_src_uri, target)
