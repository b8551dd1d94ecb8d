"""Checklists: the data agrees with the regulation and the rules, and every export is usable.

``oahandbook checklist --write`` writes checklists/; ``--check`` fails on stale files. The
exports are opened the way their users open them: CSV with Python's csv module (as Excel reads
a BOM file), XLSX with openpyxl, JSON against its published schema, OSCAL with trestle.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
import shutil
import uuid
import zipfile
from pathlib import Path

import jsonschema
import openpyxl
import pytest

from oahandbook.checklists import oscal
from oahandbook.checklists.render import file_names, render_all
from oahandbook.commands.main import main
from oahandbook.data.bundle import load_bundle
from oahandbook.data.checklists import ChecklistSet, checklist_set, cross_check, uncovered_rules

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "checklists"
DATA = REPO / "src" / "oahandbook" / "data"


@pytest.fixture(scope="module")
def bundle():
    return load_bundle()


@pytest.fixture(scope="module")
def checklists(bundle) -> ChecklistSet:
    return checklist_set(bundle)


@pytest.fixture(scope="module")
def files(bundle) -> dict[str, bytes]:
    return render_all(bundle)


# --------------------------------------------------------------------------- the data


def test_three_audiences_with_their_review_targets(checklists):
    by_id = {c.id: c for c in checklists.checklists}
    assert {"article-review", "account-audit", "security-review"} <= set(by_id)
    assert by_id["article-review"].review == "article"
    assert by_id["account-audit"].review == "account"
    assert by_id["security-review"].review == "account"
    assert [i.id[:3] for i in by_id["article-review"].items] == ["ART"] * len(by_id["article-review"].items)


def test_every_manual_or_partial_clause_has_an_item_a_person_judges(bundle, checklists):
    judged = {item.clause for _, item in checklists.items() if not item.rules}
    needing = {c.id for c in bundle.regulation.clauses() if c.status in ("manual", "partial")}
    assert needing, "the regulation has manual or partial clauses"
    assert needing - judged == set()


def test_automated_items_name_existing_rules_of_their_clause_and_file_kind(bundle, checklists):
    automated = [(c, item) for c, item in checklists.items() if item.rules]
    assert automated
    for checklist, item in automated:
        for code in item.rules:
            assert code in bundle.rules, f"{item.id} names {code}, which does not exist"
            rule = bundle.rules[code]
            assert rule.deprecated is None, f"{item.id} names deprecated {code}"
            assert rule.clause == item.clause, f"{item.id} serves {item.clause}, {code} serves {rule.clause}"
            assert rule.target == checklist.review


def test_every_rule_lands_on_an_item_of_a_review_record(bundle):
    assert uncovered_rules(bundle) == []


def test_item_clauses_are_clauses(bundle, checklists):
    for _, item in checklists.items():
        assert item.clause in bundle.clauses, item.id


def test_cross_check_is_clean_for_the_bundled_data(bundle):
    assert cross_check(bundle) == []


def _with_items(bundle, checklists: ChecklistSet, **changes):
    """The bundle with the first article item changed."""
    first = checklists.checklists[0]
    item = first.items[0].model_copy(update=changes)
    changed = first.model_copy(update={"items": [item, *first.items[1:]]})
    data = checklists.model_copy(update={"checklists": [changed, *checklists.checklists[1:]]})
    return dataclasses.replace(bundle, extra={**bundle.extra, "checklists": data})


def test_cross_check_names_an_unknown_rule_with_a_suggestion(bundle, checklists):
    code = checklists.checklists[0].items[0].rules[0]
    typo = code[:2] + "9" + code[3]
    broken = _with_items(bundle, checklists, rules=[typo])
    problems = cross_check(broken)
    assert any(f"rule {typo} does not exist" in p for p in problems), problems


def test_cross_check_names_an_unknown_clause(bundle, checklists):
    problems = cross_check(_with_items(bundle, checklists, clause="OA-9.9"))
    assert any("clause OA-9.9 does not exist" in p for p in problems), problems


def test_cross_check_refuses_a_heading_as_clause(bundle, checklists):
    problems = cross_check(_with_items(bundle, checklists, clause="OA-2.1", rules=[]))
    assert any("OA-2.1 is a heading" in p for p in problems), problems


def test_cross_check_refuses_a_rule_of_another_clause(bundle, checklists):
    item = checklists.checklists[0].items[0]
    code = item.rules[0]
    other = next(c.id for c in bundle.regulation.clauses() if c.id != bundle.rules[code].clause)
    problems = cross_check(_with_items(bundle, checklists, clause=other))
    assert any(f"rule {code} serves {bundle.rules[code].clause}, but the item serves {other}" in p for p in problems)


def test_cross_check_refuses_an_account_rule_in_the_article_checklist(bundle, checklists):
    account_rule = next(r for r in bundle.rules.values() if r.target == "account")
    problems = cross_check(_with_items(bundle, checklists, clause=account_rule.clause, rules=[account_rule.code]))
    assert any("checks account files" in p for p in problems), problems


def test_cross_check_reports_a_manual_clause_left_without_a_person(bundle, checklists):
    kept = [c.model_copy(update={"items": [i for i in c.items if i.clause != "OA-3"]}) for c in checklists.checklists]
    data = checklists.model_copy(update={"checklists": kept})
    problems = cross_check(dataclasses.replace(bundle, extra={**bundle.extra, "checklists": data}))
    assert any("clause OA-3 has status manual" in p for p in problems), problems


def _data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("      - id: ART-02\n", "      - id: ART-01\n", "duplicate item id: ART-01"),
        ("      - id: ACC-02\n", "      - id: ART-99\n", "start with ACC-"),
        (
            '      zh: "账号审计"\n',
            '      zh: "账号审计：这个标题长得已经放不进电子表格的工作表名称里面了，所以导出之前就应该报错"\n',
            "at most 31",
        ),
        ("    prefix: SEC\n", "    prefix: SEC\n    owner: 安全部\n", "owner"),
    ],
    ids=["duplicate-id", "wrong-prefix", "title-too-long-for-a-sheet", "unknown-field"],
)
def test_broken_checklists_file_is_reported_with_its_position(tmp_path, capsys, old, new, message):
    data = _data_copy(tmp_path)
    path = data / "checklists.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["validate", str(data)]) == 2
    err = capsys.readouterr()
    output = err.out + err.err
    assert re.search(r"checklists\.yaml:\d+:\d+: .*" + re.escape(message), output), output


# --------------------------------------------------------------------------- the command


def test_write_then_check_in_a_fresh_directory(tmp_path, capsys):
    out = tmp_path / "checklists"
    assert main(["checklist", "--write", "--dir", str(out)]) == 0
    assert sorted(p.name for p in out.iterdir()) == sorted(file_names(checklist_set(load_bundle())))
    capsys.readouterr()
    assert main(["checklist", "--check", "--dir", str(out)]) == 0


def test_check_fails_on_a_stale_file_and_passes_after_write(tmp_path, capsys):
    out = tmp_path / "checklists"
    assert main(["checklist", "--write", "--dir", str(out)]) == 0
    stale = out / "article-review.md"
    stale.write_text(stale.read_text(encoding="utf-8").replace("ART-01", "ART-00"), encoding="utf-8")
    capsys.readouterr()
    assert main(["--lang", "en", "checklist", "--check", "--dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{stale} is out of date, run" in err
    assert "oahandbook checklist --write" in err
    assert "ART-00" in stale.read_text(encoding="utf-8"), "check mode writes nothing"
    assert main(["checklist", "--write", "--dir", str(out)]) == 0
    capsys.readouterr()
    assert main(["checklist", "--check", "--dir", str(out)]) == 0


def test_check_fails_on_a_missing_file(tmp_path, capsys):
    out = tmp_path / "checklists"
    assert main(["checklist", "--write", "--dir", str(out)]) == 0
    (out / "checklists.xlsx").unlink()
    assert main(["checklist", "--check", "--dir", str(out)]) == 1
    assert "checklists.xlsx" in capsys.readouterr().err


def test_leftover_checklist_files_are_stale_but_other_files_are_left_alone(tmp_path, capsys):
    out = tmp_path / "checklists"
    assert main(["checklist", "--write", "--dir", str(out)]) == 0
    old = out / "retired-checklist.md"
    shutil.copy(out / "article-review.md", old)
    mine = out / "notes.md"
    mine.write_text("# 我的笔记\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["checklist", "--check", "--dir", str(out)]) == 1
    err = capsys.readouterr().err
    assert "retired-checklist.md" in err and "notes.md" not in err
    assert main(["checklist", "--write", "--dir", str(out)]) == 0
    assert not old.exists() and mine.exists()


def test_without_a_mode_it_lists_and_writes_nothing(tmp_path, capsys):
    out = tmp_path / "checklists"
    assert main(["checklist", "--dir", str(out)]) == 0
    text = capsys.readouterr().out
    assert "article-review" in text and str(out / "oscal-catalog.json") in text
    assert "oahandbook checklist --write" in text
    assert not out.exists()


def test_committed_checklists_are_up_to_date(capsys):
    code = main(["checklist", "--check", "--dir", str(COMMITTED)])
    assert code == 0, capsys.readouterr().err


def test_regeneration_is_byte_stable(bundle, files, tmp_path):
    again = render_all(bundle)
    assert again == files
    out = tmp_path / "checklists"
    assert main(["checklist", "--write", "--dir", str(out)]) == 0
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    assert main(["checklist", "--write", "--dir", str(out)]) == 0
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first


def test_no_file_carries_the_time_it_was_written(bundle, files):
    effective = bundle.regulation.document.effective_date
    today = dt.date.today().isoformat()
    for name, content in files.items():
        if effective.isoformat() != today:
            assert today.encode() not in content, name
    with zipfile.ZipFile(io.BytesIO(files["checklists.xlsx"])) as archive:
        stamps = {info.date_time[:3] for info in archive.infolist()}
        core = archive.read("docProps/core.xml").decode()
    assert stamps == {(effective.year, effective.month, effective.day)}
    assert f'<dcterms:modified xsi:type="dcterms:W3CDTF">{effective.isoformat()}T00:00:00Z' in core
    workbook = openpyxl.load_workbook(io.BytesIO(files["checklists.xlsx"]))
    assert workbook.properties.created.date() == effective
    assert workbook.properties.modified.date() == effective


# --------------------------------------------------------------------------- Markdown


def test_markdown_is_a_task_list_with_every_item(checklists, files):
    for checklist in checklists.checklists:
        text = files[f"{checklist.id}.md"].decode("utf-8")
        tasks = re.findall(r"^- \[ \] \*\*([A-Z]{3}-\d{2})\*\* ", text, re.MULTILINE)
        assert tasks == [item.id for item in checklist.items]
        assert text.startswith("<!-- ") and f"# {checklist.title.zh}\n" in text
        first = checklist.items[0]
        assert first.verify.zh in text and first.how.zh in text
        english = files[f"{checklist.id}.en.md"].decode("utf-8")
        assert f"# {checklist.title.en}\n" in english and first.verify.en in english


def test_markdown_links_clauses_and_rules_to_the_handbook(files):
    # Committed checklists are the handbook's checklists/ folder: links relative to it.
    text = files["article-review.md"].decode("utf-8")
    assert "(../regulation/#oa-2-3-1)" in text
    assert re.search(r"\[[A-Z]{2}\d{2}\]\(\.\./rules/[A-Z]{2}\d{2}/\)", text)
    english = files["article-review.en.md"].decode("utf-8")
    assert "(../en/regulation/#oa-2-3-1)" in english and "(../en/rules/" in english


# --------------------------------------------------------------------------- CSV


def test_csv_starts_with_a_bom_and_round_trips_with_chinese_intact(bundle, checklists, files):
    for checklist in checklists.checklists:
        raw = files[f"{checklist.id}.csv"]
        assert raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
        assert rows[0] == [
            "编号",
            "条款",
            "条款标题",
            "核查内容",
            "核查方法",
            "自动检查规则",
            "手册链接",
            "结果",
        ]
        assert len(rows) == len(checklist.items) + 1
        for row, item in zip(rows[1:], checklist.items, strict=True):
            assert row[0] == item.id
            assert row[1] == item.clause
            assert row[2] == bundle.clauses[item.clause].title.zh
            assert row[3] == item.verify.zh
            assert row[4] == item.how.zh
            assert row[5] == ", ".join(item.rules)
            assert row[6] == "../regulation/#" + item.clause.lower().replace(".", "-")
            assert row[7] == ""


def test_english_csv_has_english_headers_and_text(checklists, files):
    checklist = checklists.checklists[0]
    rows = list(csv.reader(io.StringIO(files[f"{checklist.id}.en.csv"].decode("utf-8-sig"), newline="")))
    assert rows[0][:4] == ["ID", "Clause", "Clause title", "What to verify"]
    assert rows[1][3] == checklist.items[0].verify.en


# --------------------------------------------------------------------------- XLSX


def test_xlsx_has_a_sheet_per_checklist_with_frozen_header_widths_and_drop_down(bundle, checklists):
    # As the handbook publishes it: links to its own address, clickable.
    files = render_all(bundle, base="https://hb.example.org/latest")
    workbook = openpyxl.load_workbook(io.BytesIO(files["checklists.xlsx"]))
    assert workbook.sheetnames == [c.title.zh for c in checklists.checklists]
    for checklist in checklists.checklists:
        sheet = workbook[checklist.title.zh]
        header = [cell.value for cell in sheet[1]]
        assert header[0] == "编号" and header[7] == "结果" and header[8] == "备注"
        assert sheet.freeze_panes == "A2"
        assert sheet.max_row == len(checklist.items) + 1
        assert [sheet.cell(row=r, column=1).value for r in range(2, sheet.max_row + 1)] == [
            i.id for i in checklist.items
        ]
        assert sheet.cell(row=2, column=4).value == checklist.items[0].verify.zh
        assert sheet.column_dimensions["D"].width >= 40
        assert sheet.cell(row=2, column=7).hyperlink.target.startswith("https://hb.example.org/latest/regulation/#")
        validations = sheet.data_validations.dataValidation
        assert len(validations) == 1
        validation = validations[0]
        assert validation.type == "list"
        assert validation.formula1 == '"通过,不通过,不适用"'
        assert str(validation.sqref) == f"H2:H{len(checklist.items) + 1}"
        assert all(sheet.cell(row=r, column=8).value is None for r in range(2, sheet.max_row + 1))


def test_english_xlsx_offers_english_results(files):
    workbook = openpyxl.load_workbook(io.BytesIO(files["checklists.en.xlsx"]))
    sheet = workbook.worksheets[0]
    assert sheet["H1"].value == "Result"
    assert sheet.data_validations.dataValidation[0].formula1 == '"Pass,Fail,N/A"'


# --------------------------------------------------------------------------- JSON


def test_json_matches_its_published_schema(checklists, files):
    data = json.loads(files["checklists.json"])
    schema = json.loads(files["checklists.schema.json"])
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema)
    assert data["schema_version"] == 1
    assert [c["id"] for c in data["checklists"]] == [c.id for c in checklists.checklists]
    item = data["checklists"][0]["items"][0]
    assert set(item) >= {"id", "clause", "verify", "how", "automated", "rules", "handbook"}
    assert item["verify"]["zh"] and item["verify"]["en"]


def test_json_schema_rejects_what_the_shape_forbids(files):
    data = json.loads(files["checklists.json"])
    schema = json.loads(files["checklists.schema.json"])
    del data["checklists"][0]["items"][0]["clause"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# --------------------------------------------------------------------------- OSCAL


def test_oscal_catalog_validates_with_trestle(files):
    from trestle.oscal.catalog import Catalog

    data = json.loads(files["oscal-catalog.json"])
    catalog = Catalog.model_validate(data["catalog"])
    assert catalog.metadata.title


def _controls(groups):
    for group in groups:
        yield from group.get("controls", [])
        yield from _controls(group.get("groups", []))


def test_oscal_catalog_has_every_clause_with_statement_and_guidance(bundle, files):
    catalog = json.loads(files["oscal-catalog.json"])["catalog"]
    document = bundle.regulation.document
    assert catalog["metadata"]["version"] == document.version
    assert catalog["metadata"]["last-modified"].startswith(document.effective_date.isoformat() + "T")
    assert catalog["metadata"]["oscal-version"].startswith("1.1.")
    assert [g["title"] for g in catalog["groups"]] == [s.title.zh for s in bundle.regulation.sections]
    controls = {c["id"]: c for c in _controls(catalog["groups"])}
    assert set(controls) == {c.id.lower() for c in bundle.regulation.clauses()}
    for clause in bundle.regulation.clauses():
        control = controls[clause.id.lower()]
        parts = {p["name"]: p for p in control["parts"]}
        assert parts["statement"]["prose"] == clause.text
        assert parts["statement"]["parts"][0]["prose"] == clause.translation
        assert parts["guidance"]["prose"] == clause.guidance.zh
        props = {(p["name"], p["value"]) for p in control["props"]}
        assert ("label", clause.id) in props and ("status", clause.status) in props


def test_oscal_objectives_are_the_checklist_items(checklists, files):
    catalog = json.loads(files["oscal-catalog.json"])["catalog"]
    objectives = {
        next(p["value"] for p in part["props"] if p["name"] == "label"): (
            control["id"],
            part["prose"],
        )
        for control in _controls(catalog["groups"])
        for part in control["parts"]
        if part["name"] == "assessment-objective"
    }
    for _, item in checklists.items():
        assert objectives[item.id] == (item.clause.lower(), item.verify.zh)


def test_oscal_uuids_are_deterministic(bundle, files):
    catalog = json.loads(files["oscal-catalog.json"])["catalog"]
    assert uuid.UUID(catalog["uuid"]).version == 5
    assert json.loads(render_all(bundle)["oscal-catalog.json"])["catalog"]["uuid"] == catalog["uuid"]
    resources = catalog.get("back-matter", {}).get("resources", [])
    for ref, resource in zip(bundle.regulation.references, resources, strict=True):
        assert resource["uuid"] == oscal.stable_uuid("reference", ref.id)


def test_oscal_catalog_uuid_changes_when_the_content_does(bundle, checklists):
    before = oscal.build(checklists, bundle)["catalog"]["uuid"]
    first = checklists.checklists[0]
    item = first.items[0].model_copy(
        update={"verify": first.items[0].verify.model_copy(update={"zh": "改过的核查内容"})}
    )
    changed = checklists.model_copy(
        update={
            "checklists": [
                first.model_copy(update={"items": [item, *first.items[1:]]}),
                *checklists.checklists[1:],
            ]
        }
    )
    assert oscal.build(changed, bundle)["catalog"]["uuid"] != before
