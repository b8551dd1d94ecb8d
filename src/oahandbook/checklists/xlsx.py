"""A small SpreadsheetML (XLSX) writer whose output is byte-for-byte stable.

The files are written directly rather than through openpyxl or XlsxWriter: openpyxl stamps the
save time into the workbook and into every zip entry, and its XML differs with and without lxml;
both libraries deflate the zip entries, and zlib builds (zlib, zlib-ng, Chromium's) compress the
same bytes differently, so ``oahandbook checklist --check`` would fail on another machine with no
data changed. Here every string is fixed, zip entries carry one given timestamp and are stored
uncompressed, and nothing beyond the standard library is needed (the pre-commit hook's
environment stays small).

Supported: text cells (inline strings), a bold frozen header row with an auto-filter, column
widths, wrapped top-aligned text with row heights that show every wrapped line, external
hyperlinks, drop-down (list) validation, and a page setup for print: landscape A4, fitted to
one page wide, the header row repeated on every page, gridlines, sheet name and page numbers.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
OFFICE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
CONTENT_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
APP_NS = "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"
CORE_NS = "http://schemas.openxmlformats.org/package/2006/metadata/core-properties"
OOXML = "application/vnd.openxmlformats-"
XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
CELL_MAX = 32767  # Excel's limit on characters in a cell
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Cell styles: indexes into cellXfs of STYLES. All but PLAIN align to the top. WRAP wraps; LINK
# shrinks a long address to fit its column (LibreOffice never wraps a link); TOP neither.
PLAIN, HEADER, WRAP, LINK, TOP = 0, 1, 2, 3, 4
_FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>'
STYLES = "".join(
    [
        XML_HEAD,
        f'<styleSheet xmlns="{MAIN_NS}">',
        '<fonts count="3">',
        f"<font>{_FONT}</font>",
        f"<font><b/>{_FONT}</font>",
        '<font><u/><sz val="11"/><color rgb="FF0563C1"/><name val="Calibri"/><family val="2"/>',
        "</font>",
        "</fonts>",
        '<fills count="3">',
        '<fill><patternFill patternType="none"/></fill>',
        '<fill><patternFill patternType="gray125"/></fill>',
        '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/>',
        "</patternFill></fill>",
        "</fills>",
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>',
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>',
        "</cellStyleXfs>",
        '<cellXfs count="5">',
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"',
        ' applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>',
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">',
        '<alignment vertical="top" wrapText="1"/></xf>',
        '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"',
        ' applyAlignment="1"><alignment vertical="top" shrinkToFit="1"/></xf>',
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">',
        '<alignment vertical="top"/></xf>',
        "</cellXfs>",
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
        "</styleSheet>",
    ]
)


@dataclass
class Sheet:
    name: str
    header: list[str]
    rows: list[list[str]]
    widths: list[float] = field(default_factory=list)
    choices: dict[int, list[str]] = field(default_factory=dict)  # column index -> drop-down values
    link_columns: set[int] = field(default_factory=set)  # URLs in these columns become links
    wrap_columns: set[int] = field(default_factory=set)
    auto_filter: bool = True  # on the header row

    @property
    def width(self) -> int:
        return max([len(self.header), *(len(r) for r in self.rows)])

    @property
    def area(self) -> str:
        return f"A1:{column_letter(self.width - 1)}{len(self.rows) + 1}"


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# Row heights, in points. Excel and LibreOffice do not grow a row for wrapped text when a file
# is opened (Excel only when a cell is edited), so every row carries the height its longest cell
# needs: the cell's lines, wrapped at the column's width, times the height of one line.
DEFAULT_WIDTH = 8.43  # Excel's default column width, in characters of the default font
LINE_HEIGHT = 15.0  # one line of 11 pt Calibri
WIDE_LINE_HEIGHT = 16.5  # one line holding Chinese characters (their fonts set taller lines)
ROW_PADDING = 3.0  # room above and below the text of a wrapped row
ROW_MAX = 409.0  # Excel's tallest row
# What a line may break after: a run of spaces, a word of narrow characters, or one character.
_TOKEN = re.compile(r"\s+|[^\s\u1100-\uffff]+|.")


# ASCII characters narrower or wider than the digit "0" that column widths count in, as
# fractions of it (Calibri's advance widths, rounded to quarters).
_ASCII_WIDTH = {
    **dict.fromkeys(" '(),-.:;I[]`fijl{}", 0.5),
    **dict.fromkeys('!"/JL\\crstxz', 0.75),
    **dict.fromkeys("&ADGHNOQU", 1.25),
    **dict.fromkeys("%mw", 1.5),
    **dict.fromkeys("@MW", 1.75),
}


def char_width(ch: str) -> float:
    """How many of a column's character widths ``ch`` takes: 2 for Chinese (East Asian wide
    and full-width) characters, 0 for combining marks, Calibri's own width for ASCII, 1 for
    the rest."""
    if ch.isascii():
        return _ASCII_WIDTH.get(ch, 1.0)
    if unicodedata.combining(ch):
        return 0.0
    return 2.0 if unicodedata.east_asian_width(ch) in ("W", "F") else 1.0


def text_width(text: str) -> float:
    return sum(map(char_width, text))


def _is_wide(text: str) -> bool:
    return any(unicodedata.east_asian_width(ch) in ("W", "F") for ch in text if not ch.isascii())


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide: its own line
    breaks, then words (and single Chinese characters) carried to a new line when they would pass
    the column's edge; a word longer than a whole line is broken where the line ends."""
    room = max(1, math.floor(width) - 1)  # the cell's inner margins take about one character
    lines = 0
    for paragraph in text.split("\n"):
        lines += 1
        used = 0
        for token in _TOKEN.findall(paragraph):
            size = text_width(token)
            if token.isspace() or used + size <= room:
                used += size
                continue
            if used:
                lines += 1
            breaks = math.ceil(size / room) - 1  # a word longer than a line is broken
            lines += breaks
            used = size - breaks * room
    return lines


