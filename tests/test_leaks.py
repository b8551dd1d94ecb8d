"""Nothing leaked (issue 10): known secrets and personal numbers are planted in every place the
tools may echo them (findings, problems, YAML anchors, tags and aliases, keys, type errors,
escaped values, waiver text, link hosts, cover names, context windows, review records, audit
reports) and every output format is searched for them, in any digit style.

Each planted value is unique to its case, so a leak names the case that let it through. The
outputs of all cases come from one run per format (module fixture), so the whole file stays fast.

Also here: paths and outputs (``-o`` never overwrites an input, control characters in a file
name cannot forge report lines, organisation lexicons stay inside the repository), since a
forged line or an echoed foreign file is output the user did not write.
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import hashlib
import html
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import openpyxl
import pytest

from sample_drafts import run_cli

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_ACCOUNT = (REPO / "examples" / "account.yaml").read_text(encoding="utf-8")
TODAY = "2026-11-23"
FRONT = "---\ntitle: 本周活动预告\nauthor: 市场部\ncover: https://mp.weixin.qq.com/cover.png\n---\n"


# --------------------------------------------------------------------------- planted values


def resident_id(first17: str) -> str:
    """A resident ID number with its valid check digit (GB 11643)."""
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return first17 + "10X98765432"[sum(int(d) * w for d, w in zip(first17, weights, strict=True)) % 11]


def luhn_card(first18: str) -> str:
    """A bank card number with its valid Luhn check digit."""
    total = 0
    for i, ch in enumerate(reversed(first18)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return first18 + str((10 - total % 10) % 10)


def _luhn_ok(number: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(number)):
        d = int(ch) * (2 if i % 2 else 1)
        total += d - 9 if d > 9 else d
    return total % 10 == 0


def test_planted_numbers_are_valid():
    """The examples of the brief, and the generated ones, pass their check digits (or the test
    would prove nothing: an invalid number is rightly no finding)."""
    assert resident_id("33010619920715328") == "330106199207153284"
    assert luhn_card("622202123456789012") == "6222021234567890128"
    assert _luhn_ok("6222021234567890128")
    for i in range(50):
        assert _luhn_ok(Secrets(i).card)
        assert resident_id(Secrets(i).id[:17]) == Secrets(i).id


@dataclass(frozen=True)
class Secrets:
    """Values unique to case ``i``: a resident ID (birth date differs per case), a card number,
    a password and a 32-hex AppSecret."""

    i: int

    @property
    def id(self) -> str:
        born = dt.date(1975, 1, 1) + dt.timedelta(days=97 * self.i % 15000)
        return resident_id(f"330106{born:%Y%m%d}{328 + self.i % 600:03d}")

    @property
    def card(self) -> str:
        return luhn_card(f"622202{7310 + self.i:04d}{45678912:08d}")

    @property
    def password(self) -> str:
        letters = "QwErTyUiOpAsDfGhJkLzXcVbNm"
        return f"Gm5p{letters[self.i % 26]}{letters[(self.i * 7) % 26]}8vLz{self.i:02d}Rt"

    @property
    def appsecret(self) -> str:
        return hashlib.md5(f"appsecret {self.i}".encode()).hexdigest()

    def numbers(self) -> list[str]:
        return [self.id, self.card]

    def words(self) -> list[str]:
        return [self.password, self.appsecret]


# --------------------------------------------------------------------------- searching outputs

_FULL_WIDTH = {chr(0xFF10 + d): str(d) for d in range(10)}
_CHINESE = {
    **dict.fromkeys("零〇", "0"),
    **dict.fromkeys("一幺壹", "1"),
    **dict.fromkeys("二两贰", "2"),
    "三": "3",
    "叁": "3",
    "四": "4",
    "肆": "4",
    "五": "5",
    "伍": "5",
    "六": "6",
    "陆": "6",
    "七": "7",
    "柒": "7",
    "八": "8",
    "捌": "8",
    "九": "9",
    "玖": "9",
}
_CIRCLED = {chr(0x2460 + d - 1): str(d) for d in range(1, 10)}
_DIGIT_STYLES = str.maketrans({**_FULL_WIDTH, **_CHINESE, **_CIRCLED, "⓪": "0"})
_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\x([0-9a-fA-F]{2})|\\U([0-9a-fA-F]{8})|%([0-9a-fA-F]{2})")
_SEPARATORS = re.compile(r"[\s\-._·—/,，、]+")


def _unescape(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = next(g for g in m.groups() if g)
        try:
            return chr(int(code, 16))
        except (ValueError, OverflowError):
            return m.group()

    return _ESCAPE.sub(one, html.unescape(text))


def readable(text: str) -> str:
    """What a reader can make of ``text``: entities and escapes decoded."""
    return _unescape(_unescape(text))


def digits_view(text: str) -> str:
    """``text`` with every digit style turned to ASCII digits and separators between them gone,
    so that 330 106 1992…, ３３０…, 三三零… and \\u0033\\u0033… all read as 330106…"""
    return _SEPARATORS.sub("", readable(text).translate(_DIGIT_STYLES))


def leaks(text: str, secrets: Secrets) -> list[str]:
    """The planted values (or their telling middles) that ``text`` reveals."""
    found = []
    seen = readable(text)
    for word in secrets.words():
        if word in seen or word[2:-2] in seen:
            found.append(word)
    digits = digits_view(text)
    for number in secrets.numbers():
        if number in digits or number[6:14] in digits:  # whole, or its middle (an ID's birth date)
            found.append(number)
    return found


def test_the_search_reads_every_digit_style():
    s = Secrets(3)
    spaced = f"{s.id[:6]} {s.id[6:14]} {s.id[14:]}"
    full = s.id.translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)})
    chinese = "".join("零一二三四五六七八九"[int(c)] if c.isdigit() else c for c in s.id)
    escaped = "".join(f"\\u{ord(c):04x}" for c in s.id)
    entities = "".join(f"&#{ord(c)};" for c in s.id)
    for text in (spaced, full, chinese, escaped, entities, json.dumps(s.password), f"x{s.appsecret}y"):
        assert leaks(text, s), text
    masked = f"{s.id[:3]}***********{s.id[-4:]} {s.password[:2]}…{s.password[-2:]} {s.appsecret[:2]}…"
    assert leaks(masked, s) == []


# --------------------------------------------------------------------------- running the tools


@contextlib.contextmanager
def inside(folder: Path):
    old = os.getcwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


def xlsx_text(path: Path) -> str:
    """Every cell of every sheet of a workbook, one per line."""
    workbook = openpyxl.load_workbook(path)
    cells = []
    for sheet in workbook.worksheets:
        cells.append(sheet.title)
        for row in sheet.iter_rows(values_only=True):
            cells.extend(str(value) for value in row if value is not None)
    return "\n".join(cells)


# --------------------------------------------------------------------------- the cases


def draft(front: str = "", body: str = "欢迎参加。\n", *, title="本周活动预告", author="市场部") -> str:
    head = f"title: {title}\nauthor: {author}\n" if front is not None else ""
    cover = "" if "cover:" in (front or "") else "cover: https://mp.weixin.qq.com/cover.png\n"
    return f"---\n{head}{cover}{front or ''}---\n{body}"


def account(replace: dict[str, str] | None = None, append: str = "") -> str:
    """The shipped example account file with lines replaced (old line → new lines) and text appended."""
    text = EXAMPLE_ACCOUNT
    for old, new in (replace or {}).items():
        assert old in text, old
        text = text.replace(old, new, 1)
    return text + append


def b64(value: str) -> str:
    return base64.b64encode(value.encode()).decode()


def escaped(value: str, how: str = "u") -> str:
    return "".join(f"\\u{ord(c):04x}" if how == "u" else f"\\x{ord(c):02x}" for c in value)


def entities(value: str) -> str:
    return "".join(f"&#{ord(c)};" if i % 2 else f"&#x{ord(c):x};" for i, c in enumerate(value))


def full_width(value: str) -> str:
    return value.translate({ord(str(d)): chr(0xFF10 + d) for d in range(10)})


def chinese(value: str) -> str:
    return "".join("零幺二三四五六七八九"[int(c)] if c.isdigit() else c for c in value)


SECRETS_LINE = "    admin_password: env:WECHAT_ADMIN_PASSWORD\n"
APPSECRET_LINE = "    appsecret: vault:kv/wechat/example/appsecret\n"
NOTE_LINE = "      note: 工作日 9:00–17:30\n"


# name -> the file's text, made from the case's own Secrets (its index in CASES).
ARTICLE_CASES = {
    "body-id": lambda s: draft(body=f"联系人张三，身份证{s.id}，欢迎参加。\n"),
    "body-id-full-width": lambda s: draft(body=f"联系人张三，身份证{full_width(s.id)}，欢迎参加。\n"),
    "body-id-spaced": lambda s: draft(body=f"联系人张三，身份证 {s.id[:6]} {s.id[6:14]} {s.id[14:]}，欢迎参加。\n"),
    "body-id-chinese-numerals": lambda s: draft(body=f"联系人张三，身份证{chinese(s.id)}，欢迎参加。\n"),
    "body-id-entities": lambda s: draft(body=f"联系人张三，身份证{entities(s.id)}，欢迎参加。\n"),
    "body-card": lambda s: draft(body=f"汇款请转 {' '.join(s.card[i : i + 4] for i in range(0, 19, 4))} 账户。\n"),
    "body-id-next-to-gambling": lambda s: draft(body=f"网上赌博平台实名注册，身份证{s.id}，赌博充值。\n"),
    "body-appsecret-next-to-gambling": lambda s: draft(body=f"赌博网站后台 AppSecret {s.appsecret} 速来赌博充值。\n"),
    "body-password-is-next-to-gambling": lambda s: draft(body=f"赌博网站后台密码是{s.password}，赌博充值。\n"),
    "body-password-after-colon": lambda s: draft(body=f"赌博网站后台密码：{s.password}，速来。\n"),
    "title-id": lambda s: draft(title=f"张三身份证{s.id}"),
    "author-card": lambda s: draft(author=f"张三{s.card}"),
    "front-anchor": lambda s: draft(author=f"&{s.password} 市场部"),
    "front-alias": lambda s: draft("x: &a 1\n", author=f"*{s.password}"),
    "front-tag": lambda s: draft(author=f"!{s.password} 市场部"),
    "front-binary": lambda s: draft(author=f"!!binary {b64(s.password + s.id)}"),
    "front-bool-tag": lambda s: draft(author=f'!!bool "{s.password}"'),
    "front-int-tag": lambda s: draft(author=f'!!int "{s.id}x"'),
    "front-timestamp-tag": lambda s: draft(f"date: !!timestamp {s.password}\n"),
    "front-date-type": lambda s: draft(f"date: {s.id}\n"),
    "front-bool-type": lambda s: draft(f"original: {s.password}\n"),
    "front-enum-type": lambda s: draft(f"comments: {s.id}\n"),
    "front-unknown-key": lambda s: draft(f"{s.id}: 市场部\n"),
    "front-unknown-key-password": lambda s: draft(f"{s.password}: 市场部\n"),
    "front-duplicate-key": lambda s: draft(f"{s.id}: 一\n{s.id}: 二\n"),
    "front-escaped-author": lambda s: draft(author=f'"{escaped(s.id)}"'),
    "front-escaped-x-author": lambda s: draft(author=f'"{escaped(s.password, "x")}"'),
    "front-unclosed-quote": lambda s: draft(author=f'"张三{s.id}'),
    "front-flow-mapping": lambda s: draft(author=f"{{张三: {s.id}"),
    "waiver-without-colon": lambda s: draft(
        body=f"<!-- oahandbook-disable-next-line PI01 张三身份证{s.id} -->\n网上赌博，欢迎参加。\n"
    ),
    "waiver-without-colon-password": lambda s: draft(
        body=f"<!-- oahandbook-disable PC02 后台密码{s.password} -->\n网上赌博。\n<!-- oahandbook-enable PC02 -->\n"
    ),
    "waiver-reason-with-id": lambda s: draft(
        body=f"<!-- oahandbook-disable-next-line PC02: 张三身份证{s.id}要求保留 -->\n网上赌博，欢迎参加。\n"
    ),
    "link-host-id": lambda s: draft(body=f"详见[报名页](https://{s.id}.example.com/signup)。\n"),
    "link-bare-host-id": lambda s: draft(body=f"详见 http://{s.id}/signup 。\n"),
    "link-path-card": lambda s: draft(body=f"详见[报名页](https://example.com/pay/{s.card})。\n"),
    "link-credentials": lambda s: draft(body=f"资料在 sftp://admin:{s.password}@files.example.com/a 。\n"),
    "source-url-host-id": lambda s: draft(f"source_url: https://{s.id}.example.org/\n"),
    "cover-name-id": lambda s: draft(f"cover: {s.id}.png\n"),
    "cover-url-name-id": lambda s: draft(f"cover: https://example.com/{s.id}.png\n"),
}

ACCOUNT_CASES = {
    "appsecret-plain": lambda s: account({APPSECRET_LINE: f"    appsecret: {s.appsecret}\n"}),
    "password-plain": lambda s: account({SECRETS_LINE: f"    admin_password: {s.password}\n"}),
    "password-anchor": lambda s: account({SECRETS_LINE: f"    admin_password: &{s.password} x\n"}),
    "password-alias": lambda s: account({SECRETS_LINE: f"    admin_password: *{s.password}\n"}),
    "password-tag": lambda s: account({SECRETS_LINE: f"    admin_password: !{s.password}\n"}),
    "password-binary": lambda s: account({SECRETS_LINE: f"    admin_password: !!binary {b64(s.password)}\n"}),
    "password-bool-tag": lambda s: account({SECRETS_LINE: f'    admin_password: !!bool "{s.password}"\n'}),
    "password-null-tag": lambda s: account({SECRETS_LINE: f'    admin_password: !!null "{s.password}"\n'}),
    "password-int-tag": lambda s: account({SECRETS_LINE: f'    admin_password: !!int "{s.password}"\n'}),
    "password-float-tag": lambda s: account({SECRETS_LINE: f"    admin_password: !!float {s.password}\n"}),
    "password-timestamp-tag": lambda s: account({SECRETS_LINE: f"    admin_password: !!timestamp {s.password}\n"}),
    "password-duplicate": lambda s: account({SECRETS_LINE: f"    admin_password: {s.password}\n" * 2}),
    "password-escaped": lambda s: account({SECRETS_LINE: f'    admin_password: "{escaped(s.password, "x")}"\n'}),
    "password-unclosed-quote": lambda s: account({SECRETS_LINE: f'    admin_password: "{s.password}\n'}),
    "password-in-comment": lambda s: account(append=f"# 管理员密码：{s.password}\n"),
    "password-is-in-note": lambda s: account({NOTE_LINE: f"      note: 后台密码是{s.password}\n"}),
    "password-in-url": lambda s: account({NOTE_LINE: f"      note: sftp://admin:{s.password}@files.example.com/\n"}),
    "password-as-key": lambda s: account({SECRETS_LINE: f"    {s.password}: env:X\n"}),
    "password-as-type": lambda s: account({"  type: service ": f"  type: {s.password} "}),
    "password-as-hours": lambda s: account({"response_hours: 48": f"response_hours: {s.password}"}),
    "waiver-without-colon": lambda s: account(
        {SECRETS_LINE: f"    # oahandbook-disable-next-line SE01 密码{s.password}\n{SECRETS_LINE}"}
    ),
    "id-as-key": lambda s: account(append=f"{s.id}: 张三\n"),
    "id-as-duplicate-key": lambda s: account(append=f"{s.id}: 张三\n{s.id}: 李四\n"),
    "id-as-wechat-id": lambda s: account({"wechat_id: wechat:zhang-wei": f"wechat_id: {s.id}"}),
    "id-as-original-id": lambda s: account({"original_id: gh_0123456789ab": f"original_id: {s.id}"}),
    "id-as-credit-code": lambda s: account({"credit_code: 91110108MA0000000A": f"credit_code: {s.id}"}),
    "id-as-date": lambda s: account({"reviewed: 2026-10-15": f"reviewed: {s.id}"}),
    "id-as-interval": lambda s: account({"interval_days: 7 ": f'interval_days: "{s.id}" '}),
    "id-as-role": lambda s: account({"role: administrator ": f"role: {s.id} "}),
    "id-in-person-name": lambda s: account({"- name: 张伟": f"- name: 张伟{s.id}"}),
    "id-escaped-in-note": lambda s: account({NOTE_LINE: f'      note: "{escaped(s.id)}"\n'}),
    "card-as-contact": lambda s: account({"contact: 010-00000000": f"contact: {s.card}"}),
    "card-as-permission": lambda s: account({"permissions: [login, publish]\n": f"permissions: [{s.card}]\n"}),
    "id-anchor": lambda s: account({"reviewed: 2026-10-15": f"reviewed: &{s.id} 2026-10-15"}),
}

CASES = {
    **{("article", name): make for name, make in ARTICLE_CASES.items()},
    **{("account", name): make for name, make in ACCOUNT_CASES.items()},
}
INDEX = {key: i for i, key in enumerate(CASES)}


def case_file(key: tuple[str, str]) -> str:
    kind, name = key
    return f"archive/{kind}s/{name}.md" if kind == "article" else f"archive/{kind}s/{name}.yaml"


CHECK_FORMATS = {
    "full": ["--format", "full", "--color", "never"],
    "full-en": ["--format", "full", "--color", "never", "--lang", "en"],
    "concise": ["--format", "concise", "--color", "never"],
    "json": ["--format", "json"],
    "json-en": ["--format", "json", "--lang", "en"],
    "sarif": ["--format", "sarif"],
    "github": ["--format", "github"],
    "jsonl": ["--format", "jsonl"],
    "statistics": ["--format", "full", "--statistics", "--color", "never"],
}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    """Every output of every tool over all the cases: {output name: text}, and per case the
    review records {case: {format: text}}."""
    root = tmp_path_factory.mktemp("leaks")
    (root / ".git").mkdir()
    for key, make in CASES.items():
        path = root / case_file(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(make(Secrets(INDEX[key])), encoding="utf-8")
    shown: dict[str, str] = {}
    reviews: dict[tuple[str, str], dict[str, str]] = {}
    with inside(root):
        files = [case_file(key) for key in CASES]
        common = ["--today", TODAY, "--min-severity", "suggestion", "--show-waivers"]
        for name, options in CHECK_FORMATS.items():
            _, out, err = run_cli(["check", *options, *common, *files])
            shown[f"check {name}"] = out.decode("utf-8") + err.decode("utf-8")
        # As pre-commit runs the hooks: files named, excluded ones dropped silently.
        _, out, err = run_cli(["check", "--force-exclude", "--today", TODAY, *files])
        shown["pre-commit"] = out.decode("utf-8") + err.decode("utf-8")
        _, out, err = run_cli(
            ["audit", "archive", "--today", TODAY, "-o", "audit.html", "--jsonl", "audit.jsonl", "--no-charts"]
        )
        shown["audit"] = out.decode() + err.decode()
        for name in ("audit.html", "audit.jsonl"):
            shown[name] = (root / name).read_text(encoding="utf-8") if (root / name).exists() else ""
        _, out, err = run_cli(["report", "audit.jsonl", "-o", "report.html", "--no-charts"])
        shown["report.html"] = out.decode() + err.decode()
        if (root / "report.html").exists():
            shown["report.html"] += (root / "report.html").read_text(encoding="utf-8")
        for key in CASES:
            record: dict[str, str] = {}
            for form in ("md", "json"):
                _, out, err = run_cli(["review", case_file(key), "--format", form, "--today", TODAY])
                record[f"review {form}"] = out.decode("utf-8") + err.decode("utf-8")
            target = root / "record.xlsx"
            target.unlink(missing_ok=True)
            _, out, err = run_cli(["review", case_file(key), "--format", "xlsx", "-o", "record.xlsx", "--today", TODAY])
            record["review xlsx"] = out.decode() + err.decode() + (xlsx_text(target) if target.exists() else "")
            reviews[key] = record
    return shown, reviews


# Cases no rule reports and no message echoes (so nothing can leak; listed so that the check
# below, that every other case was read, stays meaningful).
SILENT = {
    ("article", "body-id-entities"),  # PI01 does not read an ID written as HTML entities (&#51;&#x33;…)
    ("article", "front-escaped-x-author"),  # a password in a draft's author is no finding
    ("account", "password-as-key"),  # security.secrets takes any key
    ("account", "id-in-person-name"),  # personal-data rules do not run on account files
    ("account", "id-escaped-in-note"),  # likewise
}


@pytest.mark.parametrize("key", [pytest.param(key, id=f"{key[0]}-{key[1]}") for key in CASES])
def test_no_output_reveals_a_planted_value(key, outputs):
    shown, reviews = outputs
    secrets = Secrets(INDEX[key])
    leaked = {name: leaks(text, secrets) for name, text in {**shown, **reviews[key]}.items() if leaks(text, secrets)}
    assert not leaked, f"{case_file(key)} leaks {leaked}"


def test_every_case_is_reported_somewhere(outputs):
    """The plants were read: each case file is named in the JSON report (a finding or a problem),
    or the test above would pass on files nobody looked at."""
    shown, _ = outputs
    report = json.loads(shown["check json"].split("\n}\n", 1)[0] + "\n}")
    named = {f["path"] for f in report["findings"]} | {p["path"] for p in report["problems"]}
    missing = [case_file(key) for key in CASES if case_file(key) not in named and key not in SILENT]
    assert not missing


# --------------------------------------------------------------------------- context windows

FILLER = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥"
_RUN = re.compile(r"[0-9Xx*＊]{2,}")
_ANCHOR = re.compile(r"[\u4e00-\u9fff【】。，\s]")


def revealed_positions(messages: list[str], number: str) -> set[int]:
    """Which digits of ``number`` a reader learns from ``messages``, where every digit run in
    them is a piece of ``number`` (the drafts below hold no other digits). A run that a Chinese
    character (or a mark or space) bounds on its left starts where the number starts; one
    bounded on its right ends where the number ends; a run cut by … or a quote is placed by
    its other side, as a reader who knows the draft's layout would place it."""
    seen: set[int] = set()
    for message in messages:
        for match in _RUN.finditer(message):
            run = match.group()
            before = message[match.start() - 1] if match.start() else ""
            after = message[match.end()] if match.end() < len(message) else ""
            starts = [0] if before and _ANCHOR.match(before) else []
            if after and _ANCHOR.match(after):
                starts.append(len(number) - len(run))
            for start in starts:
                if start < 0:
                    continue
                seen |= {start + i for i, ch in enumerate(run) if ch not in "*＊"}
    return seen


