"""The print page (``print_page/``, made by the print-site plugin), mended so every link on it
goes somewhere.

The plugin puts the pages one after another, each in ``<section class="print-page" id="KEY">``
(``KEY``: the page's URL with ``/`` as ``-``), and turns links between pages into in-page links
``#KEY-anchor``; but it gives the ``KEY-`` prefix only to the ids of headings, list items and
footnote marks. A link to any other anchor (a checklist item's ``{ #acc-01 }`` in a table cell,
a code block's line) therefore points nowhere, and so does a link to a page the print page
leaves out (the developer pages, ``exclude`` in mkdocs.yml) or to the other language's site.

:func:`mend` gives such an anchor its prefixed id, inside its own page's section only (pages
share ids such as ``__codelineno-0-1``), and points links to pages that are not on the print
page at those pages themselves, and makes the theme's base address relative (the plugin renders
it absolute). Links it cannot place are left as they are (a test crawls the
print page for them).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

PRINT_PAGE = "print_page"
# The print page's own top, for a link from a page to the print page itself.
TOP = "print-site-page"
_SECTION = re.compile(r'<section class="print-page" id="([^"]+)"')
_ID = re.compile(r"""\sid=(?:"([^"]*)"|'([^']*)')""")
_HREF = re.compile(r'(<a\b[^>]*?\shref=)"#([^"]+)"')
# The theme's settings on the print page: the plugin renders it with an absolute base (the path
# of site_url), wrong under a version's folder (/1.0/): search and versions would be fetched
# from the wrong place. The print page is one folder below its site's root.
_BASE = re.compile(r'("base":\s*)"/[^"]*"')


def page_key(url: str) -> str:
    """The plugin's key of a page URL (``rules/PI01/`` → ``rules-pi01``; the home page ``index``)."""
    key = url.lower().strip().rstrip("/").replace(".html", "").replace("/", "-").lstrip("-")
    return key or "index"


def page_links(print_page: Path, site_dir: Path) -> dict[str, str]:
    """Key → link from the print page, for every page built under ``site_dir`` (both languages:
    the keys are those the plugin makes from URLs relative to the print page's own site)."""
    own_root = print_page.parent.parent
    links: dict[str, str] = {}
    for index in sorted(site_dir.rglob("index.html")):
        folder = index.parent
        url = os.path.relpath(folder, own_root).replace(os.sep, "/")
        url = "" if url == "." else url + "/"
        link = os.path.relpath(folder, print_page.parent).replace(os.sep, "/") + "/"
        links.setdefault(page_key(url), link)
    return links


def mend(text: str, pages: dict[str, str]) -> str:
    """The print page's HTML with its dangling in-page links mended (see the module's doc);
    ``pages`` maps page keys to links (:func:`page_links`)."""
    text = _BASE.sub(r'\1".."', text, count=1)
    starts = [(m.start(), m.group(1)) for m in _SECTION.finditer(text)]
    ids = {a or b for a, b in _ID.findall(text)}
    on_page = {key for _, key in starts}
    bounds = {
        key: (start, starts[i + 1][0] if i + 1 < len(starts) else len(text)) for i, (start, key) in enumerate(starts)
    }
    section_ids = {key: {a or b for a, b in _ID.findall(text, start, end)} for key, (start, end) in bounds.items()}
    renames: dict[str, set[str]] = {}
    relinks: dict[str, str] = {}
    for target in dict.fromkeys(m.group(2) for m in _HREF.finditer(text)):
        if target in ids:
            continue
        if target == PRINT_PAGE:
            relinks[target] = "#" + TOP
            continue
        keys = sorted(
            (k for k in on_page | set(pages) if target == k or target.startswith(k + "-")), key=len, reverse=True
        )
        for key in keys:
            anchor = target[len(key) + 1 :]
            if key in on_page:
                if anchor and anchor in section_ids[key]:
                    renames.setdefault(key, set()).add(anchor)
                    break
            elif key != PRINT_PAGE:
                relinks[target] = pages[key] + (f"#{anchor}" if anchor else "")
                break
    if renames:
        out, position = [], 0
        for start, key in starts:
            if key not in renames:
                continue
            _, end = bounds[key]
            out.append(text[position:start])
            wanted = renames[key]
            out.append(
                _ID.sub(
                    lambda m, key=key, wanted=wanted: (
                        f' id="{key}-{m.group(1) or m.group(2)}"'
                        if (m.group(1) or m.group(2)) in wanted
                        else m.group(0)
                    ),
                    text[start:end],
                )
            )
            position = end
        out.append(text[position:])
        text = "".join(out)
    if relinks:
        text = _HREF.sub(
            lambda m: f'{m.group(1)}"{relinks[m.group(2)]}"' if m.group(2) in relinks else m.group(0), text
        )
    return text


def mend_site(site_dir: Path) -> int:
    """Mend every language's print page under ``site_dir`` (the assembled site); returns how
    many there were."""
    count = 0
    for print_page in sorted(site_dir.rglob(f"{PRINT_PAGE}/index.html")):
        text = print_page.read_text(encoding="utf-8")
        mended = mend(text, page_links(print_page, site_dir))
        if mended != text:
            print_page.write_text(mended, encoding="utf-8")
        count += 1
    return count
