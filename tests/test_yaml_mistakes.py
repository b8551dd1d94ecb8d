"""YAML slips people make by hand, explained in Chinese (English with ``--lang en``) at the line
and column of the slip, for a draft's front matter, an account file and ``.oahandbook.yaml``
alike; and no message about YAML ever repeats a value from the file."""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass

import pytest

from oahandbook.base.errors import InputError
from oahandbook.base.yamlio import load_text
from oahandbook.commands.main import main
from sample_drafts import BAD_DRAFT, GOOD_DRAFT, write


@dataclass(frozen=True)
class Slip:
    yaml: str  # lines of YAML holding the slip
    line: int  # where the slip is, 1-based, within ``yaml``
    column: int
    zh: tuple[str, ...]  # words the Chinese explanation holds
    en: tuple[str, ...]
    first: int | None = None  # a line of ``yaml`` the message names ("第 N 行"), if any


SLIPS = {
    "full-width-colon": Slip(
        "title：国庆放假通知\nauthor: 办公室\n", 1, 6, ("全角冒号“：”", "title: …"), ("full-width colon", "title: …")
    ),
    "full-width-colon-last-line": Slip(
        "author: 办公室\ntitle：国庆放假通知\n", 2, 6, ("全角冒号“：”", "title: …"), ("full-width colon",)
    ),
    "full-width-colon-only-field": Slip(
        "title：国庆放假通知\n", 1, 6, ("全角冒号“：”", "title: …"), ("full-width colon",)
    ),
    "colon-in-value": Slip(
        "title: 通知: 国庆放假\nauthor: 办公室\n",
        1,
        10,
        ("值里有“冒号加空格”", '请给整个值加上引号：title: "…: …"'),
        ("put the whole value in quotes", 'title: "…: …"'),
    ),
    "tab-indent": Slip("title: 通知\n\tauthor: 办公室\n", 2, 1, ("Tab 缩进", "换成空格"), ("tab", "spaces")),
    "missing-space": Slip(
        "title:国庆放假通知\nauthor: 办公室\n", 1, 6, ("冒号后面少了空格", "title: …"), ("no space after the colon",)
    ),
    "unclosed-quote": Slip(
        'title: "国庆放假通知\nauthor: 办公室\ndate: 2026-10-01\n',
        1,
        8,
        ('引号 " 没有闭合', '末尾补上 "'),
        ("never closed", 'end the value with "'),
    ),
    "unclosed-quote-closed-by-a-later-one": Slip(
        'title: "国庆放假通知\nauthor: "办公室"\n', 1, 8, ('引号 " 没有闭合',), ("never closed",)
    ),
    "chinese-closing-quote": Slip(
        'title: "国庆放假通知”\nauthor: 办公室\n',
        1,
        8,
        ("中文引号 ”", '改成 "'),
        ("Chinese quote ”", 'with "'),
    ),
    "full-width-space-indent": Slip(
        "title: 通知\n\u3000author: 办公室\n", 2, 1, ("全角空格（U+3000）", "半角空格"), ("full-width space",)
    ),
    "list-item-indent": Slip(
        "tags:\n  - 通知\n - 放假\nauthor: 办公室\n",
        3,
        2,
        ("列表项", "没有对齐", "第 3 列"),
        ("not aligned", "column 3"),
        first=2,
    ),
    "list-of-mappings-indent": Slip(
        "people:\n  - name: 张伟\n    role: administrator\n   - name: 李娜\n",
        4,
        4,
        ("列表项", "没有对齐", "第 3 列"),
        ("not aligned",),
        first=2,
    ),
    "duplicate-key": Slip(
        "title: 通知\nauthor: 办公室\ntitle: 再通知\n",
        3,
        1,
        ("键“title”重复了", "已经出现过"),
        ("'title' appears twice", "first on line"),
        first=1,
    ),
    "text-after-closing-quote": Slip(
        'title: "国庆"放假通知\nauthor: 办公室\n', 1, 8, ("放进引号", "'\"…\"…'"), ("put the whole value in quotes",)
    ),
    "square-brackets-in-a-title": Slip(
        "title: [转载]国庆放假通知\nauthor: 办公室\n", 1, 8, ("以 [ 开头", '"[…]…"'), ("starts with [",)
    ),
    "key-indented-too-deep": Slip(
        "title: 通知\n  author: 办公室\n", 2, 3, ("缩进得更深", "左对齐"), ("indented deeper",), first=1
    ),
}

CARRIERS = ("draft", "account", "config")


