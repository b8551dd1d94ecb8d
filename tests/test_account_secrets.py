"""Plaintext secrets: found anywhere in the file, never printed, never waivable."""

from __future__ import annotations

import json
import random
import re
import string
from pathlib import Path

import pytest

from oahandbook.account.document import parse_account
from oahandbook.account.secrets import SecretParams, _Finder, find_secrets
from oahandbook.base.errors import InputError
from oahandbook.base.yamlio import load_text
from oahandbook.commands.main import main

EXAMPLE = Path(__file__).parent.parent / "examples" / "account.yaml"
GOOD = EXAMPLE.read_text(encoding="utf-8")

APPSECRET = "9f3c2a7b1d4e5f60718293a4b5c6d7e8"
AES_KEY = "kT9vQ2mZ8xR4wL6pN1sB7dF3hJ5cV0gY2aE8uI4oP6q"  # 43 characters, like an EncodingAESKey
PASSWORD = "Hunter2!pass"
PEM = "-----BEGIN RSA PRIVATE KEY-----\n      MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n      -----END RSA PRIVATE KEY-----"


def hits(text: str):
    return find_secrets(load_text(text, "acct.yaml"), text)


def edit(old: str, new: str, text: str = GOOD) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def leaky() -> str:
    """The example with a secret of every kind in a different place."""
    text = edit("appsecret: vault:kv/wechat/example/appsecret", f"appsecret: {APPSECRET}")
    text = edit("admin_password: env:WECHAT_ADMIN_PASSWORD", f'admin_password: "{PASSWORD}"', text)
    text = edit(
        "encoding_aes_key: vault:kv/wechat/example/encoding-aes-key",
        f"encoding_aes_key: {AES_KEY}",
        text,
    )
    text = edit("  escalation_contact: 品牌部负责人", f"  escalation_contact: |\n      {PEM}", text)
    return text


def test_the_example_has_no_secrets():
    assert hits(GOOD) == []


def test_every_kind_is_found_at_its_key():
    text = leaky()
    found = {h.field: h for h in hits(text)}
    assert set(found) == {
        "security.secrets.appsecret",
        "security.secrets.admin_password",
        "security.secrets.encoding_aes_key",
        "interaction.escalation_contact",
    }
    assert found["interaction.escalation_contact"].kind == "private_key"
    line = next(i for i, row in enumerate(text.split("\n"), 1) if "admin_password:" in row)
    assert (
        found["security.secrets.admin_password"].line,
        found["security.secrets.admin_password"].column,
    ) == (line, 5)


def test_shapes_are_found_outside_secret_slots():
    assert [
        h.kind for h in hits(edit("introduction: 示例科技有限公司官方服务号，", f"introduction: 调试用 {APPSECRET} ，"))
    ] == ["appsecret"]
    assert [
        h.kind
        for h in hits(
            edit(
                "where: 单位 NAS（机房 B）和异地对象存储",
                f"where: https://pan.example.com/s/x?pwd={AES_KEY}",
            )
        )
    ] == ["token"]


def test_a_secret_in_a_comment_is_found_at_the_comment():
    text = edit("reviewed: 2026-10-15 ", f"reviewed: 2026-10-15  # old secret {APPSECRET}  ")
    [hit] = hits(text)
    assert hit.field == "comment" and hit.kind == "appsecret"
    row = next(i for i, line in enumerate(text.split("\n"), 1) if "old secret" in line)
    assert (hit.line, hit.column) == (row, text.split("\n")[row - 1].index("#") + 1)


def test_a_hash_sign_inside_a_quoted_value_is_not_a_comment():
    text = edit("  escalation_contact: 品牌部负责人", f'  escalation_contact: "品牌部 #{APPSECRET}"')
    [hit] = hits(text)
    assert hit.field == "interaction.escalation_contact"


def test_a_number_is_a_literal_password_too():
    [hit] = hits(edit("admin_password: env:WECHAT_ADMIN_PASSWORD", "admin_password: 12345678"))
    assert hit.kind == "literal"


