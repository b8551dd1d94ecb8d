"""Hostile and broken input (issue 10): whatever a fuzzer writes into a draft, an account file or
a config, the user gets ``file:line:col`` and a Chinese message, or findings; never an internal
error, and never at the cost of another file's findings: every output stays valid UTF-8 (JSON,
SARIF, JSON Lines), in any format, under any locale.

The fuzz tests are bounded (``FUZZ_EXAMPLES`` examples each, derandomized so that a failure is
the same on every run and in CI). ``OAHANDBOOK_FUZZ_EXAMPLES=2000 OAHANDBOOK_FUZZ_RANDOM=1``
explores further on a developer's machine.

Every run checks the fuzzed file together with ``ok.md``, a draft with one known finding (PI01):
that finding must be in the report, whatever the fuzzed file did.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oahandbook.run.discovery import matches
from sample_drafts import run_cli

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_ACCOUNT = (REPO / "examples" / "account.yaml").read_text(encoding="utf-8")
TODAY = "2026-11-23"
HEAD = "---\ntitle: 本周活动预告\nauthor: 市场部\ncover: https://mp.weixin.qq.com/cover.png\n---\n"
# Valid check digits: a resident ID (GB 11643), a bank card (Luhn), an AppSecret-shaped token, a password.
ID_NUMBER = "330106199207153284"
CARD_NUMBER = "6222021234567890128"
APPSECRET = "9f55f2beb5021fac5b7eaf2d7c1d493d"
PASSWORD = "Gm5pQ8vLz2Rt7w"
OK_DRAFT = HEAD + f"联系人张三，身份证{ID_NUMBER}，欢迎参加。\n"
INTERNAL = ("内部错误", "internal error")
CJK = re.compile(r"[\u4e00-\u9fff]")
PROBLEM_LINE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.+)$")

FUZZ_EXAMPLES = int(os.environ.get("OAHANDBOOK_FUZZ_EXAMPLES", "200"))
FUZZ = settings(
    max_examples=FUZZ_EXAMPLES,
    deadline=None,
    derandomize=os.environ.get("OAHANDBOOK_FUZZ_RANDOM") != "1",
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
)


# --------------------------------------------------------------------------- running


@contextlib.contextmanager
def workspace():
    """A fresh repository root as the working directory, with ``ok.md`` in it; no cache written
    (fuzzed configs would fill the user's cache)."""
    old_cwd, old_cache = os.getcwd(), os.environ.get("OAHANDBOOK_NO_CACHE")
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / ".git").mkdir()
        (root / "ok.md").write_text(OK_DRAFT, encoding="utf-8")
        os.chdir(root)
        os.environ["OAHANDBOOK_NO_CACHE"] = "1"
        try:
            yield root
        finally:
            os.chdir(old_cwd)
            if old_cache is None:
                os.environ.pop("OAHANDBOOK_NO_CACHE", None)
            else:
                os.environ["OAHANDBOOK_NO_CACHE"] = old_cache


def check(*paths: str, form: str = "json", extra: tuple[str, ...] = ()) -> tuple[int, bytes, bytes]:
    return run_cli(
        [
            "check",
            "--format",
            form,
            "--today",
            TODAY,
            "--min-severity",
            "suggestion",
            "--show-waivers",
            *extra,
            "--",
            *paths,
        ]
    )


def sound_report(code: int, out: bytes, err: bytes, fuzzed: dict[str, str], *, chinese: bool = True) -> dict:
    """The JSON report of a run over ``ok.md`` and the ``fuzzed`` files ({display: text}),
    asserted sound: valid UTF-8 and JSON, no internal error, ok.md's finding kept, every problem
    at a fuzzed file, at a line of it, in Chinese; exit 2 exactly when there are problems."""
    text = out.decode("utf-8") + err.decode("utf-8")
    for word in INTERNAL:
        assert word not in text, text[-3000:]
    report = json.loads(out.decode("utf-8"))
    assert ("ok.md", "PI01") in {(f["path"], f["code"]) for f in report["findings"]}
    for problem in report["problems"]:
        assert problem["path"] in fuzzed, problem
        lines = fuzzed[problem["path"]].count("\n") + 2
        assert 1 <= problem["line"] <= lines and problem["column"] >= 1, problem
        if chinese:
            assert CJK.search(problem["message"]), problem
    assert (code == 2) == bool(report["problems"]), (code, report["problems"])
    return report


