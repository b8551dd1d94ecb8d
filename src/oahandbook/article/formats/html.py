"""Read an HTML page into a draft: a saved WeChat article page, or any HTML draft.

The fields come from the page's metadata; the body is the article (``#js_content`` on a WeChat
page, else ``<body>``), one paragraph per block element. Every character keeps its line and
column in the ``.html`` file.

The page is read by a small tokenizer of our own, shaped on the HTML standard's tokenizer (tags,
attributes with quoted or bare values, comments, raw text of ``<script>`` and ``<style>``,
character references), because it must hold two promises the standard library's
``html.parser`` does not: every character is consumed once, so time stays linear on any input
(``html.parser`` of Python 3.11 took 93 s for 120 KB of ``<a <a <a …``: it rescans an unclosed
tag at each ``<``), and every piece of text keeps its exact offset (``html.parser`` gives the
start of a data chunk only, and merges character references into it). Nothing here builds a
tree or a stack, so nesting depth costs nothing; the number of tags is bounded.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.entities import html5
from pathlib import Path

from oahandbook.base.errors import InputError
from oahandbook.base.i18n import t
from oahandbook.base.textio import line_position, line_starts

from .source import LINK, Builder, ConvertedDraft, FieldOrigin, Place, is_article_page

# A saved page keeps its scripts and styles inline: it is larger than the article it holds.
MAX_TAGS = 500_000

_NEXT = re.compile(r"<(?=[A-Za-z/!?])|&(?=[#A-Za-z])")  # what may start markup or a reference
_WS = " \t\n\r\f"
_TAG_NAME = re.compile(r"[A-Za-z][^\t\n\f\r />]*")
_ATTRIBUTE = re.compile(
    r"[\t\n\f\r /]*(?:(>)|([^\t\n\f\r />][^\t\n\f\r />=]*)"
    r"(?:[\t\n\f\r ]*=[\t\n\f\r ]*(?:\"([^\"]*)\"?|'([^']*)'?|([^\t\n\f\r >]*)))?)"
)
_REFERENCE = re.compile(r"&(?:#[xX]([0-9A-Fa-f]{1,8});?|#([0-9]{1,10});?|([A-Za-z][A-Za-z0-9]{0,31};?))")
_WORDS = re.compile(r"[ \t\n\r\f]+|[^ \t\n\r\f]+")
_SPACE_RUN = re.compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")  # white space that does not read as it is written
_RAW_TEXT = {"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "textarea", "title"}
_DECODED_RAW = {"textarea", "title"}  # RCDATA: character references count there
_END_OF: dict[str, re.Pattern[str]] = {}  # raw text element -> the pattern of its end tag
_BLOCKS = frozenset(
    re.findall(
        r"\S+",
        "address article aside blockquote body caption center dd details dialog dir div dl dt fieldset figcaption"
        " figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li main menu nav ol option p pre"
        " section summary table tbody td tfoot th thead tr ul",
    )
)
_CODE = {"pre", "code", "kbd", "samp", "tt"}
_NOT_SHOWN = {"head", "template"}
_SCRIPT_VARS = ("msg_title", "msg_desc", "msg_cdn_url")
_SCRIPT_VALUE = re.compile(r"[ \t]*=[ \t]*(?:htmlDecode\([ \t]*)?([\"'])((?:\\.|[^\\\n]){0,2000}?)\1")
_JS_ESCAPE = re.compile(r"\\(?:x([0-9A-Fa-f]{2})|u([0-9A-Fa-f]{4})|(.))", re.DOTALL)

# Where each field is read, best first (the first one the page has wins).
_META = {
    "og:title": "title",
    "author": "author",
    "og:article:author": "author",
    "description": "digest",
    "og:description": "digest",
    "og:image": "cover",
}
_BY_ID = {"activity-name": "title", "js_author_name_text": "author", "js_author_name": "author"}
_PRIORITY = {
    "title": ["meta:og:title", "id:activity-name", "var:msg_title", "title"],
    "author": ["meta:author", "meta:og:article:author", "id:js_author_name_text", "id:js_author_name"],
    "digest": ["meta:description", "meta:og:description", "var:msg_desc"],
    "cover": ["meta:og:image", "var:msg_cdn_url"],
}
_TEXT_FIELDS = ("title", "author", "digest")  # written into the converted text (rules read them there)


@dataclass
class _Piece:
    text: str
    start: int  # offsets in the page
    end: int
    exact: bool  # the text is the page's own characters (no reference decoded)


@dataclass
class _Capture:
    key: str
    tag: str
    depth: int = 1
    pieces: list[_Piece] = field(default_factory=list)


class _Body:
    """Writes the article's text: blocks become paragraphs, runs of white space one space."""

    def __init__(self, place) -> None:
        self.out = Builder()
        self.place = place
        self.started = False  # the current paragraph has text
        self.pending = ""  # "para" or "line": a break to write before the next text
        self.space: int | None = None  # offset of white space to write before the next text
        self.quote = 0
        self.code = 0
        self.code_spans: list[tuple[int, int]] = []

    def block(self) -> None:
        if self.started:
            self.pending, self.started, self.space = "para", False, None

    def line_break(self) -> None:
        if self.started and not self.pending:
            self.pending, self.started, self.space = "line", False, None

    def _before_text(self, offset: int) -> None:
        if self.pending and self.out.size:
            self.out.at(self.place(offset))
            self.out.gap(("\n\n" if self.pending == "para" else "\n") + ("> " if self.quote else ""))
        elif not self.out.size and self.quote:
            self.out.at(self.place(offset))
            self.out.gap("> ")
        self.pending = ""
        if self.space is not None:
            self.out.glued(" ", self.place(self.space), self.place(self.space + 1))
            self.space = None
        self.started = True

    def _segment(self, text: str, start: int, end: int, base: int) -> None:
        """Text between runs of white space: single spaces only, written as it is."""
        if not self.started:
            while start < end and text[start] == " ":
                start += 1
        if start < end:
            self._before_text(base + start)
            self.out.exact(text[start:end], self.place(base + start))

    def write(self, piece: _Piece) -> None:
        start = self.out.size
        if piece.exact:
            text, done = piece.text, 0
            for run in _SPACE_RUN.finditer(text):
                self._segment(text, done, run.start(), piece.start)
                if self.started and self.space is None:
                    self.space = piece.start + run.start()
                done = run.end()
            self._segment(text, done, len(text), piece.start)
        elif piece.text.strip():
            self._before_text(piece.start)
            self.out.glued(piece.text, self.place(piece.start), self.place(piece.end))
        elif self.started and self.space is None:
            self.space = piece.start
        if self.code and self.out.size > start:
            self.code_spans.append((start, self.out.size))


