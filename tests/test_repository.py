"""The repository's own hygiene, as its pre-commit hooks check it, also runs in CI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True)


def test_ruff_finds_nothing():
    proc = _ruff("check", ".")
    assert proc.returncode == 0, proc.stdout


def test_code_is_formatted():
    proc = _ruff("format", "--check", ".")
    assert proc.returncode == 0, proc.stdout


def test_two_commands_are_in_the_readme_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "bash scripts/dev serve" in readme and "bash scripts/dev test" in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "bash scripts/dev test" in ci