def revealed(text: str) -> list[str]:
    """The planted values ``text`` shows whole (digits read in any style, escapes decoded,
    separators dropped)."""
    text = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), text)
    digits = re.sub(r"[\s\-._·]+", "", text.translate({0xFF10 + d: str(d) for d in range(10)}))
    shown = [v for v in (ID_NUMBER, CARD_NUMBER) if v in digits]
    return shown + [v for v in (APPSECRET, PASSWORD) if v in text]


# --------------------------------------------------------------------------- what a fuzzer writes

SCALARS = [
    "市场部",
    '"引号里的文字"',
    "'单引号''里'",
    '"未闭合',
    "[1, 2",
    "{a: b",
    "[]",
    "{}",
    "~",
    "null",
    "NO",
    "on",
    "0123",
    "1:20",
    "-5",
    "1e999",
    "99999999999999999999999999",
    "2026-02-30",
    "9999-12-31",
    "0001-01-01",
    "&a 值",
    "*a",
    "!tag 值",
    f"!{PASSWORD} x",
    f"&{PASSWORD} x",
    "!!binary " + base64.b64encode(PASSWORD.encode()).decode(),
    '!!bool "maybe"',
    "!!int ''",
    "!!timestamp x",
    "!!float abc",
    "!!null x",
    "!!str 1",
    "!!set {a}",
    '"\\ud800"',
    '"\\x00"',
    '"\\u2028"',
    '"\\e[2J"',
    "|\n  多行\n  文字",
    ">-\n  折叠",
    "https://[a]/",
    "https://[::1]:99999/",
    "http://" + ID_NUMBER + ".example.com/",
    "covers/" + "c" * 300 + ".png",
    "../../../etc/hostname",
    ".",
    "a\tb",
    "　全角空格",
    "😀",
    ID_NUMBER,
    CARD_NUMBER,
    f'"{PASSWORD}"',
    "x" * 2000,
]
FRONT_KEYS = ["title", "author", "digest", "cover", "original", "repost", "source_url", "comments", "tags", "date"]
FRONT_KEYS += ["account", "unknown", ID_NUMBER, "<<", "? complex", "'quoted key'", "title"]
BODY_BITS = [
    "赌博",
    "裸 聊",
    "冰毒出售",
    "加微信",
    "全网最低价",
    f"身份证{ID_NUMBER}",
    f"身份证{ID_NUMBER.translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)})}",
    f"卡号 {CARD_NUMBER[:4]} {CARD_NUMBER[4:8]} {CARD_NUMBER[8:12]} {CARD_NUMBER[12:16]} {CARD_NUMBER[16:]}",
    f"密码：{PASSWORD}",
    f"AppSecret={APPSECRET}",
    "13800138000",
    "zhang.san@example.com",
    "https://example.com/a?b=c",
    "https://[a]/",
    "http://[",
    "www.",
    "[链接](https://example.com/)",
    "[x](",
    "](",
    "![图](missing.png)",
    "<a href='javascript:alert(1)'>x</a>",
    "<!-- oahandbook-disable-next-line PC02: 禁赌宣传 -->\n",
    "<!-- oahandbook-disable-next-line PC02 -->\n",
    "<!-- oahandbook-disable PC01 -->",
    "<!-- oahandbook-enable PC01 -->",
    "<!-- oahandbook-disable-next-line XX99: 原因 -->\n",
    "<!-- oahandbook-disable-next-line ",
    "<!--",
    "-->",
    "```\n",
    "`",
    "~~~",
    "&#55296;",
    "&#0;",
    "&#x110000;",
    "&#1114111;",
    "&#x1F600;",
    "&nbsp;",
    "&amp;",
    "\u200b",
    "\u2028",
    "\u202e",
    "\ufeff",
    "\x0b",
    "\x1b[31m",
    "\r",
    "\n",
    "\n\n",
    "\t",
    "# ",
    "> ",
    "- ",
    "| a | b |\n|---|---|\n",
    "---\n",
    "《书名》",
    "第一",
    "转载自",
    "\u0301",
]


