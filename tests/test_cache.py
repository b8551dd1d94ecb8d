"""The on-disk cache cannot execute code or change a result (issue 10): entries are signed with a
private key, read by an unpickler that builds data only, and never reached through symbolic links."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from types import SimpleNamespace

import pytest

from oahandbook.base import cache


@pytest.fixture(autouse=True)
def private_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("OAHANDBOOK_NO_CACHE", raising=False)
    return tmp_path / "xdg" / "oahandbook"


class Builds:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


class _Planted:
    """Unpickling this runs code: it writes ``marker``."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "pwned"))


def test_a_value_is_built_once_and_read_back():
    build = Builds(SimpleNamespace(rules=("PC01",), lang="zh"))
    first = cache.cached("t", [b"input"], build, SimpleNamespace)
    second = cache.cached("t", [b"input"], build, SimpleNamespace)
    assert first == second == SimpleNamespace(rules=("PC01",), lang="zh")
    assert build.calls == 1
    cache.cached("t", [b"other input"], build, SimpleNamespace)
    assert build.calls == 2


def test_a_planted_pickle_is_not_executed(private_cache, tmp_path):
    cache.cached("t", [b"x"], Builds(SimpleNamespace(ok=True)), SimpleNamespace)  # makes the dir and key
    marker = tmp_path / "marker"
    path = cache.entry_path("t", [b"x"])
    path.write_bytes(pickle.dumps(_Planted(marker)))  # unsigned, as an attacker writes it
    assert cache.cached("t", [b"x"], Builds(SimpleNamespace(ok=True)), SimpleNamespace).ok
    assert not marker.exists()


def test_even_a_signed_entry_cannot_call_a_function(private_cache, tmp_path):
    cache.cached("t", [b"x"], Builds(SimpleNamespace(ok=True)), SimpleNamespace)
    key = (private_cache / "key").read_bytes()
    marker = tmp_path / "marker"
    path = cache.entry_path("t", [b"x"])
    payload = pickle.dumps(_Planted(marker))
    path.write_bytes(cache._MAGIC + cache._signature(key, path.name, payload) + payload)
    assert cache.cached("t", [b"x"], Builds(SimpleNamespace(ok=True)), SimpleNamespace).ok
    assert not marker.exists()


def test_an_entry_of_the_wrong_shape_or_signature_changes_nothing(private_cache):
    cache.cached("config", [b"c"], Builds(("strict",)), tuple)
    path = cache.entry_path("config", [b"c"])
    # a valid-looking entry made with another key: a user's config cannot be swapped for another
    payload = pickle.dumps(("everything off",))
    path.write_bytes(cache._MAGIC + cache._signature(b"k" * 32, path.name, payload) + payload)
    assert cache.cached("config", [b"c"], Builds(("strict",)), tuple) == ("strict",)
    # a signed entry of the wrong type is rebuilt, not returned
    key = (private_cache / "key").read_bytes()
    payload = pickle.dumps({"not": "a tuple"})
    path.write_bytes(cache._MAGIC + cache._signature(key, path.name, payload) + payload)
    build = Builds(("strict",))
    assert cache.cached("config", [b"c"], build, tuple) == ("strict",) and build.calls == 1
    # truncated or garbage: rebuilt
    path.write_bytes(b"\x80\x05garbage")
    assert cache.cached("config", [b"c"], Builds(("strict",)), tuple) == ("strict",)


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symbolic_links_are_never_followed(private_cache, tmp_path):
    cache.cached("t", [b"x"], Builds(("built",)), tuple)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    path = cache.entry_path("t", [b"y"])
    path.symlink_to(victim)
    assert cache.cached("t", [b"y"], Builds(("built",)), tuple) == ("built",)
    assert victim.read_text() == "keep me"  # the link was replaced, not written through
    assert not path.is_symlink()
    # no temporary file with a guessable name is used: a link planted at the old name stays unused
    other = cache.entry_path("t", [b"z"])
    trap = other.with_suffix(f".{os.getpid()}.tmp")
    trap.symlink_to(victim)
    cache.cached("t", [b"z"], Builds(("built",)), tuple)
    assert victim.read_text() == "keep me"


def test_a_cache_directory_others_can_write_is_not_used(private_cache):
    private_cache.mkdir(parents=True)
    private_cache.chmod(0o777)
    build = Builds(("v",))
    cache.cached("t", [b"x"], build, tuple)
    cache.cached("t", [b"x"], build, tuple)
    assert build.calls == 2
    assert not (private_cache / "key").exists()


def test_the_checker_gives_the_same_findings_from_a_cold_and_a_warm_cache(private_cache, tmp_path):
    import subprocess
    import sys

    draft = tmp_path / "draft.md"
    draft.write_text(
        "---\ntitle: 货\nauthor: 某人\ncover: https://mp.weixin.qq.com/c.png\n---\n\n长期出售冰毒，私聊。\n"
    )
    command = [sys.executable, "-m", "oahandbook", "check", "--format", "json", str(draft)]
    cold = subprocess.run(command, capture_output=True, text=True, env=os.environ)
    assert sorted(p.name.split("-")[0] for p in private_cache.glob("*.bin"))  # entries were written
    warm = subprocess.run(command, capture_output=True, text=True, env=os.environ)
    assert cold.returncode == warm.returncode == 1
    assert cold.stdout == warm.stdout and '"PC03"' in warm.stdout
