"""``oahandbook init``: a commented config and the pre-commit hooks for the repository it runs
in, asking nothing and overwriting nothing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from oahandbook.base.version import __version__
from oahandbook.commands.init import HOOK_IDS, precommit_entry
from oahandbook.commands.main import main
from oahandbook.engine.config import Config, load_config
from sample_drafts import BAD_DRAFT as BAD
from sample_drafts import write

ROOT = Path(__file__).resolve().parents[1]
CJK = re.compile(r"[\u4e00-\u9fff]")


class _NoInput:
    def read(self, *args):
        raise AssertionError("init asked a question")

    readline = read


@pytest.fixture
def repo(work, monkeypatch):
    monkeypatch.setattr("sys.stdin", _NoInput())
    return work


def test_init_writes_a_config_and_the_hooks_and_asks_nothing(repo, capsys):
    assert main(["init"]) == 0
    out = capsys.readouterr().out
    assert "已写入 .oahandbook.yaml（草稿：第一行是 --- 的 Markdown 文件）" in out
    assert "已写入 .pre-commit-config.yaml" in out and "pre-commit install" in out
    hooks = yaml.safe_load((repo / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    [entry] = hooks["repos"]
    assert entry["rev"] == f"v{__version__}"
    assert [h["id"] for h in entry["hooks"]] == list(HOOK_IDS)
    offered = {h["id"] for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    assert set(HOOK_IDS) <= offered


def test_the_written_config_passes_check_itself(repo, capsys):
    assert main(["init"]) == 0
    capsys.readouterr()
    config = load_config(repo / ".oahandbook.yaml")
    assert config.include == [] and config.lang == "zh" and config.handbook_url is None
    write(repo / "README.md", "# 稿件库\n")
    assert main(["check"]) == 0  # the config loads and is sound; README is no draft
    # As the account hook sees it on commit: a YAML file that is no account file.
    assert main(["check", "--skip-unknown", "--force-exclude", ".oahandbook.yaml", ".pre-commit-config.yaml"]) == 0
    assert "oahandbook" not in capsys.readouterr().err


def test_every_setting_is_in_the_config_and_explained_in_chinese_and_english(repo, capsys):
    assert main(["init"]) == 0
    lines = (repo / ".oahandbook.yaml").read_text(encoding="utf-8").splitlines()
    seen = {}
    for i, line in enumerate(lines):
        match = re.match(r"^(?:# )?(\w+): ", line)
        if not match or match.group(1) not in Config.model_fields:
            continue
        comment = []
        j = i - 1
        while j >= 0 and lines[j].startswith("# "):
            comment.insert(0, lines[j][2:])
            j -= 1
        seen[match.group(1)] = comment
    assert set(seen) == set(Config.model_fields)
    for key, comment in seen.items():
        assert any(CJK.search(c) for c in comment), key
        assert any(re.match(r"[A-Z][a-z']+ [a-z]", c) for c in comment), key  # and in English


def test_drafts_glob_makes_a_draft_without_front_matter_an_error(repo, capsys):
    assert main(["init", "--drafts", "drafts"]) == 0
    assert "草稿：drafts/**" in capsys.readouterr().out
    assert load_config(repo / ".oahandbook.yaml").include == ["drafts/**"]
    write(repo / "drafts" / "forgot.md", "# 本周活动预告\n\n下周三下午举办开放日。\n")
    write(repo / "README.md", "# 稿件库\n")
    assert main(["check"]) == 1
    out = capsys.readouterr().out
    assert "drafts/forgot.md:1:1: FM01" in out and "README.md" not in out


def test_init_never_overwrites_and_prints_the_hooks_to_add(repo, capsys):
    config = "lang: en\nallow_terms: [最佳实践]\n"
    hooks = "repos:\n  - repo: https://github.com/pre-commit/pre-commit-hooks\n    rev: v5.0.0\n"
    write(repo / ".oahandbook.yaml", config)
    write(repo / ".pre-commit-config.yaml", hooks)
    assert main(["init", "--drafts", "drafts/**"]) == 0
    out = capsys.readouterr().out
    assert (repo / ".oahandbook.yaml").read_text(encoding="utf-8") == config
    assert (repo / ".pre-commit-config.yaml").read_text(encoding="utf-8") == hooks
    assert ".oahandbook.yaml 已存在，未改动" in out and 'include: ["drafts/**"]' in out
    assert precommit_entry() in out  # what to add under repos:
    # Once the hooks are there, init says so and prints nothing to add.
    write(repo / ".pre-commit-config.yaml", "repos:\n" + precommit_entry())
    assert main(["init", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "already has oahandbook's hooks" in out and "rev:" not in out


def test_init_in_english_and_in_another_folder(work, capsys):
    (work / "site").mkdir()
    assert main(["init", "--lang", "en", "--dir", "site"]) == 0
    out = capsys.readouterr().out
    assert "not the root of a git repository" in out and "wrote site/.oahandbook.yaml" in out
    assert load_config(work / "site" / ".oahandbook.yaml").lang == "en"


def test_run_in_a_subfolder_init_sets_up_the_repository_around_it(repo, capsys, monkeypatch):
    (repo / "drafts").mkdir()
    monkeypatch.chdir(repo / "drafts")
    assert main(["init"]) == 0
    assert "已写入 ../.oahandbook.yaml" in capsys.readouterr().out
    assert (repo / ".oahandbook.yaml").is_file() and (repo / ".pre-commit-config.yaml").is_file()
    assert not (repo / "drafts" / ".oahandbook.yaml").exists()


def test_a_folder_that_does_not_exist_is_a_usage_problem(work, capsys):
    assert main(["init", "--dir", "nowhere"]) == 2
    assert "nowhere：不是文件夹" in capsys.readouterr().err
    assert not (work / ".oahandbook.yaml").exists()


@pytest.mark.parametrize("page", ["README.md", "docs/usage.md", "docs/usage.en.md"])
def test_the_readme_and_the_handbook_show_the_hooks_init_writes(page):
    # The same entry, with rev = the tag of this version (the release process tags v<version>).
    text = (ROOT / page).read_text(encoding="utf-8")
    assert "repos:\n" + precommit_entry() in text
    assert f"rev: v{__version__}" in precommit_entry()


def test_a_draft_named_in_a_folder_init_set_up_is_checked(repo, capsys):
    assert main(["init"]) == 0
    write(repo / "2026-12-周末.md", BAD)
    assert main(["check"]) == 1
    assert "2026-12-周末.md:6:12: PC01" in capsys.readouterr().out
