"""One page per rule, in the sections ruff's documentation uses, and the rules index.

The examples shown are the rule's own ``examples`` — the very inputs the parametrised rule test
runs — so what a reader sees is what is tested.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oahandbook.base.i18n import Lang, pick
from oahandbook.site import links
from oahandbook.site import markdown as md
from oahandbook.site.labels import label
from oahandbook.site.placeholders import with_samples
from oahandbook.site.regulation import clause_label

if TYPE_CHECKING:
    from oahandbook.data.bundle import Bundle
    from oahandbook.data.models import Example, Rule

DEFAULT_PATH = {"article": "draft.md", "account": "account.yaml"}
FENCE_LANG = {"article": "markdown", "account": "yaml"}
WAIVER = {
    "article": "<!-- oahandbook-disable-next-line {code}: {reason} -->",
    "account": "# oahandbook-disable-next-line {code}: {reason}",
}


def severity_badge(severity: str, lang: Lang) -> str:
    return (
        f'<span class="oa-severity oa-severity--{severity}">{md.html_text(label("severity." + severity, lang))}</span>'
    )


def clause_link(bundle: Bundle, clause_id: str, page: str, lang: Lang) -> str:
    clause = bundle.sections[clause_id]
    text = clause_label(clause, lang)
    return f"[{md.escape(text)}]({links.rel(page, links.REGULATION, clause.anchor)})"


def rule_page(bundle: Bundle, rule: Rule, lang: Lang) -> str:
    page = links.rule_page(rule.code)
    title = f"{rule.code} {pick(rule.title, lang)}"
    yes_no = label("yes" if rule.waivable else "no", lang)
    facts = [
        [label("rules.name", lang), f"`{rule.name}`"],
        [label("rules.family", lang), md.escape(pick(rule.family, lang))],
        [label("rules.target", lang), label("target." + rule.target, lang)],
        [label("rules.severity", lang), severity_badge(rule.severity, lang)],
        [label("rules.clause", lang), clause_link(bundle, rule.clause, page, lang)],
        [label("rules.since", lang), md.escape(rule.since)],
        [label("rules.waivable", lang), yes_no],
        [label("rules.check", lang), f"`{rule.check}`"],
    ]
    if rule.aliases:
        facts.append([label("rules.aliases", lang), ", ".join(md.code_span(a) for a in rule.aliases)])
    out = [
        md.front_matter(title=title, render_macros=False),
        f"# {md.escape(title)}",
        "",
    ]
    if rule.deprecated is not None:
        replaced = ""
        if rule.deprecated.replaced_by:
            codes = ", ".join(f"[{c}]({links.rel(page, links.rule_page(c))})" for c in rule.deprecated.replaced_by)
            replaced = label("rules.replaced_by", lang, codes=codes)
        body = label("rules.deprecated.body", lang, version=rule.deprecated.since, replaced=replaced)
        body += "\n\n" + md.inline_text(pick(rule.deprecated.note, lang))
        out.append(md.admonition("warning", label("rules.deprecated", lang), body))
    out += [
        md.table([label("rules.code", lang), f"`{rule.code}`"], facts),
        "",
        f"## {label('rule.what', lang)}",
        "",
        label(
            "rule.what.body",
            lang,
            target=label("target." + rule.target, lang),
            target_lc=label("target." + rule.target, lang).lower(),
            title=md.escape(pick(rule.title, lang)),
        ),
        "",
        "> " + md.inline_text(with_samples(rule.code, pick(rule.message, lang), lang)[0]),
        "",
        label("rule.what.sample", lang),
        "{ .oa-sample-note }",
        "",
        f"## {label('rule.why', lang)}",
        "",
        md.inline_text(pick(rule.why, lang)),
        "",
        *level_section(bundle, rule, lang),
        f"## {label('rule.example', lang)}",
        "",
        label("rule.example.intro", lang),
        "",
        example_tabs(rule, lang),
        "",
        f"## {label('rule.fix', lang)}",
        "",
        md.inline_text(pick(rule.fix, lang)),
        "",
        f"## {label('rule.waiver', lang)}",
        "",
    ]
    if rule.waivable:
        waiver = WAIVER[rule.target].format(code=rule.code, reason=label("rule.reason", lang))
        out += [label("rule.waivable.yes", lang), "", md.fence(waiver, FENCE_LANG[rule.target])]
    else:
        out.append(label("rule.waivable.no", lang))
    # The clause is linked, not quoted: its words belong to the regulation page, where a search
    # for them should land (a rule page quoting them would outrank the page about them).
    out += ["", f"## {label('rule.clause_text', lang)}", "", clause_link(bundle, rule.clause, page, lang)]
    return "\n".join(out).rstrip() + "\n"


def _entries(bundle: Bundle, selectors: list[str], lang: Lang = "zh") -> list[tuple[str, list[str]]]:
    """(what the selector names, its terms) for ``category`` or ``category/group`` selectors."""
    out = []
    for selector in selectors:
        category, _, group = selector.partition("/")
        for lexicon in bundle.lexicons.values():
            if lexicon.category != category:
                continue
            entries = [e for e in lexicon.entries if not group or e.group == group]
            name = category
            if group:
                name = pick(lexicon.groups[group], lang) if group in lexicon.groups else group
            # A pattern is shown by what its note says it finds (its regex means nothing to readers).
            terms = [e.term if e.term is not None else pick(e.note, lang) if e.note else None for e in entries]
            out.append((name, [t for t in terms if t]))
    return out


def _term_list(terms: list[str], lang: Lang) -> str:
    # One term per source line: the HTML keeps the line breaks, and the print-site plugin's
    # anchor regex is quadratic in the length of a line.
    return ("、\n" if lang == "zh" else ",\n").join(md.code_span(t) for t in terms)


def level_section(bundle: Bundle, rule: Rule, lang: Lang) -> list[str]:
    """For lexicon rules: what decides a finding's level, with the markers themselves (data)."""
    if rule.check != "lexicon":
        return []
    params = rule.params
    out = [f"## {label('rule.levels', lang)}", "", label("rule.levels.intro", lang), ""]
    objects = _entries(bundle, params.get("categories", []))
    count = sum(len(terms) for _, terms in objects)
    out += [
        f"- {label('rule.levels.objects', lang, count=count, categories=', '.join(md.code_span(c) for c in params.get('categories', [])))}"
    ]
    for combination in params.get("combine", []):
        partners = ", ".join(md.code_span(c) for c in combination.get("with", []))
        which = ", ".join(md.code_span(c) for c in combination.get("objects", [])) or label("rule.levels.any", lang)
        out.append(
            "- "
            + label(
                "rule.levels.combine",
                lang,
                objects=which,
                partners=partners,
                window=combination.get("window", 16),
                level=severity_badge(combination.get("severity", "error"), lang),
            )
        )
    if params.get("lower"):
        out.append("- " + label("rule.levels.lower", lang))
    if params.get("raise"):
        out.append("- " + label("rule.levels.raise", lang))
    out.append("")
    for key, selectors in (
        ("rule.levels.partners", [c for comb in params.get("combine", []) for c in comb.get("with", [])]),
        ("rule.levels.lower_markers", params.get("lower", [])),
        ("rule.levels.raise_markers", params.get("raise", [])),
    ):
        groups = _entries(bundle, list(dict.fromkeys(selectors)), lang)
        if not groups:
            continue
        colon = "：" if lang == "zh" else ": "
        body = "\n\n".join(f"**{md.escape(name)}**{colon}{_term_list(terms, lang)}" for name, terms in groups)
        # Out of the search index: these marker words are quoted, not what the page is about
        # (eight rules share the sale-intent list; 隐私发货 in it put them above the privacy
        # rules in a search for 隐私).
        out += [
            '<div class="oa-markers" data-search-exclude markdown>',
            "",
            md.admonition("abstract", label(key, lang), body, collapsible=True),
            "</div>",
            "",
        ]
    return out


