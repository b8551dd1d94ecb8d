"""The handbook's generated pages, as plain functions of the data (no MkDocs build).

Pages are rendered with the very Markdown extensions mkdocs.yml configures, so what the tests
read is what a reader sees. The fixture data (tests/test_site_data) is full of Jinja, Markdown
and HTML syntax that must come out as text.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from oahandbook.data.bundle import load_bundle
from oahandbook.site import links
from oahandbook.site import markdown as md
from oahandbook.site.abbr import term_pattern
from oahandbook.site.build import checklist_downloads, generated_pages, nav_with_rules
from oahandbook.site.changelog import changelog_page
from oahandbook.site.checklists import checklists_page, files_for
from oahandbook.site.glossary import abbreviations, glossary_page, load_glossary
from oahandbook.site.regulation import regulation_page
from oahandbook.site.rules import rule_page, rules_index_page
from oahandbook.site.tables import document_control, platform_limits, role_matrix, schema_fields
from site_render import render

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "test_site_data"
LANGS = ("zh", "en")


def visible_text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment))


@pytest.fixture(scope="module")
def fixture():
    return load_bundle(FIXTURE)


@pytest.fixture(scope="module")
def bundled():
    return load_bundle()


# --------------------------------------------------------------------------- escaping


@pytest.mark.parametrize(
    "text",
    [
        "{{ config.site_name }} {% raw %} {# c #}",
        "*星号* _下划线_ **粗体** `代码` ~~删除~~ ==标记== ^^插入^^ :smile: H~2~O",
        "<b>标签</b> <script>alert(1)</script> &amp; &lt; <!-- 注释 -->",
        "[链接](https://example.org) ![图](x.png) <https://example.org>",
        "# 不是标题",
        "1. 不是列表",
        "- 不是列表",
        "> 不是引用",
        "| 竖线 | 表格 |",
        "*[缩写]: 不是定义",
        "--8<-- 不是片段",
        "\\ 反斜杠 \\\\ 两个",
        "第（1）款：“引号”、《书名》……——",
    ],
)
def test_escape_renders_exactly_the_text(text):
    out = render(md.escape(text))
    assert visible_text(out).strip() == text
    assert "<script" not in out and "<b>" not in out


def test_inline_text_keeps_code_spans_and_shows_html_comments():
    out = render(md.inline_text("加 <!-- oahandbook-disable-next-line PC01: 理由 --> 和 `code {{ x }}` 与 *强调*"))
    assert "<code>&lt;!-- oahandbook-disable-next-line PC01: 理由 --&gt;</code>" in out
    assert "<code>code {{ x }}</code>" in out
    assert "*强调*" in visible_text(out)


def test_fence_cannot_be_closed_by_its_content():
    code = "```\nnot the end\n````\n"
    out = render(md.fence(code, "markdown", title="a.md"))
    assert "not the end" in visible_text(out) and "````" in visible_text(out)


# --------------------------------------------------------------------------- generated pages


@pytest.mark.parametrize("lang", LANGS)
def test_every_generated_page_opts_out_of_macros(fixture, lang):
    pages = generated_pages(fixture, lang, glossary=load_glossary(ROOT / "docs/includes/glossary.yaml"))
    assert pages
    for page in pages:
        assert page.content.startswith("---\n")
        front = page.content.split("---\n", 2)[1]
        assert "render_macros: false" in front, page.path


@pytest.mark.parametrize("lang", LANGS)
def test_regulation_page_has_every_anchor_and_the_words_verbatim(bundled, lang):
    page = regulation_page(bundled, lang)
    out = render(page)
    for _, node in bundled.regulation.walk():
        assert f'id="{node.anchor}"' in out, node.id
    for clause in bundled.regulation.clauses():
        assert clause.text in visible_text(out), clause.id
        if lang == "en":
            assert clause.translation in visible_text(out), clause.id


@pytest.mark.parametrize("lang", LANGS)
def test_regulation_page_labels_text_translation_and_guidance(fixture, lang):
    out = render(regulation_page(fixture, lang))
    text_label = "制度原文" if lang == "zh" else "Regulation text"
    guidance_label = "手册指引" if lang == "zh" else "Handbook guidance"
    assert re.search(r'class="admonition regulation".*?' + text_label, out, re.S)
    assert re.search(r'class="admonition guidance".*?' + guidance_label, out, re.S)
    assert ('class="admonition translation"' in out) == (lang == "en")
    assert 'class="oa-status oa-status--manual"' in out
    assert 'class="oa-status oa-status--partial"' in out


@pytest.mark.parametrize("lang", LANGS)
def test_data_text_renders_literally(fixture, lang):
    """Jinja, Markdown and HTML in the data are the data's words, never markup."""
    text = visible_text(render(regulation_page(fixture, lang)))
    clause = fixture.sections["OA-1"]
    assert clause.text in text
    assert "{{ guidance }}" in text
    out = render(regulation_page(fixture, lang))
    assert "<script>" not in out and "<b>标签</b>" not in out
    if lang == "en":
        assert clause.translation in text


