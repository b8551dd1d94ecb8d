"""Reading account files: unusable input is a clear ``file:line:col`` message, never a traceback."""

from __future__ import annotations

import itertools
import json
import time
from pathlib import Path

import pytest

from oahandbook.account.document import parse_account
from oahandbook.base import i18n
from oahandbook.base.errors import InputError
from oahandbook.commands.main import main
from oahandbook.run.files import check_file

EXAMPLE = Path(__file__).parent.parent / "examples" / "account.yaml"
GOOD = EXAMPLE.read_text(encoding="utf-8")


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        parse_account(text, "acct.yaml")
    return [str(p) for p in info.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_the_example_parses_into_the_model():
    doc = parse_account(GOOD, "examples/account.yaml")
    assert doc.model.account.type == "service"
    assert [p.role for p in doc.model.people] == [
        "administrator",
        "long_term_operator",
        "short_term_operator",
    ]
    assert doc.yaml.position(("account", "name"), at_key=True) == (
        line_of(GOOD, "  name: 示例科技服务号"),
        3,
    )


def test_not_yaml():
    [message] = problems("kind: account\naccount: [unclosed\n")
    assert message.startswith("acct.yaml:") and "YAML" in message


def test_a_yaml_bomb_is_refused_quickly():
    levels = [chr(97 + i) for i in range(13)]  # each level repeats the one before four times
    bomb = "kind: account\na: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}]\n" for prev, name in itertools.pairwise(levels)
    )
    start = time.perf_counter()
    found = problems(bomb)
    assert time.perf_counter() - start < 1
    assert found[0].startswith("acct.yaml:2:")
    assert any("&" in p or "*" in p for p in found)


def test_duplicate_keys_name_both_lines():
    text = GOOD.replace("reviewed: 2026-10-15", "reviewed: 2026-10-15\nreviewed: 2026-11-01")
    [message] = problems(text)
    second = line_of(text, "reviewed: 2026-11-01")
    assert message.startswith(f"acct.yaml:{second}:1:")
    assert str(line_of(text, "reviewed: 2026-10-15")) in message


def test_wrong_type_points_at_the_value():
    text = GOOD.replace("response_hours: 48 ", "response_hours: two days ")
    [message] = problems(text)
    assert message.startswith(f"acct.yaml:{line_of(text, 'response_hours')}:19:")
    assert "interaction.response_hours" in message


def test_yaml_11_boolean_is_refused():
    text = GOOD.replace("real_name_verified: true       # 微信号已实名认证", "real_name_verified: yes")
    [message] = problems(text)
    assert message.startswith(f"acct.yaml:{line_of(text, 'real_name_verified: yes')}:25:")


def test_unknown_key_points_at_the_key_and_suggests():
    text = GOOD.replace("  response_hours: 48", "  respond_hours: 48")
    [message] = problems(text)
    assert message.startswith(f"acct.yaml:{line_of(text, 'respond_hours')}:3:")
    assert "response_hours" in message


def test_bad_identifiers_are_schema_errors():
    text = GOOD.replace("app_id: wx0123456789abcdef ", "app_id: wx0123 ").replace("gh_0123456789ab", "0123456789ab")
    found = problems(text)
    assert len(found) == 2
    assert any("account.app_id" in p for p in found) and any("account.original_id" in p for p in found)


def test_missing_kind_and_wrong_kind():
    [missing] = problems(GOOD.replace("kind: account", "# no kind"))
    assert "kind" in missing
    [wrong] = problems(GOOD.replace("kind: account", "kind: draft"))
    assert wrong.startswith(f"acct.yaml:{line_of(GOOD, 'kind: account')}:7:")


def test_a_bad_ip_address_is_reported_where_it_is():
    text = GOOD.replace("- 203.0.113.10", "- 203.0.113.300")
    [message] = problems(text)
    line = line_of(text, "203.0.113.300")
    column = text.splitlines()[line - 1].index("203.0.113.300") + 1
    assert message.startswith(f"acct.yaml:{line}:{column}:") and "不是 IP 地址或网段" in message
    # Whatever was pasted there is not quoted: it may be an ID number or a password.
    [message] = problems(GOOD.replace("- 203.0.113.10", "- 11010519491231002X"))
    assert "1101051949" not in message and "不是 IP 地址或网段" in message


def test_empty_file_and_a_list_instead_of_a_mapping():
    assert problems("# only a comment\n")[0].startswith("acct.yaml:1:1:")
    assert problems("- kind: account\n")[0].startswith("acct.yaml:1:1:")


def test_a_missing_optional_section_is_not_a_schema_error():
    # No backup policy, people or interaction: rules report these (BK01, PE01, IA01).
    text = GOOD.split("people:")[0] + "reviewed: 2026-10-15\n"
    doc = parse_account(text, "acct.yaml")
    assert doc.model.security is None and doc.model.people == [] and doc.model.interaction is None


