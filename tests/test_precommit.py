"""The hooks as a consuming repository uses them: ``pre-commit run`` against this repository.

Marked ``network``: pre-commit builds the hook's environment with pip from the package index
(once per run; later hook runs reuse it).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from oahandbook.base.version import __version__

ROOT = Path(__file__).resolve().parents[1]
pytestmark = [pytest.mark.network, pytest.mark.slow, pytest.mark.xdist_group("precommit")]

BAD_DRAFT = """---
title: 周末放松指南
author: 生活组
cover: https://mp.weixin.qq.com/cover.png
---
想找人陪聊？加微信即可裸 聊。
"""
GOOD_DRAFT = """---
title: 本周活动预告
author: 市场部
cover: https://mp.weixin.qq.com/cover.png
---
下周三下午在一楼大厅举办开放日，欢迎参加。
"""


IDENTITY = {
    "GIT_AUTHOR_NAME": "t",
    "GIT_AUTHOR_EMAIL": "t@example.invalid",
    "GIT_COMMITTER_NAME": "t",
    "GIT_COMMITTER_EMAIL": "t@example.invalid",
}


def _git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    env = {**os.environ, **IDENTITY, **(env or {})}
    git = ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false"]
    return subprocess.run([*git, *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


def readme_snippet() -> str:
    """The ``.pre-commit-config.yaml`` the README tells a consuming repository to write."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## pre-commit\n") :]
    match = re.search(r"```yaml\n(repos:\n.*?)```", section, re.DOTALL)
    assert match, "README.md: no ```yaml block with repos: under ## pre-commit"
    return match.group(1)


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """This repository as a consuming repository reaches it: a clone, with this commit tagged
    as the release process tags it (v + the package version, the README's rev)."""
    path = tmp_path_factory.mktemp("hooks") / "oahandbook"
    _git(ROOT, "clone", "-q", "--no-hardlinks", str(ROOT), str(path))
    rev = yaml.safe_load(readme_snippet())["repos"][0]["rev"]
    assert rev == f"v{__version__}", "the README's rev is the release tag of this version"
    _git(path, "tag", "-f", "-a", rev, "-m", f"oahandbook {__version__}")
    return path


@pytest.fixture(scope="module")
def consumer(tmp_path_factory, clone) -> Path:
    """A fresh repository set up as the README says, word for word but for repo: (the clone)."""
    repo = tmp_path_factory.mktemp("consumer")
    _git(repo, "init", "-q")
    snippet = readme_snippet()
    url = yaml.safe_load(snippet)["repos"][0]["repo"]
    (repo / ".pre-commit-config.yaml").write_text(snippet.replace(url, str(clone), 1), encoding="utf-8")
    return repo


def _env(repo: Path) -> dict[str, str]:
    return {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "NO_COLOR": "1"}


def _run(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    _git(repo, "add", "-A")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", "--files", *files],
        cwd=repo,
        env=_env(repo),
        capture_output=True,
        text=True,
        timeout=900,
    )