@st.composite
def drafts(draw) -> str:
    """A draft: a front matter (or none, or a broken one) and a body, both made of pieces that
    have broken the checker before, and free text."""
    front = draw(
        st.lists(
            st.tuples(st.sampled_from(FRONT_KEYS), st.sampled_from(SCALARS) | st.text(max_size=12)),
            max_size=8,
        )
    )
    lines = [f"{key}: {value}" for key, value in front]
    if draw(st.booleans()):
        lines = ["title: 本周活动预告", "author: 市场部", *lines]
    opening = draw(st.sampled_from(["---\n", "---\n", "---\n", "--- \n", "\ufeff---\n", "", "---\r\n"]))
    closing = draw(st.sampled_from(["---\n", "---\n", "...\n", "", "---"]))
    body = draw(st.lists(st.sampled_from(BODY_BITS) | st.text(max_size=16), max_size=30))
    return opening + "\n".join(lines) + ("\n" if lines else "") + closing + "".join(body) + "\n"


@st.composite
def raw_files(draw, texts) -> bytes:
    """A text as a file may hold it: UTF-8, with a BOM, CRLF or CR endings, a stray byte,
    UTF-16, cut in the middle of a character."""
    text = draw(texts)
    data = text.encode("utf-8")
    how = draw(st.sampled_from(["utf8"] * 6 + ["bom", "crlf", "cr", "stray", "utf16", "cut", "nul"]))
    if how == "bom":
        data = b"\xef\xbb\xbf" + data
    elif how == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif how == "cr":
        data = data.replace(b"\n", b"\r")
    elif how == "stray":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80", b"\x80"])) + data[at:]
    elif how == "utf16":
        data = text.encode("utf-16")
    elif how == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif how == "nul":
        data = data + b"\x00"
    return data


FILE_NAMES = [
    "d.md",
    "空 格.md",
    "-dash.md",
    "a;b.md",
    "pct%0A.md",
    "{x}.md",
    "a:b.md",
    "tab\tname.md",
    "n" * 200 + ".md",
]


def shown_text(data: bytes) -> str:
    """The text a problem's line numbers count in (a best effort for non-UTF-8 bytes)."""
    return data.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")


# --------------------------------------------------------------------------- drafts


@FUZZ
@given(data=raw_files(drafts()), name=st.sampled_from(FILE_NAMES), form=st.sampled_from(["json", "jsonl", "sarif"]))
def test_fuzzed_drafts_never_cost_another_file_its_findings(data, name, form):
    with workspace() as root:
        (root / name).write_bytes(data)
        code, out, err = check(name, "ok.md", form=form)
        if form == "json":
            sound_report(code, out, err, {name: shown_text(data)})
            return
        text = out.decode("utf-8") + err.decode("utf-8")
        for word in INTERNAL:
            assert word not in text, text[-3000:]
        if form == "sarif":
            results = json.loads(out)["runs"][0]["results"]
            assert any(
                r["ruleId"] == "PI01" and r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "ok.md"
                for r in results
            )
        else:
            rows = [json.loads(line) for line in out.decode("utf-8").split("\n") if line]  # not splitlines: U+2028
            assert any(
                r.get("type") == "finding" and r.get("path") == "ok.md" and r.get("code") == "PI01" for r in rows
            )
            assert rows[-1]["type"] == "summary"


def _full_width(value: str) -> str:
    return value.translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)})


