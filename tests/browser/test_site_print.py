"""The print page of each language, crawled as built: every link on it goes somewhere, and the
developer pages are left out of it (and so out of the PDF printed from it)."""

from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urlsplit

import pytest

LANG_PREFIXES = ("", "en/")
# Pages for programmers and maintainers (mkdocs.yml: print-site's exclude): the Python API under
# 参考/Reference and 发布/Releasing.
DEVELOPER_PAGES = ("api", "release")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.sections: list[str] = []
        self.links: list[tuple[str, str]] = []  # (tag, address)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(attributes["id"])
            if tag == "section" and "print-page" in (attributes.get("class") or "").split():
                self.sections.append(attributes["id"])
        for name in ("href", "src"):
            if attributes.get(name) is not None:
                self.links.append((tag, attributes[name]))


def crawl(site, prefix: str) -> tuple[_Links, list[str], list[str]]:
    """The print page's links, its in-page links that point nowhere, and its other links that
    reach no file of the built site."""
    page = f"{prefix}print_page/index.html"
    parser = _Links()
    parser.feed((site / page).read_text(encoding="utf-8"))
    dangling, dead = [], []
    for tag, address in parser.links:
        parts = urlsplit(address)
        if parts.scheme or parts.netloc:
            continue  # another site (canonical link, references): not the handbook's to check
        if not parts.path:
            if parts.fragment and unquote(parts.fragment) not in parser.ids:
                dangling.append(address)
            continue
        if parts.path.startswith("/"):
            dead.append(address)  # absolute: wrong as soon as the site is under /<version>/
            continue
        target = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(parts.path)))
        path = site / target
        if target.startswith("../") or not (path.is_file() or (path / "index.html").is_file()):
            dead.append(f"<{tag}> {address}")
    return parser, dangling, dead


@pytest.mark.parametrize("prefix", LANG_PREFIXES)
def test_print_page_has_no_dead_link_and_no_anchor_that_points_nowhere(built_site, prefix):
    parser, dangling, dead = crawl(built_site.site, prefix)
    # It is the whole handbook: thousands of links, checklist items and clauses among them.
    assert sum(address.startswith("#") for _, address in parser.links) > 1000
    assert any(address.endswith("-acc-01") for _, address in parser.links)  # a checklist item
    assert dangling == [], f"{len(dangling)} in-page links point nowhere, e.g. {dangling[:10]}"
    assert dead == [], dead
    # The downloads are offered on it, and reach the files.
    assert any(re.search(r"checklists/checklists(\.en)?\.xlsx$", address) for _, address in parser.links)


@pytest.mark.parametrize("prefix", LANG_PREFIXES)
def test_print_page_leaves_out_the_developer_pages(built_site, prefix):
    parser, _, _ = crawl(built_site.site, prefix)
    for key in DEVELOPER_PAGES:
        assert key not in parser.sections, parser.sections
        # The page itself is still published (and a link to it leaves the print page for it).
        assert (built_site.site / prefix / key / "index.html").is_file()
    assert {"index", "regulation", "rules", "checklists", "usage", "glossary"} <= set(parser.sections)
    text = (built_site.site / f"{prefix}print_page/index.html").read_text(encoding="utf-8")
    for key in DEVELOPER_PAGES:
        # Its opening paragraph (the print page repeats each page's HTML as it is).
        own = (built_site.site / prefix / key / "index.html").read_text(encoding="utf-8")
        opening = re.search(r"</h1>\s*(<p>.{40,}?</p>)", own, re.S)
        assert opening, key
        assert opening.group(1) not in text, key