def test_a_50_mb_text_is_refused_before_parsing():
    huge = GOOD + "# " + "x" * (50 * 1024 * 1024) + "\n"
    start = time.perf_counter()
    [message] = problems(huge)
    assert time.perf_counter() - start < 1
    assert message.startswith("acct.yaml:1:1:")


def test_a_50_mb_file_exits_2_without_reading_it(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    path = tmp_path / "huge.yaml"
    with path.open("w", encoding="utf-8") as handle:
        handle.write("kind: account\n")
        handle.truncate(50 * 1024 * 1024)
    start = time.perf_counter()
    assert main(["check", "huge.yaml", "--kind", "account"]) == 2
    assert time.perf_counter() - start < 2
    err = capsys.readouterr().err
    assert err.startswith("huge.yaml:1:1:")
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("not-yaml.yaml", "kind: account\n\tname: x\n"),
        ("bomb.yaml", "kind: account\na: &a [1, 2]\nb: [*a, *a]\n"),
        ("dup.yaml", "kind: account\nkind: account\n"),
        ("gbk.yaml", "kind: account\n名称: 示例\n".encode("gbk")),
    ],
)
def test_cli_reports_bad_account_files_with_exit_2(tmp_path, monkeypatch, capsys, name, content):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    assert main(["check", name, "--kind", "account"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"{name}:")
    assert err.split(":")[1].isdigit() and err.split(":")[2].isdigit()
    assert "Traceback" not in err


def test_check_file_recognises_account_files_by_kind(tmp_path):
    from oahandbook.data.bundle import load_bundle
    from oahandbook.engine.check import Context

    path = tmp_path / "shop.yaml"
    path.write_text(GOOD, encoding="utf-8")
    other = tmp_path / "other.yaml"
    other.write_text("name: not an account\n", encoding="utf-8")
    ctx = Context(load_bundle())
    assert check_file(path, "shop.yaml", ctx).kind == "account"
    assert check_file(other, "other.yaml", ctx).kind is None


# --------------------------------------------------------------------------- constraints explained


@pytest.mark.parametrize(
    ("old", "new", "zh", "en"),
    [
        ("app_id: wx0123456789abcdef ", "app_id: wx0123 ", "wx 加 16 位小写十六进制", "wx followed by 16"),
        ("gh_0123456789ab", "gh_0123", "gh_ 加 12 位小写十六进制", "gh_ followed by 12"),
        ("wechat_id: wechat:li-na", "wechat_id: li-na", "wechat:zhang-wei", "wechat:zhang-wei"),
        ("interval_days: 7 ", "interval_days: 0 ", "大于 0 的整数", "greater than 0"),
        ("response_hours: 48 ", "response_hours: -1 ", "大于 0 的整数", "greater than 0"),
        ("what: [已发表文章, 素材库, 留言, 用户标签]", "what: []", "至少写一项", "at least one item"),
        ("escalation_contact: 品牌部负责人", 'escalation_contact: ""', "不能为空", "must not be empty"),
        ("- 203.0.113.10", "- 203.0.113.300", "不是 IP 地址或网段", "not an IP address or network"),
    ],
)
def test_constraint_messages_explain_the_expected_form_in_the_users_language(monkeypatch, old, new, zh, en):
    text = GOOD.replace(old, new, 1)
    assert text != GOOD
    [chinese] = problems(text)
    assert zh in chinese, chinese
    assert not any(word in chinese for word in ("should", "Input", "String", "List", "pattern")), chinese
    with i18n.using_lang("en"):
        [english] = problems(text)
    assert en in english, english
    assert "String should" not in english and "Input should" not in english


def test_a_number_where_an_id_is_expected_is_still_a_type_error():
    text = GOOD.replace("app_id: wx0123456789abcdef ", "app_id: 123 ")
    [message] = problems(text)
    assert "文字" in message and "wx 加 16 位" not in message


def test_the_size_limit_is_the_one_check_applies(monkeypatch):
    import oahandbook.account.document as document
    from oahandbook.base import textio

    assert not hasattr(document, "MAX_ACCOUNT_BYTES")  # one limit, kept in textio
    monkeypatch.setattr(textio, "MAX_ACCOUNT_BYTES", len(GOOD.encode("utf-8")) - 1)
    [message] = problems(GOOD)
    assert message.startswith("acct.yaml:1:1:") and str(textio.MAX_ACCOUNT_BYTES) in message


def test_problems_of_one_file_are_capped_with_a_count_of_the_rest(tmp_path, capsys):
    from oahandbook.base.errors import MAX_PROBLEMS
    from oahandbook.commands.main import main

    example = (Path(__file__).parent.parent / "examples" / "account.yaml").read_text(encoding="utf-8")
    path = tmp_path / "account.yaml"
    path.write_text(example + "\n" + "".join(f"unknown_{i}: 1\n" for i in range(3000)), encoding="utf-8")
    assert main(["check", "--format", "json", str(path)]) == 2
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert len(problems) == MAX_PROBLEMS + 1
    assert "另有 2950 个问题未列出" in problems[-1]["message"]