PLANTED = [ID_NUMBER, _full_width(ID_NUMBER), f"{ID_NUMBER[:6]} {ID_NUMBER[6:14]} {ID_NUMBER[14:]}", CARD_NUMBER]
PLANTED += [PASSWORD, APPSECRET]
# Where a value has been echoed: front matter lines and body pieces, ``{v}`` the planted value.
FRONT_PLANTS = [
    "source_url: https://{v}.example.org/",
    "cover: {v}.png",
    "original: {v}",
    "comments: {v}",
    "date: {v}",
    "{v}: x",
    "author: &{v} x",
    "digest: !{v} x",
    'digest: !!bool "{v}"',
    'digest: !!int "{v}x"',
    "tags: {{{v}: 1}}",
    "title: 身份证{v}",
]
BODY_PLANTS = [
    "<!-- oahandbook-disable-next-line PI01 身份证{v} -->\n赌博\n",
    "<!-- oahandbook-disable-next-line PC02: 身份证{v} -->\n赌博\n",
    "[报名](https://{v}.example.com/)",
    "http://{v}/x ",
    "赌博网站密码是{v}，赌博",
    "赌博身份证{v}赌博",
    "密码：{v}",
]


@st.composite
def leaky_drafts(draw) -> str:
    """A draft with planted values in places that have echoed them, among fuzzed pieces."""
    value = draw(st.sampled_from(PLANTED))
    front = [p.format(v=value) for p in draw(st.lists(st.sampled_from(FRONT_PLANTS), max_size=2))]
    body = [p.format(v=value) for p in draw(st.lists(st.sampled_from(BODY_PLANTS), max_size=3))]
    body += draw(st.lists(st.sampled_from(BODY_BITS), max_size=5))
    body = draw(st.permutations(body))
    head = HEAD.replace("---\n", "---\n" + "".join(line + "\n" for line in front), 1)
    return head + "".join(body) + "\n"


@FUZZ
@given(text=leaky_drafts())
def test_fuzzed_drafts_leak_no_planted_value(text):
    with workspace() as root:
        (root / "d.md").write_text(text, encoding="utf-8")
        for form in ("full", "json"):
            _, out, err = check("d.md", "ok.md", form=form)
            assert not revealed(out.decode("utf-8") + err.decode("utf-8"))


# --------------------------------------------------------------------------- account files

ACCOUNT_LINES = EXAMPLE_ACCOUNT.splitlines()
_VALUE = re.compile(r"^(?P<head>\s*(?:- )?[A-Za-z_]+:)[ ]+(?P<value>[^#\n]*?)(?P<comment>\s+#.*)?$")
ACCOUNT_LINE_BITS = [
    "unknown_key: 1",
    "  nested_unknown: x",
    "kind: account",
    "kind: account",
    f"    admin_password: {PASSWORD}",
    f"    appsecret: {APPSECRET}",
    "# oahandbook-disable-next-line SE01",
    "# oahandbook-disable-next-line SE01: 演示值",
    f"# 密码：{PASSWORD}",
    "  - {name: x, role: administrator}",
    "\t- tab",
    "- item",
    "? complex",
    "<<: *a",
    "&a a: 1",
    "--- ",
    "...",
    "%YAML 1.1",
    "%TAG ! tag:example.com,2000:",
    "key: [unclosed",
    'key: "unclosed',
    "key:value",
    "key：值",
    "　key: v",
]


@st.composite
def account_files(draw) -> str:
    """The shipped example with a few lines changed: a value replaced, a line inserted, deleted,
    doubled or shifted."""
    lines = list(ACCOUNT_LINES)
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(["value", "value", "value", "insert", "delete", "double", "indent"]))
        at = draw(st.integers(0, len(lines) - 1))
        if op == "value":
            match = _VALUE.match(lines[at])
            if match:
                value = draw(st.sampled_from(SCALARS) | st.text(max_size=10))
                lines[at] = f"{match['head']} {value}{match['comment'] or ''}"
        elif op == "insert":
            lines.insert(at, draw(st.sampled_from(ACCOUNT_LINE_BITS) | st.text(max_size=20)))
        elif op == "delete":
            del lines[at]
        elif op == "double":
            lines.insert(at, lines[at])
        else:
            lines[at] = " " * draw(st.integers(0, 5)) + lines[at].lstrip(" ")
        if not lines:
            lines = ["kind: account"]
    return "\n".join(lines) + "\n"


