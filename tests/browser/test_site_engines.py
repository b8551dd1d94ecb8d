"""The second engine: Zensical builds the very tree ``oahandbook site build`` writes, with
``--strict``, into the same pages per language as MkDocs (the default engine, which the
browser tests use). The print page is MkDocs' plugin's own and is left out of the comparison."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("site")]
ENGINE_ONLY = {"print_page"}  # mkdocs-print-site


def pages(site: Path, lang: str) -> set[str]:
    root = site / "en" if lang == "en" else site
    found = set()
    for index in root.rglob("index.html"):
        rel = index.parent.relative_to(root).as_posix()
        if lang == "zh" and (rel == "en" or rel.startswith("en/")):
            continue
        if rel.split("/")[0] not in ENGINE_ONLY:
            found.add(rel)
    return found


@pytest.fixture(scope="module")
def zensical_site(tmp_path_factory, site_builder):
    build = site_builder(tmp_path_factory.mktemp("zensical") / "site", engine="zensical")
    assert build.returncode == 0, build.output
    assert "No issues found" in build.output, build.output
    return build.site


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_zensical_builds_the_same_pages_as_mkdocs(zensical_site, built_site, lang):
    made = pages(zensical_site, lang)
    assert made == pages(built_site.site, lang)
    assert {".", "regulation", "rules", "rules/PI01", "checklists", "glossary", "usage"} <= made


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_zensical_pages_are_in_their_language_and_link_their_counterpart(zensical_site, lang):
    prefix = "en/" if lang == "en" else ""
    page = (zensical_site / f"{prefix}rules/PI01/index.html").read_text(encoding="utf-8")
    assert re.search(rf'<html[^>]* lang="{lang}"', page)
    other, target = ("en", "../../en/rules/PI01/") if lang == "zh" else ("zh", "../../../rules/PI01/")
    assert re.search(rf'href="{re.escape(target)}" hreflang="{other}"', page), page[:0]


def test_zensical_site_loads_nothing_from_another_host(zensical_site):
    outside = re.compile(r'<(?:script|link|img|iframe)\b[^>]*(?:src|href)="(?:https?:)?//', re.I)
    for path in zensical_site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        found = [m.group(0) for m in outside.finditer(text) if 'rel="canonical"' not in m.group(0)]
        assert not found, (path, found[:3])