class _Page:
    def __init__(self, text: str, display: str) -> None:
        self.text = text
        self.display = display
        self.line_starts = line_starts(text)
        self.wechat = is_article_page(text)
        self.body = _Body(self.place)
        self.in_body = 0 if self.wechat else 1  # inside the article (depth of its element on a page)
        self.article_tag = ""
        self.hidden = 0  # inside <head> or <template>
        self.captures: list[_Capture] = []
        self.found: dict[str, tuple[list[_Piece], int]] = {}  # source -> (value, tag offset)
        self.links: list[_Piece] = []
        self.masked: list[tuple[int, int]] = []  # scripts, styles and code: no waiver there
        self.code_start = 0
        self.first: dict[str, int] = {}  # offsets of <title>, <head>, <html>
        self.tags = 0

    def place(self, offset: int) -> Place:
        return line_position(self.line_starts, offset)

    # ------------------------------------------------------------------ tokens

    def run(self) -> None:
        text, n = self.text, len(self.text)
        pending = search = 0  # text from ``pending`` on is not handed over yet
        while search < n:
            found = _NEXT.search(text, search)
            if found is None:
                break
            stop = found.start()
            if text[stop] == "&":
                match = _REFERENCE.match(text, stop)
                value = _decode_reference(match) if match else None
                if value is None:  # a plain ampersand: part of the text
                    search = stop + 1
                    continue
                self.flush(pending, stop)
                self.data(_Piece(value, stop, match.end(), False))
                pending = search = match.end()
            else:
                self.flush(pending, stop)
                pending = search = self.markup(stop)
        self.flush(pending, n)

    def flush(self, start: int, end: int) -> None:
        if end > start:
            self.data(_Piece(self.text[start:end], start, end, True))

    def markup(self, at: int) -> int:
        text = self.text
        following = text[at + 1 : at + 2]
        if text.startswith("<!--", at):
            end = text.find("-->", at + 4)
            return len(text) if end == -1 else end + 3
        if following in ("!", "?") or (following == "/" and not _TAG_NAME.match(text, at + 2)):
            end = text.find(">", at + 1)
            return len(text) if end == -1 else end + 1
        closing = following == "/"
        name_match = _TAG_NAME.match(text, at + 2 if closing else at + 1)
        if name_match is None:
            self.data(_Piece("<", at, at + 1, True))
            return at + 1
        self.tags += 1
        if self.tags > MAX_TAGS:
            line, column = self.place(at)
            raise InputError.one(self.display, line, column, t("fmt.html_tags", limit=MAX_TAGS))
        name = name_match.group().lower()
        attributes, end = self.attributes(name_match.end())
        if closing:
            self.end_tag(name, at)
            return end
        self.start_tag(name, attributes, at)
        if name in _RAW_TEXT and end <= len(text):
            return self.raw_text(name, end)
        return end

    def attributes(self, at: int) -> tuple[dict[str, _Piece], int]:
        """The attributes from ``at`` to the end of the tag (the first value of a name wins)."""
        text, n = self.text, len(self.text)
        found: dict[str, _Piece] = {}
        while at < n:
            match = _ATTRIBUTE.match(text, at)
            if match is None or match.end() == at:
                return found, min(at + 1, n)
            at = match.end()
            if match.group(1):
                return found, at
            name = match.group(2).lower()
            group = 3 if match.group(3) is not None else 4 if match.group(4) is not None else 5
            if name not in found and match.group(group) is not None:
                raw = match.group(group)
                value = html.unescape(raw) if "&" in raw else raw
                found[name] = _Piece(value, match.start(group), match.end(group), value == raw)
        return found, n

    def raw_text(self, name: str, at: int) -> int:
        pattern = _END_OF.get(name)
        if pattern is None:
            pattern = _END_OF[name] = re.compile(r"</" + name + r"(?=[\t\n\f\r />]|$)", re.IGNORECASE)
        match = pattern.search(self.text, at)
        end = match.start() if match else len(self.text)
        content = self.text[at:end]
        if name in _DECODED_RAW:
            if name == "title" and "title" not in self.found and content.strip():
                self.found["title"] = (_decoded_pieces(content, at), at)
        else:
            self.masked.append((at, end))
            if name == "script" and "msg_" in content:
                self.script_vars(content, at)
        if match is None:
            return len(self.text)
        self.end_tag(name, match.start())
        close = self.text.find(">", match.end())
        return len(self.text) if close == -1 else close + 1

    def script_vars(self, content: str, at: int) -> None:
        """``var msg_title = '…'`` and its kin: what a WeChat page's scripts say of the article
        (the first few mentions of each name are tried, so the time stays linear)."""
        for name in _SCRIPT_VARS:
            key = "var:" + name
            start = content.find(name)
            for _ in range(4):
                if start == -1 or key in self.found:
                    break
                match = _SCRIPT_VALUE.match(content, start + len(name))
                if match is not None:
                    raw = match.group(2)
                    value = html.unescape(_JS_ESCAPE.sub(_js_char, raw))
                    if value.strip():
                        piece = _Piece(value, at + match.start(2), at + match.end(2), value == raw)
                        self.found[key] = ([piece], at + start)
                start = content.find(name, start + len(name))

    # ------------------------------------------------------------------ elements

    def start_tag(self, name: str, attributes: dict[str, _Piece], at: int) -> None:
        if name in ("title", "head", "html") and name not in self.first:
            self.first[name] = at
        if name == "meta":
            self.meta(attributes, at)
            return
        if name in _NOT_SHOWN:
            self.hidden += 1
        elif name == "body":  # a head left open ends here
            self.hidden = 0
        for capture in self.captures:
            if capture.tag == name:
                capture.depth += 1
        ident = attributes.get("id")
        if ident is not None:
            key = "id:" + ident.text
            if ident.text in _BY_ID and key not in self.found and all(c.key != key for c in self.captures):
                self.captures.append(_Capture(key, name))
            if self.wechat and ident.text == "js_content" and not self.in_body and not self.article_tag:
                self.in_body, self.article_tag = 1, name
                return
        if self.wechat and self.in_body and name == self.article_tag:
            self.in_body += 1
        if not self.reading:
            return
        body = self.body
        if name in _BLOCKS:
            body.block()
        elif name == "br":
            body.line_break()
        if name == "blockquote":
            body.quote += 1
        if name in _CODE:
            if not body.code:
                self.code_start = at
            body.code += 1
        if name == "a":
            href = attributes.get("href")
            if href is not None and LINK.fullmatch(href.text.strip()):
                self.links.append(href)

    def end_tag(self, name: str, at: int) -> None:
        for capture in list(self.captures):
            if capture.tag == name:
                capture.depth -= 1
                if capture.depth == 0:
                    self.captures.remove(capture)
                    if capture.key not in self.found and "".join(p.text for p in capture.pieces).strip():
                        self.found[capture.key] = (capture.pieces, capture.pieces[0].start)
        if name in _NOT_SHOWN and self.hidden:
            self.hidden -= 1
        if self.wechat and self.in_body and name == self.article_tag:
            self.in_body -= 1
            if not self.in_body:
                self.body.block()
                self.article_tag = "\x00"  # one article per page
            return
        if not self.reading:
            return
        body = self.body
        if name in _BLOCKS:
            body.block()
        if name == "blockquote" and body.quote:
            body.quote -= 1
        if name in _CODE and body.code:
            body.code -= 1
            if not body.code:
                self.masked.append((self.code_start, at))

    def meta(self, attributes: dict[str, _Piece], at: int) -> None:
        which = attributes.get("property") or attributes.get("name")
        content = attributes.get("content")
        if which is None or content is None or not content.text.strip():
            return
        key = which.text.strip().lower()
        if key in _META and "meta:" + key not in self.found:
            self.found["meta:" + key] = ([content], at)

    @property
    def reading(self) -> bool:
        return bool(self.in_body) and not self.hidden

    def data(self, piece: _Piece) -> None:
        for capture in self.captures:
            capture.pieces.append(piece)
        if self.reading:
            self.body.write(piece)