def place(carrier: str, yaml: str) -> tuple[str, str, int]:
    """(file name, its text, lines before the YAML) for ``yaml`` in a draft, account file or config."""
    if carrier == "draft":
        return "broken.md", f"---\n{yaml}---\n正文。\n", 1
    if carrier == "account":
        return "shop.yaml", f"kind: account\n{yaml}", 1
    return ".oahandbook.yaml", yaml, 0


def run(work, capsys, carrier: str, yaml: str, *flags: str) -> tuple[int, str, str, str]:
    """Check the carrier of ``yaml`` beside a draft with one PC01 finding; (exit code, path, out, err)."""
    name, text, _ = place(carrier, yaml)
    write(work / name, text)
    write(work / "bad.md", BAD_DRAFT)
    if carrier == "config":
        write(work / "good.md", GOOD_DRAFT)
        code = main(["check", *flags, "good.md"])
    else:
        code = main(["check", *flags, name, "bad.md"])
    captured = capsys.readouterr()
    return code, name, captured.out, captured.err


def message_about(name: str, err: str) -> str:
    """The one problem printed about the file ``name``, from its name on (a config is named by
    its full path)."""
    [message] = [line[line.index(name) :] for line in err.splitlines() if f"{name}:" in line]
    return message


@pytest.mark.parametrize("carrier", CARRIERS)
@pytest.mark.parametrize("slip", list(SLIPS.values()), ids=list(SLIPS))
def test_a_slip_is_explained_in_chinese_where_it_is(work, capsys, slip, carrier):
    code, name, out, err = run(work, capsys, carrier, slip.yaml)
    offset = place(carrier, slip.yaml)[2]
    assert code == 2
    message = message_about(name, err)
    assert message.startswith(f"{name}:{slip.line + offset}:{slip.column}: "), message
    for words in slip.zh:
        assert words in message, message
    if slip.first is not None:
        assert f"第 {slip.first + offset} 行" in message, message
    assert "Traceback" not in err and "内部错误" not in err
    if carrier != "config":  # an unusable config stops the run; an unusable file does not
        assert "bad.md:6:12: PC01" in out


@pytest.mark.parametrize("slip", list(SLIPS.values()), ids=list(SLIPS))
def test_a_slip_is_explained_in_english_with_lang_en(work, capsys, slip):
    code, name, _, err = run(work, capsys, "draft", slip.yaml, "--lang", "en")
    assert code == 2
    message = message_about(name, err)
    assert message.startswith(f"{name}:{slip.line + 1}:{slip.column}: "), message
    for words in slip.en:
        assert words in message, message
    if slip.first is not None:
        assert f"line {slip.first + 1}" in message, message
    assert not any("\u4e00" <= char <= "\u9fff" for char in message.split(": ", 1)[1]), message


def test_libyaml_words_follow_in_parentheses_and_never_replace_the_explanation(work, capsys):
    _, name, _, err = run(work, capsys, "draft", SLIPS["full-width-colon"].yaml)
    assert err.startswith(f"{name}:2:6: YAML 语法错误：键“title”后面是全角冒号")
    assert err.rstrip().endswith("（mapping values are not allowed in this context）")


@pytest.mark.parametrize(
    "yaml",
    [
        "title: “国庆放假通知”\nauthor: 办公室\ncover: https://mp.weixin.qq.com/c.png\n",
        "title: 通知：国庆放假\nauthor: 办公室\ncover: https://mp.weixin.qq.com/c.png\n",
        'title: "通知: 国庆放假"\nauthor: 办公室\ncover: https://mp.weixin.qq.com/c.png\n',
    ],
    ids=["chinese-quotes-are-text", "full-width-colon-inside-a-value", "quoted-colon"],
)
def test_what_only_looks_like_a_slip_is_fine(work, capsys, yaml):
    write(work / "ok.md", f"---\n{yaml}---\n下周三下午在一楼大厅举办开放日，欢迎参加。\n")
    assert main(["check", "ok.md"]) == 0, capsys.readouterr()


