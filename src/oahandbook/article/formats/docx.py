"""Read a Word document (``.docx``, as Word and WPS save it) into a draft, with python-docx.

Fields come from the document properties (文件 → 属性: title, author, comments or subject,
keywords) and the first picture (the cover); when the title property is empty, a first
paragraph styled Title or Heading 1 is the title. The body is every paragraph that shows
something, in reading order (table cells row by row), tracked insertions included and
deletions left out. A finding's line is the paragraph's number, counting only paragraphs that
show text or a picture, and its column the character within that paragraph.

A ``.docx`` is a zip archive of XML parts: the archive is checked before python-docx opens it
(size, number of parts, unpacked size: no zip bomb gets unpacked), and python-docx's XML parser
resolves no entities and refuses nesting deeper than libxml2's default limit.
"""

from __future__ import annotations

import io
import re
import zipfile

from oahandbook.base.errors import InputError
from oahandbook.base.i18n import t

from .source import LINK, Builder, ConvertedDraft, FieldOrigin, Place

# Word documents carry their pictures: larger than the text they hold.
MAX_PARTS = 2000
MAX_UNPACKED = 128 * 1024 * 1024  # everything python-docx unpacks, pictures included
MAX_XML_PART = 16 * 1024 * 1024

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps and password-protected .docx
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_P, _RUN, _TEXT = _W + "p", _W + "r", _W + "t"
# Elements whose paragraphs (blocks) or runs (inside a paragraph) are part of the text.
_BLOCK_CONTAINERS = {_W + name for name in ("tbl", "tr", "tc", "sdt", "sdtContent", "customXml", "ins", "moveTo")}
_RUN_CONTAINERS = {
    _W + name
    for name in ("hyperlink", "ins", "moveTo", "smartTag", "sdt", "sdtContent", "customXml", "fldSimple", "dir", "bdo")
}
_RUN_CHARS = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}
_PICTURES = {
    _W + "drawing",
    _W + "pict",
    "{http://schemas.openxmlformats.org/markup-compatibility/2006}AlternateContent",
}
_TITLE_STYLES = {"title", "heading 1", "标题", "标题 1"}
_QUOTE_STYLES = {"quote", "intense quote", "引用", "明显引用"}
# What Word and WPS write as the author when nobody set one: not an author readers should see.
_PLACEHOLDER_AUTHORS = {
    "administrator",
    "admin",
    "user",
    "unknown",
    "python-docx",
    "microsoft office user",
    "microsoft office 用户",
    "微软用户",
    "windows user",
    "windows 用户",
    "用户",
}
_KEYWORD_SEPARATORS = re.compile(r"[,;，；、]+")
_WAIVER = re.compile(r"oahandbook-(?:disable-next-line|disable)\b(?P<codes>[^:：\n]*)(?:[:：](?P<reason>.*))?", re.S)
_DOCUMENT_PROPERTIES: Place = (1, 1)


class _Paragraph:
    """The text of one ``w:p`` and what is anchored in it, by column (0-based)."""

    def __init__(self, element) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.links: list[tuple[int, str]] = []  # (column, relationship id)
        self.pictures: list[tuple[int, str]] = []
        self.comments: list[tuple[str, str]] = []  # ("start" | "end", comment id)
        self._walk(element)
        self.text = "".join(self.parts)

    def _add(self, text: str) -> None:
        self.parts.append(text)
        self.size += len(text)

    def _walk(self, element) -> None:
        for child in element:
            tag = child.tag
            if tag == _RUN:
                self._run(child)
            elif tag in _RUN_CONTAINERS:
                if tag == _W + "hyperlink" and child.get(_R + "id"):
                    self.links.append((self.size, child.get(_R + "id")))
                self._walk(child)
            elif tag == _W + "commentRangeStart":
                self.comments.append(("start", child.get(_W + "id", "")))
            elif tag == _W + "commentRangeEnd":
                self.comments.append(("end", child.get(_W + "id", "")))

    def _run(self, run) -> None:
        for child in run:
            tag = child.tag
            if tag == _TEXT:
                self._add(child.text or "")
            elif tag in _RUN_CHARS:
                # a page or column break is a break in the text too
                self._add(_RUN_CHARS[tag])
            elif tag in _PICTURES:
                blip = next(child.iter(_BLIP), None)
                if blip is not None and blip.get(_R + "embed"):
                    self.pictures.append((self.size, blip.get(_R + "embed")))

    @property
    def shown(self) -> bool:
        return bool(self.text.strip()) or bool(self.pictures)


