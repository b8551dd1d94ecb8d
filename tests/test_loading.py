"""Safe YAML loading and validation: every trap refused with file:line:col, never a traceback."""

from __future__ import annotations

import shutil
import time
from importlib import resources
from pathlib import Path
from typing import Literal

import pytest

from oahandbook.base.errors import InputError
from oahandbook.base.yamlio import load_text
from oahandbook.commands.main import main
from oahandbook.data.bundle import load_bundle
from oahandbook.data.models import Model, Platform, Regulation, Rule
from oahandbook.data.validation import validate


def problems(text: str) -> list[str]:
    with pytest.raises(InputError) as info:
        load_text(text, "f.yaml")
    return [str(p) for p in info.value.problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("code: 0123\n", "f.yaml:1:7: "),
        ("time: 1:20\n", "f.yaml:1:7: "),
        ("a: 1\na: 2\n", "f.yaml:2:1: "),
        ("a: &x [1]\nb: *x\n", "f.yaml:1:4: "),
        ("base: {a: 1}\nx:\n  <<: {a: 1}\n", "f.yaml:3:3: "),
        ("a: [1,\n", "f.yaml:1:4: "),  # where the list opens, not where the file ends
        ("a: 1\n---\nb: 2\n", "f.yaml:2:1: "),
    ],
)
def test_traps_are_refused_with_position(text, expected):
    found = problems(text)
    assert any(p.startswith(expected) for p in found), found


class Switches(Model):
    enabled: bool = True
    country: str = "CN"
    severity: Literal["error", "warning", "off"] = "error"


@pytest.mark.parametrize(("text", "column"), [("enabled: NO\n", 10), ("country: NO\n", 10), ("enabled: on\n", 10)])
def test_yaml_11_booleans_are_refused_unless_the_word_is_a_choice(text, column):
    with pytest.raises(InputError) as info:
        validate(Switches, load_text(text, "f.yaml"))
    (problem,) = info.value.problems
    assert (problem.line, problem.column) == (1, column)
    assert "YAML 1.1" in problem.message and "引号" in problem.message
    assert validate(Switches, load_text("severity: off\n", "f.yaml")).severity == "off"
    assert validate(Switches, load_text('country: "NO"\n', "f.yaml")).country == "NO"


def test_messages_say_how_to_fix():
    (msg,) = problems("a: 1\na: 2\n")
    assert "重复" in msg and "第 1 行" in msg


def test_billion_laughs_is_refused_quickly():
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
    for name, prev in zip("bcdefghi", "abcdefgh", strict=True):
        bomb += f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]\n"
    start = time.perf_counter()
    with pytest.raises(InputError):
        load_text(bomb, "bomb.yaml")
    assert time.perf_counter() - start < 5  # bounded: the walk never expands the aliases


def test_quoted_values_and_real_booleans_load():
    doc = load_text('a: "NO"\nb: true\nc: "0123"\nd: 2026-12-01\n', "f.yaml")
    assert doc.data["a"] == "NO" and doc.data["b"] is True and doc.data["c"] == "0123"


def test_positions_follow_the_loc():
    doc = load_text("a:\n  b:\n    - x\n    - y: 1\n", "f.yaml")
    assert doc.position(("a", "b", 1, "y")) == (4, 10)
    assert doc.position(("a", "b", 1, "y"), at_key=True) == (4, 7)
    assert doc.position(("a", "missing")) == (2, 3)


def test_bundled_data_round_trips_through_the_models():
    bundle = load_bundle()
    for model, value in ((Regulation, bundle.regulation), (Platform, bundle.platform)):
        dumped = value.model_dump(by_alias=True)
        assert model.model_validate(dumped, strict=False) == value
    for rule in bundle.rules.values():
        assert Rule.model_validate(rule.model_dump(by_alias=True), strict=False) == rule


def test_ids_are_unique_and_rules_name_existing_clauses():
    bundle = load_bundle()
    ids = [node.id for _, node in bundle.regulation.walk()]
    assert len(ids) == len(set(ids))
    for rule in bundle.rules.values():
        assert rule.clause in bundle.clauses


def test_platform_facts_where_sources_disagree_record_both():
    platform = load_bundle().platform
    title = platform.fact("article.title.max_chars")
    assert title.value == 32 and title.source.checked
    assert [alt.value for alt in title.alternatives] == [64]


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    with resources.as_file(resources.files("oahandbook") / "data") as source:
        shutil.copytree(source, target)
    return target


def _break(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    index = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[:index].count("\n") + 1


@pytest.mark.parametrize(
    ("old", "new", "column", "words"),
    [
        ('version: "1.0"\n', "version: 1.10\n", 12, "引号"),
        ("review_cycle_months: 12", "review_cycle_months: 12\n  reviewed_cycle: 3", 3, "未知字段"),
        ("review_cycle_months: 12", "review_cycle_months: NO", 24, "布尔"),
        ("review_cycle_months: 12", "review_cycle_months: 12\n  review_cycle_months: 13", 3, "重复"),
        ("review_cycle_months: 12", 'review_cycle_months: "twelve"', 24, "整数"),
    ],
)
def test_validate_reports_file_line_col_and_exit_2(data_copy, capsys, old, new, column, words):
    regulation = data_copy / "regulation.yaml"
    line = _break(regulation, old, new)
    if "\n" in new.rstrip("\n"):
        line += 1
    assert main(["validate", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert f"regulation.yaml:{line}:{column}: " in err, err
    assert words in err
    assert "Traceback" not in err


def test_validate_reports_a_missing_key_at_its_mapping(data_copy, capsys):
    regulation = data_copy / "regulation.yaml"
    text = regulation.read_text(encoding="utf-8")
    regulation.write_text(text.replace("  approver:", "  approved_by:", 1), encoding="utf-8")
    assert main(["validate", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "approver" in err and "approved_by" in err


def test_validate_reports_cross_file_references(data_copy, capsys):
    rule = next((data_copy / "rules").glob("PC01.yaml"))
    line = _break(rule, "clause: OA-2.3.1", "clause: OA-2.3.9")
    assert main(["validate", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert f"PC01.yaml:{line}:9: " in err and "OA-2.3.9" in err


def test_validate_in_english(data_copy, capsys):
    _break(data_copy / "regulation.yaml", "review_cycle_months: 12", "review_cycle_months: NO")
    assert main(["validate", "--lang", "en", str(data_copy)]) == 2
    assert "boolean" in capsys.readouterr().err


def test_constraint_errors_are_explained_in_chinese(data_copy, capsys):
    _break(data_copy / "regulation.yaml", "review_cycle_months: 12", "review_cycle_months: 0")
    assert main(["validate", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "必须大于 0" in err and "Input should" not in err


def test_reading_many_yaml_files_keeps_no_node_alive():
    """An audit reads thousands of front matters: the shared constructor must not keep them."""
    from oahandbook.base import yamlio

    for i in range(200):
        yamlio.load_text(f"title: 第{i}篇\ncount: {i}\nwhen: 2026-01-0{i % 9 + 1}\n", f"{i}.yaml")
    assert not yamlio._constructor.constructed_objects