def test_references_pass_but_not_a_secret_pasted_into_one():
    assert (
        hits(
            edit(
                "admin_password: env:WECHAT_ADMIN_PASSWORD",
                "admin_password: kms:alias/wechat-admin",
            )
        )
        == []
    )
    [hit] = hits(edit("admin_password: env:WECHAT_ADMIN_PASSWORD", f"admin_password: vault:{APPSECRET}"))
    assert hit.kind == "appsecret"
    [hit] = hits(edit("admin_password: env:WECHAT_ADMIN_PASSWORD", "admin_password: see the wiki"))
    assert hit.kind == "literal"


@pytest.mark.parametrize(
    "value",
    [
        "WeChat2026DailyBackupArchive",
        "MediaLibraryBackup_2026-11-20_v2",
        "annual-review-2026-submission-receipt-no-20260620",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709",  # a SHA-1, not 32 hex
        "123e4567-e89b-12d3-a456-426614174000",
        "https://mp.weixin.qq.com/s/Xy3dF9kLmN0pQrStUvWx1A",
        "complaints-and-enquiries@example-organisation.com",
        "s3://wechat-backups-prod/daily/2026/11/20/",
        "ProjectAlphaBetaGamma2026Q4Report",
    ],
)
def test_identifiers_people_type_are_not_secrets(value):
    assert hits(edit("where: 单位 NAS（机房 B）和异地对象存储", f"where: {value}")) == []


def test_random_tokens_are_found():
    finder = _Finder(SecretParams())
    rng = random.Random(2026)
    alphabet = string.ascii_letters + string.digits
    tokens = ["".join(rng.choice(alphabet) for _ in range(43)) for _ in range(500)]
    found = sum(bool(finder.shape(t)) for t in tokens)
    assert found >= 480, f"only {found}/500 random 43-character tokens found"


# --------------------------------------------------------------------------- never printed


def fragments(secret: str) -> list[str]:
    return [secret[i : i + 6] for i in range(0, len(secret) - 5, 3)]


SECRETS = [APPSECRET, AES_KEY, PASSWORD, "MIIEowIBAAKCAQEA0Z3VS5JJcds3xfn"]


@pytest.fixture
def work(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    return tmp_path


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_no_output_format_prints_a_secret(work, capsys, fmt):
    (work / "acct.yaml").write_text(leaky(), encoding="utf-8")
    assert main(["check", "acct.yaml", "--today", "2026-11-23", "--format", fmt, "--show-waivers"]) == 1
    out = capsys.readouterr()
    shown = out.out + out.err
    assert shown.count("SE01") >= 4
    for secret in SECRETS:
        for piece in fragments(secret):
            assert piece not in shown, f"{piece!r} of a secret appears in {fmt} output"
    if fmt == "json":
        json.loads(out.out)


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_review_records_do_not_print_secrets(work, capsys, fmt):
    (work / "acct.yaml").write_text(leaky(), encoding="utf-8")
    main(["review", "acct.yaml", "--today", "2026-11-23", "--format", fmt])
    out = capsys.readouterr()
    for secret in SECRETS:
        for piece in fragments(secret):
            assert piece not in out.out + out.err


def test_an_inline_waiver_cannot_hide_a_secret(work, capsys):
    text = edit(
        f"appsecret: {APPSECRET}",
        f"# oahandbook-disable-next-line SE01: test key\n    appsecret: {APPSECRET}",
        leaky(),
    )
    (work / "acct.yaml").write_text(text, encoding="utf-8")
    assert main(["check", "acct.yaml", "--today", "2026-11-23", "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    se01 = [f for f in report["findings"] if f["code"] == "SE01"]
    assert len(se01) == 4
    assert not any(f.get("waived") for f in se01)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "response_hours: 48 ",
            f'response_hours: "{APPSECRET}" ',
        ),  # wrong type: a message would quote it
        ("role: long_term_operator ", f"role: {APPSECRET} "),  # not an allowed value
        (
            "admin_password: env:WECHAT_ADMIN_PASSWORD",
            "admin_password: 73912846",
        ),  # a number where text is needed
        (
            "admin_password: env:WECHAT_ADMIN_PASSWORD",
            "admin_password: 0123457",
        ),  # YAML 1.1 reads 42799
        ("reviewed: 2026-10-15", f"reviewed: {AES_KEY}"),
    ],
)
def test_schema_errors_mask_secrets(work, capsys, old, new):
    (work / "acct.yaml").write_text(edit(old, new), encoding="utf-8")
    assert main(["check", "acct.yaml"]) == 2
    err = capsys.readouterr().err
    # schema errors name the field and what it needs, never the value (issue 10); YAML's own
    # messages name the key and never quote one
    assert err.startswith("acct.yaml:")
    assert (
        re.search(r": [a-z_.0-9]+: (类型错误：需要|取值无效；可选值：)", err)
        or "“security.secrets.admin_password”的值" in err
    )
    for secret in (APPSECRET, AES_KEY, "73912846", "0123457", str(0o123457)):
        assert secret not in err