def read_page(text: str, display: str, path: Path | None = None) -> ConvertedDraft:
    """The draft an HTML page holds (``text`` is the page, already bounded and decoded; ``path``
    is where a relative cover is looked for)."""
    from oahandbook.article.draft import blank_spans

    page = _Page(text, display)
    page.run()
    front: dict[str, object] = {}
    out = Builder()
    fields: dict[str, FieldOrigin] = {}
    for name, sources in _PRIORITY.items():
        for source in sources:
            if source not in page.found:
                continue
            value = _field_value(page.found[source][0], page.place)
            if not value.size:
                continue
            front[name] = value.text
            if name in _TEXT_FIELDS:
                fields[name] = FieldOrigin(value.map.places[0], out.size)
                out.extend(value)
                out.gap("\n")
            else:
                fields[name] = FieldOrigin(value.map.places[0])
            break
    body_offset = out.size
    body = page.body
    if body.code:
        page.masked.append((page.code_start, len(text)))
    out.extend(body.out)
    code = [(a + body_offset, b + body_offset) for a, b in body.code_spans]
    if page.links:  # where the rules see them (the text shows only the links' words)
        out.gap("\n\n")
        for link in page.links:
            url = _field_value([link], page.place)
            out.extend(url)
            out.gap("\n")
    first = page.first
    unset = next((first[name] for name in ("title", "head", "html") if name in first), 0)
    return ConvertedDraft.of(
        out,
        display,
        front,
        body_offset,
        path,
        fields=fields,
        unset_at=page.place(unset),
        code=code,
        waiver_source=blank_spans(text, sorted(page.masked)),
    )


