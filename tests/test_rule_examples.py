"""Every rule's own examples are run: failing ones must fail with that rule, passing ones must not.

Ids look like ``PI01-fail-0`` so ``pytest -k PI01`` runs one rule's examples. The same
examples are what the handbook shows on each rule page.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from oahandbook.data.bundle import load_bundle
from oahandbook.engine.check import Context
from oahandbook.engine.config import Config, load_config
from oahandbook.run.files import check_file

BUNDLE = load_bundle()
DEFAULT_NAMES = {"article": "draft.md", "account": "account.yaml"}


def _cases():
    for code, rule in sorted(BUNDLE.rules.items()):
        for kind, examples in (("fail", rule.examples.fail), ("pass", rule.examples.pass_)):
            for index, example in enumerate(examples):
                yield pytest.param(rule, kind, example, id=f"{code}-{kind}-{index}")


def run_example(rule, example, tmp_path: Path):
    name = example.path or DEFAULT_NAMES[rule.target]
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(example.input, encoding="utf-8")
    for extra in getattr(example, "files", None) or []:
        (tmp_path / extra).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / extra).write_bytes(b"\x89PNG\r\n\x1a\n")
    config = Config()
    if example.config:
        config_path = tmp_path / ".oahandbook.yaml"
        config_path.write_text(example.config, encoding="utf-8")
        config = load_config(config_path)
    ctx = Context(bundle=BUNDLE, config=config, today=example.today or dt.date(2026, 11, 23), base_dir=tmp_path)
    return check_file(path, name, ctx, kind=rule.target)


@pytest.mark.parametrize(("rule", "kind", "example"), list(_cases()))
def test_example(rule, kind, example, tmp_path):
    result = run_example(rule, example, tmp_path)
    assert not result.problems, "example is not even usable input:\n" + "\n".join(map(str, result.problems))
    # A suggestion is not a problem: a passing example may have one, unless suggestions are all
    # the rule ever reports.
    mine = [
        f
        for f in result.findings
        if f.code == rule.code
        and not f.waived
        and (kind == "fail" or f.severity != "suggestion" or rule.severity == "suggestion")
    ]
    shown = "\n".join(f"{f.line}:{f.column} {f.code} {f.severity} {f.message()}" for f in result.findings)
    if kind == "pass":
        assert not mine, f"passing example of {rule.code} fails:\n{shown}"
        return
    assert mine, f"failing example of {rule.code} produced no {rule.code} finding:\n{shown}"
    for expected in example.expect:
        code = expected.code or rule.code
        assert any(
            f.code == code
            and f.line == expected.line
            and (expected.column is None or f.column == expected.column)
            and (expected.severity is None or f.severity == expected.severity)
            for f in result.findings
        ), f"expected {code} {expected.severity or ''} at {expected.line}:{expected.column}, got:\n{shown}"
    for finding in mine:
        assert "{" not in finding.message("zh") and "{" not in finding.message("en"), finding.message()


def test_every_rule_has_both_kinds_of_example():
    for rule in BUNDLE.rules.values():
        assert rule.examples.fail and rule.examples.pass_, rule.code
