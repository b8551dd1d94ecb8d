"""The built handbook, shared by the site tests: built once per session, served on 127.0.0.1.

All tests here share one xdist group, so under ``pytest -n 2 --dist loadgroup`` the site is
built once, on one worker.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = ROOT / "test-artifacts"
# The version the served copy is deployed as, laid out as mike lays out gh-pages, and an older
# version beside it (the same build) for the version selectors to switch to.
VERSION = "1.0"
OLDER = "0.9"


@dataclass
class Build:
    site: Path
    output: str
    returncode: int


def build_site(dest: Path, *, data: Path | None = None, engine: str = "mkdocs") -> Build:
    """``oahandbook site build`` (the tree into a folder beside ``dest``, then the engine with
    ``--strict``, never -q: it hides warnings) into ``dest``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("OAHANDBOOK_DATA", None)
    if data is not None:
        env["OAHANDBOOK_DATA"] = str(data)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "oahandbook",
            "site",
            "build",
            "--engine",
            engine,
            "--out",
            str(dest.parent / f"tree-{engine}"),
            "--site-dir",
            str(dest),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Build(dest, proc.stdout + proc.stderr, proc.returncode)


def pytest_collection_modifyitems(items):
    for item in items:
        here = Path(str(item.fspath)).parent == Path(__file__).parent
        if here and item.get_closest_marker("xdist_group") is None:
            item.add_marker(pytest.mark.xdist_group("site"))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Build:
    build = build_site(tmp_path_factory.mktemp("handbook") / "site")
    assert build.returncode == 0, build.output
    return build


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def served_site(built_site, tmp_path_factory) -> str:
    """The site as mike deploys it (``/<version>/`` and ``/versions.json``); its base URL."""
    root = tmp_path_factory.mktemp("served")
    (root / VERSION).symlink_to(built_site.site, target_is_directory=True)
    (root / OLDER).symlink_to(built_site.site, target_is_directory=True)
    versions = [
        {"version": VERSION, "title": VERSION, "aliases": ["latest"]},
        {"version": OLDER, "title": OLDER, "aliases": []},
    ]
    (root / "versions.json").write_text(json.dumps(versions), encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/{VERSION}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    if not os.access(CHROMIUM, os.X_OK):
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium); browser tests skipped")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-gpu"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, served_site):
    """A fresh page that records every request to another host and every console error.

    The test fails if there is any: the handbook must work offline and without errors.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    tab = context.new_page()
    host = served_site.split("/")[2]
    outside: list[str] = []
    errors: list[str] = []
    tab.on(
        "request",
        lambda request: (
            outside.append(request.url)
            if request.url.split("/")[2:3] != [host] and not request.url.startswith(("data:", "blob:", "about:"))
            else None
        ),
    )
    tab.on(
        "console",
        lambda message: errors.append(f"{message.text} {message.location}") if message.type == "error" else None,
    )
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.goto_site = lambda path="": tab.goto(served_site + path)
    yield tab
    context.close()
    assert outside == [], f"requests to other hosts: {outside}"
    assert errors == [], f"console errors: {errors}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (gitignored), for a person to look at after a run."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@pytest.fixture(scope="session")
def site_builder():
    """``build_site`` itself, for tests that build from other data."""
    return build_site
