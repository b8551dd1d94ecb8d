"""The handbook in headless Chromium, served on 127.0.0.1 as mike deploys it.

Every test also fails on any request to another host or any console error (see ``page`` in
conftest.py): the handbook must work offline, in mainland China, without errors.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from oahandbook.data.bundle import load_bundle

pytestmark = pytest.mark.browser


def title(page) -> str:
    """The page's h1 without its permalink sign."""
    return page.locator("article h1").first.inner_text().rstrip("¶").strip()


def test_home_page_shows_the_document_control_block(page, artifacts):
    page.goto_site()
    doc = load_bundle().regulation.document
    control = page.locator(".oa-doc-control table")
    control.wait_for()
    text = control.inner_text()
    for value in (doc.number, doc.version, doc.effective_date.isoformat(), doc.next_review.isoformat()):
        assert value in text
    assert title(page) == "公众号管理运营手册"
    page.screenshot(path=str(artifacts / "home.png"), full_page=True)


def test_clause_link_scrolls_to_the_clause(page):
    page.goto_site("regulation/#oa-2-3-1")
    heading = page.locator("#oa-2-3-1")
    heading.wait_for()
    page.wait_for_function("window.scrollY > 0")
    box = heading.bounding_box()
    assert box is not None and 0 <= box["y"] < 300, box
    assert heading.inner_text().rstrip("¶").strip() == "（1）内容规范"


def test_rule_page_shows_failing_and_passing_examples_as_tabs(page, artifacts):
    rule = load_bundle().rules["PC01"]
    page.goto_site("rules/PC01/")
    tabs = page.locator(".tabbed-labels label")
    expected = []
    for word, examples in (("不合格", rule.examples.fail), ("合格", rule.examples.pass_)):
        expected += [word + (f" {i}" if len(examples) > 1 else "") for i in range(1, len(examples) + 1)]
    assert tabs.all_inner_texts() == expected
    blocks = page.locator(".tabbed-block")
    assert blocks.nth(0).is_visible() and not blocks.nth(1).is_visible()
    assert rule.examples.fail[0].input.splitlines()[-1] in blocks.nth(0).inner_text()
    page.screenshot(path=str(artifacts / "rule.png"), full_page=True)
    first_pass = len(rule.examples.fail)
    tabs.nth(first_pass).click()
    assert blocks.nth(first_pass).is_visible() and not blocks.nth(0).is_visible()
    assert rule.examples.pass_[0].input.splitlines()[-1] in blocks.nth(first_pass).inner_text()


@pytest.mark.parametrize(
    ("query", "anchor"),
    [("隐私", "oa-2-3-1"), ("备份", "oa-2-4"), ("认证", "oa-2-1-2")],
)
def test_chinese_search_finds_the_clause(page, query, anchor):
    results = page.locator(".md-search-result__item a.md-search-result__link")
    box = page.locator(".md-search__input")
    # The index loads in a web worker, slowly on a busy machine, and a query typed before it
    # is ready is dropped: type it again (key by key, as a reader does) until results come.
    # Now and then the search box never hears from its worker (Material's own page, one load
    # in a few on this machine, before this handbook's changes too): load the page again.
    # At most 4 loads of 3 tries of 8 s.
    for load in range(4):
        page.goto_site()
        page.locator("label.md-search__icon, .md-search__input").first.click()
        for _ in range(3):
            box.fill("")
            box.press_sequentially(query, delay=30)
            try:
                results.first.wait_for(timeout=8_000)
                break
            except PlaywrightTimeout:
                continue
        else:
            if load == 3:
                meta = page.locator(".md-search-result__meta").inner_text()
                raise AssertionError(f"no results for {box.input_value()!r}; search says {meta!r}") from None
            continue
        break
    # The search runs in a web worker and the list fills in as it answers: read it once it
    # has stopped changing (bounded: 50 polls of 100 ms).
    previous: list[str] = []
    for _ in range(50):
        hrefs = [results.nth(i).get_attribute("href") or "" for i in range(results.count())]
        if hrefs and hrefs == previous:
            break
        previous = hrefs
        page.wait_for_timeout(100)
    found = [urlsplit(href) for href in previous]
    # Material lists the page, then its matching sections best first.
    clauses = [url.fragment for url in found if url.path.endswith("/1.0/regulation/") and url.fragment]
    assert clauses, [url.geturl() for url in found]
    assert clauses[0] == anchor, clauses