def test_the_position_reader_sees_pieces():
    number = "330106197705233376"
    assert revealed_positions(["上下文：赌博甲330******…"], number) == {0, 1, 2}
    assert revealed_positions(["上下文：…052***76甲赌博"], number) == {10, 11, 12, 16, 17}
    assert revealed_positions(["“张三 330***19”"], number) == {0, 1, 2, 6, 7}


def test_no_set_of_findings_reveals_a_number_piece_by_piece(work):
    """24 findings whose context windows cut the same ID number at 24 different places show no
    more of it together than its 3+4 masked form does (issue 10: they revealed all 18 digits)."""
    number = Secrets(77).id
    assert not number.endswith("X")
    lines = []
    for k in range(12):
        lines.append("网上赌博" + FILLER[:k] + number + FILLER[k:] + "。")
        lines.append(FILLER[k:] + number + FILLER[:k] + "赌博充值。")
    (work / "pieces.md").write_text(FRONT + "\n\n".join(lines) + "\n", encoding="utf-8")
    _, out, _ = run_cli(["check", "--format", "json", "--min-severity", "suggestion", "pieces.md"])
    report = json.loads(out)
    messages = [f["message"] for f in report["findings"]] + [f.get("fix") or "" for f in report["findings"]]
    assert len(report["findings"]) >= 24
    seen = revealed_positions(messages, number)
    assert len(seen) <= 7, f"{len(seen)} of 18 digits shown: {sorted(seen)}"


