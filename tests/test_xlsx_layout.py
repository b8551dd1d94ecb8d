"""The XLSX checklists and review records print and read well: opened with openpyxl, every sheet
is landscape, fitted to one page wide, repeats its header row on each page and keeps it frozen,
wraps and top-aligns long text in rows tall enough to show every wrapped line, and the review
record shows each finding in full."""

from __future__ import annotations

import io
import json
import math
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest

from oahandbook.checklists import xlsx
from oahandbook.checklists.render import render_all
from oahandbook.commands.main import main
from oahandbook.data.bundle import load_bundle
from oahandbook.data.checklists import checklist_set

REPO = Path(__file__).resolve().parents[1]
DRAFT = REPO / "examples" / "drafts" / "needs-work.md"
TODAY = "2026-12-05"
DEFAULT_HEIGHT = 15  # Excel's row height for one line of 11 pt Calibri


@pytest.fixture(scope="module")
def bundle():
    return load_bundle()


@pytest.fixture(scope="module")
def checklist_books(bundle):
    files = render_all(bundle)
    return {name: openpyxl.load_workbook(io.BytesIO(files[name])) for name in ("checklists.xlsx", "checklists.en.xlsx")}


def review(tmp_path: Path, *args: str) -> Path:
    out = tmp_path / "record.xlsx"
    assert main(["review", str(DRAFT), *args, "--today", TODAY, "--format", "xlsx", "--output", str(out)]) == 0
    return out


@pytest.fixture
def record(work):
    return openpyxl.load_workbook(review(work))


def findings_of(capsys) -> dict[str, list[dict]]:
    """The draft's findings by checklist item, from the JSON record."""
    capsys.readouterr()
    assert main(["review", str(DRAFT), "--today", TODAY, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    return {item["id"]: item["findings"] for c in data["checklists"] for item in c["items"]}


def cjk_lines(text: str, width: float) -> int:
    """A lower bound on the lines ``text`` takes in a column ``width`` characters wide: Chinese
    characters count double, the others three quarters (Latin letters average a little less
    than the digit a column's width counts in), and words may break anywhere."""
    lines = 0
    for paragraph in text.split("\n"):
        size = sum(2 if unicodedata.east_asian_width(ch) in "WF" else 0.75 for ch in paragraph)
        lines += max(1, math.ceil(size / width))
    return lines


def assert_prints_well(sheet) -> None:
    name = sheet.title
    setup = sheet.page_setup
    assert setup.orientation == "landscape", name
    assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), name
    assert sheet.sheet_properties.pageSetUpPr.fitToPage, name
    assert sheet.print_title_rows == "$1:$1", f"{name}: header row repeated on every page"
    assert sheet.freeze_panes == "A2", name
    for cell in sheet[1]:
        assert cell.font.b and cell.alignment.wrap_text, f"{name}!{cell.coordinate}"


def assert_rows_show_wrapped_text(sheet, wrapped_columns: set[int]) -> int:
    """Every row is as tall as its longest wrapped cell needs; returns how many rows wrap."""
    widths = [sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]]
    tall = 0
    for row in sheet.iter_rows(min_row=2):
        dims = sheet.row_dimensions[row[0].row]
        assert dims.customHeight and dims.height, f"{sheet.title} row {row[0].row} has no height"
        lines = 1
        for cell in row:
            if cell.column - 1 in wrapped_columns and cell.value:
                assert cell.alignment.wrap_text and cell.alignment.vertical == "top", cell.coordinate
                lines = max(lines, cjk_lines(str(cell.value), widths[cell.column - 1]))
        assert dims.height >= lines * 13.5, f"{sheet.title} row {row[0].row}: {lines} lines in {dims.height} pt"
        if lines > 1:
            assert dims.height > DEFAULT_HEIGHT
            tall += 1
    return tall


# --------------------------------------------------------------------------- checklists


def test_every_checklist_sheet_prints_landscape_one_page_wide_with_its_header_on_each_page(checklist_books):
    for book in checklist_books.values():
        for sheet in book.worksheets:
            assert_prints_well(sheet)


def test_checklist_rows_are_tall_enough_for_their_wrapped_text(checklist_books):
    verify, how = 3, 4
    for name, book in checklist_books.items():
        for sheet in book.worksheets:
            assert sheet.cell(row=2, column=verify + 1).alignment.wrap_text
            assert sheet.cell(row=2, column=1).alignment.vertical == "top", "short cells align with the long ones"
            assert assert_rows_show_wrapped_text(sheet, {verify, how}) >= 1, f"{name}: {sheet.title}"


def test_defined_names_hold_print_titles_for_every_sheet(bundle):
    raw = render_all(bundle)["checklists.xlsx"]
    book = openpyxl.load_workbook(io.BytesIO(raw))
    for sheet in book.worksheets:
        assert sheet.print_titles == f"'{sheet.title}'!$1:$1"
    with zipfile.ZipFile(io.BytesIO(raw)) as archive:
        workbook_xml = archive.read("xl/workbook.xml").decode()
    assert workbook_xml.count('<definedName name="_xlnm.Print_Titles"') == len(checklist_set(bundle).checklists)


# --------------------------------------------------------------------------- review records


