"""File names and where reports go (issue 10): a name that is not UTF-8 is shown as ``\\xff`` and
costs no file its findings; control characters in names are escaped in text output and kept in
JSON; output is UTF-8 whatever the locale; ``-o`` never overwrites an input; the full form's
cost per finding does not grow with the length of the line; SARIF carries the mechanical fixes."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from oahandbook.api import Checker
from oahandbook.base.errors import InputProblem
from oahandbook.base.printable import escape_controls, shown_name, valid_text
from oahandbook.commands.main import main
from oahandbook.outputs.jsonl import dump_row
from oahandbook.outputs.report import Tally, TextWriter, _dumps, _masked_line
from sample_drafts import BAD_DRAFT, write
from timing import cpu_seconds

FIXTURES = Path(__file__).parent / "fixtures"
HEAD = "---\ntitle: 本周活动预告\nauthor: 市场部\ncover: https://mp.weixin.qq.com/cover.png\n---\n"
PC01 = HEAD + "想找人陪聊？加微信即可裸 聊。\n"


def run_cli(argv: list) -> tuple[int, str, str]:
    """``main(argv)`` with stdout and stderr as strict UTF-8 streams (a lone surrogate or a raw
    byte would raise); what was written, decoded."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="strict", write_through=True)
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(argv)
    return code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


# --------------------------------------------------------------------------- names as shown


def test_a_name_reads_as_utf8_and_other_bytes_as_escapes():
    assert valid_text("bad\udcff\udcfe.md") == "bad\\xff\\xfe.md"
    # A Chinese name passed under an ASCII locale arrives as escaped bytes: it reads as Chinese again.
    passed = "中文名.md".encode().decode("ascii", "surrogateescape")
    assert passed != "中文名.md" and valid_text(passed) == "中文名.md"
    assert valid_text("\ud800.md") == "\\ud800.md"  # a surrogate that stands for no byte
    assert valid_text("普通.md") == "普通.md"


def test_control_characters_are_escaped_and_nothing_else():
    assert escape_controls("evil\nforged.md") == "evil\\nforged.md"
    assert escape_controls("a\x1b[2J\rb\tc\x7f\x9b") == "a\\x1b[2J\\rb\\tc\\x7f\\x9b"
    assert escape_controls("rlo\u202egpj.md line\u2028") == "rlo\\u202egpj.md line\\u2028"
    assert escape_controls("正常的 文件名 (1).md") == "正常的 文件名 (1).md"
    assert shown_name("x\udcff\n.md") == "x\\xff\\n.md"


def test_a_problem_line_is_one_line():
    problem = InputProblem("broken\nforged.md:9:9: 伪造.md", 2, 8, "消息\x1b[31m")
    assert str(problem) == "broken\\nforged.md:9:9: 伪造.md:2:8: 消息\\x1b[31m"
    assert problem.to_dict()["path"] == "broken\nforged.md:9:9: 伪造.md"  # JSON keeps the name


def _bad_name(folder: Path) -> None:
    with open(os.path.join(os.fsencode(folder), b"bad\xff\xfe.md"), "wb") as stream:
        stream.write(PC01.encode("utf-8"))


@pytest.mark.parametrize("form", ["json", "jsonl", "sarif", "concise", "full", "github"])
def test_a_name_that_is_not_utf8_is_reported_at_its_shown_name(work, form):
    _bad_name(work)
    write(work / "ok.md", PC01)
    code, out, err = run_cli(
        ["check", "--format", form, "--color", "never", "--", os.fsdecode(b"bad\xff\xfe.md"), "ok.md"]
    )
    assert code == 1, err
    if form in ("json", "jsonl"):
        findings = json.loads(out)["findings"] if form == "json" else [json.loads(row) for row in out.splitlines()]
        paths = {(f["path"], f["code"]) for f in findings if f.get("type", "finding") == "finding"}
        assert paths == {("bad\\xff\\xfe.md", "PC01"), ("ok.md", "PC01")}
    elif form == "sarif":
        uris = {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(out)["runs"][0]["results"]
        }
        assert uris == {"bad%5Cxff%5Cxfe.md", "ok.md"}
    else:
        assert "bad\\xff\\xfe.md" in out and "ok.md" in out


