"""Chinese pages are Chinese (issue 12): no English prose on a zh page outside code, the
account file's field table in Chinese, placeholders shown as sample values, one clause number
per clause name, no glossary marks in the regulation's own words."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from oahandbook.data.bundle import load_bundle
from oahandbook.site.field_text import ACCOUNT_FIELDS_ZH
from oahandbook.site.placeholders import placeholders, with_samples
from oahandbook.site.regulation import regulation_page
from oahandbook.site.rules import rule_page
from oahandbook.site.tables import schema_fields
from site_render import render

ROOT = Path(__file__).resolve().parent.parent
# Four or more English words in a row (words of letters, separated by spaces or commas).
ENGLISH_RUN = re.compile(r"(?<![\w./:@-])[A-Za-z][a-z'’]*(?:[ ,]+[A-Za-z][a-z'’]*){3,}(?![\w/.@-]*[/.@]\w)")
# Runs that are English on purpose: file formats listed by name.
FORMATS = {"bmp", "png", "jpeg", "jpg", "gif", "webp", "mp3", "mp4", "amr", "wma", "wav"}


def prose(markdown_text: str) -> str:
    """A page's Markdown without what is not prose: front matter, code, HTML tags, link targets,
    attribute lists, backslash escapes."""
    text = re.sub(r"\A---\n.*?\n---\n", "", markdown_text, flags=re.S)
    lines, fence = [], ""
    for line in text.splitlines():
        match = re.match(r"\s*(`{3,}|~{3,})", line)
        if fence:
            if match and match.group(1)[0] == fence[0] and len(match.group(1)) >= len(fence):
                fence = ""
            continue
        if match:
            fence = match.group(1)
            continue
        lines.append(line)
    text = "\n".join(lines)
    text = re.sub(r"(`+).+?\1", " ", text)
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\]\([^)]*\)", "] ", text)
    text = re.sub(r"\{ ?[:#.][^}]*\}", " ", text)
    return text.replace("\\", "")


def english_runs(markdown_text: str, allowed: set[str]) -> list[str]:
    found = []
    for match in ENGLISH_RUN.finditer(prose(markdown_text)):
        run = match.group(0)
        words = {w.lower() for w in re.split(r"[ ,]+", run) if w}
        if run.lower() in allowed or words <= FORMATS:
            continue
        found.append(run)
    return found


def _glossary_english_terms() -> set[str]:
    data = yaml.safe_load((ROOT / "docs/includes/glossary.yaml").read_text(encoding="utf-8"))
    terms = set()
    for group in data["groups"]:
        for term in group["terms"]:
            terms.add(term["term"]["en"].lower())
            terms.update(t.lower() for t in (term.get("also") or {}).get("en", []))
    return terms


@pytest.fixture(scope="module")
def zh_tree(tmp_path_factory):
    from oahandbook.site.tree import write_tree

    out = tmp_path_factory.mktemp("tree")
    tree = write_tree(ROOT, out, langs=("zh",))
    return tree.languages["zh"].root / "docs"


@pytest.fixture(scope="module")
def bundle():
    return load_bundle()


def test_no_zh_page_carries_english_prose(zh_tree):
    allowed = _glossary_english_terms()
    pages = sorted(zh_tree.rglob("*.md"))
    assert len(pages) > 60
    problems = [
        f"{page.relative_to(zh_tree)}: {run}"
        for page in pages
        for run in english_runs(page.read_text(encoding="utf-8"), allowed)
    ]
    assert problems == [], "\n".join(problems)


def test_the_scan_finds_english_prose():
    assert english_runs("中文 Account name exactly as registered 其余", set()) == ["Account name exactly as registered"]
    assert (
        english_runs("见 `the code is not prose at all` 与 [链接](https://a.example/one/two/three/four)", set()) == []
    )
    assert english_runs("格式：bmp, png, jpeg, jpg, gif", set()) == []


def test_account_format_field_table_is_chinese(zh_tree):
    page = (zh_tree / "account-format.md").read_text(encoding="utf-8")
    table = [line for line in page.splitlines() if line.startswith("| `")]
    assert len(table) > 40
    for row in table:
        assert not re.search(r"\| (?:object|text|date|integer|map|list\\\[)", row), row
    assert "Account name exactly as registered" not in page and "Must be true" not in page
    assert "公众号名称，与平台登记的完全一致" in page and "| 对象 |" in page and "日期（YYYY" in page


def test_every_account_field_has_a_chinese_description():
    schema = json.loads((ROOT / "schemas/account.schema.json").read_text(encoding="utf-8"))
    rows = schema_fields(schema, "en").splitlines()[2:]
    paths = [re.match(r"\| `([^`]+)`", row).group(1) for row in rows]
    assert sorted(paths) == sorted(ACCOUNT_FIELDS_ZH), set(paths) ^ set(ACCOUNT_FIELDS_ZH)
    for text in ACCOUNT_FIELDS_ZH.values():
        assert re.search(r"[\u4e00-\u9fff]", text)


def test_english_field_table_keeps_the_schema_descriptions():
    schema = json.loads((ROOT / "schemas/account.schema.json").read_text(encoding="utf-8"))
    table = schema_fields(schema, "en")
    assert "Account name exactly as registered" in table and "| object |" in table


def test_every_placeholder_has_a_sample(bundle):
    missing = []
    for code, rule in sorted(bundle.rules.items()):
        for lang in ("zh", "en"):
            # The rule page shows the rule's message (its further messages are the check's own).
            message = rule.message.zh if lang == "zh" else rule.message.en
            _, names = with_samples(code, message, lang)
            missing += [f"{code} {lang} {{{name}}}" for name in names]
    assert missing == []
    kinds = {name for rule in bundle.rules.values() for name in placeholders(rule.message.zh)}
    assert len(kinds) >= 29


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rule_pages_show_sample_values_not_placeholders(bundle, lang):
    for code, rule in sorted(bundle.rules.items()):
        page = rule_page(bundle, rule, lang)
        html = render(page)
        assert not re.search(r"\{[a-z_]+\}", html), (code, re.search(r"\{[a-z_]+\}", html).group(0))
    pi01 = render(rule_page(bundle, bundle.rules["PI01"], "zh"))
    assert "4403**********1234" in pi01 and "示例" in pi01
    bk02 = render(rule_page(bundle, bundle.rules["BK02"], "zh"))
    assert "备份间隔是 45 天，超过单位规定的最长 30 天" in bk02


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_clause_is_named_with_one_number(bundle, lang):
    page = rule_page(bundle, bundle.rules["PI01"], lang)
    clause = bundle.sections[bundle.rules["PI01"].clause]
    html = render(page)
    title = clause.title.zh if lang == "zh" else clause.title.en
    assert f"{clause.id} {title}" in html
    number = clause.id.removeprefix("OA-")
    assert not re.search(rf"{re.escape(clause.id)} {re.escape(number)}\b", html)
    assert clause.number not in re.findall(r">OA-[^<]*<", html)[0]


def test_no_glossary_mark_inside_the_regulation_text(bundle):
    from oahandbook.site.glossary import abbreviations, load_glossary

    glossary = load_glossary(ROOT / "docs/includes/glossary.yaml")
    page = regulation_page(bundle, "zh") + "\n\n" + abbreviations(glossary, "zh") + "\n"
    html = render(page)
    blocks = re.findall(r'<div class="admonition regulation">(.*?)</div>', html, flags=re.S)
    assert blocks and all("<abbr" not in block for block in blocks)
    assert "<abbr" in html  # the handbook's own words still get their tooltips