# --------------------------------------------------------------------------- configs


CONFIG_CASES = {
    "lexicon-name": lambda s: f"lexicons: [{s.id}.yaml]\n",
    "lang-value": lambda s: f'lang: "{s.id}"\n',
    "min-severity-value": lambda s: f"min_severity: {s.card}\n",
    "anchor": lambda s: f"allow_terms: &{s.password} [x]\n",
    "tag": lambda s: f"allow_terms: !{s.password} x\n",
    "key": lambda s: f'"{s.id}": x\n',
}


@pytest.mark.parametrize("name", list(CONFIG_CASES))
def test_config_problems_reveal_no_planted_value(name, work):
    secrets = Secrets(200 + list(CONFIG_CASES).index(name))
    (work / ".oahandbook.yaml").write_text(CONFIG_CASES[name](secrets), encoding="utf-8")
    (work / "a.md").write_text(draft(), encoding="utf-8")
    shown = {}
    for form in ("full", "json"):
        code, out, err = run_cli(["check", "--format", form, "a.md"])
        assert code == 2
        shown[form] = out.decode() + err.decode()
    code, out, err = run_cli(["review", "a.md"])
    shown["review"] = out.decode() + err.decode()
    assert all(".oahandbook.yaml:1:" in text for text in shown.values()), shown
    leaked = {form: leaks(text, secrets) for form, text in shown.items() if leaks(text, secrets)}
    assert not leaked


