"""The command line: main(argv) -> int, messages in Chinese by default and English on request."""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from oahandbook.commands.main import main
from sample_drafts import BAD_DRAFT, write

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


# --- help and usage errors in the user's language ---------------------------------------------


def _help(argv, capsys, monkeypatch, env=None):
    if env:
        monkeypatch.setenv("OAHANDBOOK_LANG", env)
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 0
    return capsys.readouterr().out


def test_help_is_chinese_by_default_down_to_argparse_own_words(capsys, monkeypatch):
    out = _help(["check", "--help"], capsys, monkeypatch)
    assert out.startswith("用法：oahandbook check ")
    assert "位置参数" in out and "选项:" in out and "显示本帮助并退出" in out
    assert "usage:" not in out and "positional arguments" not in out and "show this help" not in out
    assert "--select RULES" in out and "只看这些规则" in out and "退出码" in out


@pytest.mark.parametrize("how", ["flag", "flag=", "env"])
def test_help_is_english_with_lang_en_or_the_environment(capsys, monkeypatch, how):
    argv = {"flag": ["--lang", "en", "check", "--help"], "flag=": ["check", "--lang=en", "--help"]}.get(
        how, ["check", "--help"]
    )
    out = _help(argv, capsys, monkeypatch, env="en" if how == "env" else None)
    assert out.startswith("usage: oahandbook check ")
    assert "positional arguments" in out and "only these rules" in out
    assert not re.search(r"[\u4e00-\u9fff]", out), "English help holds no Chinese"


def _all_parsers(lang):
    from oahandbook.commands.argtext import speaking
    from oahandbook.commands.main import build_parser

    with speaking(lang):
        parser = build_parser(lang)
    [sub] = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    return parser, sub


def test_every_option_of_every_command_has_help_in_each_language():
    cjk = re.compile(r"[\u4e00-\u9fff]")
    for lang in ("zh", "en"):
        parser, sub = _all_parsers(lang)
        for name, command in [("", parser), *sub.choices.items()]:
            for action in command._actions:
                if action.help == argparse.SUPPRESS or isinstance(action, argparse._SubParsersAction):
                    continue
                assert action.help, (name, action.option_strings or action.dest)
                # zh: Chinese words; en: none (argparse's own -h help is translated too)
                assert bool(cjk.search(action.help)) == (lang == "zh"), (lang, name, action.help)
        helps = {a.dest: a.help for a in sub._choices_actions}
        assert all(bool(cjk.search(h)) == (lang == "zh") for h in helps.values()), helps


def test_usage_errors_are_chinese_and_name_the_help(capsys):
    assert main(["check", "--format", "xml"]) == 2
    err = capsys.readouterr().err
    assert "oahandbook check: 用法错误：参数 --output-format/--format：无效的取值 'xml'" in err
    assert "运行 `oahandbook check --help` 查看全部选项" in err
    assert main(["audit"]) == 2
    assert "用法错误：缺少必需的参数：PATH" in capsys.readouterr().err
    assert main(["check", "--today", "2026-02-30"]) == 2
    assert "参数 --today：不是日期（应写成 YYYY-MM-DD）：'2026-02-30'" in capsys.readouterr().err
    assert main(["check", "--no-such-option"]) == 2
    assert "无法识别的参数：--no-such-option" in capsys.readouterr().err


def test_usage_errors_in_english(capsys, monkeypatch):
    assert main(["--lang", "en", "audit"]) == 2
    err = capsys.readouterr().err
    assert "oahandbook audit: usage error: the following arguments are required: PATH" in err
    monkeypatch.setenv("OAHANDBOOK_LANG", "en")
    assert main(["no-such-command"]) == 2
    assert "invalid choice: 'no-such-command'" in capsys.readouterr().err


def test_argparse_is_left_as_it_was(capsys):
    main(["check", "--format", "xml"])
    assert argparse._("usage: ") == "usage: "  # the translation lasts only while oahandbook parses
    assert argparse.ArgumentParser(prog="x").format_usage() == "usage: x [-h]\n"


def test_requested_lang_is_read_before_parsing(monkeypatch):
    from oahandbook.commands.main import requested_lang

    monkeypatch.delenv("OAHANDBOOK_LANG", raising=False)
    assert requested_lang(["check", "--lang", "en"]) == "en"
    assert requested_lang(["--lang=en", "check"]) == "en"
    assert requested_lang(["check", "--", "--lang", "en"]) is None
    assert requested_lang(["check", "--lang", "fr"]) is None
    monkeypatch.setenv("OAHANDBOOK_LANG", "en")
    assert requested_lang(["check"]) == "en"
    assert requested_lang(["check", "--lang", "zh"]) == "zh"


