"""Run rules over one document: check types produce hits; the engine turns them into findings,
applies severity overrides and waivers, and reports waiver problems (WV rules)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from oahandbook.base.i18n import LANGS, SEVERITY_RANK, get_lang
from oahandbook.data.registry import check_types
from oahandbook.engine.findings import Finding, Hit, rule_url
from oahandbook.engine.redaction import redact
from oahandbook.engine.runtime import Runtime, as_dict, load_runtime
from oahandbook.engine.waivers import Waiver, WaiverIndex, parse_waivers

if TYPE_CHECKING:
    from oahandbook.data.bundle import Bundle


class Document(Protocol):
    path: str
    text: str


class Context:
    """Everything a check may read. ``bundle`` (the full validated data) loads on first use.

    ``config`` is a Config model or its plain view; ``base_dir`` is where config-relative
    paths start; ``cache`` holds what checks build once per run (the lexicon automaton).
    """

    def __init__(
        self,
        bundle: Bundle | None = None,
        config: Any = None,
        today: dt.date | None = None,
        base_dir: Path | None = None,
        runtime: Runtime | None = None,
    ):
        self.bundle_ = bundle
        self.runtime = runtime or load_runtime()
        self.config = config if config is not None else self.runtime.default_config
        self.today = today or dt.date.today()
        self.base_dir = base_dir or Path.cwd()
        self.cache = {}
        # Findings below this level are counted, not built (a report that hides them never
        # pays for their messages); None keeps every finding (the library's default).
        self.min_severity: str | None = None
        # The codes of the rules a run is narrowed to (``--select``/``--ignore``); None: all.
        # The others do not run at all, and waivers naming only them are not judged unused.
        self.selection: frozenset[str] | None = None

    @property
    def bundle(self) -> Bundle:
        if self.bundle_ is None:
            from oahandbook.data.bundle import load_bundle

            self.bundle_ = load_bundle()
        return self.bundle_

    @property
    def rules(self) -> dict[str, Any]:
        return self.runtime.rules

    def _override(self, rule: Any) -> str | None:
        """The severity the config sets for a rule (by code, name or an old alias), if any."""
        overrides = self.config.severity
        for key in (rule.code, rule.name, *rule.aliases):
            if key in overrides:
                return overrides[key]
        return None

    def severity(self, rule: Any) -> str:
        """The configured severity of a rule: ``error``, ``warning`` or ``off``."""
        return self._override(rule) or rule.severity

    def policy(self, fact_id: str) -> Any:
        if fact_id in self.config.policy:
            return self.config.policy[fact_id]
        return self.runtime.facts[fact_id]

    def params(self, rule: Any) -> Any:
        parsed = getattr(rule, "parsed", None)
        if parsed is not None:
            return parsed
        key = ("params", rule.code)
        if key not in self.cache:
            self.cache[key] = check_types(rule.target)[rule.check].parse_params(rule)
        return self.cache[key]

    def level(self, rule: Any, own: str | None) -> str:
        """A hit's level: its own (a lexicon entry's, a context's) unless the config sets the rule's."""
        override = self._override(rule)
        return override or own or rule.severity

    def shows(self, rule: Any, severity: str) -> bool:
        """Would a finding of ``rule`` at ``severity`` be built (see ``min_severity``)? Checks
        use it to skip formatting what is only counted."""
        level = self.level(rule, severity)
        full = _FULL.get()
        if full and (rule.code, level) in full:
            return False
        if self.min_severity is None:
            return True
        return SEVERITY_RANK[level] >= SEVERITY_RANK[self.min_severity]

    def counts_only(self, rule: Any, level: str) -> bool:
        """Whether a hit of ``rule`` at ``level`` is only counted, never shown: below the report's
        level, or past the rule's listing, in a document no waiver could concern. A check then
        skips building its message (and may yield such hits in bulk, as one ``Hit`` with a count)."""
        return not _WAIVERS.get() and not self.shows(rule, level)

    def active_rules(self, target: str, *, narrowed: bool = True) -> list[Any]:
        """The rules of ``target`` that run: not off, not deprecated and (when ``narrowed``)
        in the run's selection."""
        return [r for r in self.rules.values() if r.target == target and self.runs(r, narrowed=narrowed)]

    def runs(self, rule: Any, *, narrowed: bool = True) -> bool:
        """Whether ``rule`` runs: not off, not deprecated and (when ``narrowed``) selected."""
        chosen = self.selection if narrowed else None
        return rule.deprecated is None and self.severity(rule) != "off" and (chosen is None or rule.code in chosen)

    def selected(self, code_or_name: str) -> bool:
        """Whether a waiver's word (a code, a rule's name or alias, ``all``) names a rule this
        run checks (always, when the run is not narrowed)."""
        chosen = self.selection
        if chosen is None:
            return True
        if code_or_name == "all":  # names the rules left out too
            return False
        code = code_or_name.upper() if code_or_name.upper() in self.rules else self.runtime.names.get(code_or_name)
        return code in chosen


