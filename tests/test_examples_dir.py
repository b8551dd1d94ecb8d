"""The files under examples/ are what new users copy: the good ones must pass, the bad one
must show the findings the README promises."""

from __future__ import annotations

import json
from pathlib import Path

from oahandbook.commands.main import main

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def test_example_draft_and_account_pass(capsys):
    assert main(["check", str(EXAMPLES / "drafts" / "2026-11-open-day.md")]) == 0
    assert main(["check", "--today", "2026-11-23", str(EXAMPLES / "account.yaml")]) == 0


def test_draft_that_needs_work_shows_each_problem(capsys):
    assert (
        main(["check", "--format", "json", "--min-severity", "suggestion", str(EXAMPLES / "drafts" / "needs-work.md")])
        == 1
    )
    codes = {f["code"] for f in json.loads(capsys.readouterr().out)["findings"] if not f["waived"]}
    assert {"FM06", "IN02", "AD01", "RP01", "RP02", "IN01", "PI03", "PI04", "WV01"} <= codes