@pytest.mark.parametrize("flag", ["-V", "--version"])
def test_short_and_long_version(flag, capsys):
    with pytest.raises(SystemExit):
        main([flag])
    assert capsys.readouterr().out.startswith("oahandbook ")


# --- rule selection ---------------------------------------------------------------------------

PHONE_AND_PC = BAD_DRAFT.replace("裸 聊。", "裸 聊。电话 13800138000，身份证 330106199207153284。")


def _codes(out: str) -> list[str]:
    return re.findall(r"^\S+:\d+:\d+: (\w+) ", out, re.MULTILINE)


def test_select_by_code_prefix_and_name(work, capsys):
    write(work / "a.md", PHONE_AND_PC)
    assert main(["check", "--output-format", "concise", "a.md"]) == 1
    assert _codes(capsys.readouterr().out) == ["PC01", "PI03", "PI01"]
    assert main(["check", "--output-format", "concise", "--select", "PI03", "a.md"]) == 1
    # PI01 and PI02 protect personal data: they always run, whatever is selected
    assert _codes(capsys.readouterr().out) == ["PI03", "PI01"]
    assert main(["check", "--output-format", "concise", "--select", "prohibited", "a.md"]) == 1
    assert _codes(capsys.readouterr().out) == ["PC01", "PI01"]
    assert main(["check", "--output-format", "concise", "--select", "pc,pi03", "--ignore", "PC01", "a.md"]) == 1
    assert _codes(capsys.readouterr().out) == ["PI03", "PI01"]


def test_unknown_rules_are_a_usage_error_naming_them(work, capsys):
    write(work / "a.md", BAD_DRAFT)
    assert main(["check", "--select", "PC01,PX9", "--ignore", "prohibited.pornograpy", "a.md"]) == 2
    err = capsys.readouterr().err
    assert "没有这样的规则：PX9、prohibited.pornograpy（是否想写 “prohibited.pornography”？）" in err
    assert "oahandbook check --help" in err


def test_rules_that_protect_personal_data_cannot_be_ignored(work, capsys):
    write(work / "a.md", PHONE_AND_PC)
    assert main(["check", "--ignore", "PI", "a.md"]) == 2
    assert "PI01, PI02 保护个人信息或密钥，不能忽略" in capsys.readouterr().err


def test_the_summary_counts_only_the_selected_rules(work, capsys):
    write(work / "a.md", PHONE_AND_PC)
    assert main(["check", "--select", "PC", "--min-severity", "error", "a.md"]) == 1
    # PI03 (a warning) is neither listed nor counted as hidden: it was not selected
    assert capsys.readouterr().out.splitlines()[-1] == "检查了 1 个文件：2 个错误。"


def test_exit_zero(work, capsys):
    write(work / "a.md", BAD_DRAFT)
    assert main(["check", "--exit-zero", "a.md"]) == 0
    assert "PC01" in capsys.readouterr().out
    write(work / "b.md", b"\x00binary")
    assert main(["check", "--exit-zero", "a.md", "b.md"]) == 2  # unusable input still fails


# --- standard input ---------------------------------------------------------------------------


def _stdin(monkeypatch, data: str | bytes):
    raw = data.encode("utf-8") if isinstance(data, str) else data
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8"))


def test_stdin_is_checked_under_its_name(work, capsys, monkeypatch):
    _stdin(monkeypatch, BAD_DRAFT)
    assert main(["check", "--output-format", "concise", "-", "--stdin-filename", "posts/a.md"]) == 1
    out = capsys.readouterr().out
    assert out.startswith("posts/a.md:6:12: PC01 错误 ")
    _stdin(monkeypatch, BAD_DRAFT)
    assert main(["check", "--stdin-filename", "posts/a.md"]) == 1  # the name alone implies -
    assert "想找人陪聊？加微信即可裸 聊。" in capsys.readouterr().out  # the full form shows stdin's line


def test_stdin_follows_the_config_exclude(work, capsys, monkeypatch):
    write(work / ".oahandbook.yaml", "exclude: ['archive/**']\n")
    _stdin(monkeypatch, BAD_DRAFT)
    assert main(["check", "-", "--stdin-filename", "archive/old.md"]) == 0
    assert "PC01" not in capsys.readouterr().out