@FUZZ
@given(data=raw_files(account_files()))
def test_fuzzed_account_files_never_cost_another_file_its_findings(data):
    with workspace() as root:
        (root / "a.yaml").write_bytes(data)
        code, out, err = check("a.yaml", "ok.md", extra=("--kind", "auto"))
        report = sound_report(code, out, err, {"a.yaml": shown_text(data)})
        for problem in report["problems"]:
            assert problem["path"] == "a.yaml"


@st.composite
def leaky_account_files(draw) -> str:
    """The shipped example with planted values written over values, in comments and in waivers."""
    value = draw(st.sampled_from(PLANTED))
    lines = list(ACCOUNT_LINES)
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(lines) - 1))
        match = _VALUE.match(lines[at])
        if match:
            shape = draw(st.sampled_from(["{v}", '"{v}"', "[{v}]", "&{v} x", "!{v}", '!!int "{v}"']))
            lines[at] = f"{match['head']} {shape.format(v=value)}{match['comment'] or ''}"
    if draw(st.booleans()):
        comment = draw(st.sampled_from(["# 管理员密码是{v}", "# oahandbook-disable-next-line SE01 密码{v}", "# {v}"]))
        lines.insert(draw(st.integers(0, len(lines))), comment.format(v=value))
    return "\n".join(lines) + "\n"


@FUZZ
@given(text=leaky_account_files())
def test_fuzzed_account_files_leak_no_planted_value(text):
    with workspace() as root:
        (root / "a.yaml").write_text(text, encoding="utf-8")
        for form in ("full", "json"):
            _, out, err = check("a.yaml", form=form)
            assert not revealed(out.decode("utf-8") + err.decode("utf-8"))


# --------------------------------------------------------------------------- configs

GLOB = st.text(alphabet="*?/[]!abmd.-_", max_size=12).filter(lambda g: g.count("*") <= 3)
CONFIG_VALUES = {
    "lang": st.sampled_from(["zh", "en", "fr", "~", "[zh]"]),
    "severity": st.dictionaries(
        st.sampled_from(["PC01", "PI01", "LK01", "pc01", "prohibited", "XX99", "TY", ""]),
        st.sampled_from(["error", "warning", "suggestion", "off", "OFF", "1"]),
        max_size=3,
    ),
    "min_severity": st.sampled_from(["suggestion", "warning", "error", "info", "1"]),
    "lexicons": st.lists(st.sampled_from(["missing.yaml", ".", "", "sub/", "../x.yaml"]), max_size=2),
    "allow_terms": st.lists(st.text(max_size=6), max_size=3),
    "allow_hosts": st.lists(st.sampled_from(["example.com", "", ".", "[a]", "*"]), max_size=2),
    "allow_contacts": st.lists(st.sampled_from(["13800138000", "", "a@b"]), max_size=2),
    "include": st.lists(GLOB, max_size=3),
    "exclude": st.lists(GLOB, max_size=3),
    "account_files": st.lists(GLOB, max_size=2),
    "handbook_url": st.sampled_from(["https://handbook.example.org/latest", "", "javascript:alert(1)", "https://[a]/"]),
    "policy": st.dictionaries(
        st.sampled_from(["backup.max_interval_days", "interaction.max_response_hours", "no.such.fact"]),
        st.integers(-(10**30), 10**30) | st.sampled_from([0, 1, 7, "abc", 1.5]),
        max_size=2,
    ),
    "unknown": st.just("x"),
}


@st.composite
def configs(draw) -> tuple[str, dict]:
    """A .oahandbook.yaml as text (flow values written as JSON, which YAML reads) and the values."""
    keys = draw(st.lists(st.sampled_from(sorted(CONFIG_VALUES)), max_size=5, unique=True))
    values = {key: draw(CONFIG_VALUES[key]) for key in keys}
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in values.items()]
    if draw(st.booleans()):
        lines.insert(draw(st.integers(0, len(lines))), draw(st.sampled_from(ACCOUNT_LINE_BITS[10:])))
    return "\n".join(lines) + "\n", values


def _ok_md_is_checked(values: dict) -> bool:
    """Whether the config leaves ok.md in the run (exclude drops it, so does an include that
    does not name it)."""
    exclude = [g for g in values.get("exclude", []) if isinstance(g, str) and g]
    include = [g for g in values.get("include", []) if isinstance(g, str) and g]
    return not matches(exclude, "ok.md") and (not include or matches(include, "ok.md"))