# --------------------------------------------------------------------------- paths and outputs

BAD_BODY = "想找人陪聊？加微信即可裸 聊。\n"  # one PC01 error


def test_check_refuses_to_write_its_report_over_a_draft(work):
    draft_text = draft(body=BAD_BODY)
    for argv in (["check", "a.md", "-o", "a.md"], ["check", "--format", "json", "./a.md", "-o", "a.md"]):
        (work / "a.md").write_text(draft_text, encoding="utf-8")
        code, _, err = run_cli(argv)
        assert (work / "a.md").read_text(encoding="utf-8") == draft_text, argv
        assert code == 2 and "a.md" in err.decode(), argv


def test_check_refuses_an_output_that_is_a_draft_in_a_folder_it_checks(work):
    draft_text = draft(body=BAD_BODY)
    for name in ("drafts/a.md", "drafts/b.md"):
        (work / name).parent.mkdir(exist_ok=True)
        (work / name).write_text(draft_text, encoding="utf-8")
    code, _, _ = run_cli(["check", "drafts", "-o", "drafts/b.md"])
    assert (work / "drafts/b.md").read_text(encoding="utf-8") == draft_text
    assert code == 2


def test_audit_refuses_to_write_its_report_over_a_draft(work):
    draft_text = draft(body=BAD_BODY)
    for name in ("archive/acct/a.md", "archive/acct/b.md"):
        (work / name).parent.mkdir(parents=True, exist_ok=True)
        (work / name).write_text(draft_text, encoding="utf-8")
    for argv in (
        ["audit", "archive", "-o", "archive/acct/a.md", "--no-charts"],
        ["audit", "archive", "--jsonl", "archive/acct/b.md", "-o", "out.html", "--no-charts"],
    ):
        code, _, _ = run_cli(argv)
        for name in ("archive/acct/a.md", "archive/acct/b.md"):
            assert (work / name).read_text(encoding="utf-8") == draft_text, argv
        assert code == 2, argv


