"""``oahandbook rules``: every clause and rule, one line each."""

from __future__ import annotations

import json

from oahandbook.base.errors import InputError
from oahandbook.base.i18n import SEVERITY_WORDS as SEVERITY
from oahandbook.base.i18n import STATUS_WORDS as STATUS
from oahandbook.base.i18n import get_lang, pick
from oahandbook.commands import report_input_error
from oahandbook.data.bundle import load_bundle
from oahandbook.engine.findings import Exit

HEAD = {
    "clauses": {"zh": "条款", "en": "Clauses"},
    "rules": {"zh": "规则", "en": "Rules"},
}


def pad(text: str, width: int) -> str:
    """Left-align in a terminal column: a Chinese character takes two cells."""
    from oahandbook.outputs.terminal import text_width

    return text + " " * max(1, width - text_width(text))


def run(args) -> int:
    try:
        bundle = load_bundle()
    except InputError as exc:
        return report_input_error(exc)
    lang = get_lang()
    rules = [r for r in bundle.rules.values() if args.target in (None, r.target)]
    if args.format == "json":
        out = {
            "clauses": [
                {
                    "id": c.id,
                    "number": c.number,
                    "title": c.title.model_dump(),
                    "status": c.status,
                    "rules": [r.code for r in bundle.rules_for(c.id)],
                }
                for c in bundle.regulation.clauses()
            ],
            "rules": [
                {
                    "code": r.code,
                    "name": r.name,
                    "target": r.target,
                    "severity": r.severity,
                    "clause": r.clause,
                    "title": r.title.model_dump(),
                    "waivable": r.waivable,
                    "deprecated": r.deprecated is not None,
                }
                for r in rules
            ],
        }
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return Exit.CLEAN
    if args.target is None:
        print(f"# {pick(HEAD['clauses'], lang)}")
        for clause in bundle.regulation.clauses():
            codes = ",".join(r.code for r in bundle.rules_for(clause.id)) or "-"
            print(
                f"{pad(clause.id, 10)}{pad(pick(STATUS[clause.status], lang), 10)}{pad(codes, 28)}{pick(clause.title, lang)}"
            )
        print()
    print(f"# {pick(HEAD['rules'], lang)}")
    for rule in sorted(rules, key=lambda r: r.code):
        flag = " (deprecated)" if rule.deprecated else ""
        print(
            f"{pad(rule.code, 7)}{pad(pick(SEVERITY[rule.severity], lang), 9)}{pad(rule.clause, 11)}"
            f"{pad(rule.name, 33)}{pick(rule.title, lang)}{flag}"
        )
    return Exit.CLEAN
