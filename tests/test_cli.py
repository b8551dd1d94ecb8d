"""The command line: main(argv) -> int, messages in Chinese by default and English on request."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from oahandbook.commands.main import main

ROOT = Path(__file__).resolve().parents[1]


def test_rules_lists_clauses_and_rules(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "OA-2.3.1" in out and "PC01" in out and "错误" in out and "部分自动" in out


def test_rules_json_is_machine_readable(capsys):
    assert main(["rules", "--format", "json", "--target", "article"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {r["target"] for r in data["rules"]} == {"article"}
    assert any(c["id"] == "OA-2.4" for c in data["clauses"])


def test_show_clause_keeps_regulation_words_apart_from_guidance(capsys):
    assert main(["show", "OA-2.4"]) == 0
    out = capsys.readouterr().out
    assert "制度原文" in out and "手册指引" in out and "定期备份相关数据" in out


def test_show_rule_in_english(capsys):
    assert main(["--lang", "en", "show", "PC01"]) == 0
    out = capsys.readouterr().out
    assert "Why it matters" in out and "Failing example" in out and "/rules/PC01/" in out


def test_show_accepts_a_rule_name(capsys):
    assert main(["show", "prohibited.pornography"]) == 0
    assert "PC01" in capsys.readouterr().out


def test_show_unknown_id_suggests_and_exits_2(capsys):
    assert main(["show", "OA-2.3.7"]) == 2
    assert "OA-2.3." in capsys.readouterr().out


def test_usage_error_exits_2(capsys):
    assert main(["check", "--format", "xml"]) == 2
    assert main(["no-such-command"]) == 2
    assert "oahandbook --help" in capsys.readouterr().err


def test_validate_bundled_data(capsys):
    assert main(["validate"]) == 0
    assert "数据有效" in capsys.readouterr().out


def test_schemas_are_up_to_date(capsys, monkeypatch):
    monkeypatch.chdir(ROOT)
    assert main(["schema", "--check"]) == 0, capsys.readouterr().err


def test_schema_check_fails_when_stale_and_write_fixes_it(tmp_path, capsys):
    folder = tmp_path / "schemas"
    assert main(["schema", "--check", "--dir", str(folder)]) == 1
    assert "oahandbook schema --write" in capsys.readouterr().err
    assert main(["schema", "--write", "--dir", str(folder)]) == 0
    (folder / "old.schema.json").write_text("{}")
    assert main(["schema", "--check", "--dir", str(folder)]) == 1
    assert main(["schema", "--write", "--dir", str(folder)]) == 0
    assert not (folder / "old.schema.json").exists()
    assert main(["schema", "--check", "--dir", str(folder)]) == 0
    schema = json.loads((folder / "draft-front-matter.schema.json").read_text())
    assert "title" in schema["required"]


def test_help_does_not_import_the_heavy_modules():
    code = (
        "import sys, contextlib, io\n"
        "from oahandbook.commands.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help']) if False else main([])\n"
        "print(sorted(m for m in ('pydantic', 'yaml', 'opencc', 'ahocorasick_rs') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_installed_console_script_runs():
    script = Path(sys.executable).with_name("oahandbook")
    assert script.exists(), "the console script is installed with the package"
    proc = subprocess.run(
        [str(script), "--version"], capture_output=True, text=True, env={**os.environ, "NO_COLOR": "1"}
    )
    assert proc.returncode == 0 and proc.stdout.startswith("oahandbook ")
    proc = subprocess.run([str(script), "show", "NOPE"], capture_output=True, text=True)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr


@pytest.mark.parametrize("argv", [["--help"], ["check", "--help"]])
def test_help_exits_0(argv, capsys):
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0


def test_the_language_comes_from_the_environment_before_the_config(work, capsys, monkeypatch):
    from sample_drafts import BAD_DRAFT, write

    write(work / ".oahandbook.yaml", "lang: zh\n")
    write(work / "a.md", BAD_DRAFT)
    monkeypatch.setenv("OAHANDBOOK_LANG", "en")
    assert main(["check", "a.md"]) == 1
    out = capsys.readouterr().out
    assert "1 file(s) checked" in out and "检查了" not in out
    assert main(["check", "--lang", "zh", "a.md"]) == 1
    assert "检查了 1 个文件" in capsys.readouterr().out
