"""A small SpreadsheetML (XLSX) writer whose output is byte-for-byte stable.

The files are written directly rather than through openpyxl: openpyxl stamps the save time into
the workbook, its XML differs with and without lxml, and zlib builds compress differently, so
``oahandbook checklist --check`` would fail on another machine with no data changed. Here every
string is fixed, zip entries carry one given timestamp and are stored uncompressed, and nothing
beyond the standard library is needed (the pre-commit hook's environment stays small).

Supported: text cells (inline strings), a bold frozen header row with an auto-filter, column
widths, wrapped text, external hyperlinks and drop-down (list) validation.
"""

from __future__ import annotations

import datetime as dt
import io
import re
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

# Cell styles: indexes into cellXfs of STYLES.
PLAIN, HEADER, WRAP, LINK = 0, 1, 2, 3
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
        '<cellXfs count="4">',
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>',
        '<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"',
        ' applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>',
        '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1">',
        '<alignment vertical="top" wrapText="1"/></xf>',
        '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"',
        ' applyAlignment="1"><alignment vertical="top"/></xf>',
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
    freeze_header: bool = True  # also adds an auto-filter to the header

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
    parts.append(f'<dimension ref="{sheet.area}"/>')
    selected = ' tabSelected="1"' if index == 0 else ""
    parts.append(f'<sheetViews><sheetView workbookViewId="0"{selected}>')
    if sheet.freeze_header:
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
    for r, values in enumerate([sheet.header, *sheet.rows], start=1):
        cells = []
        for c, value in enumerate(values):
            ref = f"{column_letter(c)}{r}"
            if r == 1:
                style = HEADER
            elif c in sheet.link_columns and value.startswith(("http://", "https://")):
                style = LINK
                links.append((ref, value))
            else:
                style = WRAP if c in sheet.wrap_columns else PLAIN
            cells.append(_cell(ref, value, style))
        parts.append(f'<row r="{r}">{"".join(cells)}</row>')
    parts.append("</sheetData>")
    if sheet.freeze_header:
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
    parts.append('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>')
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
    sheet_entries, workbook_rels, filters = [], [], []
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
        if sheet.freeze_header:
            area = _quote_sheet(sheet.name) + "!" + re.sub(r"([A-Z]+)(\d+)", r"$\1$\2", sheet.area)
            filters.append(
                f'<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">{escape(area)}</definedName>'
            )
    workbook_rels.append((f"rId{len(sheets) + 1}", OFFICE_REL + "/styles", "styles.xml"))
    defined = f"<definedNames>{''.join(filters)}</definedNames>" if filters else ""
    files.append(
        (
            "xl/workbook.xml",
            f'{XML_HEAD}<workbook xmlns="{MAIN_NS}" xmlns:r="{OFFICE_REL}">'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{''.join(sheet_entries)}</sheets>{defined}</workbook>",
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