class _Args(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: dict[str, str], args: dict[str, Any]) -> dict[str, str]:
    out = {}
    for lang in LANGS:
        filled = _Args({k: (v.get(lang, v.get("zh")) if isinstance(v, dict) else v) for k, v in args.items()})
        out[lang] = template[lang].format_map(filled)
    return out


def make_finding(rule: Any, hit: Hit, path: str, ctx: Context, severity: str | None = None, doc: Any = None) -> Finding:
    template = rule.messages[hit.key] if hit.key else rule.message
    severity = severity or ctx.level(rule, hit.severity)
    return Finding(
        path=path,
        line=hit.line,
        column=hit.column,
        code=rule.code,
        name=rule.name,
        severity=severity,
        clause=rule.clause,
        texts=format_message(as_dict(template), hit.args),
        fix=as_dict(rule.fix),
        url=rule_url(rule.code, ctx.config.handbook_url),
        end_line=hit.end_line,
        end_column=hit.end_column,
        excerpt=doc.excerpt(hit.line, hit.column) if hasattr(doc, "excerpt") else None,
        lang=get_lang(),
        replacement=hit.replacement,
    )


def check_document(doc: Document, target: str, ctx: Context, *, rules: list[Any] | None = None) -> list[Finding]:
    """Every finding for one parsed document, waived ones included (marked ``waived``)."""
    return check_document_and_waivers(doc, target, ctx, rules=rules)[0]


# Findings of one rule at one level listed per document; beyond, they are counted (a spam page
# that repeats a term 200,000 times needs a handful of examples and a count, not 200,000 lines).
MAX_FINDINGS_PER_RULE = 1000
# (rule code, level) pairs of the document being checked (in this thread or task) that have
# listed their MAX_FINDINGS_PER_RULE findings: checks count further hits without building them.
_FULL: ContextVar[set[tuple[str, str]] | None] = ContextVar("oahandbook_full", default=None)
# Whether the document being checked holds a waiver (outside the engine: assume it may).
_WAIVERS: ContextVar[bool] = ContextVar("oahandbook_waivers", default=True)