def row_height(values: list[str], widths: list[float], wrapped: list[bool], *, cap: bool = True) -> float:
    """The height, in points, that shows every line of every cell of a row (at most
    :data:`ROW_MAX` with ``cap``)."""
    height = LINE_HEIGHT
    for value, width, wrap in zip(values, widths, wrapped, strict=True):
        if not value:
            continue
        lines = wrapped_lines(value, width) if wrap else 1
        line = WIDE_LINE_HEIGHT if _is_wide(value) else LINE_HEIGHT
        height = max(height, lines * line + (ROW_PADDING if lines > 1 else 0))
    height = math.ceil(height * 4) / 4
    return min(ROW_MAX, height) if cap else height


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", value)[:CELL_MAX])


def _cell(ref: str, value: str, style: int) -> str:
    style_attr = f' s="{style}"' if style else ""
    if value == "":
        return f'<c r="{ref}"{style_attr}/>' if style else ""
    space = ' xml:space="preserve"' if value != value.strip() or "\n" in value else ""
    return f'<c r="{ref}"{style_attr} t="inlineStr"><is><t{space}>{_text(value)}</t></is></c>'


def _relationships(entries: list[tuple[str, str, str]], *, external: bool = False) -> str:
    mode = ' TargetMode="External"' if external else ""
    rels = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target={quoteattr(target)}{mode}/>' for rid, kind, target in entries
    )
    return f'{XML_HEAD}<Relationships xmlns="{PACKAGE_REL}">{rels}</Relationships>'


def _sheet_xml(sheet: Sheet, index: int) -> tuple[str, list[str]]:
    """The worksheet XML and its hyperlink targets (relationship rIdN is targets[N-1])."""
    parts = [XML_HEAD, f'<worksheet xmlns="{MAIN_NS}" xmlns:r="{OFFICE_REL}">']
    parts.append('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>')
    parts.append(f'<dimension ref="{sheet.area}"/>')
    selected = ' tabSelected="1"' if index == 0 else ""
    parts.append(f'<sheetViews><sheetView workbookViewId="0"{selected}>')
    parts.append('<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>')
    parts.append('<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>')
    parts.append("</sheetView></sheetViews>")
    parts.append('<sheetFormatPr defaultRowHeight="15"/>')
    if sheet.widths:
        parts.append("<cols>")
        for i, w in enumerate(sheet.widths, start=1):
            parts.append(f'<col min="{i}" max="{i}" width="{w:g}" customWidth="1"/>')
        parts.append("</cols>")
    parts.append("<sheetData>")
    links: list[tuple[str, str]] = []
    widths = [*sheet.widths, *[DEFAULT_WIDTH] * sheet.width][: sheet.width]
    for r, given in enumerate([sheet.header, *sheet.rows], start=1):
        values = [*given, *[""] * (sheet.width - len(given))]
        cells, styles = [], []
        for c, value in enumerate(values):
            ref = f"{column_letter(c)}{r}"
            if r == 1:
                style = HEADER
            elif c in sheet.link_columns and value.startswith(("http://", "https://")):
                style = LINK
                links.append((ref, value))
            else:
                style = WRAP if c in sheet.wrap_columns or c in sheet.link_columns else TOP
            styles.append(style)
            cells.append(_cell(ref, value, style))
        height = row_height(values, widths, [s in (HEADER, WRAP) for s in styles])
        parts.append(f'<row r="{r}" ht="{height:g}" customHeight="1">{"".join(cells)}</row>')
    parts.append("</sheetData>")
    if sheet.auto_filter:
        parts.append(f'<autoFilter ref="{sheet.area}"/>')
    if sheet.choices and sheet.rows:
        parts.append(f'<dataValidations count="{len(sheet.choices)}">')
        for c, values in sorted(sheet.choices.items()):
            letter = column_letter(c)
            formula = '"' + ",".join(v.replace('"', '""') for v in values) + '"'
            cells_ref = f"{letter}2:{letter}{len(sheet.rows) + 1}"
            parts.append(
                '<dataValidation type="list" allowBlank="1" showInputMessage="1" '
                f'showErrorMessage="1" sqref="{cells_ref}">'
                f"<formula1>{escape(formula)}</formula1></dataValidation>"
            )
        parts.append("</dataValidations>")
    if links:
        parts.append("<hyperlinks>")
        for n, (ref, _) in enumerate(links, start=1):
            parts.append(f'<hyperlink ref="{ref}" r:id="rId{n}"/>')
        parts.append("</hyperlinks>")
    # Print: gridlines, narrow margins, landscape A4 (paperSize 9), every column on one page
    # wide and as many pages down as it takes, the sheet's name above and page numbers below.
    parts.append('<printOptions gridLines="1"/>')
    parts.append('<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.25" footer="0.25"/>')
    parts.append('<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>')
    parts.append(
        "<headerFooter><oddHeader>&amp;L&amp;A</oddHeader><oddFooter>&amp;C&amp;P / &amp;N</oddFooter></headerFooter>"
    )
    parts.append("</worksheet>")
    return "".join(parts), [target for _, target in links]


