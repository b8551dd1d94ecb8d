"""A whole build from the fixture data (tests/test_site_data), whose text is full of Jinja,
Markdown and HTML: with mkdocs-macros on (``on_error_fail: true``), every bit of it must reach
the reader as text."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.xdist_group("site-fixture")
FIXTURE = Path(__file__).resolve().parents[1] / "test_site_data"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory, site_builder) -> Path:
    build = site_builder(tmp_path_factory.mktemp("fixture") / "site", data=FIXTURE)
    assert build.returncode == 0, build.output
    assert not re.search(r"^\s*(WARNING|ERROR)\b", build.output, re.M), build.output
    return build.site


def text_of(site: Path, path: str) -> str:
    page = (site / path).read_text(encoding="utf-8")
    return html.unescape(re.sub(r"<[^>]+>", "", page))


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_jinja_in_the_data_is_shown_not_run(fixture_site, prefix):
    regulation = text_of(fixture_site, f"{prefix}regulation/index.html")
    assert "{{ config.site_name }}" in regulation
    assert "{% raw %}" in regulation
    assert "{{ guidance }}" in regulation
    rule = text_of(fixture_site, f"{prefix}rules/TT01/index.html")
    assert "{% if true %}" in rule
    assert "{{ body }}" in rule  # inside the examples
    changelog = text_of(fixture_site, f"{prefix}changelog/index.html")
    assert "{{ 6 * 7 }}" in changelog and "42" not in changelog.split("{{ 6 * 7 }}")[0][-5:]


def test_markdown_and_html_in_the_data_are_shown_as_written(fixture_site):
    page = (fixture_site / "regulation/index.html").read_text(encoding="utf-8")
    assert "<b>标签</b>" not in page and "<script>alert(1)</script>" not in page
    text = text_of(fixture_site, "regulation/index.html")
    assert "*星号*、_下划线_、<b>标签</b>、[链接](https://example.org)" in text


def test_macros_on_hand_written_pages_show_data_text_literally(fixture_site):
    """A macro's output is not templated again: the title's {{ … }} reaches the home page as text."""
    home = text_of(fixture_site, "index.html")
    assert "测试制度 {{ config.site_name }}" in home
    assert "T-{{ number }}-001" in home
