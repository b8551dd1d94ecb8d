"""Parse a draft: front matter (positions kept) and a *prose view* of the body.

Drafts in other formats (Word, HTML) are converted into a :class:`Draft` by
:mod:`oahandbook.article.formats`, which keeps the views and maps positions back.

The prose view is the text with everything that is not prose replaced by NUL characters of the
same length (front matter, code, inline code, URLs, HTML tags and comments), so offsets in it
are offsets in the file and every finding points at the original line and column.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from yaml.nodes import ScalarNode

from oahandbook.base.errors import InputError
from oahandbook.base.textio import line_position, line_starts
from oahandbook.base.yamlio import YamlDoc, load_text
from oahandbook.engine.redaction import SEPARATOR_CHARS
from oahandbook.engine.textnorm import BOUNDARY, SOFT

# Lengths are bounded so that no input makes a pattern backtrack over the whole file.
_INLINE_CODE = re.compile(r"(?<!`)(`{1,16})(?!`)(.{1,2000}?)(?<!`)\1(?!`)", re.DOTALL)
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
# URL characters of RFC 3986, ASCII only: 见https://example.com。正文 ends at the URL.
# The lookbehind of the www. branch follows the literal (www. not glued to a word before it):
# a pattern that opens with a lookbehind is tried at every position, one that opens with
# literals lets the regex engine skip ahead (half the time of a scan of a link-heavy article).
URL = re.compile(r"(?:(?:https?|ftp)://|www\.(?<![A-Za-z0-9.@/]www\.))[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+")
_LINK_DEST = re.compile(
    r"\]\([ \t]{0,8}<?[^()\[\]\s<>]{0,2048}+>?(?:[ \t]{1,8}(?:\"[^\"\n]{0,500}\"|'[^'\n]{0,500}'))?[ \t]{0,8}\)"
)
_REF_DEF = re.compile(r"^ {0,3}\[[^\]\n]{1,1000}\]:[ \t]*\S+.*$", re.MULTILINE)
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

FRONT_OPEN = re.compile(r"---[ \t]*(?:\n|$)")  # a front matter opens (run.files reads it too)
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)

_ENTITY = re.compile(r"&(?:#(\d{1,7})|#[xX]([0-9A-Fa-f]{1,6})|([A-Za-z]{2,8}));")
_NAMED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'", "nbsp": " "}


@dataclass
class Draft:
    path: str
    text: str
    front: dict[str, Any]
    front_doc: YamlDoc | None
    body_offset: int  # index in ``text`` where the body starts
    file_path: Path | None = None
    has_front_matter: bool = True
    front_offset: int = 0  # index in ``text`` where the front matter's YAML starts
    cache: dict[str, Any] = field(default_factory=dict)

    @functools.cached_property
    def line_starts(self) -> list[int]:
        return line_starts(self.text)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column in characters) of an offset in ``text``."""
        return line_position(self.line_starts, offset)

    @property
    def body(self) -> str:
        return self.text[self.body_offset :]

    @functools.cached_property
    def published(self) -> str:
        """The text with front matter and HTML comments masked: what readers would see."""
        # Newlines of the front matter stay, so ^ anchors work at the body's first line.
        masked = mask(self.text[: self.body_offset], BOUNDARY) + self.body
        return _HTML_COMMENT.sub(_soft, masked) if "<!--" in masked else masked

    @functools.cached_property
    def _code_spans(self) -> list[tuple[int, int]]:
        """Fenced blocks and inline code of the body (offsets in ``text``), found once."""
        body = self.body
        spans = _indented_code(body) if "\n    " in body or "\n\t" in body else []
        if "`" not in body and "~~~" not in body:
            return [(a + self.body_offset, b + self.body_offset) for a, b in spans]
        spans += [m.span() for m in _FENCED.finditer(body)]
        if "`" in body:
            fenced = blank_spans(body, spans)
            spans += [m.span() for m in _INLINE_CODE.finditer(fenced)]
        return [(a + self.body_offset, b + self.body_offset) for a, b in spans]

    @functools.cached_property
    def waiver_text(self) -> str:
        """The text with code masked: a waiver shown in a code sample does not waive anything."""
        if "oahandbook-" not in self.text:  # no waiver at all (most drafts): nothing to mask
            return self.text
        return blank_spans(self.text, self._code_spans)

    @functools.cached_property
    def links_view(self) -> str:
        """The published text without code: a URL in a code sample is not a link."""
        return blank_spans(self.published, self._code_spans)

    @functools.cached_property
    def prose(self) -> str:
        """The body as prose only: code, URLs, link targets, HTML and comments masked."""
        return prose_view(self.links_view, code_done=True)

    # ------------------------------------------------------------------ front matter fields

    def field_node(self, *loc: str) -> Any:
        return self.front_doc.node_at(loc) if self.front_doc else None

    def field_position(self, *loc: str, at_key: bool = False) -> tuple[int, int]:
        if self.front_doc is None or self.front_doc.root is None:
            return 1, 1
        return self.front_doc.position(loc, at_key=at_key)

    def field_text(self, name: str) -> tuple[str, Any] | None:
        """A string field's value and a function mapping an index in it to (line, column)."""
        value = self.front.get(name)
        if not isinstance(value, str):
            return None
        node = self.field_node(name)
        line, column = self.field_position(name)
        # Columns map one to one only when the source spells the value out as it reads
        # (no escapes such as '' or \u8d4c, no folding): otherwise point at the value.
        raw = None
        if isinstance(node, ScalarNode) and node.start_mark.line == node.end_mark.line:
            start = self.front_offset + node.start_mark.index
            raw = self.text[start : self.front_offset + node.end_mark.index]
        quote = node.style if raw is not None and node.style in ("'", '"') else ""
        if raw is not None and raw == quote + value + quote:
            shift = len(quote)

            def where(i: int, line: int = line, column: int = column + shift) -> tuple[int, int]:
                return line, column + i
        else:

            def where(i: int, line: int = line, column: int = column) -> tuple[int, int]:
                return line, column

        return value, where


