"""``oahandbook check`` on drafts: bad input, output formats, waivers, config, several files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest

from oahandbook.commands.main import main
from sample_drafts import BAD_DRAFT as BAD
from sample_drafts import GOOD_DRAFT as GOOD
from sample_drafts import write

FIXTURES = Path(__file__).parent / "fixtures"


def test_clean_draft_exits_0(work, capsys):
    write(work / "good.md", GOOD)
    assert main(["check", "good.md"]) == 0
    assert "0 个错误" in capsys.readouterr().out


def test_finding_line_names_place_code_clause_and_link(work, capsys):
    write(work / "bad.md", BAD)
    assert main(["check", "--color", "never", "bad.md"]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("bad.md:6:12: PC01 错误 ")
    assert "[OA-2.3.1]" in line and line.endswith("/rules/PC01/")


def test_english_messages(work, capsys):
    write(work / "bad.md", BAD)
    assert main(["check", "--lang", "en", "bad.md"]) == 1
    out = capsys.readouterr().out
    assert "PC01 error possible pornographic content" in out and "1 error(s)" in out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("---\ntitle: 标题\n作者: 某人\n".encode("gbk"), "GBK"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "二进制"),
        (b"", "空"),
        ("---\ntitle: 标题\nauthor: 某人\n正文没有结束行\n".encode(), "没有结束"),
        ("---\ntitle: [未闭合\n---\n正文\n".encode(), "YAML"),
        ("---\n- 列表\n---\n正文\n".encode(), "映射"),
    ],
)
def test_unusable_input_exits_2_and_other_files_are_still_checked(work, capsys, content, words):
    write(work / "broken.md", content)
    write(work / "bad.md", BAD)
    assert main(["check", "broken.md", "bad.md"]) == 2
    captured = capsys.readouterr()
    assert "broken.md:" in captured.err and words in captured.err, captured.err
    assert "bad.md:6:12: PC01" in captured.out
    assert "Traceback" not in captured.err


def test_bom_and_crlf_are_read_with_correct_positions(work, capsys):
    write(work / "bad.md", b"\xef\xbb\xbf" + BAD.replace("\n", "\r\n").encode())
    assert main(["check", "bad.md"]) == 1
    assert "bad.md:6:12: PC01" in capsys.readouterr().out


def test_file_never_changes(work):
    path = write(work / "bad.md", BAD)
    before = path.read_bytes()
    main(["check", "--format", "json", "bad.md"])
    assert path.read_bytes() == before


def test_huge_file_is_refused_quickly(work, capsys):
    write(work / "huge.md", "---\ntitle: t\nauthor: a\n---\n" + "字" * (5 * 1024 * 1024))
    assert main(["check", "huge.md"]) == 2
    assert "过大" in capsys.readouterr().err


def test_directory_walk_uses_include_and_exclude(work, capsys):
    write(work / "drafts" / "a.md", BAD)
    write(work / "drafts" / "skip" / "b.md", BAD)
    write(work / "notes.txt", BAD)
    write(work / ".oahandbook.yaml", "exclude: ['drafts/skip/**']\n")
    assert main(["check", "."]) == 1
    out = capsys.readouterr().out
    assert "drafts/a.md" in out and "skip" not in out and "notes.txt" not in out


def test_json_output_shape(work, capsys):
    write(work / "bad.md", BAD)
    assert main(["check", "--format", "json", "bad.md"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["errors"] == 1 and data["summary"]["exit_code"] == 1
    finding = data["findings"][0]
    assert finding["code"] == "PC01" and finding["line"] == 6 and finding["column"] == 12
    assert finding["clause"] == "OA-2.3.1" and finding["fix"] and finding["url"].endswith("/rules/PC01/")


def test_sarif_output_validates_against_the_official_schema(work, capsys):
    write(work / "bad.md", BAD)
    write(work / "broken.md", b"\x00\x01")
    assert main(["check", "--format", "sarif", "bad.md", "broken.md"]) == 2
    sarif = json.loads(capsys.readouterr().out)
    schema = json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text())
    jsonschema.validate(sarif, schema)
    result = sarif["runs"][0]["results"][0]
    assert result["ruleId"] == "PC01"
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == 6
    assert sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"]


def test_github_annotations(work, capsys):
    write(work / "bad.md", BAD)
    assert main(["check", "--format", "github", "bad.md"]) == 1
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("::error file=bad.md,line=6,col=12,")
    assert "title=PC01 prohibited.pornography [OA-2.3.1]" in line


def test_waiver_with_reason_hides_finding_and_show_waivers_lists_it(work, capsys):
    text = BAD.replace("想找人", "<!-- oahandbook-disable-next-line PC01: 扫黄宣传中引用的诈骗话术 -->\n想找人")
    write(work / "w.md", text)
    assert main(["check", "w.md"]) == 0
    assert "PC01" not in capsys.readouterr().out
    assert main(["check", "--show-waivers", "w.md"]) == 0
    out = capsys.readouterr().out
    assert "已豁免" in out and "扫黄宣传" in out


def test_config_errors_have_positions(work, capsys):
    write(work / ".oahandbook.yaml", "severity:\n  PC99: off\nallow_hostz: [a]\n")
    write(work / "good.md", GOOD)
    assert main(["check", "good.md"]) == 2
    err = capsys.readouterr().err
    assert ".oahandbook.yaml:3:1:" in err and "allow_hosts" in err


def test_config_can_switch_a_rule_off(work, capsys):
    write(work / ".oahandbook.yaml", "severity: {PC01: off}\n")
    write(work / "bad.md", BAD)
    assert main(["check", "bad.md"]) == 0


def test_allow_terms_from_config(work):
    write(work / ".oahandbook.yaml", "allow_terms: [即可裸聊]\n")
    write(work / "bad.md", BAD)
    assert main(["check", "bad.md"]) == 0


def test_organisation_lexicon(work, capsys):
    write(
        work / "lex.yaml",
        "provenance:\n  what: {zh: 内部词表, en: in-house list}\n  source: {zh: 本单位, en: ours}\n"
        "  licence: internal\n  checked: 2026-11-01\ncategory: porn\nentries:\n  - {term: 陪聊, severity: warning}\n",
    )
    write(work / ".oahandbook.yaml", "lexicons: [lex.yaml]\n")
    write(work / "bad.md", BAD)
    main(["check", "bad.md"])
    out = capsys.readouterr().out
    # The organisation's term takes part in combinations like a bundled one: 陪聊 next to 加微信.
    assert "bad.md:6:4: PC01 错误" in out and "陪聊＋加微信" in out


def test_jobs_gives_the_same_findings(work, capsys):
    for i in range(6):
        write(work / f"d{i}.md", BAD if i % 2 else GOOD)
    assert main(["check", "--format", "json", "."]) == 1
    one = json.loads(capsys.readouterr().out)["findings"]
    assert main(["check", "--format", "json", "--jobs", "2", "."]) == 1
    two = json.loads(capsys.readouterr().out)["findings"]
    assert one == two and len(one) == 3


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_personal_data_is_never_printed_whole(work, capsys, fmt):
    write(
        work / "pi.md",
        "---\ntitle: 联系方式\nauthor: 某人\ncover: https://mp.weixin.qq.com/c.png\n---\n"
        "加微信裸聊13800138000，身份证 11010519491231002X，邮箱 zhang.san@example.com，"
        "卡号 6222 0212 3456 7890 128，见 https://example.com/u?tel=13900139000\n",
    )
    main(["check", "--format", fmt, "pi.md"])
    out = capsys.readouterr().out
    for whole in (
        "13800138000",
        "11010519491231002X",
        "zhang.san@",
        "6222021234567890128",
        "6222 0212 3456 7890 128",
        "13900139000",
    ):
        assert whole not in out, (whole, out)
    assert "PI01" in out and "PC01" in out


def test_json_shape_is_the_documented_one(work, capsys):
    """docs/usage.md documents every key of the JSON report; the two must not drift."""
    import re

    docs = (Path(__file__).resolve().parents[1] / "docs" / "usage.md").read_text(encoding="utf-8")
    section = docs[docs.index("## JSON 输出的结构") :]
    section = section[: section.index("\n## ", 5)]
    rows = dict(re.findall(r"^\| `(\w+)` \| (.*) \|$", section, re.MULTILINE))
    write(work / "bad.md", BAD)
    main(["check", "--format", "json", "bad.md"])
    data = json.loads(capsys.readouterr().out)
    assert set(rows) == set(data)
    for key in ("tool", "regulation", "summary"):
        assert set(re.findall(r"\b(\w+)\b", rows[key].split("`")[1])) == set(data[key]), key
    assert set(re.findall(r"\w+", rows["findings"].split("`")[1])) == set(data["findings"][0])


# --- regressions found by review ------------------------------------------------------------


def test_symlink_loop_and_fifo_are_problems_for_that_path_only(work, capsys):
    write(work / "a.md", BAD)
    (work / "loop.md").symlink_to("loop.md")
    os.mkfifo(work / "pipe.md")
    assert main(["check", "."]) == 2
    captured = capsys.readouterr()
    assert "a.md:6:12: PC01" in captured.out
    assert "loop.md:1:1:" in captured.err and "pipe.md:1:1:" in captured.err


def test_each_file_is_checked_once_however_it_is_named(work, capsys):
    write(work / "a.md", BAD)
    assert main(["check", "--format", "json", "a.md", "./a.md", ".", str(work / "a.md")]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["files"] == 1 and len(data["findings"]) == 1


def test_folders_named_site_or_venv_are_checked(work, capsys):
    write(work / "site" / "news" / "a.md", BAD)
    write(work / "venv" / "b.md", BAD)
    assert main(["check", "."]) == 1
    out = capsys.readouterr().out
    assert "site/news/a.md" in out and "venv/b.md" in out


def test_force_exclude_applies_include_to_named_files(work, capsys):
    write(work / ".oahandbook.yaml", "include: ['drafts/**/*.md']\n")
    write(work / "README.md", "# 说明\n")
    write(work / "drafts" / "a.md", GOOD)
    assert main(["check", "--kind", "article", "--force-exclude", "README.md", "drafts/a.md"]) == 0
    assert main(["check", "--kind", "article", "README.md"]) == 1  # named without the flag: checked


def test_a_waiver_inside_a_code_sample_waives_nothing(work, capsys):
    text = BAD.replace("想找人", "```markdown\n<!-- oahandbook-disable PC01: 示例 -->\n```\n\n想找人")
    write(work / "code.md", text)
    assert main(["check", "code.md"]) == 1


def test_show_waivers_says_what_each_waiver_waived(work, capsys):
    text = BAD.replace("想找人", "<!-- oahandbook-disable-next-line PC01: 反诈宣传引用 -->\n想找人")
    write(work / "w.md", text)
    main(["check", "--show-waivers", "w.md"])
    assert "(used: PC01)" in capsys.readouterr().out


def test_waiver_reasons_are_printed_masked(work, capsys):
    secret = "3f9a1c2b4d5e6f708192a3b4c5d6e7f8"
    text = BAD.replace("想找人", f"<!-- oahandbook-disable-next-line PC01: 联系 13800138000 {secret} -->\n想找人")
    write(work / "w.md", text)
    for fmt in ("text", "json", "sarif"):
        main(["check", "--show-waivers", "--format", fmt, "w.md"])
        out = capsys.readouterr().out
        assert secret not in out and "13800138000" not in out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("---\ntitle: 2026-02-30\nauthor: a\n---\n正文\n".encode(), "2:8"),
        ("\ufeff正文".encode("utf-16"), "UTF-16"),
    ],
)
def test_more_unusable_input_is_explained(work, capsys, content, words):
    write(work / "x.md", content)
    assert main(["check", "x.md"]) == 2
    err = capsys.readouterr().err
    assert words in err and "内部错误" not in err


def test_unusual_letters_are_checked_normally(work, capsys):
    write(work / "i.md", GOOD.replace("欢迎参加。", "欢迎来到İstanbul。"))
    assert main(["check", "i.md"]) == 0


def test_unwritable_output_is_a_usage_problem(work, capsys):
    write(work / "good.md", GOOD)
    assert main(["check", "-o", str(work / "no" / "such" / "dir" / "out.txt"), "good.md"]) == 2
    assert "内部错误" not in capsys.readouterr().err


def test_personal_data_in_any_front_matter_field_is_found_and_masked(work, capsys):
    write(work / "pd.md", "---\ntitle: t\nauthor: a\ncover: c.png\ncomments: 联系13812345678\n---\n正文\n")
    main(["check", "--format", "json", "pd.md"])
    out = capsys.readouterr().out
    assert "13812345678" not in out
    assert {"PI03", "FM01"} <= {f["code"] for f in json.loads(out)["findings"]}


@pytest.mark.parametrize(
    "body",
    [
        "出售<span>冰毒</span>",
        "出售<b></b>冰毒",
        "[出售](https://a.example.org)冰毒",
        "出售&#20912;毒",
        "出售<!-- x -->冰毒",
    ],
)
def test_markup_inside_a_term_does_not_hide_it(work, capsys, body):
    write(work / "e.md", GOOD.replace("下周三下午在一楼大厅举办开放日，欢迎参加。", body))
    main(["check", "--format", "json", "e.md"])
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert any(f["code"] == "PC03" and f["severity"] == "error" for f in findings), findings


@pytest.mark.parametrize("entity", ["&#55296;", "&#xDFFF;", "&#1;", "&#99999999999;"])
def test_an_entity_that_is_no_character_costs_no_file_its_findings(tmp_path, capsys, entity):
    from oahandbook.commands.main import main

    head = "---\ntitle: 通知\nauthor: 办公室\ncover: https://mp.weixin.qq.com/c.png\n---\n\n"
    (tmp_path / "a.md").write_text(head + f"赌博{entity}\n", encoding="utf-8")
    (tmp_path / "b.md").write_text(head + "长期出售冰毒，私聊。\n", encoding="utf-8")
    code = main(["check", "--format", "json", str(tmp_path / "a.md"), str(tmp_path / "b.md")])
    out = capsys.readouterr().out
    out.encode("utf-8")  # valid UTF-8: no lone surrogate
    report = json.loads(out)
    assert code == 1
    assert {f["code"] for f in report["findings"]} >= {"PC02", "PC03"}


def test_a_rule_lists_at_most_a_thousand_findings_per_level_in_a_file_and_counts_the_rest(work, capsys):
    """A spam page that repeats a term thousands of times gets a thousand examples and a count:
    the totals, the exit code and the JSON summary still count every one."""
    head = "---\ntitle: 活动\nauthor: 市场部\ncover: https://mp.weixin.qq.com/c.png\n---\n"
    write(work / "spam.md", head + ("网上赌博，" * 10 + "\n") * 150)
    assert main(["check", "--format", "json", "spam.md"]) == 0  # warnings: the commit goes through
    data = json.loads(capsys.readouterr().out)
    listed = [f for f in data["findings"] if f["code"] == "PC02"]
    assert len(listed) == 1000 and {f["severity"] for f in listed} == {"warning"}
    assert data["summary"]["unlisted"] == 500 and data["summary"]["warnings"] == 1500
    main(["check", "spam.md"])
    out = capsys.readouterr().out
    assert "其中 500 条只计数、未逐条列出（同一文件同一规则同一级别最多列出 1,000 条）" in out