def example_tabs(rule: Rule, lang: Lang) -> str:
    tabs = []
    for kind, examples in (("fail", rule.examples.fail), ("pass", rule.examples.pass_)):
        for index, example in enumerate(examples, start=1):
            name = label("rule." + kind, lang) + (f" {index}" if len(examples) > 1 else "")
            body = example_body(rule, example, kind, lang)
            tabs.append(f'=== "{name}"\n\n{md.indent(body)}\n')
    return "\n".join(tabs)


def example_body(rule: Rule, example: Example, kind: str, lang: Lang) -> str:
    parts = []
    if example.note is not None:
        parts.append(md.inline_text(pick(example.note, lang)))
    lines = [e.line for e in example.expect] if kind == "fail" else None
    path = example.path or DEFAULT_PATH[rule.target]
    parts.append(md.fence(example.input, FENCE_LANG[rule.target], title=path, hl_lines=lines))
    if kind == "fail" and example.expect:
        where = []
        for e in example.expect:
            key = "rule.expect.col" if e.column else "rule.expect.at"
            where.append(label(key, lang, line=e.line, column=e.column) + (f" `{e.code}`" if e.code else ""))
        separator = "；" if lang == "zh" else "; "
        colon = "：" if lang == "zh" else ": "
        parts.append(f"{label('rule.expect', lang)}{colon}{separator.join(where)}")
    if example.config:
        parts.append(f"{label('rule.config', lang)}:" if lang == "en" else f"{label('rule.config', lang)}：")
        parts.append(md.fence(example.config, "yaml", title=".oahandbook.yaml"))
    if example.today:
        parts.append(label("rule.today", lang, date=example.today.isoformat()))
    if example.files:
        parts.append(label("rule.files", lang, files=", ".join(md.code_span(f) for f in example.files)))
    return "\n\n".join(parts)


def rules_index_page(bundle: Bundle, lang: Lang) -> str:
    page = links.RULES_INDEX
    rules = sorted(bundle.rules.values(), key=lambda r: r.code)
    out = [
        md.front_matter(title=label("rules.title", lang), render_macros=False),
        f"# {label('rules.title', lang)}",
        "",
        label("rules.intro", lang, count=len([r for r in rules if r.deprecated is None])),
        "",
    ]
    if not rules:
        out.append(label("rules.none", lang))
        return "\n".join(out) + "\n"
    header = [
        label("rules.code", lang),
        label("rules.rule_title", lang),
        label("rules.family", lang),
        label("rules.severity", lang),
        label("rules.target", lang),
        label("rules.clause", lang),
    ]
    rows = []
    for rule in rules:
        title = md.escape(pick(rule.title, lang))
        if rule.deprecated is not None:
            title += f" ({label('rules.deprecated', lang)})"
        clause = bundle.sections[rule.clause]
        rows.append(
            [
                f"[{rule.code}]({links.rel(page, links.rule_page(rule.code))})",
                title,
                md.escape(pick(rule.family, lang)),
                severity_badge(rule.severity, lang),
                label("target." + rule.target, lang),
                f"[{rule.clause}]({links.rel(page, links.REGULATION, clause.anchor)})",
            ]
        )
    filter_attrs = (
        f'data-label-filter="{md.html_text(label("rules.filter", lang))}" '
        f'data-label-all="{md.html_text(label("rules.all", lang))}" data-filter-columns="2 3 4"'
    )
    out += [f'<div class="oa-rules-index" {filter_attrs} markdown>', "", md.table(header, rows), "", "</div>"]
    return "\n".join(out) + "\n"