def test_report_refuses_to_write_over_its_input(work):
    (work / "archive/acct").mkdir(parents=True)
    (work / "archive/acct/a.md").write_text(draft(body=BAD_BODY), encoding="utf-8")
    run_cli(["audit", "archive", "--jsonl", "runs.jsonl", "--no-charts"])
    before = (work / "runs.jsonl").read_bytes()
    code, _, _ = run_cli(["report", "runs.jsonl", "-o", "runs.jsonl", "--no-charts"])
    assert (work / "runs.jsonl").read_bytes() == before
    assert code == 2


def test_review_refuses_to_write_over_the_file_under_review(work):
    (work / "a.md").write_text(draft(body=BAD_BODY), encoding="utf-8")
    before = (work / "a.md").read_bytes()
    code, _, _ = run_cli(["review", "a.md", "-o", "./a.md"])
    assert code == 2 and (work / "a.md").read_bytes() == before


FORGED = "forged.md:1:1: PC01 错误 伪造的报告行"
HOSTILE_NAMES = [f"evil\n{FORGED}.md", "clear\x1b[2J\x1b[Hscreen.md", "back\rspace.md", "bell\x07tab\tname.md"]
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x9b]")


@pytest.mark.parametrize("form", ["full", "concise"])
def test_control_characters_in_file_names_cannot_forge_text_output(work, form):
    """A newline in a file name must not start a report line of its own, nor an escape sequence
    reach the terminal; every line of the report still starts where a finding or problem starts."""
    for name in HOSTILE_NAMES:
        (work / name).write_text(draft(body=BAD_BODY), encoding="utf-8")
    # and one with a problem (no front matter value), printed on stderr
    (work / "broken\nforged.md:9:9: 伪造.md").write_text("---\ntitle: [\n---\n正文\n", encoding="utf-8")
    code, out, err = run_cli(["check", "--format", form, "--color", "never", *sorted(os.listdir(work))])
    text = out.decode() + err.decode()
    assert code == 2
    lines = text.splitlines()
    assert not any(line.startswith(("forged.md:", "screen.md", "space.md")) for line in lines), text
    assert not _CONTROL.search(text.replace("\t", " ")), repr(text)