def check_document_and_waivers(
    doc: Document,
    target: str,
    ctx: Context,
    *,
    rules: list[Any] | None = None,
    hidden: dict[str, int] | None = None,
    unlisted: dict[str, int] | None = None,
) -> tuple[list[Finding], list[Waiver]]:
    """The findings and the waivers (with what each one waived) of one parsed document.

    Hits below ``ctx.min_severity`` that no waiver could concern are counted in ``hidden`` (by
    level) instead of becoming findings; so are, in ``unlisted``, those of a rule at a level
    beyond the first :data:`MAX_FINDINGS_PER_RULE` (when ``unlisted`` is given)."""
    types = check_types(target)  # type: ignore[arg-type]
    selected = ctx.active_rules(target) if rules is None else rules
    meta = [r for r in selected if r.check == "waiver"]
    # A waiver shown inside a code sample is an example, not a waiver: drafts mask code first.
    waivers = parse_waivers(getattr(doc, "waiver_text", doc.text))
    index = WaiverIndex(waivers) if waivers else None
    floor = SEVERITY_RANK[ctx.min_severity] if ctx.min_severity else -1
    full: set[tuple[str, str]] = set()
    token, waivers_token = _FULL.set(full), _WAIVERS.set(index is not None)
    try:
        findings = [
            finding
            for rule in selected
            if rule.check != "waiver"
            for finding in _findings_of(rule, doc, ctx, types, index, floor, full, hidden, unlisted)
        ]
    finally:
        _FULL.reset(token)
        _WAIVERS.reset(waivers_token)
    if index is not None:
        findings = _apply_waivers(findings, index, ctx)
        if rules is None:  # waivers live in drafts and account files alike
            meta = [r for r in ctx.rules.values() if r.check == "waiver" and ctx.runs(r)]
        for rule in meta:
            for hit in check_types("article")["waiver"].func(rule, ctx.params(rule), waivers, ctx):
                findings.append(make_finding(rule, hit, doc.path, ctx))
    findings.sort(key=Finding.sort_key)
    return findings, waivers


def _findings_of(
    rule: Any,
    doc: Document,
    ctx: Context,
    types: dict[str, Any],
    index: WaiverIndex | None,
    floor: int,
    full: set[tuple[str, str]],
    hidden: dict[str, int] | None,
    unlisted: dict[str, int] | None,
) -> Iterator[Finding]:
    """One rule's findings in one document. A hit a waiver may concern is always built (the
    waiver decides); others below ``floor`` are counted in ``hidden``, and beyond the rule's
    first MAX_FINDINGS_PER_RULE at a level, in ``unlisted`` (when given)."""
    levels: dict[str | None, str] = {}  # a hit's own level -> the level it gets (a link-heavy draft has thousands)
    listed: dict[str, int] = {}  # findings built per level, waivable ones aside
    for hit in types[rule.check].func(rule, ctx.params(rule), doc, ctx):
        severity = levels.get(hit.severity)
        if severity is None:
            severity = levels[hit.severity] = ctx.level(rule, hit.severity)
        if index is not None and index.covers(hit.line):
            yield make_finding(rule, hit, doc.path, ctx, severity, doc)
            continue
        if SEVERITY_RANK[severity] < floor:
            if hidden is not None:
                hidden[severity] = hidden.get(severity, 0) + hit.count
            continue
        count = listed.get(severity, 0)
        if unlisted is not None and count >= MAX_FINDINGS_PER_RULE:
            unlisted[severity] = unlisted.get(severity, 0) + hit.count
            continue
        listed[severity] = count + 1
        if unlisted is not None and count + 1 == MAX_FINDINGS_PER_RULE:
            full.add((rule.code, severity))
        yield make_finding(rule, hit, doc.path, ctx, severity, doc)


def _apply_waivers(findings: list[Finding], index: WaiverIndex, ctx: Context) -> list[Finding]:
    out = []
    keys_of: dict[str, set[str]] = {}
    for finding in findings:
        rule = ctx.rules[finding.code]
        keys = keys_of.get(rule.code)
        if keys is None:
            keys = keys_of[rule.code] = {rule.code, rule.name, *rule.aliases, "all"}
        waiver = index.find(finding.line, keys)
        if waiver is None:
            out.append(finding)
            continue
        if not rule.waivable:
            waiver.used.add("!" + rule.code)  # remembered so the waiver rule can say it was refused
            out.append(finding)
            continue
        waiver.used.add(rule.code)
        out.append(replace(finding, waived=True, waiver_reason=redact(waiver.reason[:200])))
    return out
