"""Waiver comments (issue 10): only words shaped like rule codes or names are codes, the reason
is what follows a colon, and other words on the line are never kept, so no output prints them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from oahandbook.api import Checker
from oahandbook.engine.waivers import WaiverIndex, parse_waivers

HEAD = "---\ntitle: 本周活动预告\nauthor: 市场部\ncover: https://mp.weixin.qq.com/cover.png\n---\n"
ID_NUMBER = "330106199207153284"


@pytest.fixture(scope="module")
def checker() -> Checker:
    return Checker(today=dt.date(2026, 11, 23))


def codes(result) -> list[tuple[int, str, bool]]:
    return sorted((f.line, f.code, f.waived) for f in result.findings)


@pytest.mark.parametrize(
    ("line", "expect"),
    [
        ("<!-- oahandbook-disable-next-line PC02: 禁赌宣传 -->", (("PC02",), "禁赌宣传", False)),
        ("<!-- oahandbook-disable-next-line PC02：禁赌宣传 -->", (("PC02",), "禁赌宣传", False)),
        (
            "<!-- oahandbook-disable PC02, prohibited.drugs: 禁毒 禁赌 -->",
            (("PC02", "prohibited.drugs"), "禁毒 禁赌", False),
        ),
        (f"<!-- oahandbook-disable-next-line PI01 张三身份证{ID_NUMBER} -->", (("PI01",), "", True)),
        ("# oahandbook-disable-next-line SE01 密码Gm5pQw8vLz00Rt", (("SE01",), "", True)),
        ("# oahandbook-disable-next-line SE01 Gm5pQw8vLz00Rt", (("SE01",), "", True)),
        ("<!-- oahandbook-disable PC02 经审核: 禁赌宣传 -->", (("PC02",), "禁赌宣传", True)),
        ("<!-- oahandbook-disable all -->", (("all",), "", False)),
    ],
)
def test_codes_reason_and_stray_words(line, expect):
    (waiver,) = parse_waivers(line + "\n正文\n")
    assert (waiver.codes, waiver.reason, waiver.stray) == expect


def test_text_without_a_colon_is_no_reason_and_never_printed(checker):
    text = HEAD + f"<!-- oahandbook-disable-next-line PC02 张三身份证{ID_NUMBER} -->\n网上赌博。\n"
    result = checker.check_text(text, path="d.md")
    assert codes(result) == [(6, "WV01", False), (7, "PC02", True)]  # it waives, and asks for the reason
    (wv01,) = [f for f in result.findings if f.code == "WV01"]
    assert "（PC02）" in wv01.texts["zh"] and ID_NUMBER[6:14] not in str(wv01.texts)


def test_a_full_width_colon_starts_the_reason(checker):
    result = checker.check_text(
        HEAD + "<!-- oahandbook-disable-next-line PC02：禁赌宣传 -->\n网上赌博。\n", path="d.md"
    )
    assert codes(result) == [(7, "PC02", True)]
    assert result.findings[0].waiver_reason == "禁赌宣传"


def test_the_first_waiver_that_covers_a_line_and_names_the_rule_is_used(checker):
    text = HEAD + (
        "<!-- oahandbook-disable PC01: 一 -->\n"  # covers line 8 but names another rule
        "<!-- oahandbook-disable PC02: 二 -->\n"
        "<!-- oahandbook-disable-next-line PC02: 三 -->\n"
        "网上赌博。\n"
        "<!-- oahandbook-enable PC02 -->\n"
        "网上赌博。\n"
    )
    result = checker.check_text(text, path="d.md")
    pc02 = [(f.line, f.waived, f.waiver_reason) for f in result.findings if f.code == "PC02"]
    assert pc02 == [(9, True, "二"), (11, False, None)]
    # the PC01 waiver waived nothing, nor did the next-line one (the open one came first)
    assert sorted((f.line, f.code) for f in result.findings if f.code == "WV02") == [(6, "WV02"), (8, "WV02")]


def test_the_index_finds_the_first_covering_waiver():
    waivers = parse_waivers(
        "<!-- oahandbook-disable PC01: a -->\n"  # 1..4
        "x\n"
        "<!-- oahandbook-disable-next-line PC01, PC02: b -->\n"  # 4
        "x\n"
        "<!-- oahandbook-enable PC01 -->\n"
        "x\n"
    )
    index = WaiverIndex(waivers)
    assert index.find(4, {"PC01"}) is waivers[0]
    assert index.find(4, {"PC02"}) is waivers[1]
    assert index.find(6, {"PC01", "PC02"}) is None
    assert index.covers(2) and index.covers(5) and not index.covers(6)


def test_select_runs_only_the_selected_rules_and_judges_only_their_waivers(work, capsys):
    """--select narrows the rules that run: a waiver naming a rule left out is neither used nor
    reported as unused, and the rules left out report nothing."""
    from oahandbook.commands.main import main
    from sample_drafts import write

    head = "---\ntitle: 活动\nauthor: 市场部\ncover: https://mp.weixin.qq.com/c.png\n---\n"
    write(work / "d.md", head + "<!-- oahandbook-disable-next-line PC02: 禁赌宣传 -->\n欢迎参加开放日。\n")
    # PC02 does not run: its waiver cannot be judged, and nothing else is reported
    assert main(["check", "--select", "WV", "--min-severity", "suggestion", "d.md"]) == 0
    assert "WV02" not in capsys.readouterr().out
    # PC02 runs and finds nothing: the waiver waived nothing
    main(["check", "--select", "PC02,WV", "d.md"])
    out = capsys.readouterr().out
    assert "d.md:6:1: WV02" in out and "PC02 " not in out.replace("（PC02）", "")


def test_waived_findings_do_not_use_up_a_rules_list_of_a_thousand(work, capsys):
    """The 1,000 findings a rule lists per file and level are the live ones: a waived block
    before them does not push the live errors out of the report."""
    from oahandbook.commands.main import main
    from sample_drafts import write

    head = "---\ntitle: 活动\nauthor: 市场部\ncover: https://mp.weixin.qq.com/c.png\n---\n"
    waived = (
        "<!-- oahandbook-disable PC01: 扫黄宣传引用的原文 -->\n"
        + "包夜可约\n" * 1000
        + "<!-- oahandbook-enable PC01 -->\n"
    )
    write(work / "d.md", head + waived + "包夜可约\n" * 5)
    assert main(["check", "--format", "json", "d.md"]) == 1
    data = json.loads(capsys.readouterr().out)
    live = [f for f in data["findings"] if f["code"] == "PC01" and not f["waived"]]
    assert len(live) == 5 and data["summary"]["unlisted"] == 0 and data["summary"]["waived"] == 1000


def test_an_all_waiver_is_not_judged_when_rules_are_left_out(work, capsys):
    from oahandbook.commands.main import main
    from sample_drafts import write

    head = "---\ntitle: 活动\nauthor: 市场部\ncover: https://mp.weixin.qq.com/c.png\n---\n"
    write(work / "d.md", head + "<!-- oahandbook-disable-next-line all: 扫黄宣传引用的原文 -->\n包夜可约\n")
    main(["check", "--ignore", "PC01", "d.md"])
    assert "WV02" not in capsys.readouterr().out


def test_a_shared_checkers_selection_changes_nothing_once_it_is_lifted():
    """The matcher is built for every rule: narrowing a checker for one run and widening it
    again finds what a checker never narrowed finds."""
    text = "---\ntitle: 货源\nauthor: 某人\ncover: https://mp.weixin.qq.com/c.png\n---\n冰毒一克三百。\n"
    plain = [f.severity for f in Checker().check_text(text).findings if f.code == "PC03"]
    checker = Checker()
    checker.selection = ["PC01"]
    checker.check_text(text)
    checker.selection = None
    assert [f.severity for f in checker.check_text(text).findings if f.code == "PC03"] == plain == ["error"]