@pytest.mark.parametrize("lang", LANGS)
def test_regulation_page_links_rules_checklist_items_and_references(fixture, lang):
    page = regulation_page(fixture, lang)
    assert "(rules/TT01.md " in page
    assert "(checklists.md#tst-01)" in page and "(checklists.md#tst-03)" in page
    assert "https://example.org/law" in page
    out = render(page)
    assert "第一条" in visible_text(out)


@pytest.mark.parametrize("lang", LANGS)
def test_rule_page_shows_both_examples_verbatim_in_tabs(bundled, lang):
    for rule in bundled.rules.values():
        out = render(rule_page(bundled, rule, lang))
        labels = re.findall(r'<label for="__tabbed_[^"]*">([^<]*)</label>', out)
        fail, passing = ("不合格", "合格") if lang == "zh" else ("Fails", "Passes")
        assert any(label.startswith(fail) for label in labels), rule.code
        assert any(label.startswith(passing) for label in labels), rule.code
        blocks = [
            visible_text(b) for b in re.findall(r"<pre[^>]*>(?:<span></span>)?<code[^>]*>(.*?)</code></pre>", out, re.S)
        ]
        for example in (*rule.examples.fail, *rule.examples.pass_):
            assert example.input.rstrip("\n") in [b.rstrip("\n") for b in blocks], (
                f"{rule.code}: example not shown verbatim"
            )


@pytest.mark.parametrize("lang", LANGS)
def test_rule_page_sections_follow_ruff(fixture, lang):
    page = rule_page(fixture, fixture.rules["TT01"], lang)
    headings = re.findall(r"^## (.+)$", page, re.M)
    expected = (
        ["检查什么", "为什么重要", "示例", "应当怎样写"]
        if lang == "zh"
        else ["What it does", "Why it matters", "Example", "What to write instead"]
    )
    assert headings[:4] == expected
    assert "(../regulation.md#oa-2-1)" in page
    text = visible_text(render(page))
    assert "{% if true %}" in text and "{{ config.site_name }}" in text
    assert "<!-- oahandbook-disable-next-line TT01" in text  # shown, not swallowed as a comment


@pytest.mark.parametrize("lang", LANGS)
def test_rules_index_links_every_rule_with_family_and_severity(bundled, lang):
    page = rules_index_page(bundled, lang)
    for code in bundled.rules:
        assert f"({code}.md)" in page
    out = render(page)
    assert 'class="oa-rules-index"' in out and 'data-filter-columns="2 3 4"' in out
    assert out.count("<tr>") == len(bundled.rules) + 1


@pytest.mark.parametrize("lang", LANGS)
def test_changelog_lists_releases_newest_first_clause_by_clause(fixture, lang):
    page = changelog_page(fixture, lang)
    assert page.index("## 1\\.1") < page.index("## 1\\.0")
    assert "(regulation.md#oa-2-1)" in page and "(regulation.md#oa-1)" in page
    text = visible_text(render(page))
    assert "{{ 6 * 7 }}" in text and "{% raw %}" in text


@pytest.mark.parametrize("lang", LANGS)
def test_checklists_page_links_files_and_anchors_items(fixture, lang):
    files = ["test-review.md", "test-review.en.md", "test-review.csv", "checklists.json", "oscal-catalog.json", "x.txt"]
    task_lists = {"test-review.md": "- [ ] 中文项 {{ x }}\n", "test-review.en.md": "- [ ] English item\n"}
    page = checklists_page(fixture, lang, files, task_lists)
    shown = files_for(files, lang)
    for name in shown:
        if name.endswith(".md"):
            # Shown to copy, never linked: an engine would make a page of a published .md file.
            assert f"(checklists/{name})" not in page and f'"{name}"' in page
        else:
            assert f"(checklists/{name})" in page
    assert ("test-review.en.md" in shown) == (lang == "en")
    assert ("test-review.md" in shown) == (lang == "zh")
    assert "x.txt" not in page
    out = render(page)
    for item in ("tst-01", "tst-02", "tst-03"):
        assert f'id="{item}"' in out
    text = visible_text(out)
    assert ("- [ ] 中文项 {{ x }}" in text) == (lang == "zh")
    assert ("- [ ] English item" in text) == (lang == "en")
    if lang == "zh":
        assert "{{ who }}" in text


def test_checklist_downloads_are_the_generated_files():
    names = checklist_downloads(ROOT / "checklists")
    assert "README.md" not in names
    assert all((ROOT / "checklists" / n).is_file() for n in names)


def test_nav_gets_a_page_per_rule_once(fixture):
    nav = [{"首页": "index.md"}, {"检查规则": ["rules/index.md"]}]
    nav_with_rules(nav, fixture)
    nav_with_rules(nav, fixture)
    assert nav[1]["检查规则"] == ["rules/index.md", "rules/TT01.md"]


def test_links_are_relative_to_the_page():
    assert links.rel("rules/PC01.md", links.REGULATION, "oa-2-3-1") == "../regulation.md#oa-2-3-1"
    assert links.rel(links.REGULATION, links.REGULATION, "oa-1") == "#oa-1"
    assert links.rel(links.REGULATION, links.rule_page("PC01")) == "rules/PC01.md"