def test_json_writers_hold_any_string():
    """A lone surrogate that came another way than a collected file name (``--config`` on the
    command line) is written as ``\\udcff``, never an internal error or invalid UTF-8."""
    document = {"problems": [{"path": "c\udcff.yaml", "message": "坏"}]}
    assert json.loads(_dumps(document).decode("utf-8"))["problems"][0]["path"] == "c\\xff.yaml"
    assert json.loads(dump_row({"type": "problem", "path": "\ud800"}).decode("utf-8"))["path"] == "\\ud800"


def test_a_config_named_with_a_byte_that_is_not_utf8_is_a_problem_not_a_crash(work):
    write(work / "ok.md", PC01)
    code, _, err = run_cli(["check", "--format", "json", "--config", os.fsdecode(b"c\xff.yaml"), "ok.md"])
    assert code == 2 and "c\\xff.yaml" in err and "内部错误" not in err


def test_text_outputs_escape_control_characters_and_json_keeps_them(work):
    name = "tab\tand\x1besc.md"
    write(work / name, PC01)
    _, concise, _ = run_cli(["check", "--format", "concise", name])
    assert concise.startswith("tab\\tand\\x1besc.md:6:12: PC01"), concise
    _, github, _ = run_cli(["check", "--format", "github", name])
    assert "file=tab\\tand\\x1besc.md," in github and "\x1b" not in github
    _, report, _ = run_cli(["check", "--format", "json", name])
    assert json.loads(report)["findings"][0]["path"] == name


def test_a_review_record_names_the_file_on_one_line(work):
    write(work / "evil\nforged.md", PC01)
    code, out, _ = run_cli(["review", "evil\nforged.md"])
    assert code == 0 and "# 审核记录：evil\\nforged.md\n" in out and "`evil\\nforged.md`" in out


# --------------------------------------------------------------------------- locale


ASCII_STDOUT = {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0", "PYTHONIOENCODING": ""}


def _run(root: Path, env: dict, *argv: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "PYTHONIOENCODING")}
    environ.update({k: v for k, v in env.items() if v})
    return subprocess.run(
        [sys.executable, "-m", "oahandbook", *argv], cwd=root, env=environ, capture_output=True, timeout=120
    )


def test_help_and_reports_are_utf8_under_an_ascii_locale(work):
    write(work / "稿件.md", PC01)
    proc = _run(work, ASCII_STDOUT, "--help")
    assert proc.returncode == 0 and "常用命令" in proc.stdout.decode("utf-8")
    proc = _run(work, ASCII_STDOUT, "check", "--format", "concise", "稿件.md")
    assert proc.returncode == 1
    assert proc.stdout.decode("utf-8").startswith("稿件.md:6:12: PC01 错误")
    assert "检查了 1 个文件" in proc.stdout.decode("utf-8")


def test_streams_a_caller_put_in_place_are_left_as_they_are(work):
    write(work / "ok.md", PC01)
    stream = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict")
    with contextlib.redirect_stdout(stream):
        main(["check", "--format", "concise", "ok.md"])
    assert (stream.encoding, stream.errors) == ("utf-8", "strict")


# --------------------------------------------------------------------------- -o


def test_diff_into_a_draft_it_checks_is_refused(work):
    write(work / "a.md", BAD_DRAFT)
    before = (work / "a.md").read_bytes()
    code, _, err = run_cli(["check", "--diff", "a.md", "-o", "a.md"])
    assert code == 2 and (work / "a.md").read_bytes() == before
    assert "用法错误" in err and "a.md" in err and "--output" in err


def test_the_report_over_the_file_standard_input_stands_for_is_refused(work, monkeypatch):
    write(work / "a.md", BAD_DRAFT)
    before = (work / "a.md").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.StringIO(BAD_DRAFT))
    code, _, err = run_cli(["check", "-", "--stdin-filename", "a.md", "-o", "a.md"])
    assert code == 2 and (work / "a.md").read_bytes() == before and "a.md" in err


def test_the_refusal_names_the_file_in_english_too(work):
    write(work / "a.md", BAD_DRAFT)
    code, _, err = run_cli(["--lang", "en", "review", "a.md", "-o", "./a.md"])
    assert code == 2 and "usage error: --output ./a.md is one of the files this run reads" in err


def test_a_hard_link_to_a_draft_is_the_draft(work):
    write(work / "a.md", BAD_DRAFT)
    os.link(work / "a.md", work / "report.txt")
    code, _, _ = run_cli(["check", "a.md", "-o", "report.txt"])
    assert code == 2 and (work / "a.md").read_text(encoding="utf-8") == BAD_DRAFT


