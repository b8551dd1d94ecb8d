"""Run rules over one document: check types produce hits; the engine turns them into findings,
applies severity overrides and waivers, and reports waiver problems (WV rules)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from oahandbook.bundle import Bundle
from oahandbook.config import Config, default_config
from oahandbook.findings import Finding, Hit, rule_url
from oahandbook.i18n import LANGS
from oahandbook.models import Rule
from oahandbook.registry import check_types
from oahandbook.waivers import Waiver, parse_waivers


class Document(Protocol):
    path: str
    text: str


@dataclass
class Context:
    bundle: Bundle
    config: Config = field(default_factory=default_config)
    today: dt.date = field(default_factory=dt.date.today)
    base_dir: Path = field(default_factory=Path.cwd)  # where config-relative paths start
    cache: dict[Any, Any] = field(default_factory=dict)

    def severity(self, rule: Rule) -> str:
        """The configured severity of a rule: ``error``, ``warning`` or ``off``."""
        for key in (rule.code, rule.name, *rule.aliases):
            if key in self.config.severity:
                return self.config.severity[key]
        return rule.severity

    def policy(self, fact_id: str) -> Any:
        if fact_id in self.config.policy:
            return self.config.policy[fact_id]
        return self.bundle.platform.value(fact_id)

    def params(self, rule: Rule) -> Any:
        key = ("params", rule.code)
        if key not in self.cache:
            self.cache[key] = check_types()[rule.check].parse_params(rule)
        return self.cache[key]

    def active_rules(self, target: str) -> list[Rule]:
        return [
            r for r in self.bundle.rules.values()
            if r.target == target and r.deprecated is None and self.severity(r) != "off"
        ]


class _Args(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def format_message(template: dict[str, str], args: dict[str, Any]) -> dict[str, str]:
    out = {}
    for lang in LANGS:
        filled = _Args({k: (v.get(lang, v.get("zh")) if isinstance(v, dict) else v) for k, v in args.items()})
        out[lang] = template[lang].format_map(filled)
    return out


def make_finding(rule: Rule, hit: Hit, path: str, ctx: Context) -> Finding:
    template = rule.messages[hit.key] if hit.key else rule.message
    severity = ctx.severity(rule)
    if hit.severity and rule.code not in ctx.config.severity and rule.name not in ctx.config.severity:
        severity = hit.severity
    return Finding(
        path=path,
        line=hit.line,
        column=hit.column,
        code=rule.code,
        name=rule.name,
        severity=severity,
        clause=rule.clause,
        texts=format_message(template.model_dump(), hit.args),
        fix=rule.fix.model_dump(),
        url=rule_url(rule.code, ctx.config.handbook_url),
        end_line=hit.end_line,
        end_column=hit.end_column,
    )


def check_document(doc: Document, target: str, ctx: Context, *, rules: list[Rule] | None = None) -> list[Finding]:
    """Every finding for one parsed document, waived ones included (marked ``waived``)."""
    types = check_types()
    findings: list[Finding] = []
    selected = ctx.active_rules(target) if rules is None else rules
    meta = [r for r in selected if r.check == "waiver"]
    for rule in selected:
        if rule.check == "waiver":
            continue
        check = types[rule.check]
        for hit in check.func(rule, ctx.params(rule), doc, ctx):
            findings.append(make_finding(rule, hit, doc.path, ctx))
    waivers = parse_waivers(doc.text)
    if waivers:
        findings = _apply_waivers(findings, waivers, ctx)
    if meta or (rules is None and waivers):
        for rule in meta or [r for r in ctx.bundle.rules.values() if r.check == "waiver"]:
            if ctx.severity(rule) == "off":
                continue
            for hit in types["waiver"].func(rule, ctx.params(rule), waivers, ctx):
                findings.append(make_finding(rule, hit, doc.path, ctx))
    findings.sort(key=Finding.sort_key)
    return findings


def _apply_waivers(findings: list[Finding], waivers: list[Waiver], ctx: Context) -> list[Finding]:
    out = []
    for finding in findings:
        rule = ctx.bundle.rules[finding.code]
        keys = {rule.code, rule.name, *rule.aliases, "all"}
        waiver = next(
            (w for w in waivers if w.covers(finding.line) and any(c in keys or c.upper() in keys for c in w.codes)),
            None,
        )
        if waiver is None:
            out.append(finding)
            continue
        if not rule.waivable:
            waiver.used.add("!" + rule.code)  # remembered so the waiver rule can say it was refused
            out.append(finding)
            continue
        waiver.used.add(rule.code)
        from dataclasses import replace

        out.append(replace(finding, waived=True, waiver_reason=waiver.reason))
    return out
