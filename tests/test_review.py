"""``oahandbook review FILE``: a record of every checklist item, automated ones pre-filled."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

import openpyxl
import pytest

from oahandbook.commands.main import main
from oahandbook.data.bundle import load_bundle
from oahandbook.data.checklists import checklist_set
from sample_drafts import BAD_DRAFT as BAD
from sample_drafts import GOOD_DRAFT as GOOD
from sample_drafts import write

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def checklists():
    return checklist_set(load_bundle())


def review(*args: str) -> int:
    return main(["review", *args, "--today", "2026-12-05"])


def items_of(text: str) -> dict[str, str]:
    """Each task of a Markdown record by item id: its whole block of lines."""
    blocks: dict[str, str] = {}
    current = None
    for line in text.splitlines():
        match = re.match(r"^- \[[ x]\] \*\*([A-Z]{3}-\d{2})\*\*", line)
        if match:
            current = match.group(1)
            blocks[current] = line
        elif line.startswith("  ") and current:
            blocks[current] += "\n" + line
        else:
            current = None
    return blocks


def test_failing_draft_record_names_the_failure_and_leaves_manual_items_open(work, capsys, checklists):
    path = write(work / "drafts" / "bad.md", BAD)
    assert review("drafts/bad.md") == 0
    text = capsys.readouterr().out
    assert hashlib.sha256(path.read_bytes()).hexdigest() in text
    assert "OA-ZD-001" in text and "1.0 版" in text
    assert "2026-12-05" in text
    article = next(c for c in checklists.checklists if c.review == "article")
    blocks = items_of(text)
    assert list(blocks) == [item.id for item in article.items]
    failing = next(item for item in article.items if "PC01" in item.rules)
    block = blocks[failing.id]
    assert block.startswith(f"- [ ] **{failing.id}**")
    assert "结果：不通过" in block
    assert "第 6 行第 12 列 PC01" in block
    for item in article.items:
        if not item.rules:
            assert blocks[item.id].startswith(f"- [ ] **{item.id}**")
            assert "待审核人判断" in blocks[item.id]
    assert "## 审核结论" in text


def test_passing_draft_record_ticks_every_automated_item(work, capsys, checklists):
    write(work / "good.md", GOOD)
    assert review("good.md") == 0
    blocks = items_of(capsys.readouterr().out)
    article = next(c for c in checklists.checklists if c.review == "article")
    for item in article.items:
        if item.rules:
            assert blocks[item.id].startswith(f"- [x] **{item.id}**"), blocks[item.id]
            assert "结果：通过" in blocks[item.id]
            assert "不通过" not in blocks[item.id]
        else:
            assert blocks[item.id].startswith(f"- [ ] **{item.id}**")


def test_english_record(work, capsys):
    write(work / "bad.md", BAD)
    assert main(["--lang", "en", "review", "bad.md", "--today", "2026-12-05"]) == 0
    text = capsys.readouterr().out
    assert text.startswith("# Review record: bad.md")
    assert "Result: Fail" in text and "line 6, column 12 PC01" in text
    assert "For the reviewer to judge" in text


def test_json_record_has_a_verdict_for_every_item(work, capsys, checklists):
    path = write(work / "bad.md", BAD)
    assert review("bad.md", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema_version"] == 1
    assert data["file"] == {
        "path": "bad.md",
        "kind": "article",
        "sha256": hashlib.sha256(path.read_bytes()).hexdigest(),
    }
    assert data["regulation"]["number"] == "OA-ZD-001" and data["regulation"]["version"] == "1.0"
    assert data["checked_on"] == "2026-12-05"
    [record] = data["checklists"]
    items = {item["id"]: item for item in record["items"]}
    article = next(c for c in checklists.checklists if c.review == "article")
    assert list(items) == [item.id for item in article.items]
    failing = next(item for item in article.items if "PC01" in item.rules)
    assert items[failing.id]["verdict"] == "fail"
    [finding] = [f for f in items[failing.id]["findings"] if f["code"] == "PC01"]
    assert (finding["line"], finding["column"]) == (6, 12)
    assert finding["message"]["zh"] and finding["message"]["en"]
    for item in article.items:
        if not item.rules:
            assert (items[item.id]["verdict"], items[item.id]["why_open"]) == ("open", "manual")
    assert data["summary"]["fail"] >= 1
    assert data["summary"]["manual"] == sum(1 for item in article.items if not item.rules)


def test_xlsx_record_needs_an_output_file(work, capsys):
    write(work / "bad.md", BAD)
    assert review("bad.md", "--format", "xlsx") == 2
    assert "--output" in capsys.readouterr().err


def test_xlsx_record_is_prefilled_and_offers_the_drop_down(work, capsys, checklists):
    write(work / "bad.md", BAD)
    assert review("bad.md", "--format", "xlsx", "--output", "record.xlsx") == 0
    workbook = openpyxl.load_workbook(work / "record.xlsx")
    article = next(c for c in checklists.checklists if c.review == "article")
    assert workbook.sheetnames == ["审核记录", article.title.zh, "发现明细"]
    info = {row[0].value: row[1].value for row in workbook["审核记录"].iter_rows(min_row=2)}
    assert info["SHA-256"] == hashlib.sha256((work / "bad.md").read_bytes()).hexdigest()
    sheet = workbook[article.title.zh]
    results = {
        sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=8).value for r in range(2, sheet.max_row + 1)
    }
    failing = next(item for item in article.items if "PC01" in item.rules)
    assert results[failing.id] == "不通过"
    basis = sheet.cell(row=[i.id for i in article.items].index(failing.id) + 2, column=9).value
    assert "PC01" in basis
    for item in article.items:
        if not item.rules:
            assert results[item.id] is None, "left for the reviewer"
        else:
            assert results[item.id] in ("通过", "不通过", None)
    validation = sheet.data_validations.dataValidation[0]
    assert validation.formula1 == '"通过,不通过,不适用"'
    assert sheet.freeze_panes == "A2"


def test_waived_finding_passes_and_shows_the_reason(work, capsys, checklists):
    waived = BAD.replace(
        "想找人陪聊",
        "<!-- oahandbook-disable-next-line PC01: 引用的是诈骗短信原文，用于提醒读者 -->\n想找人陪聊",
    )
    write(work / "waived.md", waived)
    assert review("waived.md", "--format", "json") == 0
    data = json.loads(capsys.readouterr().out)
    items = {item["id"]: item for item in data["checklists"][0]["items"]}
    failing = next(item for item in checklists.checklists[0].items if "PC01" in item.rules)
    assert items[failing.id]["verdict"] == "pass"
    [finding] = [f for f in items[failing.id]["findings"] if f["code"] == "PC01"]
    assert finding["waived"] and "诈骗短信" in finding["waiver_reason"]


def test_a_rule_switched_off_leaves_its_item_open(work, capsys, checklists):
    write(work / ".oahandbook.yaml", "severity:\n  PC01: 'off'\n")
    write(work / "bad.md", BAD)
    assert review("bad.md") == 0
    blocks = items_of(capsys.readouterr().out)
    failing = next(item for item in checklists.checklists[0].items if "PC01" in item.rules)
    assert blocks[failing.id].startswith(f"- [ ] **{failing.id}**")
    assert "PC01 已在配置中关闭" in blocks[failing.id]


def test_record_quotes_nothing_of_the_file_beyond_findings(work, capsys):
    secret_sentence = "这一段是内部草稿的独有文字甲乙丙丁戊己庚辛。"
    write(work / "good.md", GOOD + secret_sentence + "\n")
    assert review("good.md") == 0
    assert review("good.md", "--format", "json") == 0
    assert secret_sentence not in capsys.readouterr().out


def test_account_file_is_reviewed_against_the_account_checklists(work, capsys, checklists):
    account = (REPO / "examples" / "account.yaml").read_text(encoding="utf-8")
    write(work / "accounts" / "main.yaml", account)
    assert main(["review", "accounts/main.yaml", "--today", "2026-11-23", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["file"]["kind"] == "account"
    expected = [c.id for c in checklists.checklists if c.review == "account"]
    assert [c["id"] for c in data["checklists"]] == expected
    assert {"account-audit", "security-review"} <= set(expected)
    verdicts = {item["verdict"] for c in data["checklists"] for item in c["items"] if item["automated"]}
    assert "fail" not in verdicts, "the example account file is compliant on its example date"


def test_unreadable_file_exits_2_with_a_position(work, capsys):
    (work / "bad.md").write_bytes("标题".encode("gb18030") + b"\n")
    assert review("bad.md") == 2
    err = capsys.readouterr().err
    assert re.match(r"bad\.md:1:1: ", err), err


def test_missing_file_exits_2(work, capsys):
    assert review("nowhere.md") == 2
    assert "nowhere.md:1:1:" in capsys.readouterr().err


def test_file_of_unknown_kind_exits_2(work, capsys):
    write(work / "notes.txt", "随手记\n")
    assert review("notes.txt") == 2
    assert "notes.txt:1:1:" in capsys.readouterr().err


def test_output_must_not_overwrite_the_reviewed_file(work, capsys):
    path = write(work / "good.md", GOOD)
    assert review("good.md", "--output", "good.md") == 2
    assert path.read_text(encoding="utf-8") == GOOD


def test_markdown_record_to_a_file(work, capsys):
    write(work / "good.md", GOOD)
    assert review("good.md", "--output", "record.md") == 0
    text = (work / "record.md").read_text(encoding="utf-8")
    assert text.startswith("# 审核记录：good.md")
    assert "record.md" in capsys.readouterr().err


def _id_number(first17: str) -> str:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(first17, weights, strict=True))
    return first17 + "10X98765432"[total % 11]


def test_personal_data_is_masked_in_every_format(work, capsys, checklists):
    number = _id_number("11010519491231002")
    write(work / "pi.md", GOOD + f"报名请联系张先生，身份证号 {number}。\n")
    assert review("pi.md") == 0
    markdown = capsys.readouterr().out
    assert review("pi.md", "--format", "json") == 0
    raw_json = capsys.readouterr().out
    assert review("pi.md", "--format", "xlsx", "--output", "pi.xlsx") == 0
    workbook = openpyxl.load_workbook(work / "pi.xlsx")
    cells = [str(c.value) for sheet in workbook for row in sheet.iter_rows() for c in row]
    for shown in (markdown, raw_json, *cells):
        assert number not in shown
    data = json.loads(raw_json)
    items = {item["id"]: item for item in data["checklists"][0]["items"]}
    personal = next(item for item in checklists.checklists[0].items if "PI01" in item.rules)
    assert items[personal.id]["verdict"] == "fail"
    assert any(f["code"] == "PI01" for f in items[personal.id]["findings"])


def test_plaintext_secret_fails_the_security_item_and_is_never_shown(work, capsys, checklists):
    secret = "9f3kQ7xL2mP8vR4tW6yZ1bN5cH0jD3sA"
    account = (REPO / "examples" / "account.yaml").read_text(encoding="utf-8")
    account = account.replace("appsecret: vault:kv/wechat/example/appsecret", f"appsecret: {secret}")
    assert secret in account
    write(work / "main.yaml", account)
    assert main(["review", "main.yaml", "--today", "2026-11-23", "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert secret not in out
    data = json.loads(out)
    items = {item["id"]: item for c in data["checklists"] for item in c["items"]}
    security = next(
        item for c in checklists.checklists if c.review == "account" for item in c.items if "SE01" in item.rules
    )
    assert items[security.id]["verdict"] == "fail"


def test_findings_no_item_names_are_listed_apart_not_lost(work, capsys):
    account = (REPO / "examples" / "account.yaml").read_text(encoding="utf-8")
    account = account.replace("reviewed: 2026-10-15", "reviewed: 2026-10-15  # oahandbook-disable-next-line NM01")
    write(work / "main.yaml", account)
    assert main(["review", "main.yaml", "--today", "2026-11-23"]) == 0
    text = capsys.readouterr().out
    other = text[text.index("## 其他发现") : text.index("## 审核结论")]
    assert "WV01" in other
    assert main(["review", "main.yaml", "--today", "2026-11-23", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "WV01" in {f["code"] for f in data["other_findings"]}
    assert data["summary"]["other"] == len(data["other_findings"])
