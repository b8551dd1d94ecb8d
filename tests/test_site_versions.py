"""Versioned publishing (``oahandbook site deploy``): two versions deployed into one folder laid
out as mike lays out gh-pages, read back as a static server would serve it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from oahandbook.site.versions import deploy


def _site(root: Path, marker: str) -> Path:
    site = root / f"site-{marker}"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text(f"<p>{marker}</p>", encoding="utf-8")
    (site / "en" / "index.html").write_text(f"<p>{marker} en</p>", encoding="utf-8")
    return site


def test_two_versions_with_latest_on_the_newest(tmp_path):
    dest = tmp_path / "public"
    deploy(_site(tmp_path, "one"), dest, "1.0", ["latest"])
    versions = deploy(_site(tmp_path, "two"), dest, "2.0", ["latest"])
    assert versions == [
        {"version": "2.0", "title": "2.0", "aliases": ["latest"]},
        {"version": "1.0", "title": "1.0", "aliases": []},
    ]
    assert json.loads((dest / "versions.json").read_text(encoding="utf-8")) == versions
    # Each version keeps its own content; the alias is a copy of the newest (no symlink needed).
    assert "one" in (dest / "1.0" / "index.html").read_text(encoding="utf-8")
    assert "two en" in (dest / "2.0" / "en" / "index.html").read_text(encoding="utf-8")
    assert "two" in (dest / "latest" / "index.html").read_text(encoding="utf-8")
    assert not (dest / "latest").is_symlink()
    assert "url=latest/" in (dest / "index.html").read_text(encoding="utf-8")


def test_redeploying_a_version_replaces_it_and_versions_sort_numerically(tmp_path):
    dest = tmp_path / "public"
    deploy(_site(tmp_path, "a"), dest, "1.10", [])
    deploy(_site(tmp_path, "b"), dest, "1.9", [])
    deploy(_site(tmp_path, "c"), dest, "1.9", [])
    data = json.loads((dest / "versions.json").read_text(encoding="utf-8"))
    assert [v["version"] for v in data] == ["1.10", "1.9"]
    assert "c" in (dest / "1.9" / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ["../x", "a/b", "", "versions.json", ".hidden"])
def test_names_that_would_escape_or_clobber_are_refused(tmp_path, name):
    with pytest.raises(ValueError, match="not a version"):
        deploy(_site(tmp_path, "x"), tmp_path / "public", name, [])


def test_the_command_deploys_the_built_site(tmp_path, monkeypatch):
    """``oahandbook site deploy`` from a project folder, after a build (here: a built site put
    where --site-dir says)."""
    from oahandbook.commands.main import main

    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    shutil.copytree(_site(tmp_path, "built"), project / "site")
    monkeypatch.chdir(project)
    assert main(["site", "deploy", "3.0", "--alias", "latest", "--dest", str(tmp_path / "pub")]) == 0
    assert "built" in (tmp_path / "pub" / "latest" / "index.html").read_text(encoding="utf-8")
    assert main(["site", "deploy", "--dest", str(tmp_path / "pub")]) == 2
