"""One setting decides where every link into the handbook starts: the config's handbook_url, else
OAHANDBOOK_SITE_URL (the address the site is built for), else the local preview; English output
links to the English pages (under en/). Findings, review records, `show`, the committed
checklists (relative) and the site's own downloads (its address) all follow it."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from oahandbook.checklists.render import RELATIVE
from oahandbook.commands.main import main
from oahandbook.engine.findings import DEFAULT_HANDBOOK_URL, SITE_URL_ENV, clause_url, handbook_base, rule_url
from sample_drafts import BAD_DRAFT as BAD
from sample_drafts import write

ROOT = Path(__file__).resolve().parents[1]
HANDBOOK = "https://handbook.example.org/latest"
SITE = "https://hb.example.edu/1.0/"
LINK = re.compile(r"\]\(([^)]+)\)")


@pytest.fixture
def clean_env(monkeypatch):
    monkeypatch.delenv(SITE_URL_ENV, raising=False)


def _finding_url(*args: str, capsys) -> str:
    main(["check", "--format", "json", *args, "bad.md"])
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    return finding["url"]


def test_the_url_helpers():
    assert rule_url("PC01", HANDBOOK, "zh") == f"{HANDBOOK}/rules/PC01/"
    assert rule_url("PC01", HANDBOOK + "/", "en") == f"{HANDBOOK}/en/rules/PC01/"
    assert clause_url("OA-2.3.1", HANDBOOK, "en") == f"{HANDBOOK}/en/regulation/#oa-2-3-1"
    assert rule_url("PC01", "..", "en") == "../en/rules/PC01/"  # relative, as committed checklists link
    assert rule_url("PC01", "", "zh") == "/rules/PC01/"  # root-relative: the page's path in the site


def test_the_base_is_the_config_else_the_site_variable_else_the_preview(monkeypatch):
    monkeypatch.delenv(SITE_URL_ENV, raising=False)
    assert handbook_base(None) == DEFAULT_HANDBOOK_URL
    monkeypatch.setenv(SITE_URL_ENV, SITE)
    assert handbook_base(None) == SITE.rstrip("/")
    assert handbook_base(HANDBOOK) == HANDBOOK


def test_findings_link_to_the_configured_handbook_in_the_output_language(work, capsys, clean_env):
    write(work / "bad.md", BAD)
    assert _finding_url(capsys=capsys) == f"{DEFAULT_HANDBOOK_URL}/rules/PC01/"
    write(work / ".oahandbook.yaml", f"handbook_url: {HANDBOOK}\n")
    assert _finding_url(capsys=capsys) == f"{HANDBOOK}/rules/PC01/"
    assert _finding_url("--lang", "en", capsys=capsys) == f"{HANDBOOK}/en/rules/PC01/"
    main(["check", "--color", "never", "--lang", "en", "bad.md"])
    assert f"[OA-2.3.1] {HANDBOOK}/en/rules/PC01/" in capsys.readouterr().out


def test_without_handbook_url_findings_link_to_the_site_being_deployed(work, capsys, monkeypatch):
    write(work / "bad.md", BAD)
    monkeypatch.setenv(SITE_URL_ENV, SITE)
    assert _finding_url(capsys=capsys) == f"{SITE}rules/PC01/"
    write(work / ".oahandbook.yaml", f"handbook_url: {HANDBOOK}\n")
    assert _finding_url(capsys=capsys) == f"{HANDBOOK}/rules/PC01/"  # the repository's own setting wins


def test_review_records_and_show_link_to_the_same_handbook(work, capsys, clean_env):
    write(work / "bad.md", BAD)
    write(work / ".oahandbook.yaml", f"handbook_url: {HANDBOOK}\n")
    main(["review", "bad.md"])
    record = capsys.readouterr().out
    links = LINK.findall(record)
    assert links and all(link.startswith(f"{HANDBOOK}/") for link in links), links
    assert f"({HANDBOOK}/regulation/#oa-2-3-1)" in record and f"{HANDBOOK}/rules/PC01/" in record
    assert main(["show", "PC01"]) == 0
    assert f"{HANDBOOK}/rules/PC01/" in capsys.readouterr().out
    main(["review", "--lang", "en", "bad.md"])
    english = LINK.findall(capsys.readouterr().out)
    assert english and all(link.startswith(f"{HANDBOOK}/en/") for link in english), english
    assert main(["show", "--lang", "en", "OA-2.3.1"]) == 0
    assert f"{HANDBOOK}/en/regulation/#oa-2-3-1" in capsys.readouterr().out


def test_committed_checklists_link_relatively_to_their_own_language():
    folder = ROOT / "checklists"
    for path in sorted(folder.iterdir()):
        if path.suffix in (".md", ".csv", ".json"):
            text = path.read_text(encoding="utf-8-sig")
            assert "127.0.0.1" not in text, path.name
    for path in sorted(folder.glob("*.md")):
        if path.name == "README.md":
            continue
        links = LINK.findall(path.read_text(encoding="utf-8"))
        prefix = f"{RELATIVE}/en/" if path.name.endswith(".en.md") else f"{RELATIVE}/"
        assert links and all(link.startswith(prefix) for link in links), path.name
        if not path.name.endswith(".en.md"):
            assert not any(link.startswith(f"{RELATIVE}/en/") for link in links), path.name


def test_the_sites_checklist_downloads_link_to_the_site_itself():
    from oahandbook.commands.site import checklist_files
    from oahandbook.site.build import site_bundle

    files = checklist_files(site_bundle(), SITE)
    chinese = files["article-review.md"].decode("utf-8")
    english = files["article-review.en.md"].decode("utf-8")
    assert f"({SITE}rules/FM01/)" in chinese and f"({SITE}regulation/#oa-2-3-1)" in chinese
    assert f"({SITE}en/rules/FM01/)" in english
    assert f"{SITE}en/regulation/#oa-2-3-1" in files["article-review.en.csv"].decode("utf-8-sig")
    assert "127.0.0.1" not in files["checklists.json"].decode("utf-8")


def test_the_site_is_built_for_the_same_variable():
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f'site_url: !ENV [{SITE_URL_ENV}, "{DEFAULT_HANDBOOK_URL}/"]' in mkdocs


def test_hidden_link_and_lexicon_findings_are_counted_one_by_one(work, capsys):
    """Findings below the report's level are counted without being built: the summary counts
    one per external host and one per hidden lexicon hit, as the suggestion level lists them."""
    head = "---\ntitle: 周报\nauthor: 编辑部\ncover: https://mp.weixin.qq.com/c.png\n---\n"
    links = "".join(
        f"[第{i}篇](https://site{i}.example.com/a) [又一次](https://site{i}.example.com/b)\n" for i in range(30)
    )
    write(work / "d.md", head + links + "这是最好的一期，第一次这么多链接。\n")
    main(["check", "--format", "json", "d.md"])
    hidden = json.loads(capsys.readouterr().out)["summary"]["hidden"]
    main(["check", "--format", "json", "--min-severity", "suggestion", "d.md"])
    found = json.loads(capsys.readouterr().out)["findings"]
    # (typography suggestions are not even computed when hidden: not counted either)
    listed = [f for f in found if f["severity"] == "suggestion" and not f["code"].startswith("TY")]
    assert hidden == len(listed) and sum(f["code"] == "LK01" for f in listed) == 30