_FENCED = re.compile(r"^ {0,3}(`{3,}|~{3,}).*?(?:^ {0,3}\1[`~]*[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)


# Characters of a written number: digits in any width (and X, the last character of an ID
# number) and the separators people put between digit groups.
_NUMBER_CHARS = frozenset("0123456789０１２３４５６７８９Xx" + SEPARATOR_CHARS)
_DIGITS = frozenset("0123456789０１２３４５６７８９")


def cut_numbers(text: str, low: int, high: int) -> str:
    """``text[low:high]`` with every digit of a number that the cut at ``low`` or ``high`` splits
    starred: a window cut through an ID number must not show a piece of it, or a set of windows
    at different offsets would show it whole."""
    shown = list(text[low:high])
    for cut in (low, high):
        if not (0 < cut < len(text)):
            continue
        start = cut
        while start > 0 and text[start - 1] in _NUMBER_CHARS:
            start -= 1
        end = cut
        while end < len(text) and text[end] in _NUMBER_CHARS:
            end += 1
        if any(ch in _DIGITS for ch in text[start:cut]) and any(ch in _DIGITS for ch in text[cut:end]):
            for i in range(max(start, low), min(end, high)):
                if text[i] in _DIGITS or text[i] in "Xx":
                    shown[i - low] = "*"
    return "".join(shown)


def mask(text: str, char: str) -> str:
    """``text`` with every character but the newlines replaced by ``char`` (same length, same
    lines); a split and join runs ~15x faster than a regex substitution per character."""
    return "\n".join(char * len(line) for line in text.split("\n")) if "\n" in text else char * len(text)


def _blank(match: re.Match[str]) -> str:
    return mask(match.group(), BOUNDARY)


def _blank_line(match: re.Match[str]) -> str:
    """A match that cannot hold a newline (a URL, a link target), masked."""
    return BOUNDARY * (match.end() - match.start())


def _soft_line(match: re.Match[str]) -> str:
    return SOFT * (match.end() - match.start())


def _soft(match: re.Match[str]) -> str:
    return mask(match.group(), SOFT)


def _entity(match: re.Match[str]) -> str:
    """``&#20912;`` reads as 冰: the character, padded so offsets stay the same."""
    number, hexa, name = match.groups()
    try:
        char = chr(int(number)) if number else chr(int(hexa, 16)) if hexa else _NAMED.get(name.lower(), "")
    except (ValueError, OverflowError):
        char = ""
    # A surrogate (&#55296;) or a control character is no text: the entity stays as written.
    if len(char) != 1 or char == "\n" or 0xD800 <= ord(char) <= 0xDFFF or ord(char) < 0x20:
        return match.group()
    return char + SOFT * (len(match.group()) - 1)


_LIST_ITEM = re.compile(r"^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)")


def _indented_code(body: str) -> list[tuple[int, int]]:
    """CommonMark indented code blocks: lines indented by 4 spaces (or a tab) after a blank
    line, unless they continue a list item (then the indentation belongs to the list)."""
    spans: list[tuple[int, int]] = []
    offset = 0
    previous_blank, in_list, in_code = True, False, False
    for line in body.split("\n"):
        end = offset + len(line)
        blank = not line.strip()
        indented = line.startswith(("    ", "\t"))
        if in_code and (indented or blank):
            if not blank:
                spans.append((offset, end))
        elif indented and previous_blank and not in_list:
            in_code = True
            spans.append((offset, end))
        else:
            in_code = False
            if not blank:
                in_list = bool(_LIST_ITEM.match(line)) or (in_list and (indented or line.startswith("  ")))
        previous_blank = blank
        offset = end + 1
    return spans


def blank_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with the characters of ``spans`` masked as boundaries (newlines kept)."""
    if not spans:
        return text
    parts, last = [], 0
    for a, b in sorted(spans):
        if a < last:
            continue
        parts.append(text[last:a])
        parts.append(mask(text[a:b], BOUNDARY))
        last = b
    parts.append(text[last:])
    return "".join(parts)


def prose_view(text: str, *, code_done: bool = False) -> str:
    """Mask what is not prose (same length, newlines kept). Code and URLs, which readers see,
    become boundaries; markup that renders as nothing (tags, link targets) is dropped, so
    出售<b></b>冰毒 still reads 出售冰毒; character references are decoded. Each pass runs only
    when the text holds the character it starts with (most articles have no markup at all)."""
    work = text
    if not code_done and ("`" in work or "~~~" in work):
        work = _INLINE_CODE.sub(_blank, _FENCED.sub(_blank, work))
    if "<" in work:
        work = _AUTOLINK.sub(_blank, work)
    if "://" in work or "www." in work:
        work = URL.sub(_blank_line, work)
    if "]:" in work:
        work = _REF_DEF.sub(_soft, work)
    if "<" in work:
        work = _HTML_TAG.sub(_soft, work)
    if "](" in work:
        work = _LINK_DEST.sub(_soft_line, work)
    if "&" in work:
        work = _ENTITY.sub(_entity, work)
    # A blank line ends a paragraph: a term may not run across it. (The view keeps offsets,
    # not line breaks: positions always come from the original text.)
    if "\n\n" in work:  # the common blank line, replaced without a callback per match
        work = work.replace("\n\n", "\n" + BOUNDARY)
    if " \n" in work or "\t\n" in work:
        work = _BLANK_LINE.sub(_paragraph_break, work)
    return work


def plain_prose_view(text: str) -> str:
    """The prose view of text that is prose already (converted from Word or HTML, where markup
    is gone): URLs become boundaries and blank lines end paragraphs; nothing else is masked, so
    a paragraph that starts with four spaces or holds a backtick is still read."""
    if "://" in text or "www." in text:
        text = URL.sub(_blank_line, text)
    if "\n\n" in text:
        text = text.replace("\n\n", "\n" + BOUNDARY)
    if " \n" in text or "\t\n" in text:
        text = _BLANK_LINE.sub(_paragraph_break, text)
    return text


def _paragraph_break(match: re.Match[str]) -> str:
    return "\n" + BOUNDARY * (len(match.group()) - 1)


def parse_draft(text: str, display: str, *, path: Path | None = None) -> Draft:
    """Split front matter from the body. Unterminated or unreadable front matter is unusable input."""
    if FRONT_OPEN.match(text):
        end = _front_matter_end(text)
        if end is None:
            raise InputError.one(
                display,
                1,
                1,
                _msg(
                    "front matter starts with --- on line 1 but is never closed; add a line with --- after it",
                    "文件第 1 行以 --- 开始了前置元数据（front matter），但没有结束；请在元数据后加一行 ---",
                ),
            )
        first = text.index("\n") + 1 if "\n" in text else len(text)
        yaml_text = text[first : end[0]] if end[0] >= first else ""
        doc = load_text(yaml_text, display, line_offset=1)
        if doc.data is not None and not isinstance(doc.data, dict):
            raise InputError.one(
                display,
                2,
                1,
                _msg(
                    "front matter must be a mapping of fields (title: …, author: …)",
                    "前置元数据必须是“字段: 值”的映射（title: …、author: …）",
                ),
            )
        return Draft(display, text, doc.data or {}, doc, end[1], path, front_offset=first)
    return Draft(display, text, {}, None, 0, path, has_front_matter=False)


def _front_matter_end(text: str) -> tuple[int, int] | None:
    """(start of the closing line, start of the body) or None when there is no closing line."""
    first = text.find("\n")
    if first == -1:
        return None
    match = _FRONT_CLOSE.search(text, first + 1)
    if match is None:
        return None
    body = match.end() + 1 if match.end() < len(text) else match.end()
    return match.start(), body


def _msg(en: str, zh: str) -> str:
    from oahandbook.base.i18n import get_lang

    return en if get_lang() == "en" else zh