def test_setup_from_the_readme_commits_readme_changelog_templates_and_a_draft(consumer):
    """README.md, CHANGELOG.md and .github/*.md are no drafts: committing them is never blocked."""
    install = subprocess.run(
        [sys.executable, "-m", "pre_commit", "install"],
        cwd=consumer,
        env=_env(consumer),
        capture_output=True,
        text=True,
    )
    assert install.returncode == 0, install.stdout + install.stderr
    files = {
        "README.md": "# 我们的公众号稿件库\n\n草稿放在 drafts/ 下，每篇带前置元数据。\n",
        "CHANGELOG.md": "# 变更记录\n\n## 2026-11\n\n- 新增开放日稿件\n",
        ".github/pull_request_template.md": "## 改了什么\n\n- [ ] 已运行 oahandbook check\n",
        ".github/ISSUE_TEMPLATE/bug.md": "---\nname: 问题\nabout: 报告一个问题\n---\n请描述问题。\n",
        "drafts/2026-12-open-day.md": GOOD_DRAFT,
    }
    for name, text in files.items():
        (consumer / name).parent.mkdir(parents=True, exist_ok=True)
        (consumer / name).write_text(text, encoding="utf-8")
    _git(consumer, "add", "-A")
    commit = subprocess.run(
        ["git", "commit", "-m", "稿件库"],
        cwd=consumer,
        env={**_env(consumer), **IDENTITY},
        capture_output=True,
        text=True,
        timeout=900,
    )
    output = commit.stdout + commit.stderr
    assert commit.returncode == 0, output
    assert "oahandbook (draft articles)" in output and "Passed" in output and "FM01" not in output
    assert _git(consumer, "log", "--format=%s") == "稿件库\n"
    # The same setup blocks a draft with an error, naming place, rule, clause and link.
    (consumer / "drafts" / "bad.md").write_text(BAD_DRAFT, encoding="utf-8")
    _git(consumer, "add", "-A")
    blocked = subprocess.run(
        ["git", "commit", "-m", "坏稿"],
        cwd=consumer,
        env={**_env(consumer), **IDENTITY},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert blocked.returncode == 1, blocked.stdout + blocked.stderr
    hook_output = blocked.stdout + blocked.stderr  # git commit shows the hooks' output on stderr
    assert re.search(r"drafts/bad\.md:6:12: PC01 错误 .*\[OA-2\.3\.1\] http\S+/rules/PC01/", hook_output)
    _git(consumer, "rm", "-q", "--cached", "drafts/bad.md")
    (consumer / "drafts" / "bad.md").unlink()


def test_bad_draft_blocks_the_commit(consumer):
    (consumer / "bad.md").write_text(BAD_DRAFT, encoding="utf-8")
    proc = _run(consumer, "bad.md")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert re.search(r"bad\.md:6:12: PC01 错误 .*\[OA-2\.3\.1\]", proc.stdout), proc.stdout


def test_good_draft_passes(consumer):
    (consumer / "good.md").write_text(GOOD_DRAFT, encoding="utf-8")
    proc = _run(consumer, "good.md")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Passed" in proc.stdout


def test_account_hook_blocks_a_plaintext_secret_and_never_prints_it(consumer):
    example = (ROOT / "examples" / "account.yaml").read_text(encoding="utf-8")
    secret = "9f86d081884c7d659a2feaa0c55ad015"
    bad = example.replace("appsecret: vault:kv/wechat/example/appsecret", f"appsecret: {secret}")
    assert bad != example
    (consumer / "account.yaml").write_text(bad, encoding="utf-8")
    proc = _run(consumer, "account.yaml")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    line = next(i for i, text in enumerate(bad.splitlines(), 1) if f"appsecret: {secret}" in text)
    assert re.search(rf"account\.yaml:{line}:\d+: SE01 错误", proc.stdout), proc.stdout
    assert secret not in proc.stdout and secret[4:-4] not in proc.stdout


def test_account_hook_skips_yaml_that_is_not_an_account(consumer):
    (consumer / "other.yaml").write_text("name: not an account\n", encoding="utf-8")
    proc = _run(consumer, "other.yaml")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_article_hook_checks_word_and_saved_article_pages_not_templates(consumer):
    import docx

    document = docx.Document()
    document.core_properties.title = "周末活动"
    document.core_properties.author = "编辑部"
    document.add_paragraph("另外，长期出售猎枪配件，量大从优，私聊。")
    document.save(consumer / "稿件.docx")
    page = (ROOT / "examples/drafts/saved-article.html").read_text(encoding="utf-8")
    (consumer / "page.html").write_text(page, encoding="utf-8")
    (consumer / "template.html").write_text("<html><body>{{ content }}</body></html>\n", encoding="utf-8")
    proc = _run(consumer, "稿件.docx", "page.html", "template.html")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "稿件.docx:1:6: PC06 错误" in proc.stdout and "page.html:" in proc.stdout, proc.stdout
    assert "template.html" not in proc.stdout, proc.stdout  # no draft: skipped without a word
    proc = _run(consumer, "template.html")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_hook_id_is_documented_in_the_readme():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for hook in hooks:
        assert f"`{hook['id']}`" in readme, hook["id"]
        assert f"id: {hook['id']}" in readme, hook["id"]