def _blocks(element):
    """Paragraphs in reading order, and the comment anchors between them."""
    for child in element:
        tag = child.tag
        if tag == _P:
            yield child
        elif tag in _BLOCK_CONTAINERS:
            yield from _blocks(child)
        elif tag in (_W + "commentRangeStart", _W + "commentRangeEnd"):
            yield child


def _check_archive(raw: bytes, display: str) -> None:
    if raw.startswith(_OLE):
        raise InputError.one(display, 1, 1, t("fmt.docx_ole"))
    if not raw.startswith(b"PK"):
        raise InputError.one(display, 1, 1, t("fmt.docx_not_zip"))
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise InputError.one(display, 1, 1, t("fmt.docx_corrupt", error=exc)) from None
    if len(members) > MAX_PARTS:
        raise InputError.one(display, 1, 1, t("fmt.docx_parts", count=len(members), limit=MAX_PARTS))
    # The sizes the archive declares bound what zipfile unpacks: it stops there (and then
    # fails the CRC check), so a part that lies about its size cannot unpack more.
    total = sum(m.file_size for m in members)
    largest_xml = max((m.file_size for m in members if m.filename.endswith((".xml", ".rels"))), default=0)
    if total > MAX_UNPACKED or largest_xml > MAX_XML_PART:
        size, limit = (total, MAX_UNPACKED) if total > MAX_UNPACKED else (largest_xml, MAX_XML_PART)
        raise InputError.one(display, 1, 1, t("fmt.docx_unpacked", size=size, limit=limit))


def _open(raw: bytes, display: str):
    _check_archive(raw, display)
    import docx

    try:
        return docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises many kinds for a damaged package; all mean the same
        detail = f"{type(exc).__name__}: {str(exc)[:200]}"
        raise InputError.one(display, 1, 1, t("fmt.docx_corrupt", error=detail)) from None


def _properties(document) -> dict[str, str]:
    from docx.opc.constants import RELATIONSHIP_TYPE

    try:  # python-docx makes up properties (title "Word Document") for a file without them
        document.part.package.part_related_by(RELATIONSHIP_TYPE.CORE_PROPERTIES)
    except KeyError:
        return {}
    core = document.core_properties
    found = {}
    for name, value in (
        ("title", core.title),
        ("author", core.author),
        ("digest", core.comments or core.subject),
        ("tags", core.keywords),
    ):
        value = " ".join((value or "").split())
        if name == "author" and value.lower() in _PLACEHOLDER_AUTHORS:
            continue
        if value:
            found[name] = value
    return found


def _style_names(document) -> dict[str, str]:
    try:
        return {style.style_id: (style.name or "").lower() for style in document.styles}
    except Exception:  # styles only mark titles and quotes: a document without readable ones still reads
        return {}


