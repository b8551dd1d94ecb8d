"""The package layout is the architecture: layers import downwards only, and nothing imports in a
circle (the contract lives in pyproject.toml and is checked with import-linter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]


def test_layers_import_only_downwards():
    lint = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 kept, 0 broken" in done.stdout


def test_no_module_imports_itself_through_others():
    graph = grimp.build_graph("oahandbook", exclude_type_checking_imports=True)
    cycles = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            chain = graph.find_shortest_chain(importer=imported, imported=module)
            if chain:
                cycles.add(" -> ".join((module, *chain)))
    assert not cycles, "\n".join(sorted(cycles))


def test_the_top_level_holds_only_the_public_api_and_the_subpackages():
    top = sorted(p.name for p in (ROOT / "src/oahandbook").glob("*.py"))
    assert top == ["__init__.py", "__main__.py", "api.py"], top
