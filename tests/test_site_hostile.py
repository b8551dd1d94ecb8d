"""The handbook from hostile data: what the data says is shown as text, never run (issue 10).

A copy of the bundled data gets payloads planted where a data author writes text (a rule's
title, why and fix), where validation must refuse them (reference and source URLs, guidance
Markdown), and the pages are made with the site's own functions, or built with MkDocs.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from oahandbook.data.bundle import load_bundle
from oahandbook.data.models import Reference, Text
from oahandbook.site import markdown as md
from oahandbook.site.regulation import reference_text, section_block
from oahandbook.site.rules import rule_page, rules_index_page
from oahandbook.site.tree import offline
from site_render import render

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "src" / "oahandbook" / "data"
SCRIPT = "<script>alert(1)</script>"
IMAGE = '<img src="https://evil.example/x.png" onerror="alert(2)">'
FRAME = '<iframe src="https://evil.example/"></iframe>'
# What must never appear in a page's HTML: an element or attribute that runs or loads.


class _Active(HTMLParser):
    """Elements and attributes that run or load something the data planted."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = (value or "").strip().lower()
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=>")
            if name in ("href", "src", "action", "data") and value.startswith(("javascript:", "data:text/html")):
                self.found.append(f"<{tag} {name}={value[:40]}>")
            if name in ("src", "data", "srcset") and "evil.example" in value:
                self.found.append(f"<{tag} {name}={value[:40]}>")
        if tag in ("iframe", "object", "embed"):
            self.found.append(f"<{tag}>")
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script and "alert(" in data:
            self.found.append("<script>alert(")


def active(page: str) -> list[str]:
    parser = _Active()
    parser.feed(page)
    return parser.found


class _Pattern:  # what the tests call ACTIVE.search(html)
    @staticmethod
    def search(page: str) -> list[str]:
        return active(page)


ACTIVE = _Pattern()


def _hostile(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    rule = data / "rules" / "PI01.yaml"
    text = rule.read_text(encoding="utf-8")
    text = text.replace(
        "title: {zh: 公开居民身份证号码, en: Resident ID number published}",
        f"title: {{zh: '身份证 {SCRIPT}{IMAGE}', en: 'ID {SCRIPT}{FRAME}'}}",
    )
    text = re.sub(r"^why:", "why_old:", text, count=1, flags=re.M)
    text = text.replace("why_old:", f"why: {{zh: '原因 {SCRIPT} {FRAME}', en: 'why {IMAGE}'}}\nwhy_old:", 1)
    text = re.sub(r"^why_old:.*?(?=^\w)", "", text, count=1, flags=re.M | re.S)
    rule.write_text(text, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    data = _hostile(tmp_path_factory.mktemp("hostile"))
    return data, load_bundle(data)


def test_the_planted_rule_loads(hostile):
    _, bundle = hostile
    assert SCRIPT in bundle.rules["PI01"].title.zh
    assert SCRIPT in bundle.rules["PI01"].why.zh


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_rule_title_and_why_are_text_on_the_rule_page_and_in_its_front_matter(hostile, lang):
    _, bundle = hostile
    page = rule_page(bundle, bundle.rules["PI01"], lang)
    front = page.split("---\n", 2)[1]
    # The theme puts the front matter's title into <title>, the navigation and the header
    # as HTML: it must be HTML text.
    assert "<script" not in front and "&lt;script&gt;" in front
    out = render(page)
    assert not ACTIVE.search(out), ACTIVE.search(out)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out  # shown, as written
    index = render(rules_index_page(bundle, lang))
    assert not ACTIVE.search(index) and "&lt;script&gt;" in index


def test_regulation_rule_chips_carry_the_title_as_text(hostile):
    _, bundle = hostile
    clause = next(node for _, node in bundle.regulation.walk() if node.id == bundle.rules["PI01"].clause)
    out = render(section_block(bundle, clause, 2, "zh"))
    assert not ACTIVE.search(out)
    assert "PI01" in out


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "http:// or https://"),
        ("JavaScript://x.example/%0aalert(1)", "http:// or https://"),
        ("data:text/html,<script>alert(1)</script>", "http:// or https://"),
        ("https://a.example/x) <script>alert(1)</script> ![i](https://evil.example/i.png", "%-encoded"),
        ("https://a.example/x)![](https://evil.example/i.png", "%-encoded"),
        ('https://a.example/" onmouseover="alert(1)', "%-encoded"),
        ("https://[a]/", "host"),
        ("https:///path", "host"),
        ("https://user:pass@a.example/", "user name"),
        ("https://a_b!.example/", "host"),
        (" https://a.example/", "spaces"),
    ],
)
def test_validation_refuses_a_url_that_is_not_plain_http_at_its_line(tmp_path, url, message):
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    regulation = data / "regulation.yaml"
    text = regulation.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.strip().startswith("url:"))
    text = re.sub(r'^(\s*url: )"[^"]*"', lambda m: m.group(1) + _yaml_str(url), text, count=1, flags=re.M)
    regulation.write_text(text, encoding="utf-8")
    proc = _validate(data)
    assert proc.returncode == 2, proc.stdout + proc.stderr
    out = proc.stdout + proc.stderr
    assert f"regulation.yaml:{line}:" in out and "url" in out and message in out, out
    assert "Traceback" not in out and "alert" not in out