@FUZZ
@given(config=configs())
def test_fuzzed_configs_give_a_position_or_a_report(config):
    """A config is used, or refused with ``.oahandbook.yaml:line:col: message`` lines; never an
    internal error, and a config it accepts checks ok.md and the account file as usual."""
    text, values = config
    with workspace() as root:
        (root / ".oahandbook.yaml").write_text(text, encoding="utf-8")
        (root / "a.yaml").write_text(EXAMPLE_ACCOUNT, encoding="utf-8")
        code, out, err = check("ok.md", "a.yaml")
        shown = out.decode("utf-8") + err.decode("utf-8")
        for word in INTERNAL:
            assert word not in shown, shown[-3000:]
        if code == 2 and not out:
            lines = [line for line in err.decode("utf-8").splitlines() if line.strip()]
            assert lines
            for line in lines:
                match = PROBLEM_LINE.match(line)
                assert match and match["path"].endswith(".oahandbook.yaml"), line
                assert 1 <= int(match["line"]) <= text.count("\n") + 1, line
            return
        report = json.loads(out)
        if _ok_md_is_checked(values):
            assert ("ok.md", "PI01") in {(f["path"], f["code"]) for f in report["findings"]}
        assert not [p for p in report["problems"] if p["path"] not in ("a.yaml",)], report["problems"]


# --------------------------------------------------------------------------- known inputs

LONG_NAME = "c" * 300
INTERNAL_ERROR_DRAFTS = {
    "timestamp-tag": "date: !!timestamp x\n",
    "int-tag-empty": "digest: !!int ''\n",
    "bool-tag-maybe": 'digest: !!bool "maybe"\n',
    "cover-name-too-long": f"cover: {LONG_NAME}.png\n",
    "cover-ipv6-bracket": "cover: https://[a]/c.png\n",
    "source-url-ipv6-bracket": "source_url: https://[a]/\n",
    "escaped-surrogate": 'digest: "\\ud800"\n',
    "nul-in-cover": 'digest: x\ncover: "a\\0b.png"\n',
    "date-at-the-end-of-time": "date: 9999-12-31\n",
    "nested-tags": "tags: [[1, [2]], {a: b}]\n",
}


@pytest.mark.parametrize("name", list(INTERNAL_ERROR_DRAFTS))
def test_front_matter_that_broke_the_checker_gets_a_position(name):
    extra = INTERNAL_ERROR_DRAFTS[name]
    cover = "" if "cover:" in extra else "cover: https://mp.weixin.qq.com/cover.png\n"
    text = f"---\ntitle: 本周活动预告\nauthor: 市场部\n{cover}{extra}---\n欢迎参加。\n"
    with workspace() as root:
        (root / "d.md").write_text(text, encoding="utf-8")
        code, out, err = check("d.md", "ok.md")
        sound_report(code, out, err, {"d.md": text})


def _account(old: str, new: str) -> str:
    assert old in EXAMPLE_ACCOUNT, old
    return EXAMPLE_ACCOUNT.replace(old, new, 1)


INTERNAL_ERROR_ACCOUNTS = {
    "timestamp-tag": ("reviewed: 2026-10-15", "reviewed: !!timestamp x"),
    "int-tag-empty": ("response_hours: 48", "response_hours: !!int ''"),
    "bool-tag-maybe": ("encrypted: true", 'encrypted: !!bool "maybe"'),
    "float-overflow": ("response_hours: 48", "response_hours: 1e999"),
    "huge-interval": ("interval_days: 7 ", "interval_days: 99999999999999999999999 "),
    "huge-hours": ("response_hours: 48", "response_hours: 999999999999999999999999"),
    "expiry-at-the-end-of-time": ("expiry_date: 2027-06-30", "expiry_date: 9999-12-31"),
    "reviewed-at-the-end-of-time": ("reviewed: 2026-10-15", "reviewed: 9999-12-31"),
    "reviewed-at-the-start-of-time": ("reviewed: 2026-10-15", "reviewed: 0001-01-01"),
    "backup-at-the-start-of-time": ("last_success: 2026-11-20", "last_success: 0001-01-01"),
    "end-date-at-the-end-of-time": ("end_date: 2026-12-08", "end_date: 9999-12-31"),
    "escaped-surrogate": ("      note: 工作日 9:00–17:30\n", '      note: "\\ud800"\n'),
}