def test_github_annotations_escape_line_breaks_in_file_names(work):
    for name in HOSTILE_NAMES[:1] + HOSTILE_NAMES[2:3]:
        (work / name).write_text(draft(body=BAD_BODY), encoding="utf-8")
    _, out, _ = run_cli(["check", "--format", "github", *sorted(os.listdir(work))])
    lines = out.decode().splitlines()
    assert lines and all(line.startswith("::") for line in lines), lines
    assert "\r" not in out.decode()


LEXICON = (
    "provenance:\n  what: {zh: 内部词表, en: in-house list}\n  source: {zh: 本单位, en: ours}\n"
    "  licence: internal\n  checked: 2026-11-01\ncategory: porn\nentries:\n  - {term: 陪聊, severity: warning}\n"
)


@pytest.mark.parametrize("where", ["relative", "absolute"])
def test_lexicons_outside_the_repository_are_refused_at_the_configs_line(tmp_path, monkeypatch, where):
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    outside = tmp_path / "elsewhere" / "words.yaml"
    outside.parent.mkdir()
    outside.write_text(LEXICON, encoding="utf-8")
    name = "../elsewhere/words.yaml" if where == "relative" else str(outside)
    (repo / ".oahandbook.yaml").write_text(f"lang: zh\nlexicons: [{name}]\n", encoding="utf-8")
    (repo / "a.md").write_text(draft(body=BAD_BODY), encoding="utf-8")
    monkeypatch.chdir(repo)
    code, _, err = run_cli(["check", "a.md"])
    assert code == 2
    assert re.search(r"\.oahandbook\.yaml:2:\d+: ", err.decode()), err.decode()