def _quote_sheet(name: str) -> str:
    return "'" + name.replace("'", "''") + "'"


def workbook(sheets: list[Sheet], *, title: str, when: dt.date) -> bytes:
    """The XLSX file's bytes; ``when`` is its created/modified date and every zip entry's time."""
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    names = [s.name for s in sheets]
    if len(set(names)) != len(names):
        raise ValueError(f"sheet names must differ: {names}")
    files: list[tuple[str, str]] = []
    overrides = [
        ("/xl/workbook.xml", OOXML + "officedocument.spreadsheetml.sheet.main+xml"),
        ("/xl/styles.xml", OOXML + "officedocument.spreadsheetml.styles+xml"),
        ("/docProps/core.xml", OOXML + "package.core-properties+xml"),
        ("/docProps/app.xml", OOXML + "officedocument.extended-properties+xml"),
    ]
    sheet_entries: list[str] = []
    workbook_rels: list[tuple[str, str, str]] = []
    defined: list[str] = []
    for i, sheet in enumerate(sheets):
        n = i + 1
        xml, targets = _sheet_xml(sheet, i)
        files.append((f"xl/worksheets/sheet{n}.xml", xml))
        if targets:
            hyperlinks = [(f"rId{k}", OFFICE_REL + "/hyperlink", url) for k, url in enumerate(targets, 1)]
            files.append(
                (
                    f"xl/worksheets/_rels/sheet{n}.xml.rels",
                    _relationships(hyperlinks, external=True),
                )
            )
        overrides.append((f"/xl/worksheets/sheet{n}.xml", OOXML + "officedocument.spreadsheetml.worksheet+xml"))
        sheet_entries.append(f'<sheet name={quoteattr(sheet.name)} sheetId="{n}" r:id="rId{n}"/>')
        workbook_rels.append((f"rId{n}", OFFICE_REL + "/worksheet", f"worksheets/sheet{n}.xml"))
        quoted = _quote_sheet(sheet.name)
        if sheet.auto_filter:
            area = quoted + "!" + re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", sheet.area)
            defined.append(
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">{escape(area)}</definedName>'
            )
        # The header row is printed again at the top of every page.
        defined.append(
            f'<definedName name="_xlnm.Print_Titles" localSheetId="{i}">{escape(quoted)}!$1:$1</definedName>'
        )
    workbook_rels.append((f"rId{len(sheets) + 1}", OFFICE_REL + "/styles", "styles.xml"))
    files.append(
        (
            "xl/workbook.xml",
            f'{XML_HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{OFFICE_REL}">'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{''.join(sheet_entries)}</sheets><definedNames>{''.join(defined)}</definedNames></workbook>",
        )
    )
    files.append(("xl/_rels/workbook.xml.rels", _relationships(workbook_rels)))
    files.append(("xl/styles.xml", STYLES))
    stamp = f"{when.isoformat()}T00:00:00Z"
    files.append(
        (
            "docProps/core.xml",
            f'{XML_HEAD}<cp:coreProperties xmlns:cp="{CORE_NS}" '
            'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
            f"<dc:title>{_text(title)}</dc:title><dc:creator>oahandbook</dc:creator>"
            f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
            f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
            "</cp:coreProperties>",
        )
    )
    files.append(
        (
            "docProps/app.xml",
            f'{XML_HEAD}<Properties xmlns="{APP_NS}"><Application>oahandbook</Application></Properties>',
        )
    )
    content_types = (
        f'{XML_HEAD}<Types xmlns="{CONTENT_TYPES_NS}">'
        f'<Default Extension="rels" ContentType="{OOXML}package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        + "".join(f'<Override PartName="{part}" ContentType="{kind}"/>' for part, kind in overrides)
        + "</Types>"
    )
    root_rels = _relationships(
        [
            ("rId1", OFFICE_REL + "/officeDocument", "xl/workbook.xml"),
            ("rId2", PACKAGE_REL + "/metadata/core-properties", "docProps/core.xml"),
            ("rId3", OFFICE_REL + "/extended-properties", "docProps/app.xml"),
        ]
    )
    ordered = [("[Content_Types].xml", content_types), ("_rels/.rels", root_rels), *files]
    buffer = io.BytesIO()
    date_time = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, text in ordered:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.create_system = 3  # the default depends on the OS writing the file
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return buffer.getvalue()