# Material's own search, run as the search box runs it (its web worker, given the site's index),
# answering with every result: the pages in the order the search lists them, each with the
# location of its best-scoring entry.
MATERIAL_SEARCH = """async (query) => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const base = new URL(config.base.replace(/\\/?$/, "/"), location.href);
  const index = await (await fetch(new URL("search/search_index.json", base))).json();
  const worker = new Worker(new URL(config.search, location.href));
  const items = await new Promise((resolve) => {
    worker.onmessage = ({ data }) => {
      if (data.type === 1) worker.postMessage({ type: 2, data: query });  // ready: query
      if (data.type === 3) resolve(data.data.items);  // result
    };
    worker.postMessage({ type: 0, data: { ...index, options: { suggest: false } } });  // setup
  });
  worker.terminate();
  return items.map((group) => group[0].location);
}"""


def test_chinese_search_ranks_the_privacy_rules_and_clause_above_rules_that_only_quote_the_word(page):
    """隐私: the clause about it first, then PI01-PI04 before any other rule (AD01 and FM01 once
    ranked first because every rule page repeated its clause's text; eight PC rules because
    隐私发货 is in the sale-intent words they list)."""
    page.goto_site()
    ranked = page.evaluate(MATERIAL_SEARCH, "隐私")
    assert ranked and ranked[0] == "regulation/#oa-2-3-1", ranked
    pages = [location.split("#")[0] for location in ranked]
    privacy = [pages.index(f"rules/PI0{n}/") for n in range(1, 5) if f"rules/PI0{n}/" in pages]
    assert len(privacy) == 4, ranked
    others = [i for i, p in enumerate(pages) if p.startswith("rules/") and not p.startswith("rules/PI")]
    assert max(privacy) < min(others, default=len(pages)), ranked
    for code in ("AD01", "FM01"):
        assert f"rules/{code}/" not in pages[: max(privacy) + 1], ranked


def test_language_switcher_reaches_the_english_page(page):
    page.goto_site("rules/PC01/")
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    page.wait_for_url("**/en/rules/PC01/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert title(page).startswith("PC01 ")
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="zh"]').click()
    page.wait_for_url("**/1.0/rules/PC01/")


def test_language_switcher_on_the_home_page(page):
    page.goto_site()
    page.locator(".md-header__option .md-select").hover()
    page.locator('.md-select__link[hreflang="en"]').click()
    page.wait_for_url("**/1.0/en/")
    assert title(page) == "Official Account Operations Handbook"


def test_version_selector_shows_the_deployed_version(page):
    page.goto_site()
    selector = page.locator(".md-version__current")
    selector.wait_for()
    assert selector.inner_text().strip() == "1.0"


@pytest.mark.parametrize("path", ["en/rules/PC01/", "en/print_page/"])
def test_english_pages_have_a_version_selector_that_keeps_the_page(page, path):
    """Material's selector works only at a version's root (the Chinese site); the English site,
    one folder down, has the theme's own: same markup, the same page in the other version."""
    page.goto_site(path)
    selector = page.locator(".md-version__current")
    selector.wait_for()
    assert selector.inner_text().strip() == "1.0"
    links = page.locator(".md-version__link")
    assert links.all_inner_texts() == ["1.0", "0.9"]
    page.locator(".md-version").hover()
    links.nth(1).click()
    page.wait_for_url(f"**/0.9/{path}")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator(".md-version__current").inner_text().strip() == "0.9"


def test_rules_index_filters_by_severity(page):
    bundle = load_bundle()
    page.goto_site("rules/")
    rows = page.locator(".oa-rules-index tbody tr")
    assert rows.count() == len(bundle.rules)
    page.locator(".oa-filter select").nth(1).select_option(label="错误")
    errors = sum(1 for r in bundle.rules.values() if r.severity == "error")
    assert page.locator(".oa-rules-index tbody tr:not([hidden])").count() == errors


def test_glossary_tooltip_appears_on_hover(page):
    page.goto_site("regulation/")
    term = page.locator("article abbr:visible").first
    term.hover()
    tooltip = page.locator(".md-tooltip2--active, .md-tooltip--active")
    tooltip.first.wait_for()
    assert tooltip.first.inner_text().strip()


