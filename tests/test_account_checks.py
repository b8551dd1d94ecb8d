"""Account check types at their edges: boundary dates, limits from data, positions, wording."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from oahandbook.account.checks import credit_code_problem, display_width
from oahandbook.account.document import parse_account
from oahandbook.commands.main import main
from oahandbook.data.bundle import load_bundle
from oahandbook.data.models import Rule
from oahandbook.data.registry import check_types
from oahandbook.engine.check import Context, check_document
from oahandbook.engine.config import Config

BUNDLE = load_bundle()
TODAY = dt.date(2026, 11, 23)
EXAMPLE = Path(__file__).parent.parent / "examples" / "account.yaml"
GOOD = EXAMPLE.read_text(encoding="utf-8")


def edit(*pairs: str, text: str = GOOD) -> str:
    for old, new in zip(pairs[::2], pairs[1::2], strict=True):
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def run(text: str, code: str, *, today: dt.date = TODAY, policy: dict | None = None):
    ctx = Context(BUNDLE, config=Config(policy=policy or {}), today=today)
    doc = parse_account(text, "acct.yaml")
    return [f for f in check_document(doc, "account", ctx, rules=[BUNDLE.rules[code]]) if f.code == code]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.split("\n"), 1) if needle in line)


def test_the_example_passes_every_account_rule(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(EXAMPLE.parent.parent)
    assert main(["check", "examples/account.yaml", "--today", "2026-11-23", "--format", "json"]) == 0
    ctx = Context(BUNDLE, today=TODAY)
    assert check_document(parse_account(GOOD, "examples/account.yaml"), "account", ctx) == []
    account_rules = [r.code for r in BUNDLE.rules.values() if r.target == "account"]
    assert len(account_rules) >= 20


# --------------------------------------------------------------------------- credit code


def test_credit_code_check_character():
    assert credit_code_problem("91110000600037341L") is None
    assert credit_code_problem("91110108MA0000000A") is None
    assert credit_code_problem("91110000600037341M") == "check"


def test_every_single_character_substitution_is_caught():
    code = "91110000600037341L"
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    for index in range(18):
        for char in alphabet:
            if char != code[index]:
                wrong = code[:index] + char + code[index + 1 :]
                assert credit_code_problem(wrong) == "check", wrong


@pytest.mark.parametrize(
    "code", ["91110000600037341l", "91110000600037341", "9111000060003734IL", "91110000600037341LL"]
)
def test_credit_code_shape(code):
    assert credit_code_problem(code) == "format"


def test_credit_code_finding_is_at_the_key_and_never_reveals_the_right_character():
    text = edit("credit_code: 91110108MA0000000A", "credit_code: 91110108MA0000000B")
    [finding] = run(text, "CE01")
    assert (finding.line, finding.column) == (line_of(text, "credit_code:"), 3)
    assert "91110108MA0000000B" in finding.message("zh")
    assert "91110108MA0000000A" not in finding.message("zh") + finding.message("en")


def test_credit_code_written_as_a_number_is_a_finding_not_a_crash():
    text = edit("credit_code: 91110108MA0000000A", "credit_code: '911101081234567890'")
    [finding] = run(text, "CE01")
    assert finding.line == line_of(text, "credit_code:")


# --------------------------------------------------------------------------- certification dates


def certified_until(day: str) -> str:
    return edit("expiry_date: 2027-06-30", f"expiry_date: {day}")


def test_expiry_day_itself_is_still_valid_and_warned():
    text = certified_until("2026-11-23")
    assert run(text, "CE02") == []
    [warning] = run(text, "CE03")
    assert warning.severity == "warning"
    assert "0" in warning.message("en")


def test_the_day_after_expiry_is_an_error_not_a_warning():
    text = certified_until("2026-11-22")
    [error] = run(text, "CE02")
    assert error.severity == "error"
    assert (error.line, error.column) == (line_of(text, "expiry_date:"), 3)
    assert "2026-11-22" in error.message("zh") and "1" in error.message("zh")
    assert run(text, "CE03") == []


def test_reminder_window_comes_from_the_platform_data():
    assert run(certified_until("2027-02-21"), "CE03")  # exactly 90 days ahead
    assert run(certified_until("2027-02-22"), "CE03") == []
    # An organisation may widen the window in its config.
    assert run(certified_until("2027-02-22"), "CE03", policy={"certification.reminder_days": 120})


def test_statuses_without_a_running_certification_are_not_expired():
    text = edit("status: certified ", "status: in_review ", text=certified_until("2026-01-01"))
    assert run(text, "CE02") == [] and run(text, "CE03") == []


def test_status_expired_without_a_date_is_reported_at_the_mapping():
    text = edit(
        "status: certified ",
        "status: expired ",
        "  expiry_date: 2027-06-30          # 到期前 90 天开始提示年审 / warnings start 90 days before\n",
        "",
    )
    [finding] = run(text, "CE02")
    assert (finding.line, finding.column) == (line_of(text, "status: expired"), 3)
    assert "expired" in finding.message("en")


def test_certification_info_update_follows_the_recorded_change():
    overdue = edit("last_change: 2026-03-02", "last_change: 2026-09-01")
    [finding] = run(overdue, "CE04")
    assert finding.line == line_of(overdue, "last_change:")
    same_day = edit("last_change: 2026-03-02", "last_change: 2026-03-15")
    assert run(same_day, "CE04") == []
    never_updated = edit("  info_updated: 2026-03-15         # 之后在平台上更新认证信息的日期\n", "")
    assert run(never_updated, "CE04")  # changed in March, never updated: overdue


# --------------------------------------------------------------------------- people


def person(name: str, role: str, appointed: str = "2026-01-05", extra: str = "") -> str:
    return (
        f"  - {{name: {name}, wechat_id: 'wechat:{name}', role: {role}, real_name_verified: true, "
        f"account_protection: true, appointed: {appointed}{extra}}}\n"
    )


def with_people(*people: str) -> str:
    head = GOOD.split("people:")[0]
    tail = "third_parties:" + GOOD.split("third_parties:")[1]
    return head + "people:\n" + "".join(people) + "\n" + tail


def test_short_term_operators_up_to_the_limit_and_one_more():
    admin = person("admin", "administrator")
    shorts = [person(f"s{i}", "short_term_operator", "2026-11-10", ", end_date: 2026-12-09") for i in range(21)]
    assert run(with_people(admin, *shorts[:20]), "PE02") == []
    text = with_people(admin, *shorts)
    [finding] = run(text, "PE02")
    assert finding.line == line_of(text, "name: s20,")
    assert "20" in finding.message("zh") and "21" in finding.message("zh")


def test_no_administrator_among_people_points_at_the_people_key():
    text = with_people(person("li", "long_term_operator"))
    [finding] = run(text, "PE01")
    assert (finding.line, finding.column) == (line_of(text, "people:"), 1)


def test_end_date_applies_to_every_role():
    text = with_people(person("admin", "administrator", extra=", end_date: 2026-11-22"))
    [finding] = run(text, "PE03")
    assert "admin" in finding.message("zh")
    assert run(with_people(person("admin", "administrator", extra=", end_date: 2026-11-23")), "PE03") == []


def test_short_term_term_counts_from_appointment():
    on_time = with_people(person("s", "short_term_operator", "2026-10-24", ", end_date: 2026-11-23"))
    late = with_people(person("s", "short_term_operator", "2026-10-23", ", end_date: 2026-11-22"))
    assert run(on_time, "PE04") == []
    assert len(run(late, "PE04")) == 1
    # Long-term operators have no term.
    assert run(with_people(person("l", "long_term_operator", "2020-01-01")), "PE04") == []


def test_real_name_and_protection_must_be_true_not_merely_present():
    text = with_people(
        person("admin", "administrator").replace("real_name_verified: true", "real_name_verified: false")
    )
    [finding] = run(text, "PE06")
    assert "admin" in finding.message("zh")
    assert run(with_people(person("admin", "administrator")), "PE07") == []


def test_role_permission_names_person_permission_and_role_in_both_languages():
    text = with_people(
        person("admin", "administrator"),
        person(
            "wang",
            "short_term_operator",
            "2026-11-10",
            ", end_date: 2026-12-09, permissions: [login, operators]",
        ),
    )
    [finding] = run(text, "PE08")
    assert finding.line == line_of(text, "name: wang")
    zh, en = finding.message("zh"), finding.message("en")
    assert "wang" in zh and "运营者管理" in zh and "短期运营者" in zh
    assert "wang" in en and "Operator management" in en and "short-term operator" in en


def test_the_administrator_may_hold_every_permission():
    matrix = BUNDLE.extra["roles"]
    everything = ", ".join(p.id for p in matrix.permissions)
    text = with_people(person("admin", "administrator", extra=f", permissions: [{everything}]"))
    assert run(text, "PE08") == []


# --------------------------------------------------------------------------- backups, review


def test_backup_interval_limit_is_policy_data():
    text = edit("interval_days: 7 ", "interval_days: 14 ")
    [finding] = run(text, "BK02")
    assert (finding.line, finding.column) == (line_of(text, "interval_days:"), 5)
    assert "14" in finding.message("zh") and "7" in finding.message("zh")
    assert run(text, "BK02", policy={"backup.max_interval_days": 14}) == []


def test_last_backup_age_boundary():
    assert run(edit("last_success: 2026-11-20", "last_success: 2026-11-16"), "BK03") == []  # 7 days
    assert len(run(edit("last_success: 2026-11-20", "last_success: 2026-11-15"), "BK03")) == 1


def test_empty_complaint_list_is_reported_at_its_key():
    text = edit(
        "  complaint_channels:\n    - kind: email\n      contact: complaints@example.com\n"
        "    - kind: message\n      contact: 公众号后台留言\n",
        "  complaint_channels: []\n",
    )
    [finding] = run(text, "IA01")
    assert (finding.line, finding.column) == (line_of(text, "complaint_channels: []"), 3)
    assert finding.severity == "warning"


def test_review_cycle():
    assert run(edit("reviewed: 2026-10-15", "reviewed: 2025-11-23"), "RV01") == []  # 365 days
    assert len(run(edit("reviewed: 2026-10-15", "reviewed: 2025-11-22"), "RV01")) == 1


def test_warnings_alone_do_not_fail_the_check(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    (tmp_path / "acct.yaml").write_text(certified_until("2027-01-15"), encoding="utf-8")
    assert main(["check", "acct.yaml", "--today", "2026-11-23"]) == 0
    assert "CE03" in capsys.readouterr().out
    (tmp_path / "acct.yaml").write_text(certified_until("2026-11-01"), encoding="utf-8")
    assert main(["check", "acct.yaml", "--today", "2026-11-23"]) == 1


# --------------------------------------------------------------------------- account name


def test_display_width_counts_full_width_characters_double():
    assert display_width("示例", 2) == 4
    assert display_width("AB c", 2) == 4
    assert display_width("示例，OK", 2) == 8


@pytest.mark.parametrize(
    ("name", "ok"),
    [("ABC", False), ("ABCD", True), ("示例" * 7 + "AB", True), ("示例" * 7 + "ABC", False)],
)
def test_name_width_boundaries(name, ok):
    text = edit("name: 示例科技服务号", f"name: {name}")
    assert (run(text, "NM01") == []) is ok


def test_full_width_space_counts_as_a_space():
    text = edit("name: 示例科技服务号", 'name: "\u3000示例科技服务号"')
    [finding] = run(text, "NM02")
    assert "开头" in finding.message("zh")
    assert run(edit("name: 示例科技服务号", "name: Example 示例"), "NM02") == []


def test_official_words_name_the_longest_word_once():
    text = edit("name: 示例科技服务号", "name: 示例市人民政府之窗")
    [finding] = run(text, "NM03")
    assert "“人民政府”" in finding.message("zh")
    government = edit("type: enterprise ", "type: government ", text=text)
    assert run(government, "NM03") == []


# --------------------------------------------------------------------------- params


def test_params_naming_an_unknown_fact_are_rejected():
    rule = BUNDLE.rules["BK03"]
    broken = Rule.model_validate(
        {
            **rule.model_dump(by_alias=True),
            "params": {**rule.params, "days": "backup.max_intervall_days"},
        }
    )
    messages = check_types()["deadline"].validate_params(broken, BUNDLE)
    assert messages and "backup.max_intervall_days" in messages[0]
    assert check_types()["deadline"].validate_params(rule, BUNDLE) == []


# --------------------------------------------------------------------------- dates that cannot be right


@pytest.mark.parametrize(
    ("old", "new", "code"),
    [
        ("reviewed: 2026-10-15", "reviewed: 2099-10-15", "RV01"),
        ("last_success: 2026-11-20", "last_success: 2030-01-20", "BK03"),
        ("certified_date: 2026-07-01", "certified_date: 2026-12-01", "CE04"),
        ("info_updated: 2026-03-15", "info_updated: 2026-12-15", "CE04"),
        ("last_change: 2026-03-02", "last_change: 2027-03-02", "CE04"),
        ("    - date: 2026-06-20", "    - date: 2027-06-20", "CE04"),
        ("appointed: 2025-09-01", "appointed: 2027-09-01", "PE03"),
    ],
)
def test_a_date_that_records_the_past_may_not_lie_ahead(old, new, code):
    text = edit(old, new)
    [finding] = run(text, code)
    row = line_of(text, new)
    assert finding.line == row
    assert finding.column == text.split("\n")[row - 1].index(new.strip().lstrip("- ").split(":")[0]) + 1
    date = new.split(": ")[1]
    for lang in ("zh", "en"):
        message = finding.message(lang)
        assert date in message and "2026-11-23" in message, message
    assert "晚于今天" in finding.message("zh")


def test_today_is_not_in_the_future():
    for old, new, code in [
        ("reviewed: 2026-10-15", "reviewed: 2026-11-23", "RV01"),
        ("last_success: 2026-11-20", "last_success: 2026-11-23", "BK03"),
        ("info_updated: 2026-03-15", "info_updated: 2026-11-23", "CE04"),
        ("appointed: 2025-09-01", "appointed: 2026-11-23", "PE03"),
    ]:
        assert run(edit(old, new), code) == [], code


def test_a_future_annual_review_names_its_item():
    text = edit("      result: passed\n", "      result: passed\n    - date: 2027-06-20\n      result: pending\n")
    [finding] = run(text, "CE04")
    assert finding.line == line_of(text, "- date: 2027-06-20")
    assert "certification.annual_reviews[1].date" in finding.message("zh")


def test_certification_cannot_expire_before_it_was_granted():
    text = edit("expiry_date: 2027-06-30", "expiry_date: 2026-06-30")
    found = run(text, "CE02")
    order = [f for f in found if "2026-07-01" in f.message("zh")]
    assert len(order) == 1 and order[0].line == line_of(text, "expiry_date:")
    assert "早于认证日期" in order[0].message("zh")
    assert run(edit("certified_date: 2026-07-01", "certified_date: 2027-06-30"), "CE02") == []  # same day


def test_short_term_end_date_within_the_platform_term():
    def short(appointed: str, end: str) -> str:
        return with_people(
            person("admin", "administrator"), person("s", "short_term_operator", appointed, f", end_date: {end}")
        )

    assert run(short("2026-11-10", "2026-12-10"), "PE04") == []  # exactly 30 days
    text = short("2026-11-10", "2026-12-11")
    [finding] = run(text, "PE04")
    assert finding.line == line_of(text, "name: s,")
    zh = finding.message("zh")
    assert "2026-12-11" in zh and "2026-12-10" in zh and "30" in zh
    assert len(run(short("2026-11-10", "2026-11-01"), "PE04")) == 1  # before the appointment
    # The term is platform data: an organisation's policy file changes it.
    assert run(text, "PE04", policy={"people.short_term_operator.max_days": 31}) == []


def test_rules_with_date_checks_have_their_messages():
    for rule in BUNDLE.rules.values():
        if rule.check != "deadline":
            continue
        if rule.params.get("past"):
            assert "future" in rule.messages, rule.code
        for pair in rule.params.get("order", []):
            assert pair.get("key", "order") in rule.messages, rule.code


def test_expand_follows_every_list_item():
    from oahandbook.account.select import expand

    data = {"reviews": [{"date": 1}, {"result": "x"}, {"date": 3}], "one": {"date": 2}}
    assert list(expand(data, "reviews.*.date")) == [(("reviews", 0, "date"), 1), (("reviews", 2, "date"), 3)]
    assert list(expand(data, "one.date")) == [(("one", "date"), 2)]
    assert list(expand(data, "missing.*.date")) == []
