"""Abbreviations (glossary tooltips) that work in Chinese text.

Python-Markdown's ``abbr`` wraps a term only between ``\\b`` word boundaries, and Chinese
characters are word characters, so 公众号 in 本公众号的 would never get its tooltip. This
extension keeps ``abbr``'s ``*[term]: definition`` syntax and matches CJK terms anywhere,
ASCII terms at word boundaries. It marks the first use of each term on a page, outside
headings, links, code and the regulation's own words (制度原文 is quoted as written), so a long
page is not underlined all over.

Use it in ``mkdocs.yml`` in place of ``abbr``: ``markdown_extensions: [oahandbook.site.abbr]``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown.extensions.abbr import AbbrBlockprocessor, AbbrExtension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

SKIP_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6", "a", "abbr", "code", "pre", "kbd", "script", "style"})
# Blocks holding the regulation's own words (the 制度原文 admonition): quoted as written, unmarked.
SKIP_CLASSES = frozenset({"regulation"})


def term_pattern(terms: list[str]) -> re.Pattern[str]:
    """One alternation, longest term first; word boundaries only where a term has ASCII ends."""
    parts = []
    for term in sorted(terms, key=len, reverse=True):
        before = r"(?<![A-Za-z0-9_])" if re.match(r"[A-Za-z0-9_]", term) else ""
        after = r"(?![A-Za-z0-9_])" if re.search(r"[A-Za-z0-9_]$", term) else ""
        parts.append(f"{before}{re.escape(term)}{after}")
    return re.compile("|".join(parts))


class FirstUseAbbrTreeprocessor(Treeprocessor):
    def __init__(self, md, abbrs: dict[str, str]):
        super().__init__(md)
        self.abbrs = abbrs

    def run(self, root: etree.Element) -> None:
        terms = [t for t, title in self.abbrs.items() if title]
        if not terms:
            return
        pattern = term_pattern(terms)
        seen: set[str] = set()
        for element, slot, parent in list(self._texts(root, None)):
            text = element.text if slot == "text" else element.tail
            if not text or isinstance(text, AtomicString):
                continue
            matches = []
            for match in pattern.finditer(text):
                if match.group(0) not in seen:
                    seen.add(match.group(0))
                    matches.append(match)
            if matches:
                self._wrap(element, slot, parent, text, matches)

    def _texts(self, element: etree.Element, parent: etree.Element | None):
        """(element, "text" | "tail", parent) in reading order, skipping text we must not mark."""
        if element.tag not in SKIP_TAGS and not SKIP_CLASSES.intersection((element.get("class") or "").split()):
            yield element, "text", parent
            for child in list(element):
                yield from self._texts(child, element)
        if parent is not None:
            yield element, "tail", parent

    def _wrap(self, element, slot, parent, text, matches) -> None:
        head = text[: matches[0].start()]
        new = []
        for index, match in enumerate(matches):
            end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
            abbr = etree.Element("abbr", {"title": self.abbrs[match.group(0)]})
            abbr.text = AtomicString(match.group(0))
            abbr.tail = text[match.end() : end]
            new.append(abbr)
        if slot == "text":
            element.text = head
            for offset, abbr in enumerate(new):
                element.insert(offset, abbr)
        else:
            element.tail = head
            position = list(parent).index(element) + 1
            for offset, abbr in enumerate(new):
                parent.insert(position + offset, abbr)


class FirstUseAbbrExtension(AbbrExtension):
    def extendMarkdown(self, md) -> None:
        if self.config["glossary"][0]:
            self.load_glossary(self.config["glossary"][0])
        self.abbrs.update(self.glossary)
        md.registerExtension(self)
        md.treeprocessors.register(FirstUseAbbrTreeprocessor(md, self.abbrs), "abbr", 7)
        md.parser.blockprocessors.register(AbbrBlockprocessor(md.parser, self.abbrs), "abbr", 16)


def makeExtension(**kwargs) -> FirstUseAbbrExtension:
    return FirstUseAbbrExtension(**kwargs)
