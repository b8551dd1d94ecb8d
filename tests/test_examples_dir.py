"""The files under examples/ are what new users copy, and what the handbook shows the checker
printing: they are checked with the real date, and the handbook's sample output is made by the
tool at build time (oahandbook.site.sample), never typed by hand."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from oahandbook import load_data
from oahandbook.commands.main import main
from oahandbook.site.sample import SampleError, as_of, console_block

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
ACCOUNT = EXAMPLES / "account.yaml"
# What each example is for: the exit code `oahandbook check` gives it today.
EXPECTED = {
    "drafts/2026-11-open-day.md": 0,
    "drafts/needs-work.md": 1,
    "drafts/saved-article.html": 1,
    "account.yaml": None,  # as of the day it describes: clean; see the tests below
}
# A finding line as the text output prints it, and its summary line.
FINDING_LINE = re.compile(r"^\S+:\d+:\d+: [A-Z]{2}\d{2} ", re.MULTILINE)
SUMMARY_LINE = re.compile(r"检查了 \d+ 个文件|\d+ file\(s\) checked")


def test_every_example_is_accounted_for():
    files = {p.relative_to(EXAMPLES).as_posix() for p in EXAMPLES.rglob("*") if p.is_file()}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", [n for n, code in EXPECTED.items() if code is not None])
def test_example_drafts_give_what_they_are_for_with_the_real_date(name, capsys):
    assert main(["check", str(EXAMPLES / name)]) == EXPECTED[name]


def test_draft_that_needs_work_shows_each_problem(capsys):
    assert (
        main(["check", "--format", "json", "--min-severity", "suggestion", str(EXAMPLES / "drafts" / "needs-work.md")])
        == 1
    )
    codes = {f["code"] for f in json.loads(capsys.readouterr().out)["findings"] if not f["waived"]}
    assert {"FM06", "IN02", "AD01", "RP01", "RP02", "IN01", "PI03", "PI04", "WV01"} <= codes


def test_the_account_example_is_clean_as_of_the_day_it_describes(capsys):
    day = as_of(ACCOUNT.read_text(encoding="utf-8"))
    assert day is not None, "examples/account.yaml says which day it describes ('as of: YYYY-MM-DD')"
    assert dt.date.fromisoformat(day) <= dt.date.today()
    assert main(["check", "--min-severity", "suggestion", "--today", day, str(ACCOUNT)]) == 0
    assert "0 个错误，0 个警告，0 条提示" in capsys.readouterr().out


def test_the_account_example_checked_today_reports_only_what_has_fallen_due(capsys):
    """With the real date only deadlines that passed since can be reported: a date rule's
    'overdue' or 'due soon', never a malformed field, a future date or anything else."""
    code = main(["check", "--format", "json", "--min-severity", "suggestion", str(ACCOUNT)])
    data = json.loads(capsys.readouterr().out)
    assert code in (0, 1) and not data["problems"]
    rules = load_data().rules
    for finding in data["findings"]:
        assert rules[finding["code"]].check == "deadline", finding
        assert "晚于今天" not in finding["message"] and "缺少" not in finding["message"], finding


def test_sample_output_is_what_the_checker_prints_in_the_pages_language():
    block = console_block(
        ["check", "examples/drafts/needs-work.md"],
        cwd=ROOT,
        lang="en",
        site_url="https://hb.example.org/1.0/",
        expect=1,
    )
    lines = block.splitlines()
    assert lines[0] == "```` console" or lines[0].startswith("``` console"), lines[0]
    assert lines[1] == "$ oahandbook check --lang en examples/drafts/needs-work.md"
    assert "examples/drafts/needs-work.md:2:1: FM06 error " in block
    assert "https://hb.example.org/1.0/en/rules/FM06/" in block and "127.0.0.1" not in block
    assert re.search(r"^1 file\(s\) checked: ", block, re.MULTILINE)
    chinese = console_block(["check", "examples/drafts/needs-work.md"], cwd=ROOT, lang="zh", site_url=None, expect=1)
    assert "FM06 错误 " in chinese and "检查了 1 个文件" in chinese


def test_a_sample_that_does_not_do_what_the_page_says_fails_the_build():
    with pytest.raises(SampleError, match="exited 1, the page expects 0"):
        console_block(["check", "examples/drafts/needs-work.md"], cwd=ROOT, lang="zh", site_url=None, expect=0)


def test_a_long_sample_keeps_its_first_lines_and_its_summary():
    block = console_block(
        ["check", "examples/drafts/needs-work.md"], cwd=ROOT, lang="zh", site_url=None, expect=1, limit=3
    )
    body = block.splitlines()[2:-1]
    assert len(body) == 5 and body[3] == "…" and SUMMARY_LINE.search(body[4])


@pytest.mark.parametrize("page", sorted(p.name for p in (ROOT / "docs").glob("*.md")))
def test_no_page_types_the_checkers_output_by_hand(page):
    """Sample output comes from the macro check_output; a finding line or a summary typed
    into a page would drift from what the tool prints."""
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    assert not FINDING_LINE.search(text), FINDING_LINE.search(text).group(0)
    assert not SUMMARY_LINE.search(text), SUMMARY_LINE.search(text).group(0)
    assert "127.0.0.1:8000/rules" not in text
