"""The built handbook, read as files: strict build, URL contract, pages for every clause and rule."""

from __future__ import annotations

import html
import json
import re

import pytest

from oahandbook.data.bundle import load_bundle
from oahandbook.engine.findings import clause_url, rule_url

LANG_PREFIXES = ("", "en/")


@pytest.fixture(scope="module")
def bundle():
    return load_bundle()


def read(site, path: str) -> str:
    return (site / path).read_text(encoding="utf-8")


def test_strict_build_has_no_warning(built_site):
    lines = [line for line in built_site.output.splitlines() if re.match(r"\s*(WARNING|ERROR)\b", line)]
    assert lines == [], "\n".join(lines)
    assert "Documentation built in" in built_site.output


@pytest.mark.parametrize("prefix", LANG_PREFIXES)
def test_every_clause_has_its_anchor_on_the_regulation_page(built_site, bundle, prefix):
    page = read(built_site.site, f"{prefix}regulation/index.html")
    for _, node in bundle.regulation.walk():
        assert f'id="{node.anchor}"' in page, node.id


def test_checker_links_resolve(built_site, bundle):
    """The links findings print (rule_url, clause_url) point at pages and anchors that exist."""
    for prefix in LANG_PREFIXES:
        for code in bundle.rules:
            path = rule_url(code, base="").lstrip("/")
            assert (built_site.site / prefix / path / "index.html").is_file(), code
        for clause in bundle.regulation.clauses():
            path, anchor = clause_url(clause.id, base="").lstrip("/").split("#")
            assert f'id="{anchor}"' in read(built_site.site, f"{prefix}{path}index.html")
    for path in ("rules/", "checklists/", "changelog/", "glossary/", "print_page/"):
        for prefix in LANG_PREFIXES:
            assert (built_site.site / prefix / path / "index.html").is_file(), prefix + path


@pytest.mark.parametrize("prefix", LANG_PREFIXES)
def test_rule_pages_carry_both_examples(built_site, bundle, prefix):
    for code, rule in bundle.rules.items():
        page = read(built_site.site, f"{prefix}rules/{code}/index.html")
        assert page.count('class="tabbed-set tabbed-alternate"') == 1, code
        assert len(re.findall(r'<label for="__tabbed_1_\d+"', page)) == len(rule.examples.fail) + len(
            rule.examples.pass_
        )


def test_pages_are_in_the_right_language(built_site):
    assert '<html lang="zh"' in read(built_site.site, "index.html")
    assert '<html lang="en"' in read(built_site.site, "en/index.html")
    assert '<html lang="en"' in read(built_site.site, "en/regulation/index.html")


def test_language_switcher_links_each_page_to_its_counterpart(built_site):
    switch = re.compile(r'<a href="([^"]*)" hreflang="(\w+)" class="md-select__link"')
    assert dict((lang, href) for href, lang in switch.findall(read(built_site.site, "rules/PC01/index.html"))) == {
        "zh": "./",
        "en": "../../en/rules/PC01/",
    }
    assert dict((lang, href) for href, lang in switch.findall(read(built_site.site, "index.html")))["en"] == "en/"
    assert dict((lang, href) for href, lang in switch.findall(read(built_site.site, "en/index.html")))["zh"] == "../"


def test_no_page_loads_anything_from_another_host(built_site):
    resource = re.compile(
        r'<(?:script|img|iframe)[^>]+src="(https?:)?//|<link[^>]+rel="(?:stylesheet|preconnect|preload|icon)"[^>]+href="(https?:)?//'
    )
    for page in built_site.site.rglob("*.html"):
        assert not resource.search(page.read_text(encoding="utf-8")), page


def test_generated_files_are_published(built_site):
    assert (built_site.site / "schemas" / "draft-front-matter.schema.json").is_file()
    assert (built_site.site / "schemas" / "account.schema.json").is_file()
    for name in ("article-review.csv", "checklists.xlsx", "oscal-catalog.json"):
        assert (built_site.site / "checklists" / name).is_file(), name
    page = read(built_site.site, "checklists/index.html")
    assert 'href="article-review.csv"' in page and 'id="art-01"' in page
    # The Markdown task lists are shown to copy (an engine would make a page of a .md file).
    assert 'id="task-lists"' in page and "- [ ] " in html.unescape(re.sub(r"<[^>]+>", "", page))


def test_each_language_has_its_own_search_index_and_chinese_is_segmented(built_site):
    index = json.loads(read(built_site.site, "search/search_index.json"))
    entries = {doc["location"]: doc for doc in index["docs"]}
    assert "zh" in index["config"]["lang"]
    clause = entries["regulation/#oa-2-3-1"]["text"]
    assert "\u200b隐私\u200b" in clause  # jieba put separators around the word
    assert not any(location.startswith("en/") for location in entries)
    english = json.loads(read(built_site.site, "en/search/search_index.json"))
    assert english["config"]["lang"] == ["en"]
    locations = {doc["location"] for doc in english["docs"]}
    assert "regulation/#oa-2-3-1" in locations and "rules/PI01/" in locations
    # Relative to the English site's root: no Chinese page is listed in it.
    titles = " ".join(doc["title"] for doc in english["docs"] if doc["location"].startswith("rules/"))
    assert not re.search(r"[\u4e00-\u9fff]", titles), titles


def test_pages_say_when_they_were_last_updated(built_site):
    for path in ("index.html", "regulation/index.html", "rules/PC01/index.html", "en/rules/PC01/index.html"):
        fact = re.search(r'class="md-source-file__fact">.*?(\d{4}-\d{2}-\d{2})', read(built_site.site, path), re.S)
        assert fact, path


def test_print_page_has_cover_and_every_section(built_site, bundle):
    for prefix, sign in (("", "签批"), ("en/", "Sign-off")):
        page = read(built_site.site, f"{prefix}print_page/index.html")
        assert 'class="oa-print-cover"' in page and sign in page
        text = re.sub(r"<[^>]+>", "", page)
        assert bundle.regulation.document.number in text
        for clause in bundle.regulation.clauses():
            assert clause.text in text, clause.id


def test_glossary_terms_become_tooltips(built_site):
    page = read(built_site.site, "regulation/index.html")
    assert re.search(r'<abbr title="[^"]+">公众号</abbr>', page)
    page = read(built_site.site, "en/regulation/index.html")
    assert re.search(r'<abbr title="[^"]+">(?:Official Account|administrator)</abbr>', page)
