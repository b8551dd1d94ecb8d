"""``oahandbook check`` output: the suggestion level and ``--min-severity`` in every format, the
exit code, streaming, and the fast JSON encoder and redaction giving the same bytes as before."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oahandbook.commands.main import main
from oahandbook.engine.redaction import NUMBER_SEPARATORS, redact
from oahandbook.outputs.report import _dumps, _write_document
from sample_drafts import BAD_DRAFT as BAD
from sample_drafts import GOOD_DRAFT as GOOD
from sample_drafts import write

FIXTURES = Path(__file__).parent / "fixtures"

# Triggers AD01 (an absolute term in a sales sentence) and nothing else.
AD_DRAFT = GOOD.replace("下周三下午在一楼大厅举办开放日，欢迎参加。", "本店商品全网最低价，欢迎选购。")
AS_SUGGESTION = "severity: {AD01: suggestion}\n"


@pytest.fixture
def suggestion(work):
    """A draft whose one finding (AD01) the config turns into a suggestion."""
    write(work / ".oahandbook.yaml", AS_SUGGESTION)
    write(work / "ad.md", AD_DRAFT)
    return work


def test_the_draft_triggers_ad01_only(work, capsys):
    write(work / "ad.md", AD_DRAFT)
    assert main(["check", "--format", "json", "ad.md"]) == 0
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert [(f["code"], f["severity"]) for f in findings] == [("AD01", "warning")]


# --- text -------------------------------------------------------------------------------------


def test_suggestions_are_hidden_by_default_and_the_summary_says_how_to_show_them(suggestion, capsys):
    assert main(["check", "ad.md"]) == 0
    out = capsys.readouterr().out
    assert "AD01" not in out
    assert out == ("检查了 1 个文件：0 个错误，0 个警告；另有 1 条提示未显示（加 --min-severity suggestion 显示）。\n")


def test_summary_in_english(suggestion, capsys):
    assert main(["check", "--lang", "en", "ad.md"]) == 0
    assert capsys.readouterr().out == (
        "1 file(s) checked: 0 error(s), 0 warning(s); 1 suggestion(s) hidden (--min-severity suggestion shows them).\n"
    )


def test_min_severity_suggestion_shows_them(suggestion, capsys):
    assert (
        main(["check", "--output-format", "concise", "--color", "never", "--min-severity", "suggestion", "ad.md"]) == 0
    )
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("ad.md:6:5: AD01 提示 ")
    assert lines[1] == "检查了 1 个文件：0 个错误，0 个警告，1 条提示。"


def test_suggestion_colour_is_blue(suggestion, capsys):
    main(["check", "--color", "always", "--min-severity", "suggestion", "ad.md"])
    assert "\033[34mAD01 提示\033[0m" in capsys.readouterr().out


def test_min_severity_error_hides_warnings_and_names_the_level_that_shows_them(work, capsys):
    write(work / "ad.md", AD_DRAFT)
    assert main(["check", "--lang", "en", "--min-severity", "error", "ad.md"]) == 0
    assert capsys.readouterr().out == (
        "1 file(s) checked: 0 error(s); 1 warning(s) hidden (--min-severity warning shows them).\n"
    )


def test_min_severity_error_still_shows_errors_and_fails(work, capsys):
    write(work / "bad.md", BAD)
    write(work / "ad.md", AD_DRAFT)
    assert main(["check", "--min-severity", "error", "ad.md", "bad.md"]) == 1
    out = capsys.readouterr().out
    assert "bad.md:6:12: PC01 错误" in out and "AD01" not in out
    assert out.splitlines()[-1] == "检查了 2 个文件：1 个错误；另有 1 个警告未显示（加 --min-severity warning 显示）。"


def test_config_min_severity_and_the_flag_wins(suggestion, capsys):
    write(suggestion / ".oahandbook.yaml", AS_SUGGESTION + "min_severity: suggestion\n")
    main(["check", "ad.md"])
    assert "AD01 提示" in capsys.readouterr().out
    main(["check", "--min-severity", "warning", "ad.md"])
    out = capsys.readouterr().out
    assert "AD01" not in out and "另有 1 条提示未显示" in out


def test_config_rejects_an_unknown_min_severity(work, capsys):
    write(work / ".oahandbook.yaml", "min_severity: info\n")
    write(work / "good.md", GOOD)
    assert main(["check", "good.md"]) == 2
    err = capsys.readouterr().err
    assert ".oahandbook.yaml:1:" in err and "suggestion" in err


def test_min_severity_flag_rejects_other_words(work, capsys):
    assert main(["check", "--min-severity", "info", "."]) == 2


def test_a_rule_that_cannot_be_waived_cannot_become_a_suggestion(work, capsys):
    write(work / ".oahandbook.yaml", "severity: {PI01: suggestion}\n")
    write(work / "good.md", GOOD)
    assert main(["check", "good.md"]) == 2
    assert "PI01" in capsys.readouterr().err


# --- exit code --------------------------------------------------------------------------------


@pytest.mark.parametrize("shown", ["suggestion", "warning"])
def test_suggestions_never_fail(suggestion, capsys, shown):
    assert main(["check", "--min-severity", shown, "ad.md"]) == 0


def test_errors_fail_whatever_suggestions_there_are(suggestion, capsys):
    write(suggestion / "bad.md", BAD)
    assert main(["check", "--min-severity", "suggestion", "ad.md", "bad.md"]) == 1


# --- JSON, SARIF, GitHub ----------------------------------------------------------------------


def test_json_counts_suggestions_and_lists_only_what_is_shown(suggestion, capsys):
    assert main(["check", "--format", "json", "ad.md"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["findings"] == []
    summary = data["summary"]
    assert (summary["suggestions"], summary["hidden"], summary["min_severity"]) == (1, 1, "warning")
    assert main(["check", "--format", "json", "--min-severity", "suggestion", "ad.md"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(f["code"], f["severity"]) for f in data["findings"]] == [("AD01", "suggestion")]
    assert (data["summary"]["suggestions"], data["summary"]["hidden"]) == (1, 0)


def test_sarif_level_of_a_suggestion_is_note(suggestion, capsys):
    assert main(["check", "--format", "sarif", "--min-severity", "suggestion", "ad.md"]) == 0
    sarif = json.loads(capsys.readouterr().out)
    jsonschema.validate(sarif, json.loads((FIXTURES / "sarif-schema-2.1.0.json").read_text()))
    [result] = sarif["runs"][0]["results"]
    assert (result["ruleId"], result["level"]) == ("AD01", "note")
    assert main(["check", "--format", "sarif", "ad.md"]) == 0
    assert json.loads(capsys.readouterr().out)["runs"][0]["results"] == []


def test_github_annotation_of_a_suggestion_is_notice(suggestion, capsys):
    assert main(["check", "--format", "github", "--min-severity", "suggestion", "ad.md"]) == 0
    line = capsys.readouterr().out.splitlines()[0]
    assert line.startswith("::notice file=ad.md,line=6,col=5,") and "AD01" in line
    assert main(["check", "--format", "github", "ad.md"]) == 0
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_json_written_to_a_file_is_the_same(work, capsys, fmt):
    write(work / "bad.md", BAD)
    main(["check", "--format", fmt, "bad.md"])
    shown = capsys.readouterr().out
    assert main(["check", "--format", fmt, "-o", "report.json", "bad.md"]) == 1
    assert (work / "report.json").read_text(encoding="utf-8") == shown


def test_the_report_file_is_never_checked(work, capsys):
    write(work / "bad.md", BAD)
    for _ in range(2):  # the second run finds last run's report.md in the directory
        assert main(["check", "-o", "report.md", "."]) == 1
    assert (work / "report.md").read_text(encoding="utf-8").splitlines()[-1] == "检查了 1 个文件：1 个错误，0 个警告。"


# --- review records ---------------------------------------------------------------------------


def _ad01_item(record: dict) -> dict:
    return next(i for c in record["checklists"] for i in c["items"] if "AD01" in i["rules"])


def test_review_records_do_not_count_suggestions_as_problems(work, capsys):
    write(work / "ad.md", AD_DRAFT)
    assert main(["review", "--format", "json", "ad.md"]) == 0
    assert _ad01_item(json.loads(capsys.readouterr().out))["verdict"] == "open"  # a warning: weigh it
    write(work / ".oahandbook.yaml", AS_SUGGESTION)
    assert main(["review", "--format", "json", "ad.md"]) == 0
    item = _ad01_item(json.loads(capsys.readouterr().out))
    assert item["verdict"] == "pass" and item["findings"][0]["severity"] == "suggestion"
    assert main(["review", "ad.md"]) == 0
    assert "AD01 提示：" in capsys.readouterr().out


# --- streaming --------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_text_and_github_are_written_as_each_file_is_checked(work, capsys, monkeypatch, fmt):

    for name in ("a.md", "b.md", "c.md"):
        write(work / name, BAD)
    from oahandbook.api import Checker

    real = Checker.check_targets
    seen = []

    def watching(*args, **kwargs):
        for result in real(*args, **kwargs):
            seen.append(capsys.readouterr().out)  # what was printed before this file's result
            yield result

    monkeypatch.setattr(Checker, "check_targets", watching)
    assert main(["check", "--format", fmt, "a.md", "b.md", "c.md"]) == 1
    assert [s.count("PC01 ") for s in seen] == [0, 1, 1]


# --- the JSON encoder -------------------------------------------------------------------------

TRICKY = [
    '引号"与反斜杠\\',
    "控制字符\x00\x01\x1f\x7f\t\r\n",
    "\u2028\u2029 行分隔符",
    "emoji 🙂 与组合字符 é",
    "</script>",
    "",
]


@pytest.mark.parametrize("depth", [0, 1, 3])
def test_fast_encoder_gives_the_bytes_of_json_dumps_indent_2(depth):
    value = {"a": TRICKY, "b": {"c": [], "d": {}, "e": None, "f": True, "g": -12, "h": [[{}]]}, "中文": TRICKY[0]}
    expected = json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n" + "  " * depth)
    assert _dumps(value, depth).decode("utf-8") == expected


@pytest.mark.parametrize("count", [0, 1, 3])
def test_documents_with_a_list_filled_in_later_match_json_dumps(count):
    items = [{"text": TRICKY[i % len(TRICKY)], "n": i, "nested": {"list": [i]}} for i in range(count)]
    document = {"head": {"k": '[\n  "oahandbook: the findings go here"\n]'}, "runs": [{"results": ["HOLE"]}]}
    expected = json.loads(json.dumps(document))
    expected["runs"][0]["results"] = items
    from oahandbook.outputs import report as output

    document["runs"][0]["results"] = [output._HOLE]
    buffer = io.BytesIO()
    _write_document(buffer, document, 3, [_dumps(item, 4) for item in items])
    assert buffer.getvalue().decode("utf-8") == json.dumps(expected, ensure_ascii=False, indent=2) + "\n"


# --- redaction: the prechecks change nothing --------------------------------------------------

_DIGIT_RUN = re.compile(f"\\d[\\d{NUMBER_SEPARATORS}]{{4,}}[\\dXx]")  # the separators as the checks read them
_NUMERAL = "〇零一二两三四五六七八九幺壹贰叁肆伍陆柒捌玖\u2460-\u2468\u24ea\u2474-\u247c\u2776-\u277e"
_NUMERAL_RUN = re.compile(f"[{_NUMERAL}](?:[{NUMBER_SEPARATORS}]?[{_NUMERAL}\\d]){{5,}}")
_EMAIL_LIKE = re.compile(r"([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@")
_TOKEN = re.compile(r"(?<![A-Za-z0-9+/=_-])(?=[A-Za-z0-9+/=_-]*\d)(?=[A-Za-z0-9+/=_-]*[A-Za-z])[A-Za-z0-9+/=_-]{16,}")
_AFTER_SECRET_WORD = re.compile(
    r"(?i)((?:password|passwd|pwd|secret|token|api[_-]?key|密码|口令|密钥)\s*[:：=]\s*)(\S+)"
)


def redact_before(text: str) -> str:
    """The redaction as it was before the prechecks: every pass on every text."""

    def digits(match: re.Match[str]) -> str:
        run = match.group()
        return run[:3] + re.sub(r"[\dXx]", "*", run[3:-2]) + run[-2:]

    def token(match: re.Match[str]) -> str:
        run = match.group()
        return run[:2] + "…" + run[-2:]

    text = _AFTER_SECRET_WORD.sub(lambda m: m.group(1) + "••••", text)
    text = _EMAIL_LIKE.sub(r"\1***@", _DIGIT_RUN.sub(digits, _TOKEN.sub(token, text)))
    return _NUMERAL_RUN.sub(lambda m: m.group()[:3] + "*" * (len(m.group()) - 5) + m.group()[-2:], text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "纯中文没有数字",
        "电话 13800138000，身份证 11010519491231002X",
        "电话 幺三八零零幺三八零零零 和 138.0013.8000 和 ①③⑧⓪⓪①③⑧⓪⓪⓪",
        "全角数字 １３８００１３８０００ 与阿拉伯-印度数字 ١٢٣٤٥٦٧٨",
        "abcdefghijklmnopqrstuv١ (a Unicode digit right after an ASCII run)",
        "TOKEN=abc TOKEN：xyz passwd = hunter2 密码：Wx@2026abc! 口令=无",
        "\u212aey-less: to\u212aen=abc (Kelvin sign folds to k)",
        "zhang.san@example.com 和 @example.org 与 a@b",
        "3f9a1c2b4d5e6f708192a3b4c5d6e7f8 and ghp_abcdefghijklmnop1234",
        "卡号 6222 0212 3456 7890 128 见 https://example.com/u?tel=13900139000&token=9f8e7d6c5b4a39281706",
        "=:：@",
        "secret:",
        "9" * 40,
    ],
)
def test_redaction_matches_the_old_passes(text):
    assert redact(text) == redact_before(text)


@settings(max_examples=400, deadline=None)
@given(
    st.lists(st.sampled_from([*"aZk\u212a09１٣ Xx-_=:：@./+密一三幺①·", "secret", "PWD", "token", "1380013"])).map(
        "".join
    )
)
def test_redaction_matches_the_old_passes_on_random_text(text):
    assert redact(text) == redact_before(text)


def test_documents_that_cannot_be_checked_are_listed_and_counted(work, capsys):
    write(work / "ok.md", GOOD)
    write(work / "old.doc", b"\xd0\xcf\x11\xe0")
    write(work / "scan.pdf", b"%PDF-1.4")
    assert main(["check", "."]) == 0
    out, err = capsys.readouterr()
    assert "跳过 2 个未检查的文件（.doc ×1, .pdf ×1）" in out
    assert "old.doc: " in err and ".docx" in err and "scan.pdf: " in err
    assert main(["check", "--format", "json", "."]) == 0
    assert json.loads(capsys.readouterr().out)["summary"]["skipped_files"] == 2


def test_a_binary_document_named_on_the_command_line_is_refused_by_its_format_unread(work, capsys):
    write(work / "scan.pdf", b"%PDF-1.4\x00\x01\x02")
    assert main(["check", "scan.pdf"]) == 2
    assert "scan.pdf:1:1: 无法检查这个文件：PDF 无法检查" in capsys.readouterr().err


def test_the_source_line_shows_no_bidi_override_or_line_separator():
    from oahandbook.outputs.terminal import excerpt

    shown = excerpt("abc\u202edef\u2028x\u2066y", 0, 1, 80).text
    assert not set(shown) & {"\u202e", "\u2028", "\u2066"}


@pytest.mark.parametrize(
    ("line", "shown"),
    [
        ("original: Gm5pQ8vLz2Rt7w", "original: Gm…7w"),  # a password as a front matter value
        ("Gm5pQ8vLz2Rt7w: 市场部", "Gm…7w: 市场部"),  # ... as a key
        (
            "<!-- oahandbook-disable-next-line PI01 身份证Gm5pQ8vLz2Rt7w -->",
            "<!-- oahandbook-disable-next-line PI01 身份证Gm…7w -->",
        ),
        ("cover: 2024-report.png", "cover: 2024-report.png"),  # no upper case: a file name, kept
        ("title: 新款 iPhone 发布，售价 5999 元", "title: 新款 iPhone 发布，售价 5999 元"),  # words and prices kept
    ],
)
def test_source_lines_also_mask_runs_shaped_like_a_password(line, shown):
    """A source line is printed verbatim under its finding: a run mixing upper case, lower case
    and digits is masked there even when it is too short for the token mask of messages."""
    from oahandbook.engine.redaction import redact_source

    assert redact_source(line) == shown


def test_numbers_split_by_zero_width_characters_are_masked_in_printed_text():
    from oahandbook.engine.redaction import redact

    shown = redact("身份证号110101\u200b19900307\u200b1233，电话 138\u200b0013\u200b8000")
    assert "19900307" not in shown and "0013" not in shown and "110" in shown


def test_a_findings_context_masks_a_password_shaped_run_as_the_source_line_does(work, capsys):
    from oahandbook.commands.main import main
    from sample_drafts import write

    head = "---\ntitle: 通知\nauthor: 市场部\ncover: https://mp.weixin.qq.com/c.png\n---\n"
    write(work / "d.md", head + "登录 Gm5pQ8vLz2Rt7w 后加微信买冰毒。\n")
    main(["check", "--format", "json", "d.md"])
    out = capsys.readouterr().out
    assert "PC03" in out and "Gm5pQ8vLz2Rt7w" not in out


@pytest.mark.parametrize("separator", ["-", "—", "\u200b", "\t"])
def test_a_window_cut_through_a_number_stars_its_digits_whatever_separates_the_groups(separator):
    from oahandbook.article.draft import cut_numbers

    text = f"身份证 110101{separator}19900307{separator}1234 结束"
    assert cut_numbers(text, 0, text.index("0307")) == f"身份证 ******{separator}****"


def test_a_typography_suggestion_masks_a_password_shaped_run_as_other_contexts_do(work, capsys):
    from oahandbook.commands.main import main
    from sample_drafts import write

    head = "---\ntitle: 通知\nauthor: 市场部\ncover: https://mp.weixin.qq.com/c.png\n---\n"
    write(work / "d.md", head + "请用Gm5pQ8vLz2Rt7w登录后台。\n")
    main(["check", "--format", "json", "--min-severity", "suggestion", "d.md"])
    out = capsys.readouterr().out
    assert '"TY01"' in out and "Gm5pQ8vLz2Rt7w" not in out