@pytest.mark.parametrize("path", ["", "rules/PI01/", "en/regulation/"])
def test_without_resize_observer_nothing_is_fetched_from_another_host(page, path):
    """Old WebViews lack ResizeObserver: Material's bundle would fetch a polyfill from unpkg.com.
    The handbook's own stands in (the fixture fails on any request to another host)."""
    page.add_init_script("delete window.ResizeObserver; window.ResizeObserver = undefined;")
    page.goto_site(path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("typeof window.ResizeObserver") == "function"
    page.set_viewport_size({"width": 600, "height": 800})  # the header and tabs observe their size
    page.wait_for_timeout(600)
    assert page.locator("article h1").first.is_visible()


@pytest.mark.parametrize("path", ["regulation/", "en/regulation/"])
def test_guidance_is_at_body_size_and_styled_apart_from_the_regulation(page, path):
    page.goto_site(path)
    sizes = page.evaluate(
        """() => {
          const size = (sel) => parseFloat(getComputedStyle(document.querySelector(sel)).fontSize);
          const style = (sel) => getComputedStyle(document.querySelector(sel));
          return {
            body: size("article > p"),
            guidance: size(".admonition.guidance p:not(.admonition-title), .admonition.guidance li"),
            regulation: size(".admonition.regulation p:not(.admonition-title)"),
            guidanceFont: style(".admonition.guidance").fontFamily,
            regulationFont: style(".admonition.regulation p:not(.admonition-title)").fontFamily,
          };
        }"""
    )
    assert sizes["guidance"] >= sizes["body"] - 0.5, sizes
    assert sizes["guidance"] >= sizes["regulation"] - 1, sizes
    assert sizes["guidanceFont"] != sizes["regulationFont"], sizes


def test_no_glossary_mark_inside_the_regulation_text(page):
    page.goto_site("regulation/")
    assert page.locator(".admonition.regulation abbr").count() == 0
    assert page.locator("article abbr").count() > 0  # the glossary still marks the handbook's own words


# Every listed cell of the tables' visible rows that is not wholly on a 390 px screen: outside
# the viewport, cut (its content wider than the cell), or not shown at all; and whether the
# page or a table scrolls sideways.
OFF_SCREEN = """({ selector, columns }) => {
  const out = [];
  const tables = [...document.querySelectorAll(selector)];
  for (const table of tables) {
    for (const row of table.tBodies[0].rows) {
      if (row.hidden) continue;
      for (const n of columns) {
        const cell = row.cells[n - 1];
        const box = cell.getBoundingClientRect();
        if (box.width === 0 || box.left < -0.5 || box.right > innerWidth + 0.5 || cell.scrollWidth > cell.clientWidth + 1) {
          out.push(`${row.cells[0].innerText.trim()} column ${n}: ${Math.round(box.left)}-${Math.round(box.right)}`);
        }
      }
    }
    for (let box = table; box && box !== document.body; box = box.parentElement) {
      if (box.scrollWidth > box.clientWidth + 1 && getComputedStyle(box).overflowX !== "visible") {
        out.push(`${box.tagName}.${box.className} scrolls sideways`);
      }
    }
  }
  if (document.documentElement.scrollWidth > innerWidth) out.push("the page scrolls sideways");
  return { tables: tables.length, problems: out };
}"""


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_on_a_phone_the_rules_index_and_checklists_keep_their_key_columns_on_screen(page, prefix):
    """390 x 844: the rules index keeps code, rule and severity (the other columns are in its
    filters); each checklist item is a card with all of its columns."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto_site(prefix + "rules/")
    found = page.evaluate(OFF_SCREEN, {"selector": ".oa-rules-index table", "columns": [1, 2, 4]})
    assert found["tables"] == 1 and found["problems"] == [], found["problems"][:10]
    assert page.locator(".oa-rules-index tbody tr").first.locator("td").nth(2).is_hidden()  # family
    page.goto_site(prefix + "checklists/")
    found = page.evaluate(OFF_SCREEN, {"selector": ".oa-checklist table", "columns": [1, 2, 3, 4, 5]})
    assert found["tables"] == len(load_bundle().checklists.checklists), found
    assert found["problems"] == [], found["problems"][:10]
    how = page.locator(".oa-checklist tbody tr").first.locator("td").nth(2)
    name = how.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert name.strip("\"'") == ("核对方法：" if not prefix else "How to verify: ")
