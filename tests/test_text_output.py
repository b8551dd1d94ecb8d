"""The text report teaches: each finding's line, then (full form, the default) the source line
with the span marked in terminal columns, how to fix it in words and the mechanical fix; the
concise form keeps one line per finding; --statistics counts per rule; --diff and --fix."""

from __future__ import annotations

import io
import re
import sys

import pytest

from oahandbook import load_data
from oahandbook.commands.main import main
from oahandbook.engine.findings import Finding
from oahandbook.outputs.report import full_lines
from oahandbook.outputs.terminal import text_width
from sample_drafts import BAD_DRAFT as BAD
from sample_drafts import GOOD_DRAFT as GOOD
from sample_drafts import write

RULES = load_data().rules
HEAD = "---\ntitle: 周末放松指南\nauthor: 生活组\ncover: https://mp.weixin.qq.com/cover.png\n---\n"
# TY03 (a suggestion): two half-width marks after Chinese characters, each with its fix.
PUNCT = HEAD + "本周五下午三点开会,请准时参加!\n"


@pytest.fixture(autouse=True)
def _fixed_terminal(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # wrapping and cutting do not depend on the test's terminal
    monkeypatch.delenv("NO_COLOR", raising=False)


def under(shown: str, marker: str) -> str:
    """The characters of ``shown`` in the columns the carets of ``marker`` cover."""
    first, last = marker.index("^"), marker.rindex("^") + 1
    out, column = "", 0
    for ch in shown:
        if first <= column < last:
            out += ch
        column += text_width(ch)
    return out


def block(out: str, header: str) -> list[str]:
    """The lines of the finding whose first line starts with ``header``, up to the empty line."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(header))
    end = lines.index("", start)
    return lines[start:end]


def test_the_full_form_is_the_default(work, capsys):
    write(work / "bad.md", BAD)
    assert main(["check", "bad.md"]) == 1
    out = capsys.readouterr().out
    lines = block(out, "bad.md:6:12: PC01 错误 ")
    assert lines[1:4] == [
        "  |",
        "6 | 想找人陪聊？加微信即可裸 聊。",
        "  |                       ^^^^^",  # eleven wide characters before: 22 columns
    ]
    assert under("想找人陪聊？加微信即可裸 聊。", lines[3][4:]) == "裸 聊"
    fix = RULES["PC01"].fix.zh
    assert lines[4].startswith("  = 修改建议：" + fix[:20])
    assert "".join(lines[4:]).replace(" ", "") == "=修改建议：" + fix.replace(" ", "")  # wrapped, all of it
    assert out.endswith("\n\n检查了 1 个文件：1 个错误，0 个警告。\n")


def test_the_full_form_in_english_says_help(work, capsys):
    write(work / "bad.md", BAD)
    main(["check", "--lang", "en", "bad.md"])
    lines = block(capsys.readouterr().out, "bad.md:6:12: PC01 error ")
    assert lines[4].startswith("  = help: " + RULES["PC01"].fix.en[:30])


def test_concise_keeps_one_line_per_finding(work, capsys):
    write(work / "bad.md", BAD)
    assert main(["check", "--output-format", "concise", "bad.md"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and out[0].startswith("bad.md:6:12: PC01 错误 ") and out[0].endswith("/rules/PC01/")
    main(["check", "bad.md"])
    assert capsys.readouterr().out.splitlines()[0] == out[0]  # the full form's first line is the same


def test_tabs_and_wide_characters_keep_the_marker_under_the_span(work, capsys):
    write(work / "bad.md", HEAD + "\t全角：ＡＢＣ，想找人陪聊？加微信即可裸 聊。\n")
    main(["check", "bad.md"])
    lines = block(capsys.readouterr().out, "bad.md:6:")
    shown, marker = lines[2].split(" | ", 1)[1], lines[3].split(" | ", 1)[1]
    assert shown.startswith("    全角")  # a tab is four spaces
    assert under(shown, marker) == "裸 聊"


def test_a_long_line_is_cut_around_the_span(work, capsys):
    before, after = "这是一段很长的正文。" * 30, "后面还有很多很多文字。" * 30
    write(work / "bad.md", HEAD + before + "加微信即可裸 聊。" + after + "\n")
    main(["check", "bad.md"])
    lines = block(capsys.readouterr().out, "bad.md:6:")
    shown, marker = lines[2].split(" | ", 1)[1], lines[3].split(" | ", 1)[1]
    assert shown.startswith("...") and shown.endswith("...")
    assert text_width(lines[2]) <= 100
    assert under(shown, marker) == "裸 聊"


def test_personal_data_in_the_source_line_is_masked(work, capsys):
    write(
        work / "a.md", HEAD + "拟录用：李明，身份证号 330106199207153284，电话 13800138000，邮箱 liming@example.com。\n"
    )
    assert main(["check", "a.md"]) == 1
    out = capsys.readouterr().out
    for secret in ("330106199207153284", "13800138000", "liming@"):
        assert secret not in out
    lines = block(out, "a.md:6:13: PI01")
    assert under(lines[2].split(" | ", 1)[1], lines[3].split(" | ", 1)[1]) == "330*************84"


def test_a_word_paragraph_is_named_by_its_words_not_a_source_line():
    finding = Finding(
        path="稿件.docx",
        line=3,
        column=7,
        code="PC06",
        name="prohibited.weapons",
        severity="error",
        clause="OA-2.3.1",
        texts={"zh": "疑似涉枪涉爆", "en": "possible weapons"},
        fix={"zh": "删除相关内容。", "en": "Delete it."},
        url="u",
        excerpt="第二段：长期出售猎枪配件…",
    )
    lines = full_lines(finding, ["一", "二", "三"], color=False, width=100)
    assert lines[0].startswith("稿件.docx:3:7: PC06 错误 疑似涉枪涉爆（第 3 段“第二段：长期出售猎枪配件…”）")
    assert lines[1:] == ["  = 修改建议：删除相关内容。", ""]


def test_colour_only_when_asked_or_on_a_terminal(work, capsys):
    write(work / "bad.md", BAD)
    main(["check", "bad.md"])
    assert "\033[" not in capsys.readouterr().out  # captured output is no terminal
    main(["check", "--color", "always", "bad.md"])
    out = capsys.readouterr().out
    assert "\033[1m\033[31m^^^^^\033[0m" in out and "\033[1m修改建议：\033[0m" in out


def test_statistics_count_each_rule(work, capsys):
    write(work / "bad.md", BAD)
    write(work / "b.md", BAD.replace("陪聊？", "陪聊？本店全网最低价，欢迎选购。"))
    assert main(["check", "--statistics", "bad.md", "b.md"]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "2  PC01  错误  " + RULES["PC01"].title.zh,
        "1  AD01  警告  " + RULES["AD01"].title.zh,
        "检查了 2 个文件：2 个错误，1 个警告。",
    ]
    assert main(["check", "--statistics", "--format", "json", "bad.md"]) == 2
    assert "--statistics 只用于文字输出" in capsys.readouterr().err


# --- --diff and --fix -------------------------------------------------------------------------


def test_nothing_is_written_without_fix(work, capsys):
    path = write(work / "a.md", PUNCT)
    assert main(["check", "--min-severity", "suggestion", "a.md"]) == 0
    assert "可自动修改：改为“，”（--fix 会自动改好）" in capsys.readouterr().out
    assert main(["check", "--min-severity", "suggestion", "--diff", "a.md"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "--- a/a.md",
        "+++ b/a.md",
        "@@ -3,4 +3,4 @@",
        " author: 生活组",
        " cover: https://mp.weixin.qq.com/cover.png",
        " ---",
        "-本周五下午三点开会,请准时参加!",
        "+本周五下午三点开会，请准时参加！",
    ]
    assert "可自动修改 2 处问题（1 个文件）；加 --fix 写入文件。" in err
    assert path.read_text(encoding="utf-8") == PUNCT


def test_diff_of_a_clean_draft_is_empty_and_exits_0(work, capsys):
    write(work / "a.md", GOOD)
    assert main(["check", "--diff", "a.md"]) == 0
    out, err = capsys.readouterr()
    assert out == "" and "没有可以自动修改的问题" in err


def test_fix_writes_the_draft_keeping_bom_and_crlf_and_reports_what_remains(work, capsys):
    text = ("\ufeff" + PUNCT.replace("参加!\n", "参加!裸 聊。\n")).replace("\n", "\r\n")
    path = work / "a.md"
    path.write_bytes(text.encode("utf-8"))
    assert main(["check", "--min-severity", "suggestion", "--fix", "a.md"]) == 1
    out = capsys.readouterr().out
    assert path.read_bytes() == text.replace(",", "，").replace("!", "！").encode("utf-8")
    assert "TY03" not in out and "a.md:6:17: PC01" in out  # the remaining finding, in the fixed text
    assert "6 | 本周五下午三点开会，请准时参加！裸 聊。" in out
    assert out.splitlines()[-2:] == [
        "已自动修改 2 处问题（1 个文件）。",
        "检查了 1 个文件：1 个错误，0 个警告，0 条提示。",
    ]
    assert main(["check", "--min-severity", "suggestion", "--fix", "a.md"]) == 1  # fixing again changes nothing
    assert "已自动修改" not in capsys.readouterr().out


def test_fix_leaves_hidden_findings_and_other_formats_alone(work, capsys):
    path = write(work / "a.md", PUNCT)
    assert main(["check", "--fix", "a.md"]) == 0  # TY03 is a suggestion, hidden by default: not fixed
    assert path.read_text(encoding="utf-8") == PUNCT
    page = write(work / "p.html", "<html><body><div id='js_content'><p>开会,请准时参加!</p></div></body></html>")
    before = page.read_bytes()
    main(["check", "--min-severity", "suggestion", "--fix", "p.html"])
    assert page.read_bytes() == before


def test_fix_on_stdin_prints_the_fixed_text_and_reports_on_stderr(work, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(PUNCT.encode()), encoding="utf-8"))
    assert main(["check", "--min-severity", "suggestion", "--fix", "-", "--stdin-filename", "a.md"]) == 0
    out, err = capsys.readouterr()
    assert out == PUNCT.replace(",", "，").replace("!", "！")
    assert "已自动修改 2 处问题（1 个文件）。" in err
    assert not (work / "a.md").exists()


def test_fix_and_diff_go_with_the_selection(work, capsys):
    path = write(work / "a.md", PUNCT)
    assert main(["check", "--min-severity", "suggestion", "--ignore", "TY03", "--fix", "a.md"]) == 0
    assert path.read_text(encoding="utf-8") == PUNCT
    assert main(["check", "--diff", "--fix", "a.md"]) == 2  # one or the other
    assert re.search("--diff.*--fix|--fix.*--diff", capsys.readouterr().err)


def test_dates_in_account_files_stay_readable_and_numbers_beside_them_do_not():
    from oahandbook.outputs.report import _masked

    line = "    last_success: 2026-11-20  # 值班 13800138000"
    shown, start, end = _masked(line, 18, 28, protected=False, keep_dates=True)
    assert shown[start:end] == "2026-11-20" and "13800138000" not in shown
    shown, start, end = _masked(line, 18, 28, protected=False)  # a draft's line: the general masking
    assert "2026-11-20" not in shown and end - start == len(shown[start:end])


def test_fix_on_stdin_passes_text_it_does_not_change_through_byte_for_byte(work, capsys, monkeypatch):
    write(work / ".oahandbook.yaml", "exclude: ['archive/**']\n")
    crlf = PUNCT.replace("\n", "\r\n").encode()
    for name, expected in (
        ("archive/a.md", crlf),
        ("a.md", crlf.replace(b",", "，".encode()).replace(b"!", "！".encode())),
    ):
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(crlf), encoding="utf-8"))
        stdout = io.TextIOWrapper(io.BytesIO(), encoding="utf-8")
        monkeypatch.setattr(sys, "stdout", stdout)
        main(["check", "--min-severity", "suggestion", "--fix", "-", "--stdin-filename", name])
        stdout.flush()
        assert stdout.buffer.getvalue() == expected, name


def test_diff_can_be_written_to_a_file(work, capsys):
    write(work / "a.md", PUNCT)
    assert main(["check", "--min-severity", "suggestion", "--diff", "-o", "fix.diff", "a.md"]) == 1
    assert capsys.readouterr().out == ""
    assert (work / "fix.diff").read_text(encoding="utf-8").startswith("--- a/a.md\n+++ b/a.md\n")