def test_validation_refuses_a_platform_source_url_too(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    platform = data / "platform.yaml"
    text = platform.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row.strip().startswith("url:"))
    platform.write_text(re.sub(r'^(\s*url: )"[^"]*"', r'\1"javascript:alert(1)"', text, count=1, flags=re.M))
    out = _validate(data)
    assert out.returncode == 2 and f"platform.yaml:{line}:" in out.stdout + out.stderr


@pytest.mark.parametrize(
    "url",
    [
        "https://developers.weixin.qq.com/doc/oplatform/",
        "http://example.org/a%28b%29?x=1&y=2#frag",
        "https://xn--fiqs8s.example:8443/path;p=1",
        "https://[2001:db8::1]/x",
    ],
)
def test_validation_accepts_plain_http_urls(url):
    assert (
        Reference.model_validate(
            {"id": "r", "title": {"zh": "甲", "en": "A"}, "issuer": {"zh": "乙", "en": "B"}, "year": 2024, "url": url}
        ).url
        == url
    )


@pytest.mark.parametrize(
    "guidance",
    [
        f"指引 {SCRIPT}",
        f"指引 {IMAGE}",
        f"指引 {FRAME}",
        "指引 <!-- 注释 -->",
        "[点我](javascript:alert(1))",
        "[点我]( JAVASCRIPT:alert(1))",
        "![图](https://evil.example/x.png)",
        "![图](//evil.example/x.png)",
        "[a]: javascript:alert(1)",
    ],
)
def test_validation_refuses_raw_html_and_foreign_links_in_guidance(tmp_path, guidance):
    data = tmp_path / "data"
    shutil.copytree(DATA, data, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    regulation = data / "regulation.yaml"
    lines = regulation.read_text(encoding="utf-8").splitlines()
    at = next(i for i, row in enumerate(lines) if row.strip() == "guidance:")
    # The guidance's zh text is the block after "zh: |-": replace its first line.
    first = at + 2
    indent = re.match(r"\s*", lines[first]).group(0)
    lines[first] = indent + guidance
    regulation.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = _validate(data)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 2, out
    assert f"regulation.yaml:{at + 2}:" in out and "guidance: zh: " in out, out
    assert "Traceback" not in out


def test_guidance_markdown_stays_markdown():
    # Code spans may show HTML; links to http(s) and within the site, and local images, are fine.
    Text.model_validate({"zh": "x", "en": "y"})
    from pydantic import TypeAdapter

    from oahandbook.data.models import MarkdownText

    ok = "- 在 `<!-- oahandbook-disable -->` 里写理由\n- 见 [规则](rules/PI01.md) 与 [官方](https://mp.weixin.qq.com/)\n- ![图](assets/x.png) a < b"
    assert TypeAdapter(MarkdownText).validate_python({"zh": ok, "en": ok}).zh == ok


def test_guidance_that_was_never_validated_is_still_shown_as_text(hostile):
    """Rendering escapes raw HTML in guidance even when the data skipped validation."""
    _, bundle = hostile
    clause = next(node for _, node in bundle.regulation.walk() if node.is_clause)
    payload = f"- 指引 {SCRIPT} {IMAGE} {FRAME}\n- 代码 `<b>` 保持"
    planted = clause.model_copy(update={"guidance": Text.model_construct(zh=payload, en=payload)})
    out = render(section_block(bundle, planted, 2, "zh"))
    assert not ACTIVE.search(out), ACTIVE.search(out)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in out
    assert "<code>&lt;b&gt;</code>" in out


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "https://a.example/x) <script>alert(1)</script> ![i](https://evil.example/x.png"],
)
def test_a_reference_url_that_was_never_validated_cannot_break_its_link(hostile, url):
    _, bundle = hostile
    source = bundle.regulation.references[0]
    planted = source.model_copy(update={"url": url})
    regulation = bundle.regulation.model_copy(update={"references": [planted, *bundle.regulation.references[1:]]})
    fake = type("B", (), {"regulation": regulation})()
    from oahandbook.data.models import ClauseReference

    out = render(reference_text(fake, ClauseReference.model_construct(ref=source.id, articles=[], note=None), "zh"))
    assert not ACTIVE.search(out), out
    assert "<script" not in out and "<img" not in out
    hrefs = re.findall(r'href="([^"]*)"', out)
    assert all(h.startswith("https://a.example/x%29%20%3Cscript") for h in hrefs), hrefs