def test_lines_count_as_an_editor_does_after_an_invisible_line_separator(work, capsys):
    # libyaml ends a line at U+2028 (YAML 1.1); an editor shows it inside the line
    text = "---\ntitle: 国庆\u2028放假通知\nauthor: 办公室\ndate：2026-10-01\n---\n正文。\n"
    write(work / "sep.md", text)
    assert main(["check", "sep.md"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sep.md:2:10: ") and "U+2028" in err, err


# --------------------------------------------------------------------------- values never repeated

PLANTED = "Gm5pQx7Lw2"
LEAKS = {
    "anchor": f"admin_password: &{PLANTED}\n",
    "anchor-with-text": f"admin_password: &{PLANTED} rest\n",
    "alias": f"admin_password: *{PLANTED}\n",
    "local-tag": f"admin_password: !{PLANTED}\n",
    "tag-handle": f"admin_password: !{PLANTED}!x\n",
    "binary": f"admin_password: !!binary {base64.b64encode(PLANTED.encode()).decode()}\n",
    "bool-tag-on-text": f'admin_password: !!bool "{PLANTED}"\n',
    "int-tag-on-text": f'admin_password: !!int "{PLANTED}"\n',
    "int-tag-on-nothing": "admin_password: !!int ''\n",
    "float-tag": f"admin_password: !!float {PLANTED}\n",
    "timestamp-tag": f"admin_password: !!timestamp {PLANTED}\n",
    "no-such-day": "admin_password: 2026-02-30\n",
    "octal": "admin_password: 0123457\n",
    "base-60": "admin_password: 71:23:45\n",
    "colon-in-value": f"admin_password: {PLANTED}: x\n",
    "unclosed-quote": f'admin_password: "{PLANTED}\nother: x\n',
    "chinese-close": f'admin_password: "{PLANTED}”\nother: x\n',
    "text-after-quote": f'admin_password: "{PLANTED}"x\n',
    "at-sign": f"admin_password: @{PLANTED}\n",
    "bad-escape": f'admin_password: "{PLANTED}\\q"\n',
    "secret-as-key-with-full-width-colon": f"{PLANTED}：x\nother: y\n",
    "secret-as-key-without-space": f"{PLANTED}:x\nother: y\n",
    "duplicate-secret-key": f"{PLANTED}: a\n{PLANTED}: b\n",
    "merge-key": f"base: {{a: 1}}\nx:\n  <<: {{a: {PLANTED}}}\n",
}


@pytest.mark.parametrize("carrier", CARRIERS)
@pytest.mark.parametrize("yaml", list(LEAKS.values()), ids=list(LEAKS))
def test_no_message_repeats_a_value(work, capsys, yaml, carrier):
    code, name, out, err = run(work, capsys, carrier, yaml)
    assert code == 2
    line, column = message_about(name, err).split(":")[1:3]
    assert line.isdigit() and column.isdigit()
    shown = out + err
    for value in (PLANTED, PLANTED[:6], PLANTED[-6:], "0123457", str(0o123457), "71:23:45", "2026-02-30"):
        assert value not in shown, (value, shown)
    assert "内部错误" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    ("yaml", "line", "column", "words"),
    [
        ("admin_password: !!timestamp x\n", 1, 17, "!!timestamp"),
        ("admin_password: !!int ''\n", 1, 17, "!!int"),
        ('admin_password: !!bool "maybe"\n', 1, 17, "!!bool"),
        ("admin_password: &Gm5p\n", 1, 17, "锚点"),
        ("admin_password: !Tn4w\n", 1, 17, "类型标签"),
        ("admin_password: !!binary R201cA==\n", 1, 17, "!!binary"),
    ],
)
def test_tags_and_anchors_name_the_key_and_place(yaml, line, column, words):
    with pytest.raises(InputError) as info:
        load_text(yaml, "f.yaml")
    [problem] = info.value.problems
    assert (problem.line, problem.column) == (line, column)
    assert words in problem.message and "admin_password" in problem.message
    assert "maybe" not in problem.message and "Gm5p" not in problem.message and "Tn4w" not in problem.message


# --------------------------------------------------------------------------- bounded


@pytest.mark.parametrize(
    "text",
    [
        'title: "未闭合\n' + "key: value\n" * 100_000,
        "title：通知\n" + "  续行\n" * 100_000 + "author: x\n",
        "title: 通知" + " " * 500_000 + "x\nauthor: y: z\n",
        "a" + " " * 500_000 + "b\nc: d\n",
        "tags:\n" + "  - x\n" * 100_000 + " - y\n",
    ],
    ids=["unclosed-quote-early", "long-continuation", "long-line-of-spaces", "spaces-without-a-colon", "long-list"],
)
def test_explaining_stays_linear(text):
    start = time.perf_counter()
    with pytest.raises(InputError):
        load_text(text, "big.yaml")
    assert time.perf_counter() - start < 2


def test_a_key_shaped_like_a_phone_number_is_not_printed_in_a_yaml_message(tmp_path):
    """The YAML layer and the schema messages share one test of what a key may be printed as:
    a key holding a phone number is named as 'this value', never written out."""
    from oahandbook.api import Checker

    text = (
        "---\ntitle: t\nauthor: a\ncover: https://mp.weixin.qq.com/c.png\nx13800138000: !!binary aGVsbG8=\n---\n正文\n"
    )
    result = Checker().check_text(text, path="d.md")
    shown = " ".join(str(p) for p in result.problems)
    assert result.problems and "13800138000" not in shown
