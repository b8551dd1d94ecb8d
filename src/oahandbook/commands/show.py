"""``oahandbook show ID``: one clause or rule in full."""

from __future__ import annotations

from oahandbook.base.errors import InputError
from oahandbook.base.i18n import SEVERITY_WORDS as SEVERITY
from oahandbook.base.i18n import STATUS_WORDS as STATUS
from oahandbook.base.i18n import get_lang, pick, t
from oahandbook.base.yamlio import closest
from oahandbook.commands import report_input_error
from oahandbook.data.bundle import Bundle, load_bundle
from oahandbook.data.models import Rule, Section
from oahandbook.engine.findings import Exit, clause_url, rule_url

LABELS = {
    "text": {"zh": "制度原文", "en": "The regulation's words (Chinese)"},
    "translation": {"zh": "英文译文", "en": "Translation"},
    "guidance": {"zh": "手册指引", "en": "Handbook guidance"},
    "status": {"zh": "自动化程度", "en": "Status"},
    "rules": {"zh": "相关规则", "en": "Rules"},
    "references": {"zh": "参考依据", "en": "References"},
    "since": {"zh": "起始版本", "en": "Since"},
    "severity": {"zh": "严重程度", "en": "Severity"},
    "clause": {"zh": "对应条款", "en": "Clause"},
    "why": {"zh": "为什么重要", "en": "Why it matters"},
    "fix": {"zh": "如何修改", "en": "How to fix"},
    "waivable": {"zh": "可豁免", "en": "Waivable"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否（行内注释不能豁免）", "en": "no (inline comments cannot waive it)"},
    "examples": {"zh": "示例", "en": "Examples"},
    "fail": {"zh": "不合规示例", "en": "Failing example"},
    "pass": {"zh": "合规示例", "en": "Passing example"},
    "link": {"zh": "手册页面", "en": "Handbook page"},
}


def run(args) -> int:
    try:
        bundle = load_bundle()
    except InputError as exc:
        return report_input_error(exc)
    key = args.id.strip()
    base = _handbook_url()
    section = bundle.sections.get(key) or bundle.sections.get(key.upper())
    if section is not None:
        print(render_section(section, bundle, base))
        return Exit.CLEAN
    rule = bundle.resolve_rule(key)
    if rule is not None:
        print(render_rule(rule, bundle, base))
        return Exit.CLEAN
    options = [*bundle.sections, *bundle.rules, *(r.name for r in bundle.rules.values())]
    guess = closest(key, options) or closest(key.upper(), options)
    print(t("cli.unknown_id", id=key, suggest=t("val.suggest", name=guess) if guess else ""))
    return Exit.UNUSABLE


def _handbook_url() -> str | None:
    """The nearest config's ``handbook_url``, so that ``show`` links where findings do."""
    from pathlib import Path

    from oahandbook.engine.config import load_config
    from oahandbook.run.discovery import find_config

    path = find_config(Path.cwd())
    if path is None:
        return None
    try:
        return load_config(path).handbook_url
    except InputError:  # `check` reports a broken config; here the links fall back
        return None


def _label(name: str) -> str:
    return pick(LABELS[name], get_lang())


def render_section(section: Section, bundle: Bundle, base: str | None = None) -> str:
    lang = get_lang()
    lines = [f"{section.id}  {section.number} {pick(section.title, lang)}", ""]
    if not section.is_clause:
        for child in section.children:
            lines.append(f"  {child.id}  {child.number} {pick(child.title, lang)}")
        return "\n".join(lines)
    lines += [f"{_label('text')}:", f"  {section.text}", ""]
    lines += [f"{_label('translation')}:", f"  {section.translation}", ""]
    lines += [f"{_label('guidance')}:", *("  " + x for x in pick(section.guidance, lang).splitlines()), ""]
    codes = [r.code for r in bundle.rules_for(section.id)]
    lines.append(f"{_label('status')}: {pick(STATUS[section.status], lang)}")
    lines.append(f"{_label('rules')}: {', '.join(codes) or '-'}")
    refs = {r.id: r for r in bundle.regulation.references}
    for ref in section.references:
        articles = " " + "、".join(ref.articles) if ref.articles else ""
        lines.append(f"{_label('references')}: 《{refs[ref.ref].title.zh}》{articles}")
    lines.append(f"{_label('since')}: {section.since}")
    lines.append(f"{_label('link')}: {clause_url(section.id, base, lang)}")
    return "\n".join(lines)


def render_rule(rule: Rule, bundle: Bundle, base: str | None = None) -> str:
    lang = get_lang()
    clause = bundle.sections[rule.clause]
    lines = [
        f"{rule.code}  {rule.name}  {pick(rule.title, lang)}",
        "",
        f"{_label('severity')}: {pick(SEVERITY[rule.severity], lang)}",
        f"{_label('clause')}: {clause.id} {clause.number} {pick(clause.title, lang)}",
        f"{_label('waivable')}: {_label('yes' if rule.waivable else 'no')}",
        f"{_label('since')}: {rule.since}",
        "",
        f"{_label('why')}:",
        *("  " + x for x in pick(rule.why, lang).splitlines()),
        "",
        f"{_label('fix')}:",
        *("  " + x for x in pick(rule.fix, lang).splitlines()),
        "",
    ]
    for kind, examples in (("fail", rule.examples.fail), ("pass", rule.examples.pass_)):
        for example in examples:
            lines.append(f"{_label(kind)}:")
            lines += ["  | " + x for x in example.input.rstrip("\n").splitlines()]
            lines.append("")
    lines.append(f"{_label('link')}: {rule_url(rule.code, base, lang)}")
    return "\n".join(lines)