def test_every_review_sheet_prints_landscape_one_page_wide_with_its_header_on_each_page(record):
    assert record.sheetnames[0] == "审核记录" and record.sheetnames[-1] == "发现明细"
    for sheet in record.worksheets:
        assert_prints_well(sheet)


def test_review_basis_shows_every_finding_in_full_in_a_row_tall_enough(work, record, capsys):
    findings = findings_of(capsys)
    sheet = record.worksheets[1]
    basis = [c.value for c in sheet[1]].index("依据")
    shown = 0
    for row in sheet.iter_rows(min_row=2):
        text = row[basis].value or ""
        for finding in findings[row[0].value]:
            assert finding["message"]["zh"] in text, f"{row[0].value}: {finding['code']} not in full"
            assert f"第 {finding['line']} 行第 {finding['column']} 列 {finding['code']}" in text
            shown += 1
        if text:
            # One line per finding at least, each one wrapped at the column's width.
            assert text.count("\n") + 1 >= len(findings[row[0].value])
    assert shown >= 5, "the example draft has findings to show"
    assert assert_rows_show_wrapped_text(sheet, {basis}) >= 3


def test_review_lists_every_finding_on_a_sheet_of_its_own(work, record, capsys):
    findings = findings_of(capsys)
    sheet = record["发现明细"]
    assert [c.value for c in sheet[1]] == ["清单项", "位置", "规则", "级别", "说明", "豁免"]
    listed = [tuple(c.value for c in row[:5]) for row in sheet.iter_rows(min_row=2)]
    expected = [
        (
            item,
            f"第 {f['line']} 行第 {f['column']} 列",
            f["code"],
            {"error": "错误", "warning": "警告", "suggestion": "提示"}[f["severity"]],
            f["message"]["zh"],
        )
        for item, found in findings.items()
        for f in found
    ]
    assert listed[: len(expected)] == expected
    assert_rows_show_wrapped_text(sheet, {4, 5})


def test_a_basis_too_long_for_one_row_says_how_many_more_and_where(work, capsys):
    body = "\n\n".join(f"第{i}段,这里用了半角逗号,还有半角句号.再来一个!" for i in range(40))
    draft = work / "long.md"
    draft.write_text(DRAFT.read_text(encoding="utf-8") + "\n" + body + "\n", encoding="utf-8")
    out = work / "long.xlsx"
    assert main(["review", str(draft), "--today", TODAY, "--format", "xlsx", "--output", str(out)]) == 0
    book = openpyxl.load_workbook(out)
    sheet = book.worksheets[1]
    typography = next(row for row in sheet.iter_rows(min_row=2) if "TY03" in str(row[5].value))
    text = typography[8].value
    listed = [row for row in book["发现明细"].iter_rows(min_row=2) if row[0].value == typography[0].value]
    shown = text.count("• ")
    assert len(listed) > 100 and 5 <= shown < len(listed)
    assert text.endswith(f"另有 {len(listed) - shown} 条发现，全部发现见工作表“发现明细”")
    assert sheet.row_dimensions[typography[0].row].height <= xlsx.ROW_MAX
    assert xlsx.row_height([text], [sheet.column_dimensions["I"].width], [True], cap=False) <= xlsx.ROW_MAX


def test_review_record_in_english_names_its_findings_sheet_in_english(work):
    book = openpyxl.load_workbook(review(work, "--lang", "en"))
    assert book.sheetnames[-1] == "Findings"
    sheet = book.worksheets[1]
    assert [c.value for c in sheet[1]][8] == "Findings"
    assert any("line 2, column 1 FM06 error: " in str(c.value) for c in sheet["I"])


def test_review_xlsx_is_byte_stable(work):
    first = review(work).read_bytes()
    assert review(work).read_bytes() == first


# --------------------------------------------------------------------------- line estimate


def test_chinese_characters_count_double_against_the_column_width():
    assert xlsx.wrapped_lines("0" * 20, 21) == 1
    assert xlsx.wrapped_lines("汉" * 10, 21) == 1
    assert xlsx.wrapped_lines("汉" * 11, 21) == 2
    assert xlsx.wrapped_lines("汉" * 20, 21) == 2
    assert xlsx.wrapped_lines("汉" * 21, 21) == 3
    assert xlsx.wrapped_lines("one\ntwo", 40) == 2, "a line break starts a line"


def test_words_are_carried_whole_to_the_next_line():
    # "0000 0000" takes 8.5 digit widths (a space is half one): it fits a column with room for 9
    # (width 10); with room for 7 the second word moves down whole rather than splitting.
    assert xlsx.wrapped_lines("0000 0000", 10) == 1
    assert xlsx.wrapped_lines("0000 0000", 8) == 2
    assert xlsx.wrapped_lines("0" * 30, 11) == 3, "a word longer than a line is broken"


def test_row_height_grows_with_lines_and_stops_at_excels_limit():
    one = xlsx.row_height(["短"], [10], [True])
    three = xlsx.row_height(["汉" * 12], [9], [True])
    assert one == xlsx.WIDE_LINE_HEIGHT
    assert three == 3 * xlsx.WIDE_LINE_HEIGHT + xlsx.ROW_PADDING
    assert xlsx.row_height(["汉" * 4000], [9], [True]) == xlsx.ROW_MAX
    assert xlsx.row_height(["汉" * 40], [9], [False]) == xlsx.WIDE_LINE_HEIGHT, "an unwrapped cell keeps one line"