def test_link_url_allows_only_http():
    assert md.link_url("javascript:alert(1)") is None
    assert md.link_url("data:text/html,x") is None
    assert md.link_url("https://a.example/a b)") == "https://a.example/a%20b%29"


@pytest.mark.slow
def test_built_pages_from_hostile_data_escape_the_title_everywhere(hostile, tmp_path, monkeypatch):
    """Built with MkDocs: <title>, navigation, header, footer and search carry the title as text."""
    from oahandbook.site.tree import assemble, write_tree

    data, _ = hostile
    monkeypatch.setenv("OAHANDBOOK_DATA", str(data))
    tree = write_tree(ROOT, tmp_path / "tree", langs=("zh",))
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(tree.languages["zh"].config)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr
    site = tmp_path / "site"
    assemble(tree, site)
    page = (site / "rules" / "PI01" / "index.html").read_text(encoding="utf-8")
    assert "<title>PI01 身份证 &lt;script&gt;alert(1)&lt;/script&gt;" in page
    for path in (site / "rules" / "PI01" / "index.html", site / "index.html", site / "rules" / "PI02" / "index.html"):
        text = path.read_text(encoding="utf-8")
        assert not ACTIVE.search(text), (path, ACTIVE.search(text))
    assert "&lt;script&gt;" in (site / "rules" / "PI02" / "index.html").read_text(encoding="utf-8")  # its nav
    _assert_no_outside_load(site)


# --------------------------------------------------------------------------- outside hosts

CDN = re.compile(r"unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com|fonts\.googleapis\.com|fonts\.gstatic\.com")
# Elements and <link> kinds a browser fetches by itself.
LOADS = re.compile(
    r"<(?:script|img|iframe|source|video|audio|embed|object|track|input)\b[^>]*\s(?:src|data|poster)=\"(?:https?:)?//[^\"]*\""
    r"|<link\b(?=[^>]*\brel=\"(?:stylesheet|icon|preload|modulepreload|prefetch|manifest|apple-touch-icon)\")"
    r"[^>]*\shref=\"(?:https?:)?//[^\"]*\"",
    re.I,
)
CSS_URL = re.compile(r"url\(\s*['\"]?(?:https?:)?//", re.I)
SCRIPT_URL = re.compile(r"src\s*:\s*[\"'`]https?://|_t\(\s*[\"'`]https?://|\.src\s*=\s*[\"'`]https?://")


def _assert_no_outside_load(site: Path) -> None:
    problems = []
    for path in sorted(site.rglob("*")):
        if path.suffix not in (".html", ".js", ".css", ".map", ".json") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        rel = path.relative_to(site).as_posix()
        if path.suffix in (".html", ".js", ".css") and CDN.search(text):
            problems.append(f"{rel}: names {CDN.search(text).group(0)}")
        if path.suffix == ".html" and LOADS.search(text):
            problems.append(f"{rel}: loads {LOADS.search(text).group(0)[:120]}")
        if path.suffix == ".css" and CSS_URL.search(text):
            problems.append(f"{rel}: css {CSS_URL.search(text).group(0)}")
        if path.suffix == ".js" and SCRIPT_URL.search(text):
            problems.append(f"{rel}: script {SCRIPT_URL.search(text).group(0)}")
    assert problems == [], "\n".join(problems[:20])


def test_offline_replaces_the_cdn_polyfill_in_a_bundle(tmp_path):
    bundle = tmp_path / "assets" / "javascripts" / "bundle.min.js"
    bundle.parent.mkdir(parents=True)
    bundle.write_text(
        'var a=typeof ResizeObserver=="undefined"?_t("https://unpkg.com/resize-observer-polyfill"):0;'
        'function m(){return _t("https://unpkg.com/mermaid@11/dist/mermaid.min.js")}',
        encoding="utf-8",
    )
    (tmp_path / "assets" / "javascripts" / "bundle.min.js.map").write_text('{"x":"https://unpkg.com/"}')
    assert offline(tmp_path) == 1
    text = bundle.read_text(encoding="utf-8")
    assert "unpkg" not in text and '_t("data:text/javascript,%2F%2A' in text and "ResizeObserver%20%3D" in text
    assert not (tmp_path / "assets" / "javascripts" / "bundle.min.js.map").exists()
    _assert_no_outside_load(tmp_path)


def test_the_outside_load_scan_catches_what_it_should(tmp_path):
    (tmp_path / "a.html").write_text('<link rel="stylesheet" href="https://fonts.example/x.css"><p>x</p>')
    with pytest.raises(AssertionError, match="loads"):
        _assert_no_outside_load(tmp_path)


def _validate(data: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "oahandbook", "validate", str(data)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "OAHANDBOOK_LANG": "en"},
    )


def _yaml_str(value: str) -> str:
    import json

    return json.dumps(value)