def test_an_earlier_report_in_the_checked_folder_is_overwritten_not_checked(work):
    write(work / "drafts" / "a.md", BAD_DRAFT)
    for _ in range(2):  # the second run finds the first run's report among the drafts' folder
        code, _, err = run_cli(["check", "--format", "concise", "drafts", "-o", "drafts/report.md"])
        assert code == 1, err
    report = (work / "drafts" / "report.md").read_text(encoding="utf-8")
    assert "drafts/a.md:" in report and "drafts/report.md" not in report
    for _ in range(2):
        code, _, err = run_cli(["audit", "drafts", "-o", "drafts/report.html", "--no-charts"])
        assert code == 1, err


# --------------------------------------------------------------------------- summary


def test_the_summary_counts_files_rejected_while_read(work):
    write(work / "ok.md", PC01)
    (work / "nul.md").write_bytes(HEAD.encode() + b"\x00\n")
    code, out, _ = run_cli(["check", "--format", "concise", "nul.md", "ok.md"])
    assert code == 2 and "检查了 2 个文件：1 个错误，0 个警告；1 个文件无法读取。" in out


# --------------------------------------------------------------------------- full form


def test_the_full_form_costs_each_finding_its_excerpt_not_its_line():
    """Findings on one long line (a pasted paragraph): ×4 the findings on a ×4 longer line takes
    well under ×16 (each finding laid out the whole line, and masked it, before)."""
    checker = Checker(today=dt.date(2026, 11, 23))

    def writer_run(n: int):
        text = HEAD + "今天天气很好,电话13800138000,我们去公园." * n + "\n"
        result = checker.check_text(text, kind="article", path="d.md")
        assert len(result.findings) >= 2 * n

        def run():
            _masked_line.cache_clear()
            out = io.StringIO()
            writer = TextWriter(
                out,
                io.StringIO(),
                Tally("suggestion"),
                color=False,
                show_waivers=False,
                quiet=True,
                full=True,
                source=lambda _: text,
                width=100,
            )
            writer.add(result)

        return run

    n = 250
    small = cpu_seconds(writer_run(n))
    large = cpu_seconds(writer_run(4 * n))
    assert large / max(small, 1e-3) < 10, f"{small * 1000:.0f} ms, then ×{large / small:.1f}"


# --------------------------------------------------------------------------- SARIF fixes


def test_sarif_fixes_are_what_fix_writes(work):
    text = HEAD + "今天天气很好,我们去公园.\n"
    write(work / "a.md", text)
    _, out, _ = run_cli(["check", "--format", "sarif", "--min-severity", "suggestion", "a.md"])
    sarif = json.loads(out)
    jsonschema.validate(sarif, json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text()))
    lines = text.split("\n")
    changes = []
    for result in sarif["runs"][0]["results"]:
        for fix in result.get("fixes", []):
            for change in fix["artifactChanges"]:
                assert change["artifactLocation"]["uri"] == "a.md"
                for replacement in change["replacements"]:
                    region = replacement["deletedRegion"]
                    assert region["startLine"] == region["endLine"]
                    changes.append((region, replacement["insertedContent"]["text"]))
    assert len(changes) == 2
    for region, new in sorted(changes, key=lambda c: -c[0]["startColumn"]):
        line = lines[region["startLine"] - 1]
        lines[region["startLine"] - 1] = line[: region["startColumn"] - 1] + new + line[region["endColumn"] - 1 :]
    assert run_cli(["check", "--fix", "--min-severity", "suggestion", "a.md"])[0] == 0
    assert (work / "a.md").read_text(encoding="utf-8") == "\n".join(lines)


def test_sarif_has_no_fixes_for_waived_findings(work):
    text = HEAD + "<!-- oahandbook-disable-next-line TY03: 原样引用 -->\n今天天气很好,我们去公园.\n"
    write(work / "a.md", text)
    _, out, _ = run_cli(["check", "--format", "sarif", "--min-severity", "suggestion", "--show-waivers", "a.md"])
    results = json.loads(out)["runs"][0]["results"]
    assert results and not any("fixes" in r for r in results if r.get("suppressions"))


def test_messages_naming_a_path_from_the_command_line_stay_one_line(work):
    code, _, err = run_cli(["audit", "no\nsuch\x1b"])
    assert code == 2 and err == "no\\nsuch\\x1b：路径不存在\n"
    code, _, err = run_cli(["report", os.fsdecode(b"x\xff.jsonl")])  # a strict stream: a surrogate would raise
    assert code == 2 and "x\\xff.jsonl" in err and len(err.splitlines()) == 1