def _decode_reference(match: re.Match[str]) -> str | None:
    hexa, number, name = match.groups()
    if name is not None:
        return html5.get(name) or (html5.get(name[:-1]) if name.endswith(";") else None)
    code = int(hexa, 16) if hexa is not None else int(number)
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(code)


def _decoded_pieces(content: str, at: int) -> list[_Piece]:
    pieces = []
    i = 0
    for match in _REFERENCE.finditer(content):
        value = _decode_reference(match)
        if value is None:
            continue
        if match.start() > i:
            pieces.append(_Piece(content[i : match.start()], at + i, at + match.start(), True))
        pieces.append(_Piece(value, at + match.start(), at + match.end(), False))
        i = match.end()
    if i < len(content):
        pieces.append(_Piece(content[i:], at + i, at + len(content), True))
    return pieces


def _js_char(match: re.Match[str]) -> str:
    hexa, uni, other = match.groups()
    if hexa or uni:
        char = chr(int(hexa or uni, 16))
        return "\ufffd" if 0xD800 <= ord(char) <= 0xDFFF else char  # a lone surrogate is no text
    return {"n": " ", "t": " ", "r": ""}.get(other, other)


def _field_value(pieces: list[_Piece], place) -> Builder:
    """A field's value as the converted text has it: white space runs of the page read as one
    space, none at either end; each word keeps its place in the page."""
    out = Builder()
    pending: int | None = None
    for piece in pieces:
        words = _WORDS.finditer(piece.text) if piece.exact else [None]
        for match in words:
            if match is not None and match.group()[0] in _WS:
                pending = piece.start + match.start() if pending is None else pending
                continue
            if pending is not None and out.size:
                out.glued(" ", place(pending), place(pending + 1))
            pending = None
            if match is None:
                out.glued(piece.text, place(piece.start), place(piece.end))
            else:
                out.exact(match.group(), place(piece.start + match.start()))
    return out