def test_octal_reading_of_a_numeric_password_is_masked():
    with pytest.raises(InputError) as info:
        parse_account(
            edit("admin_password: env:WECHAT_ADMIN_PASSWORD", "admin_password: 0123456"),
            "acct.yaml",
        )
    message = str(info.value)
    assert "0123456" not in message and str(0o123456) not in message


# --------------------------------------------------------------------------- keys and quoted text


KEY_SECRET = "Zx8Kq2Lm9Np4Rt7Vw1Yb3Cd6Fg0Hj5"


def test_a_secret_used_as_a_key_is_masked_in_the_path_a_hit_names():
    text = edit(
        "admin_password: env:WECHAT_ADMIN_PASSWORD",
        f"admin_password: env:WECHAT_ADMIN_PASSWORD\n    {KEY_SECRET}: x",
    )
    found = hits(text)
    assert found and all(KEY_SECRET not in h.field for h in found)
    assert "security.secrets.••••" in {h.field for h in found}


@pytest.mark.parametrize(
    ("old", "new", "secret"),
    [
        (  # a secret as a key: SE01 names the path
            "admin_password: env:WECHAT_ADMIN_PASSWORD",
            f"admin_password: env:WECHAT_ADMIN_PASSWORD\n    {KEY_SECRET}: x",
            KEY_SECRET,
        ),
        (  # PE08 quotes an unknown permission id
            "permissions: [login, publish]\n    appointed: 2025-09-01",
            f"permissions: [login, {KEY_SECRET}]\n    appointed: 2025-09-01",
            KEY_SECRET,
        ),
        (  # NM02 quotes the account name
            "name: 示例科技服务号 ",
            'name: "示例科技  密码: Wx@2026abc!" ',
            "Wx@2026abc!",
        ),
        (  # PE06 quotes a person's name
            "  - name: 李娜\n    wechat_id: wechat:li-na\n    role: long_term_operator       # 运营者只能登录和群发（见 data/roles.yaml）\n"
            "    real_name_verified: true",
            f"  - name: {KEY_SECRET}\n    wechat_id: wechat:li-na\n    role: long_term_operator\n"
            "    real_name_verified: false",
            KEY_SECRET,
        ),
    ],
)
def test_no_message_quotes_a_secret_from_the_file(work, capsys, old, new, secret):
    (work / "acct.yaml").write_text(edit(old, new), encoding="utf-8")
    assert main(["check", "acct.yaml", "--today", "2026-11-23", "--format", "json"]) == 1
    out = capsys.readouterr()
    report = json.loads(out.out)
    assert report["findings"], "the edit should produce a finding that would quote the text"
    for piece in fragments(secret):
        assert piece not in out.out + out.err, piece
    assert "••••" in out.out