def test_stdin_without_a_name_is_a_draft_or_an_account_file_by_its_content(work, capsys, monkeypatch):
    _stdin(monkeypatch, BAD_DRAFT)
    assert main(["check", "--output-format", "concise", "-"]) == 1
    assert capsys.readouterr().out.startswith("<stdin>:6:12: PC01 ")
    _stdin(monkeypatch, "kind: account\nname: 测试号\n")
    assert main(["check", "-"]) == 2  # read as an account file: its required fields are missing
    assert "<stdin>:1:1: 缺少必填字段 “account”" in capsys.readouterr().err


def test_unusable_stdin_is_a_problem_with_its_name(work, capsys, monkeypatch):
    _stdin(monkeypatch, "---\ntitle: 标题\n".encode("gbk"))
    assert main(["check", "-", "--stdin-filename", "a.md"]) == 2
    assert "a.md:" in capsys.readouterr().err
    _stdin(monkeypatch, "随便写的文字")
    assert main(["check", "-", "--stdin-filename", "notes.yaml"]) == 2
    assert "无法从文件名 notes.yaml 判断" in capsys.readouterr().err


def test_stdin_cannot_be_mixed_with_paths(work, capsys, monkeypatch):
    assert main(["check", "-", "a.md"]) == 2
    assert "不能与其他路径同时给出" in capsys.readouterr().err
    assert main(["check", "a.md", "--stdin-filename", "x.md"]) == 2


# --- shell completion -------------------------------------------------------------------------


def _complete(script: str, words: str) -> list[str]:
    code = (
        f"source {script}\n"
        f"COMP_WORDS=({words})\n"
        + ("COMP_WORDS+=('')\n" if words.endswith(" ") else "")
        + 'COMP_CWORD=$((${#COMP_WORDS[@]}-1)); _oahandbook; printf "%s\\n" "${COMPREPLY[@]}"'
    )
    done = subprocess.run(["bash", "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_bash_completion_completes_commands_options_and_rule_codes(tmp_path, capsys):
    assert main(["completion", "bash"]) == 0
    script = tmp_path / "oahandbook.bash"
    script.write_text(capsys.readouterr().out)
    assert _complete(script, "oahandbook ch") == ["check", "checklist"]
    assert _complete(script, "oahandbook --lang en check --sel") == ["--select"]
    assert _complete(script, "oahandbook check --output-format c") == ["concise"]
    assert _complete(script, "oahandbook check --ignore PI0") == ["PI01", "PI02", "PI03", "PI04", "PI05"]
    assert "PC01" in _complete(script, "oahandbook show P")
    assert _complete(script, "oahandbook completion ") == ["bash", "zsh", "fish"]


@pytest.mark.skipif(not shutil.which("zsh"), reason="zsh is not installed")
def test_zsh_loads_the_script(tmp_path, capsys):
    assert main(["completion", "zsh"]) == 0
    script = tmp_path / "oahandbook.zsh"
    script.write_text(capsys.readouterr().out)
    done = subprocess.run(
        ["zsh", "-f", "-c", f"source {script} && echo ${{_comps[oahandbook]}}"], capture_output=True, text=True
    )
    assert done.returncode == 0 and "-F _oahandbook" in done.stdout, done.stderr


@pytest.mark.skipif(not shutil.which("fish"), reason="fish is not installed")
def test_fish_completes_values_and_rule_codes(tmp_path, capsys):
    assert main(["completion", "fish"]) == 0
    script = tmp_path / "oahandbook.fish"
    script.write_text(capsys.readouterr().out)

    def complete(line: str) -> list[str]:
        done = subprocess.run(
            ["fish", "--no-config", "-c", f"source {script}; complete -C {shlex.quote(line)}"],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.splitlines()

    assert complete("oahandbook check --output-format c") == ["concise"]
    assert complete("oahandbook check --ignore PI0")[:2] == ["PI01", "PI02"]
    assert complete("oahandbook check --stat") == ["--statistics\t不逐条列出，只列每条规则发现了几处"]


def test_zsh_and_fish_scripts(capsys):
    assert main(["completion", "zsh"]) == 0
    out = capsys.readouterr().out
    assert "bashcompinit" in out and "complete -o default -F _oahandbook oahandbook" in out
    assert main(["--lang", "en", "completion", "fish"]) == 0
    out = capsys.readouterr().out
    assert "-l output-format -x -a 'full concise text json sarif github jsonl'\n" in out
    assert "-a check -d 'check drafts and account files against the regulation'" in out


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_command_prints_its_help(lang, capsys, monkeypatch):
    _, sub = _all_parsers(lang)
    for name in sub.choices:
        out = _help(["--lang", lang, name, "--help"], capsys, monkeypatch)
        assert out.startswith(("用法：" if lang == "zh" else "usage: ") + f"oahandbook {name} "), name
