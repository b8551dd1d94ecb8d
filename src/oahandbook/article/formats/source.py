"""A draft converted from another format: its text, and where each character came from.

The rules read a :class:`~oahandbook.article.draft.Draft`. A Word document or an HTML page is
turned into one: its metadata become the fields (title, author, digest …), its paragraphs the
body, one paragraph per block separated by blank lines. :class:`Builder` writes that text piece
by piece and remembers, for every piece, the place in the original file it stands for, so a
finding points at what the editor can find there (a line and column of the ``.html`` file, a
paragraph of the ``.docx``), never at the converted text nobody sees.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from oahandbook.article.draft import BOUNDARY, Draft, mask, plain_prose_view
from oahandbook.base.errors import InputError
from oahandbook.base.i18n import t
from oahandbook.base.textio import MAX_ARTICLE_BYTES

if TYPE_CHECKING:
    from pathlib import Path

Place = tuple[int, int]  # 1-based (line, column) in the original file
# A whole link address, as a Word hyperlink or an HTML href carries it (else its words only).
# A saved WeChat article page has the article's ``#js_content``.
_ARTICLE_PAGE = re.compile(r"""\bid[\t\n\f\r ]*=[\t\n\f\r ]*["']?js_content\b""")
LINK = re.compile(r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#@!$&*+,;=%]+")


_EXCERPT = 20  # characters of a paragraph shown with a finding in a Word document


def is_article_page(text: str) -> bool:
    """A saved WeChat article page: it has the article's ``#js_content``."""
    return _ARTICLE_PAGE.search(text) is not None


@dataclass
class SourceMap:
    """Offsets of the converted text mapped to places in the original file, piece by piece."""

    starts: list[int] = field(default_factory=list)  # where each piece starts in the converted text
    places: list[Place] = field(default_factory=list)  # where it starts in the original file
    exact: list[bool] = field(default_factory=list)  # True: the piece's characters follow one to one

    def position(self, offset: int) -> Place:
        if not self.starts:
            return 1, 1
        index = max(0, bisect.bisect_right(self.starts, offset) - 1)
        line, column = self.places[index]
        if self.exact[index]:
            return line, column + max(0, offset - self.starts[index])
        return line, column


class Builder:
    """Writes converted text and its :class:`SourceMap` together."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.map = SourceMap()
        self.end: Place = (1, 1)  # where the last piece ended in the original file

    def _piece(self, text: str, place: Place, exact: bool) -> None:
        self.map.starts.append(self.size)
        self.map.places.append(place)
        self.map.exact.append(exact)
        self.parts.append(text)
        self.size += len(text)

    def exact(self, text: str, place: Place) -> None:
        """Text the original has as it reads here, on one line from ``place`` (a newline in it is
        a character of that line too: a line break inside a Word paragraph)."""
        if text:
            self._piece(text, place, True)
            self.end = (place[0], place[1] + len(text))

    def glued(self, text: str, start: Place, end: Place) -> None:
        """Text that the original spells differently (``&amp;``, an escape, a property): every
        character points at ``start``; what follows continues from ``end``."""
        if text:
            self._piece(text, start, False)
        self.end = end

    def gap(self, text: str) -> None:
        """Characters the conversion adds (paragraph breaks, quote marks): they point at the end
        of the piece before them."""
        if text:
            self._piece(text, self.end, False)

    def at(self, place: Place) -> None:
        """Move the end to ``place`` (the start of the next block) so gaps point at it."""
        self.end = place

    def extend(self, other: Builder) -> None:
        """Append what ``other`` wrote (its offsets shift by what is here already)."""
        shift = self.size
        self.map.starts.extend(start + shift for start in other.map.starts)
        self.map.places.extend(other.map.places)
        self.map.exact.extend(other.map.exact)
        self.parts.extend(other.parts)
        self.size += other.size
        if other.map.starts:
            self.end = other.end

    @property
    def text(self) -> str:
        return "".join(self.parts)


@dataclass
class FieldOrigin:
    """Where a field's value came from, and where it sits in the converted text (if it does)."""

    place: Place
    offset: int | None = None  # the value's start in the converted text; None: not mapped


@dataclass
class ConvertedDraft(Draft):
    """A :class:`Draft` read from another format (``docx`` or ``html``).

    Its text is the converted text: the string fields, one a line, then the body, paragraphs
    separated by blank lines. It is prose already (no Markdown): only URLs and code are masked.
    Positions go through ``origin`` to the original file; fields that the document does not
    carry are reported at ``unset_at`` (the document's metadata)."""

    origin: SourceMap = field(default_factory=SourceMap)
    fields: dict[str, FieldOrigin] = field(default_factory=dict)
    unset_at: Place = (1, 1)
    code: list[tuple[int, int]] = field(default_factory=list)  # spans of code in the converted text
    paragraphs: dict[int, str] = field(default_factory=dict)  # line -> its text, where lines are paragraphs
    waiver_source: str = ""  # the original's lines, holding its waiver comments where they are

    @classmethod
    def of(
        cls, out: Builder, display: str, front: dict[str, Any], body_offset: int, file_path: Path | None, **more: Any
    ) -> ConvertedDraft:
        """The draft ``out`` wrote (refused when the converted text is larger than a Markdown
        draft may be)."""
        if out.size > MAX_ARTICLE_BYTES:
            raise InputError.one(display, 1, 1, t("fmt.too_long", size=out.size, limit=MAX_ARTICLE_BYTES))
        return cls(display, out.text, front, None, body_offset, file_path, origin=out.map, **more)

    def position(self, offset: int) -> Place:
        return self.origin.position(offset)

    def excerpt(self, line: int, column: int) -> str | None:
        """The start of paragraph ``line`` (personal data masked), for a reader who finds a
        place in Word by its words; None where lines are lines of the file (HTML) and at the
        place of the document's metadata (a finding about a property is in no paragraph)."""
        if (line, column) == self.unset_at:
            return None
        text = " ".join(self.paragraphs.get(line, "").split())
        if not text:
            return None
        from oahandbook.engine.redaction import redact

        return redact(text[:_EXCERPT] + ("…" if len(text) > _EXCERPT else ""))

    @functools.cached_property
    def published(self) -> str:
        return mask(self.text[: self.body_offset], BOUNDARY) + self.body

    @functools.cached_property
    def _code_spans(self) -> list[tuple[int, int]]:
        return self.code

    @functools.cached_property
    def waiver_text(self) -> str:
        return self.waiver_source

    @functools.cached_property
    def prose(self) -> str:
        return plain_prose_view(self.links_view)

    def field_position(self, *loc: str, at_key: bool = False) -> Place:
        found = self.fields.get(loc[0]) if loc else None
        return found.place if found is not None else self.unset_at

    def field_text(self, name: str):
        value = self.front.get(name)
        if not isinstance(value, str):
            return None
        found = self.fields.get(name)
        if found is None or found.offset is None:
            place = found.place if found is not None else self.unset_at

            def where(i: int, place: Place = place) -> Place:
                return place
        else:

            def where(i: int, start: int = found.offset) -> Place:
                return self.position(start + i)

        return value, where