# --------------------------------------------------------------------------- secret words in text


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("reviewed: 2026-10-15 ", "reviewed: 2026-10-15   # 管理员密码: Wx@2026abc!  password: hunter2 "),
        ("reviewed: 2026-10-15 ", "reviewed: 2026-10-15   # pwd=hunter22 "),
        ("      contact: 公众号后台留言", "      contact: 公众号后台留言\n      note: 后台登录密码 Wx@2026abc!"),
        (
            "introduction: 示例科技有限公司官方服务号，",
            "introduction: 示例科技有限公司官方服务号，后台口令：Wx@2026abc!，",
        ),
        ("introduction: 示例科技有限公司官方服务号，", "introduction: 示例科技有限公司官方服务号，token=s3cr3t-2026，"),
        ("escalation_contact: 品牌部负责人", "escalation_contact: \"品牌部负责人（密钥 = 'Kx9#mP2!'）\""),
        ("where: 单位 NAS（机房 B）和异地对象存储", "where: https://pan.example.com/s/abc?pwd=q7r2"),
    ],
)
def test_a_secret_word_with_a_value_is_found(old, new):
    [hit] = hits(edit(old, new))
    assert hit.kind == "in_text"
    assert hit.word.lower() in {"密码", "pwd", "口令", "token", "密钥", "password"}


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("reviewed: 2026-10-15 ", "reviewed: 2026-10-15   # 密码由管理员保管 "),
        ("reviewed: 2026-10-15 ", "reviewed: 2026-10-15   # 密码：由管理员保管，见 vault "),
        ("reviewed: 2026-10-15 ", "reviewed: 2026-10-15   # password: env:WECHAT_ADMIN_PASSWORD "),
        ("reviewed: 2026-10-15 ", "reviewed: 2026-10-15   # token: rotated every 90 days "),
        ("reviewed: 2026-10-15 ", "reviewed: 2026-10-15   # password: ******** "),
        ("reviewed: 2026-10-15 ", "reviewed: 2026-10-15   # secret: none "),
        ("reviewed: 2026-10-15 ", "reviewed: 2026-10-15   # token: ${WECHAT_TOKEN} "),
        ("reviewed: 2026-10-15 ", "reviewed: 2026-10-15   # token expires 2026-12-01 "),
        (
            "      contact: 公众号后台留言",
            "      contact: 公众号后台留言\n      note: token 每 90 天轮换，密钥 AES-256 加密",
        ),
        (
            "introduction: 示例科技有限公司官方服务号，",
            "introduction: 示例科技有限公司官方服务号，密码找回请联系管理员，",
        ),
    ],
)
def test_a_mention_or_a_reference_is_not_a_secret(old, new):
    assert hits(edit(old, new)) == []


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_passwords_written_in_text_are_reported_and_never_printed(work, capsys, fmt):
    text = edit("reviewed: 2026-10-15 ", "reviewed: 2026-10-15   # 管理员密码: Wx@2026abc!  password: hunter2 ")
    text = edit(
        "      contact: 公众号后台留言", "      contact: 公众号后台留言\n      note: 后台登录密码 Wx@9876xyz?", text
    )
    (work / "acct.yaml").write_text(text, encoding="utf-8")
    assert main(["check", "acct.yaml", "--today", "2026-11-23", "--format", fmt]) == 1
    out = capsys.readouterr()
    shown = out.out + out.err
    assert shown.count("SE01") >= 2
    for secret in ("Wx@2026abc!", "hunter2", "Wx@9876xyz?"):
        assert secret not in shown
        assert secret[:5] not in shown


def test_a_password_in_a_comment_is_masked_in_schema_errors(work, capsys):
    text = edit("response_hours: 48 ", "response_hours: hunter2  # password: hunter2 ")
    (work / "acct.yaml").write_text(text, encoding="utf-8")
    assert main(["check", "acct.yaml"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("acct.yaml:") and "hunter2" not in err


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_password_in_a_waiver_reason_is_not_shown(work, capsys, fmt):
    text = edit(
        "  name: 示例科技服务号 ",
        "  # oahandbook-disable-next-line NM03: 批文见 OA 系统，密码: Wx@2026abc!\n  name: 中国示例科技服务号 ",
    )
    (work / "acct.yaml").write_text(text, encoding="utf-8")
    assert main(["check", "acct.yaml", "--today", "2026-11-23", "--show-waivers", "--format", fmt]) == 1
    out = capsys.readouterr()
    shown = out.out + out.err
    assert "NM03" in shown and "批文见 OA 系统" in shown  # waived, the reason shown
    assert "2026abc" not in shown
