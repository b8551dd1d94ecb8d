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


# Account files of about 1 MB shaped to make a naive check slow (issue 10: a 1 MB account file of
# any shape is checked in seconds). Each is appended to the shipped example account file.
ACCOUNT_CASES = {
    "dotted-value": 'note: "' + "a." * 400_000 + '"\n',
    "dotted-comment": "# " + "a." * 400_000 + "\n",
    "scheme-like": 'note: "' + "a+b-c." * 150_000 + '"\n',
    "tokens": "note: " + "Ab1" * 300_000 + "\n",
    "secret-words": "note: " + "密码：x " * 100_000 + "\n",
    # every key unknown: one position lookup each (a scan of all keys each was 18 s for 32,000)
    "unknown-keys": "".join(f"k{i}: 1\n" for i in range(95_000)),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(ACCOUNT_CASES))
def test_adversarial_account_file_finishes(name, tmp_path):
    from pathlib import Path

    example = (Path(__file__).parent.parent / "examples" / "account.yaml").read_text(encoding="utf-8")
    path = tmp_path / "account.yaml"
    path.write_text(example + "\n" + ACCOUNT_CASES[name], encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "oahandbook", "check", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        timeout=20,
        encoding="utf-8",
    )
    assert proc.returncode in (0, 1, 2), proc.stderr[-2000:]
    assert "内部错误" not in proc.stdout + proc.stderr
