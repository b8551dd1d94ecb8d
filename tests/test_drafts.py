"""Which files are drafts. With no ``include`` in the config, a Markdown file is a draft when its
first line opens a front matter (``---``): README, CHANGELOG, templates and documentation pages
are not, and a file that is not a draft is never an error. With ``include``, every file it
names is a draft, so one that forgot its front matter is still reported (FM01)."""

from __future__ import annotations

import json

from oahandbook import Checker
from oahandbook.commands.main import main
from sample_drafts import BAD_DRAFT as BAD
from sample_drafts import GOOD_DRAFT as GOOD
from sample_drafts import write

README = "# 我们的公众号稿件库\n\n草稿放在 drafts/ 下，每篇带前置元数据。\n"
CHANGELOG = "# 变更记录\n\n## 2026-11\n\n- 新增开放日稿件\n"
PR_TEMPLATE = "## 改了什么\n\n- [ ] 已运行 oahandbook check\n"
FORGOT = "# 本周活动预告\n\n下周三下午在一楼大厅举办开放日。\n"


def _repository(work):
    write(work / "README.md", README)
    write(work / "CHANGELOG.md", CHANGELOG)
    write(work / "docs" / "写作指南.md", "# 写作指南\n\n标题不超过 32 个字。\n")
    write(work / "templates" / "empty.md", "")
    write(work / "drafts" / "good.md", GOOD)
    write(work / "drafts" / "bad.md", BAD)


def test_without_include_only_markdown_with_a_front_matter_is_a_draft(work, capsys):
    _repository(work)
    assert main(["check", "--format", "json", "."]) == 1
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert {f["path"] for f in data["findings"]} == {"drafts/bad.md"}
    assert data["summary"]["files"] == 2 and data["summary"]["skipped_files"] == 0
    assert captured.err == ""  # a folder's README and docs are left out without a word


def test_a_named_file_that_is_no_draft_is_listed_as_skipped_not_an_error(work, capsys):
    _repository(work)
    assert main(["check", "README.md", "drafts/good.md"]) == 0
    captured = capsys.readouterr()
    assert "FM01" not in captured.out
    assert "README.md: 不是草稿（第一行不是 ---，没有前置元数据），未检查" in captured.err
    assert "--kind article" in captured.err
    [result] = Checker(lang="en").check_paths(["CHANGELOG.md"])
    assert result.kind is None and result.ok and not result.problems
    assert result.skipped.startswith("not a draft (its first line is not ---")


def test_under_pre_commit_a_file_that_is_no_draft_is_skipped_silently(work, capsys):
    _repository(work)
    write(work / ".github" / "pull_request_template.md", PR_TEMPLATE)
    write(work / "site" / "index.html", "<html><body>{{ content }}</body></html>\n")
    files = ["README.md", "CHANGELOG.md", ".github/pull_request_template.md", "templates/empty.md", "site/index.html"]
    assert main(["check", "--force-exclude", *files, "drafts/good.md"]) == 0
    captured = capsys.readouterr()
    assert captured.err == "" and "检查了 1 个文件" in captured.out
    assert main(["check", "--force-exclude", *files, "drafts/bad.md"]) == 1
    assert "drafts/bad.md:6:12: PC01" in capsys.readouterr().out


def test_templates_in_hidden_folders_are_no_drafts_even_with_a_front_matter(work, capsys):
    # GitHub's issue templates start with a front matter of their own (name, about, labels).
    write(work / ".github" / "ISSUE_TEMPLATE" / "bug.md", "---\nname: 问题\nabout: 报告一个问题\n---\n请描述问题。\n")
    assert main(["check", "--force-exclude", ".github/ISSUE_TEMPLATE/bug.md"]) == 0
    captured = capsys.readouterr()
    assert "FM01" not in captured.out and captured.err == ""
    assert main(["check", ".github/ISSUE_TEMPLATE/bug.md"]) == 0
    assert "bug.md: 不是草稿（在隐藏文件夹中" in capsys.readouterr().err
    write(work / ".oahandbook.yaml", "include: ['.drafts/**']\n")  # include decides, hidden or not
    write(work / ".drafts" / "a.md", BAD)
    assert main(["check", "--force-exclude", ".drafts/a.md"]) == 1


def test_a_front_matter_after_a_byte_order_mark_or_with_crlf_makes_a_draft(work, capsys):
    write(work / "bom.md", b"\xef\xbb\xbf" + BAD.replace("\n", "\r\n").encode())
    assert main(["check", "--force-exclude", "bom.md"]) == 1
    assert "bom.md:6:12: PC01" in capsys.readouterr().out


def test_text_that_cannot_be_read_is_still_a_problem(work, capsys):
    # No one can tell whether it was meant as a draft: say so, with its position.
    write(work / "notes.md", "# 说明\n".encode("utf-16"))
    assert main(["check", "--force-exclude", "notes.md"]) == 2
    assert "notes.md:1:1:" in capsys.readouterr().err


def test_include_makes_every_file_it_names_a_draft(work, capsys):
    _repository(work)
    write(work / ".oahandbook.yaml", "include: ['drafts/**']\n")
    write(work / "drafts" / "forgot.md", FORGOT)
    assert main(["check", "--format", "json", "."]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    assert {(f["path"], f["code"]) for f in findings if f["code"] == "FM01"} == {("drafts/forgot.md", "FM01")}
    assert {f["path"] for f in findings} == {"drafts/forgot.md", "drafts/bad.md"}
    # As pre-commit runs: the draft that forgot its front matter blocks the commit, README does not.
    assert main(["check", "--force-exclude", "README.md", "drafts/forgot.md"]) == 1
    captured = capsys.readouterr()
    assert "drafts/forgot.md:1:1: FM01 错误 草稿没有前置元数据" in captured.out and "README.md" not in captured.out
    assert captured.err == ""
    # Named without the flag: listed as no draft, with what to do.
    assert main(["check", "README.md"]) == 0
    assert "README.md: 不是草稿（不在配置的 include 中），未检查" in capsys.readouterr().err


def test_include_leaves_out_a_file_with_a_front_matter_elsewhere(work, capsys):
    write(work / ".oahandbook.yaml", "include: ['drafts/**']\n")
    write(work / "docs" / "page.md", BAD)  # a site page with its own front matter
    write(work / "drafts" / "good.md", GOOD)
    assert main(["check", "."]) == 0
    assert "page.md" not in capsys.readouterr().out


def test_kind_article_checks_any_file_as_a_draft(work, capsys):
    write(work / "README.md", FORGOT)
    assert main(["check", "--kind", "article", "README.md"]) == 1
    assert "README.md:1:1: FM01" in capsys.readouterr().out
