"""Drafts in other formats: Word documents (``.docx``) and HTML pages (``.html``, ``.htm``,
including a saved WeChat article page), read into the same :class:`Draft` as Markdown, so the
same rules check them and each finding points at a place in the original file.

Formats people keep drafts in that cannot be read (``.doc``, ``.pdf`` …) are named here too:
a folder that holds them says so instead of skipping them silently.
"""

from __future__ import annotations

import re
from pathlib import Path, PurePath

from oahandbook.base.errors import InputError
from oahandbook.base.i18n import t
from oahandbook.base.textio import decode, read_bytes, text_lines

from .source import is_article_page

__all__ = ["is_article_page"]  # re-exported for run.files

DOCX_SUFFIXES = (".docx",)
HTML_SUFFIXES = (".html", ".htm")
CONVERTED_SUFFIXES = DOCX_SUFFIXES + HTML_SUFFIXES
MAX_DOCX_BYTES = 32 * 1024 * 1024
MAX_HTML_BYTES = 8 * 1024 * 1024

# Document formats found in folders that oahandbook cannot read, with what to do instead (the
# catalogue key of the reason). Markdown, Word and HTML are read; everything else (code,
# images, data) is none of our business and passes unremarked.
UNSUPPORTED_SUFFIXES = {
    ".doc": "skip.word_old",
    ".wps": "skip.word_old",
    ".dot": "skip.word_old",
    ".docm": "skip.save_docx",
    ".dotx": "skip.save_docx",
    ".odt": "skip.save_docx",
    ".rtf": "skip.save_docx",
    ".pages": "skip.save_docx",
    ".wpt": "skip.save_docx",
    ".pdf": "skip.pdf",
    ".txt": "skip.txt",
    ".mht": "skip.mhtml",
    ".mhtml": "skip.mhtml",
}


def draft_format(name: str) -> str:
    """``docx``, ``html`` or ``markdown`` (anything else a draft may be is read as Markdown)."""
    lower = name.lower()
    if lower.endswith(DOCX_SUFFIXES):
        return "docx"
    if lower.endswith(HTML_SUFFIXES):
        return "html"
    return "markdown"


def unsupported_reason(name: str) -> str | None:
    """Why a file of this name cannot be checked, or None when it is not a document format we know."""
    key = UNSUPPORTED_SUFFIXES.get(PurePath(name).suffix.lower())
    return t(key) if key else None


_CHARSET = re.compile(rb"""<meta[^>]{0,300}?charset\s*=\s*["']?\s*(gb2312|gbk|gb18030)""", re.IGNORECASE)


def decode_page(raw: bytes, display: str) -> str:
    """An HTML page's text: UTF-8, or the GBK family when the page declares it (older sites)."""
    if _CHARSET.search(raw[:4096]) and not raw.startswith(b"\xef\xbb\xbf"):
        try:
            return text_lines(raw.decode("gb18030"), display)
        except UnicodeDecodeError:
            pass
    return decode(raw, display)


def read_page_file(path: Path, display: str) -> str:
    return decode_page(read_bytes(path, max_bytes=MAX_HTML_BYTES, display=display), display)


def read_draft(path: Path, display: str):
    """The draft in a ``.docx`` or ``.html`` file (:class:`InputError` when it is unusable)."""
    if draft_format(display) == "docx":
        from oahandbook.article.formats.docx import read_document

        return read_document(read_bytes(path, max_bytes=MAX_DOCX_BYTES, display=display), display)
    return parse_converted(read_page_file(path, display), display, path=path)


def parse_converted(text: str, display: str, *, path: Path | None = None):
    """The draft in the text of a file named ``display`` in a converted format (HTML: a page
    handed over as text; a Word document is binary and has no text form). ``path`` is where
    files the draft names (its cover) are looked for."""
    if draft_format(display) == "docx":
        raise InputError.one(display, 1, 1, t("fmt.docx_text"))
    from oahandbook.article.formats.html import read_page

    return read_page(text, display, path)
