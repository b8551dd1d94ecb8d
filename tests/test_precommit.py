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


def _git(cwd: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
    }
    return subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def consumer(tmp_path_factory) -> Path:
    head = _git(ROOT, "rev-parse", "HEAD").strip()
    repo = tmp_path_factory.mktemp("consumer")
    _git(repo, "init", "-q")
    config = {
        "repos": [
            {"repo": str(ROOT), "rev": head, "hooks": [{"id": "oahandbook-article"}, {"id": "oahandbook-account"}]}
        ]
    }
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    return repo


def _run(repo: Path, *files: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "pre-commit-home"), "NO_COLOR": "1"}
    _git(repo, "add", "-A")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never", "--files", *files],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )


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
    assert re.search(r"account\.yaml:67:\d+: SE01 错误", proc.stdout), proc.stdout
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
    page = (ROOT / "tests/fixtures/formats/wechat-page.html").read_text(encoding="utf-8")
    (consumer / "page.html").write_text(page, encoding="utf-8")
    (consumer / "template.html").write_text("<html><body>{{ content }}</body></html>\n", encoding="utf-8")
    proc = _run(consumer, "稿件.docx", "page.html", "template.html")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "稿件.docx:1:6: PC06 错误" in proc.stdout and "page.html:" in proc.stdout, proc.stdout
    assert not re.search(r"template\.html:\d", proc.stdout), proc.stdout  # named as not an article page, no findings
    proc = _run(consumer, "template.html")
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_every_hook_id_is_documented_in_the_readme():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for hook in hooks:
        assert f"`{hook['id']}`" in readme, hook["id"]
        assert f"id: {hook['id']}" in readme, hook["id"]