@pytest.mark.parametrize("name", list(INTERNAL_ERROR_ACCOUNTS))
def test_account_values_that_broke_the_checker_get_a_position_or_a_finding(name):
    text = _account(*INTERNAL_ERROR_ACCOUNTS[name])
    with workspace() as root:
        (root / "a.yaml").write_text(text, encoding="utf-8")
        code, out, err = check("a.yaml", "ok.md")
        sound_report(code, out, err, {"a.yaml": text})


@pytest.mark.parametrize("number", ["99999999999999999999999999", "-5", "0"])
def test_an_impossible_policy_number_is_refused_at_the_configs_line(number):
    with workspace() as root:
        (root / ".oahandbook.yaml").write_text(
            f"lang: zh\npolicy:\n  backup.max_interval_days: {number}\n", encoding="utf-8"
        )
        (root / "a.yaml").write_text(EXAMPLE_ACCOUNT, encoding="utf-8")
        code, out, err = check("a.yaml", "ok.md")
        text = out.decode() + err.decode()
        assert code == 2 and not any(word in text for word in INTERNAL), text
        assert re.search(r"\.oahandbook\.yaml:3:\d+: .*[\u4e00-\u9fff]", err.decode()), text


def test_a_file_rejected_while_read_is_counted():
    with workspace() as root:
        (root / "nul.md").write_bytes(HEAD.encode() + b"\x00\n")
        (root / "a.yaml").write_text(_account("reviewed: 2026-10-15", "reviewed: !!timestamp x"), encoding="utf-8")
        code, out, err = check("nul.md", "a.yaml", "ok.md")
        report = sound_report(code, out, err, {"nul.md": HEAD + "\n", "a.yaml": EXAMPLE_ACCOUNT})
        assert report["summary"]["files"] == 3
        assert report["summary"]["unusable_files"] == 2


def test_problems_per_file_are_capped_with_a_closing_count():
    many = 300
    text = EXAMPLE_ACCOUNT + "".join(f"unknown_{i}: x\n" for i in range(many))
    with workspace() as root:
        (root / "many.yaml").write_text(text, encoding="utf-8")
        code, out, err = check("many.yaml", "ok.md")
        problems = sound_report(code, out, err, {"many.yaml": text})["problems"]
    assert 1 < len(problems) < many
    last = problems[-1]["message"]
    assert "…" in last and (str(many - len(problems) + 1) in last or str(many - len(problems)) in last), last


def test_review_of_a_broken_file_names_the_position():
    with workspace() as root:
        (root / "d.md").write_text(HEAD.replace("author: 市场部", "author: [未闭合") + "正文\n", encoding="utf-8")
        code, out, err = run_cli(["review", "d.md", "--format", "json"])
    assert code == 2 and not out
    line = err.decode("utf-8").splitlines()[0]
    match = PROBLEM_LINE.match(line)
    assert match and match["path"] == "d.md" and match["line"] == "3" and CJK.search(match["message"]), line


# --------------------------------------------------------------------------- names and locales

FORMATS = ["full", "concise", "json", "sarif", "github", "jsonl"]
ENVIRONMENTS = {
    "utf-8-strict": {"PYTHONIOENCODING": "utf-8:strict"},
    "LC_ALL=C": {"LC_ALL": "C"},
    "LC_ALL=C.UTF-8": {"LC_ALL": "C.UTF-8"},
    # C without Python's locale coercion and UTF-8 mode: an ASCII stdout, as old images give.
    "ascii": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}
BAD_DRAFT = HEAD + "想找人陪聊？加微信即可裸 聊。\n"  # PC01


