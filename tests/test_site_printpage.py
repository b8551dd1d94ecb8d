"""Mending the print page's links (oahandbook.site.printpage), on a page made by hand as the
print-site plugin makes it. The built print pages are crawled in tests/browser/test_site_print.py."""

from __future__ import annotations

from oahandbook.site.printpage import mend

PAGE = """<script id="__config" type="application/json">{"base": "/en/", "search": "../x.js"}</script>
<div id="print-site-page">
<section class="print-page" id="index"><h1 id="index-home">Home</h1>
<a href="#checklists-acc-01">ACC-01</a> <a href="#api-check_text">check_text</a>
<a href="#print_page">print</a> <a href="#index-__codelineno-0-1"></a><a id="__codelineno-0-1"></a>
</section>
<section class="print-page" id="checklists"><h1 id="checklists-lists">Lists</h1>
<a href="#checklists-__codelineno-0-1"></a><a id="__codelineno-0-1"></a>
<table><tr><td><strong id="acc-01">ACC-01</strong></td></tr></table>
<a href="#checklists-nowhere">x</a>
</section></div>"""


def test_anchors_get_their_page_prefix_in_their_own_section_and_left_out_pages_are_linked():
    out = mend(PAGE, {"api": "../api/", "index": "../", "checklists": "../checklists/"})
    assert '<strong id="checklists-acc-01">' in out
    # Each page's code line keeps its own id: the same id on two pages becomes two ids.
    assert out.count('id="index-__codelineno-0-1"') == 1
    assert out.count('id="checklists-__codelineno-0-1"') == 1
    assert '<a href="../api/#check_text">' in out  # not on the print page: the page itself
    assert '<a href="#print-site-page">' in out
    assert '<a href="#checklists-nowhere">' in out  # nothing to point it at: left for the crawl test
    # The theme's base, absolute as the plugin renders it, is wrong under /<version>/.
    assert '{"base": "..", "search": "../x.js"}' in out
