"""Adversarial drafts: patterns that make naive regular expressions backtrack for minutes.

Each input is about half a megabyte; a linear checker handles each in well under a second.
The test only guards against a hang (20 s per input, ~100x what a linear pass takes), not a
benchmark: speed is measured by bench/run.py.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

CASES = {
    "backticks": "`a" * 200000,
    "mixed-ticks": "`` a ` b " * 60000,
    "less-than": "<a " * 200000,
    "brackets": "[x](" * 200000,
    "bracket-paren": "](" * 200000,
    "open-brackets": "[" * 400000,
    "schemes": "http://" * 100000,
    "www": "www." * 100000,
    "quotes": "> 引用\n" * 100000,
    "digits": "1" * 400000,
    "card-groups": "6222 " * 100000,
    "at-signs": "a@" * 200000,
    "dotted-domain": "a@" + "b." * 200000,
    "comment-openers": "<!--" * 100000,
    "fences": "```\n" * 100000,
    "zero-width": "赌\u200b" * 200000,
    "many-hits": ("赌博，" * 50 + "\n") * 800,
    # An object next to an intent everywhere: every finding has partners and markers around it.
    "dense-offers": "冰毒出售" * 20000,
    # As many allowed phrases as matches (第1 is an ordinal next to the absolute term 第一).
    "allowed-flood": "第1条" * 60000,
    "markers-flood": "冰毒警方私聊加微信" * 10000,
    "digit-runs-chinese": "幺三八 " * 100000,
}

SCRIPT = """
import sys
from oahandbook.article.draft import parse_draft
from oahandbook.engine.check import Context, check_document
ctx = Context()
body = sys.stdin.read()
draft = parse_draft("---\\ntitle: t\\nauthor: a\\ncover: c.png\\n---\\n" + body, "x.md")
findings = check_document(draft, "article", ctx)
print(len(findings))
"""


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_adversarial_draft_finishes(name):
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        input=CASES[name],
        capture_output=True,
        text=True,
        timeout=20,
        encoding="utf-8",
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().isdigit()