def test_a_lexicon_inside_the_repository_is_used(work):
    (work / "lex").mkdir()
    (work / "lex/words.yaml").write_text(LEXICON, encoding="utf-8")
    (work / ".oahandbook.yaml").write_text("lexicons: [lex/words.yaml]\n", encoding="utf-8")
    (work / "a.md").write_text(draft(body=BAD_BODY), encoding="utf-8")
    code, out, _ = run_cli(["check", "--format", "concise", "a.md"])
    assert code == 1 and "陪聊＋加微信" in out.decode()


def test_a_broken_lexicon_is_reported_once_at_the_configs_line(work):
    """A lexicon that cannot be used is the config's problem: said once, first where the config
    names it, then at the lexicon's own lines, not once per draft (and never echoing its text)."""
    (work / "words.yaml").write_text("root:Gm5pQ8vLz2Rt1234:0:0\n", encoding="utf-8")
    (work / ".oahandbook.yaml").write_text("lang: zh\nlexicons: [words.yaml]\n", encoding="utf-8")
    for i in range(3):
        (work / f"d{i}.md").write_text(draft(body=BAD_BODY), encoding="utf-8")
    code, _, err = run_cli(["check", "--format", "concise", "d0.md", "d1.md", "d2.md"])
    problems = [line for line in err.decode().splitlines() if line.strip()]
    assert code == 2
    assert re.match(r".*\.oahandbook\.yaml:2:\d+: ", problems[0]), problems
    assert len(problems) == 2 and re.search(r"words\.yaml:1:\d+: ", problems[1]), problems  # not per draft
    assert "Gm5pQ8vLz2Rt1234" not in err.decode()