# --------------------------------------------------------------------------- macro tables


@pytest.mark.parametrize("lang", LANGS)
def test_document_control_names_every_field(fixture, lang):
    text = visible_text(render(document_control(fixture, lang)))
    doc = fixture.regulation.document
    for value in (doc.number, doc.version, doc.effective_date.isoformat(), doc.next_review.isoformat()):
        assert value in text
    assert "测试部 <b>" in text if lang == "zh" else "Test department" in text


@pytest.mark.parametrize("lang", LANGS)
def test_platform_limits_show_every_fact_with_its_source(bundled, lang):
    text = visible_text(render(platform_limits(bundled, lang)))
    for fact in (*bundled.platform.facts, *bundled.platform.policy):
        assert fact.id in text
        assert fact.source.checked.isoformat() in text


@pytest.mark.parametrize("lang", LANGS)
def test_role_matrix_marks_each_permission_per_role(bundled, lang):
    matrix = bundled.extra["roles"]
    out = render(role_matrix(bundled, lang))
    assert out.count("oa-perm--yes") == sum(len(r.permissions) for r in matrix.roles)
    assert out.count("oa-perm--") == len(matrix.permissions) * len(matrix.roles)


def test_role_matrix_without_roles_says_so(fixture):
    assert "角色" in role_matrix(fixture, "zh")


@pytest.mark.parametrize("lang", LANGS)
def test_schema_fields_list_nested_fields(lang):
    import json

    schema = json.loads((ROOT / "schemas" / "draft-front-matter.schema.json").read_text(encoding="utf-8"))
    out = render(schema_fields(schema, lang))
    for field in ("title", "author", "repost.source", "repost.authorised", "comments"):
        assert f"<code>{field}</code>" in out
    assert ("标题" in out) == (lang == "zh")


# --------------------------------------------------------------------------- glossary and tooltips


def test_glossary_defines_the_handbooks_terms():
    glossary = load_glossary(ROOT / "docs/includes/glossary.yaml")
    zh_terms = {t.term.zh for t in glossary.terms()}
    for term in ("公众号", "管理员", "运营者", "微信认证", "原创声明", "转载", "条款", "检查规则", "豁免", "检查项"):
        assert term in zh_terms
    ids = [t.id for t in glossary.terms()]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("lang", LANGS)
def test_glossary_page_anchors_every_term(lang):
    glossary = load_glossary(ROOT / "docs/includes/glossary.yaml")
    out = render(glossary_page(glossary, lang))
    for term in glossary.terms():
        assert f'id="{term.id}"' in out


def test_tooltips_mark_chinese_terms_inside_running_text_once():
    text = "## 公众号\n\n本公众号的管理员负责。公众号由[管理员](x.md)管理，`公众号` 不算。\n\n*[公众号]: 账号\n*[管理员]: 角色\n"
    out = render(text)
    assert out.count('<abbr title="账号">公众号</abbr>') == 1
    assert "<h2" in out and "<abbr" not in out.split("</h2>")[0]
    assert '本<abbr title="账号">公众号</abbr>的<abbr title="角色">管理员</abbr>' in out


def test_tooltips_match_ascii_terms_at_word_boundaries_only():
    pattern = term_pattern(["AppSecret", "rule", "公众号"])
    assert [m.group(0) for m in pattern.finditer("AppSecrets AppSecret rules rule 本公众号")] == [
        "AppSecret",
        "rule",
        "公众号",
    ]


@pytest.mark.parametrize("lang", LANGS)
def test_abbreviations_are_in_the_page_language(lang):
    glossary = load_glossary(ROOT / "docs/includes/glossary.yaml")
    block = abbreviations(glossary, lang)
    assert ("*[公众号]:" in block) == (lang == "zh")
    assert ("*[Official Account]:" in block) == (lang == "en")


# --------------------------------------------------------------------------- hand-written pages


def _examples(page: str, info: str) -> list[str]:
    text = (ROOT / "docs" / page).read_text(encoding="utf-8")
    return re.findall(r"^```" + info + r"[^\n]*\n(.*?)^```$", text, re.S | re.M)


@pytest.mark.parametrize("page", ["draft-format.md", "draft-format.en.md"])
def test_draft_examples_in_the_handbook_pass_the_checkers(page, tmp_path):
    """What the handbook shows as a good draft is one: the checkers find nothing."""
    from oahandbook.commands.main import main

    drafts = _examples(page, "markdown")
    assert drafts
    for index, draft in enumerate(drafts):
        path = tmp_path / f"draft-{index}.md"
        path.write_text(draft, encoding="utf-8")
        (tmp_path / "images").mkdir(exist_ok=True)
        (tmp_path / "images" / "open-day.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 64)
        assert main(["check", "--kind", "article", str(path)]) == 0, draft


def test_hand_written_pages_exist_in_both_languages():
    for page in (ROOT / "docs").glob("*.md"):
        if page.name.endswith(".en.md"):
            continue
        assert page.with_name(page.stem + ".en.md").is_file(), page.name
