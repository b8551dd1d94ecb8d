"""Versioned deployment with mike: the documented release commands, run for two versions in a
temporary git repository (no remote, a test identity), then the gh-pages branch is read back."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("mike")]

ROOT = Path(__file__).resolve().parent.parent
# What a build of the handbook reads besides the installed package.
SITE_SOURCES = ("mkdocs.yml", "docs", "hooks", "src/oahandbook/site/theme", "schemas", "checklists", "examples")
MARKER = "<!-- second release -->"


def run(args: list[str], cwd: Path, env: dict[str, str]) -> str:
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"{' '.join(args)}\n{proc.stdout}\n{proc.stderr}"
    return proc.stdout + proc.stderr


@pytest.fixture(scope="module")
def deployed(tmp_path_factory):
    repo = tmp_path_factory.mktemp("mike") / "handbook"
    for name in SITE_SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    home = repo.parent / "home"
    home.mkdir()
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_AUTHOR_NAME": "Handbook Test",
        "GIT_AUTHOR_EMAIL": "handbook-test@example.invalid",
        "GIT_COMMITTER_NAME": "Handbook Test",
        "GIT_COMMITTER_EMAIL": "handbook-test@example.invalid",
        "NO_MKDOCS_2_WARNING": "1",
    }
    env.pop("OAHANDBOOK_DATA", None)
    git = ["git", "-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false"]
    run([*git, "init", "-q"], repo, env)
    run([*git, "add", "-A"], repo, env)
    run([*git, "commit", "-q", "-m", "handbook 1.0"], repo, env)
    outputs = [run(["mike", "deploy", "--update-aliases", "1.0", "latest"], repo, env)]
    index = repo / "docs" / "index.md"
    index.write_text(index.read_text(encoding="utf-8") + f"\n{MARKER}\n", encoding="utf-8")
    run([*git, "commit", "-q", "-am", "handbook 2.0"], repo, env)
    outputs.append(run(["mike", "deploy", "--update-aliases", "2.0", "latest"], repo, env))
    outputs.append(run(["mike", "set-default", "latest"], repo, env))

    def show(path: str) -> str:
        return run([*git, "show", f"gh-pages:{path}"], repo, env)

    files = set(run([*git, "ls-tree", "-r", "--name-only", "gh-pages"], repo, env).split())
    return show, files, "\n".join(outputs)


def test_versions_json_lists_both_versions_with_latest_on_the_newest(deployed):
    show, _, _ = deployed
    versions = {v["version"]: v["aliases"] for v in json.loads(show("versions.json"))}
    assert versions == {"2.0": ["latest"], "1.0": []}


def test_both_versions_have_their_pages_in_both_languages(deployed):
    _, files, _ = deployed
    for version in ("1.0", "2.0"):
        for path in (
            "index.html",
            "regulation/index.html",
            "rules/index.html",
            "rules/PC01/index.html",
            "checklists/index.html",
            "changelog/index.html",
            "en/index.html",
            "en/regulation/index.html",
            "search/search_index.json",
        ):
            assert f"{version}/{path}" in files, f"{version}/{path}"


def test_each_version_keeps_its_own_content(deployed):
    show, _, _ = deployed
    assert MARKER not in show("1.0/index.html")
    assert MARKER in show("2.0/index.html")


def test_latest_alias_and_root_point_at_the_newest_version(deployed):
    show, files, _ = deployed
    # mike's default alias type is a symlink: git stores its target as the blob.
    assert show("latest").strip() == "2.0"
    assert "index.html" in files and "latest" in show("index.html")


def test_pages_carry_the_version_selector_config(deployed):
    show, _, output = deployed
    page = show("2.0/rules/PC01/index.html")
    assert '"provider": "mike"' in page or '"provider":"mike"' in page
    assert "Aborted" not in output and "WARNING" not in output