def run_subprocess(root: Path, env_name: str, argv: list) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONIOENCODING", "LC_ALL", "LANG", "PYTHONUTF8")}
    env.update(ENVIRONMENTS[env_name])
    return subprocess.run(
        [sys.executable, "-m", "oahandbook", *argv], cwd=root, env=env, capture_output=True, timeout=120
    )


def assert_whole(proc: subprocess.CompletedProcess, form: str, paths: list[str]) -> None:
    """The run found every file's finding, wrote valid UTF-8 (valid JSON for the JSON formats)
    and no internal error."""
    out = proc.stdout.decode("utf-8")  # strict: a raw 0xff is a failure
    err = proc.stderr.decode("utf-8")
    for word in INTERNAL:
        assert word not in out + err, err[-2000:]
    assert proc.returncode == 1, (proc.returncode, err[-2000:])
    if form in ("json", "sarif"):
        json.loads(out)
    if form == "jsonl":
        for line in out.split("\n"):
            if line:
                json.loads(line)
    for path in paths:
        assert path in out or path.encode("utf-8").hex() in out or _uri(path) in out, (path, out[-2000:])


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(path)


def _env_params():
    for env_name in ENVIRONMENTS:
        for form in FORMATS:
            yield pytest.param(env_name, form, id=f"{env_name}-{form}")


@pytest.fixture(scope="module")
def named_files(tmp_path_factory):
    root = tmp_path_factory.mktemp("names")
    (root / ".git").mkdir()
    (root / "ok.md").write_text(OK_DRAFT, encoding="utf-8")
    (root / "中文名.md").write_text(BAD_DRAFT, encoding="utf-8")
    with open(os.path.join(os.fsencode(root), b"bad\xff\xfe.md"), "wb") as stream:
        stream.write(BAD_DRAFT.encode("utf-8"))
    return root


@pytest.mark.parametrize(("env_name", "form"), list(_env_params()))
def test_every_format_under_every_locale(named_files, env_name, form):
    proc = run_subprocess(named_files, env_name, ["check", "--format", form, "--color", "never", "ok.md", "中文名.md"])
    assert_whole(proc, form, ["ok.md"])


@pytest.mark.parametrize(("env_name", "form"), list(_env_params()))
def test_a_file_name_that_is_not_utf8_costs_no_other_file_its_findings(named_files, env_name, form):
    proc = run_subprocess(
        named_files, env_name, ["check", "--format", form, "--color", "never", b"bad\xff\xfe.md", "ok.md"]
    )
    assert_whole(proc, form, ["ok.md"])


def test_pre_commit_over_many_files_with_one_name_that_is_not_utf8(tmp_path):
    """As the article hook runs (``check --force-exclude`` with every staged file): 300 drafts,
    one of them named with a byte that is not UTF-8; every other draft's finding is reported."""
    (tmp_path / ".git").mkdir()
    names = [f"d{i:03d}.md" for i in range(300)]
    for name in names:
        (tmp_path / name).write_text(BAD_DRAFT, encoding="utf-8")
    with open(os.path.join(os.fsencode(tmp_path), b"x\xff.md"), "wb") as stream:
        stream.write(BAD_DRAFT.encode())
    proc = run_subprocess(
        tmp_path, "LC_ALL=C.UTF-8", ["check", "--force-exclude", *names[:150], b"x\xff.md", *names[150:]]
    )
    out = proc.stdout.decode("utf-8")
    assert proc.returncode == 1
    assert all(f"{name}:6:12: PC01" in out for name in names)


@pytest.mark.parametrize("form", ["md", "json", "xlsx"])
def test_review_of_a_file_whose_name_is_not_utf8(named_files, tmp_path, form):
    target = ["-o", str(tmp_path / "record.xlsx")] if form == "xlsx" else []
    proc = run_subprocess(named_files, "LC_ALL=C.UTF-8", ["review", "--format", form, *target, b"bad\xff\xfe.md"])
    out, err = proc.stdout.decode("utf-8"), proc.stderr.decode("utf-8")
    assert proc.returncode == 0 and not any(word in out + err for word in INTERNAL), err[-2000:]
    if form == "json":
        json.loads(out)
    if form == "xlsx":
        assert (tmp_path / "record.xlsx").stat().st_size > 0