def read_document(raw: bytes, display: str) -> ConvertedDraft:
    """The draft a ``.docx`` file holds (``raw`` is the file, already bounded)."""
    document = _open(raw, display)
    properties = _properties(document)
    styles = _style_names(document)
    rels = document.part.rels
    body = Builder()
    fields: dict[str, FieldOrigin] = {}
    front: dict[str, object] = {}
    links: list[tuple[str, Place]] = []
    cover: tuple[str, Place] | None = None
    anchors: dict[str, list[int]] = {}  # comment id -> [first paragraph, last paragraph]
    title: tuple[str, int] | None = None  # the first paragraph as title: (its text, start column)
    paragraphs: dict[int, str] = {}  # paragraph number -> its text (the excerpt shown with a finding)
    count = 0
    for element in _blocks(document.element.body):
        if element.tag != _P:
            kind = "start" if element.tag.endswith("Start") else "end"  # between paragraphs
            _anchor(anchors, element.get(_W + "id", ""), kind, count + 1 if kind == "start" else count)
            continue
        paragraph = _Paragraph(element)
        for kind, ident in paragraph.comments:
            _anchor(anchors, ident, kind, count + 1 if paragraph.shown or kind == "start" else count)
        if not paragraph.shown:
            continue
        count += 1
        style_id = element.find(f"{_W}pPr/{_W}pStyle")
        style = styles.get(style_id.get(_W + "val", "") if style_id is not None else "", "")
        text = paragraph.text
        paragraphs[count] = text
        if count == 1 and "title" not in properties and style in _TITLE_STYLES and text.strip():
            title = (text.strip(), len(text) - len(text.lstrip()))
        else:
            body.at((count, 1))
            if body.size:
                body.gap("\n\n")
            if style in _QUOTE_STYLES:
                body.gap("> ")
            body.exact(text, (count, 1))
        for column, rel_id in paragraph.links:
            rel = rels.get(rel_id)
            url = rel.target_ref.strip() if rel is not None and rel.is_external else ""
            if LINK.fullmatch(url):
                links.append((url, (count, column + 1)))
        if cover is None and paragraph.pictures:
            column, rel_id = paragraph.pictures[0]
            rel = rels.get(rel_id)
            if rel is not None and not rel.is_external:
                cover = (str(rel.target_part.partname).lstrip("/"), (count, column + 1))

    out = Builder()
    if title is not None:
        fields["title"] = FieldOrigin((1, title[1] + 1), out.size)
        front["title"] = title[0]
        out.exact(title[0], (1, title[1] + 1))
        out.gap("\n")
    for name in ("title", "author", "digest"):
        if name in properties and name not in front:
            front[name] = properties[name]
            fields[name] = FieldOrigin(_DOCUMENT_PROPERTIES, out.size)
            out.glued(properties[name], _DOCUMENT_PROPERTIES, _DOCUMENT_PROPERTIES)
            out.gap("\n")
    if "tags" in properties:
        front["tags"] = [tag.strip() for tag in _KEYWORD_SEPARATORS.split(properties["tags"]) if tag.strip()]
        fields["tags"] = FieldOrigin(_DOCUMENT_PROPERTIES)
    if cover is not None:
        front["cover"] = cover[0]
        fields["cover"] = FieldOrigin(cover[1])
    body_offset = out.size
    out.extend(body)
    if links:  # where the rules see them (the text shows only the links' words)
        out.gap("\n\n")
        for url, place in links:
            out.glued(url, place, place)
            out.gap("\n")
    return ConvertedDraft.of(
        out,
        display,
        front,
        body_offset,
        None,  # the cover is inside the document: there is no file beside it to look for
        fields=fields,
        unset_at=_DOCUMENT_PROPERTIES,
        waiver_source=_waivers(document, anchors, count) if anchors else "",
        paragraphs=paragraphs,
    )


def _anchor(anchors: dict[str, list[int]], ident: str, kind: str, paragraph: int) -> None:
    span = anchors.setdefault(ident, [0, 0])
    if kind == "start":
        span[0] = max(paragraph, 1)
    else:
        span[1] = max(paragraph, 1)


def _waivers(document, anchors: dict[str, list[int]], paragraphs: int) -> str:
    """Waivers written as Word comments (批注) ``oahandbook-disable PC06: 理由``: each waives
    the paragraphs the comment is anchored to, as a waiver comment around them would in Markdown."""
    rows: list[tuple[int, str, str]] = []
    try:
        comments = {str(c.comment_id): c.text for c in document.comments}
    except Exception:  # a damaged comments part: no waivers, every finding stays
        return ""
    for ident, (first, last) in anchors.items():
        match = _WAIVER.search(" ".join((comments.get(ident) or "").split()))
        if match is None or not first:
            continue
        codes = match["codes"].strip()
        reason = (match["reason"] or "").replace("-->", "").strip()
        opening = f"<!-- oahandbook-disable {codes}" + (f": {reason}" if reason else "") + " -->"
        rows.append((first, opening, ""))
        rows.append((max(last, first), "", f"<!-- oahandbook-enable {codes} -->"))
    return waiver_lines(paragraphs, rows)


def waiver_lines(lines: int, comments: list[tuple[int, str, str]]) -> str:
    """A text whose line *n* stands for paragraph *n* of a Word document, holding each waiver
    (opening and closing comment) on the paragraph it is anchored to. Every line holds a
    placeholder, so that ``disable-next-line`` finds the next paragraph."""
    rows = ["\x00"] * max(lines, 1)
    for line, before, after in comments:
        if 1 <= line <= len(rows):
            rows[line - 1] = before + rows[line - 1] + after
    return "\n".join(rows)
