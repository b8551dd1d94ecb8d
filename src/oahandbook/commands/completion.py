"""``oahandbook completion bash|zsh|fish``: a shell completion script, made from the parser itself
(so it never drifts from the options), with the rule codes for ``--select``, ``--ignore`` and
``show``.

Written here rather than taken from shtab or argcomplete: the script is a few dozen lines
generated from argparse's own tables, a dependency would be imported on no other path, and
argcomplete would start Python on every Tab press.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass, field

from oahandbook.engine.findings import Exit


@dataclass
class Scope:
    """The options of the top level or of one command: all of them, which take a value, the
    choices of those that have any, which take a file name, and a description of each."""

    options: list[str] = field(default_factory=list)
    valued: list[str] = field(default_factory=list)
    choices: dict[str, list[str]] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)
    helps: dict[str, str] = field(default_factory=dict)
    positional_choices: list[str] = field(default_factory=list)


FILE_METAVARS = {"FILE", "DIR", "FILE.jsonl"}
RULE_OPTIONS = ("--select", "--ignore")


def scope_of(parser: argparse.ArgumentParser, codes: list[str]) -> Scope:
    scope = Scope()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            continue
        if not action.option_strings:
            if action.choices:
                scope.positional_choices = [str(c) for c in action.choices]
            elif action.metavar == "ID":
                scope.positional_choices = codes
            continue
        scope.options += action.option_strings
        for option in action.option_strings:
            scope.helps[option] = _short(action.help or "")
        if action.nargs == 0:
            continue
        scope.valued += action.option_strings
        for option in action.option_strings:
            if action.choices:
                scope.choices[option] = [str(c) for c in action.choices]
            elif option in RULE_OPTIONS:
                scope.choices[option] = codes
            elif action.metavar in FILE_METAVARS or option == "--dir":
                scope.files.append(option)
    return scope


def _short(text: str) -> str:
    """The first clause of a help text, for the one-line descriptions fish shows."""
    for stop in ("；", "（", ";", " ("):
        text = text.split(stop)[0]
    return text.strip()


def commands(parser: argparse.ArgumentParser) -> dict[str, tuple[argparse.ArgumentParser, str]]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {a.dest: a.help or "" for a in action._choices_actions}
            return {name: (sub, helps.get(name, "")) for name, sub in action.choices.items()}
    return {}


def _words(items: list[str]) -> str:
    return " ".join(items)


def bash_script(parser: argparse.ArgumentParser, codes: list[str]) -> str:
    top = scope_of(parser, codes)
    subs = {name: scope_of(sub, codes) for name, (sub, _) in commands(parser).items()}
    lines = [
        "# bash completion for oahandbook (`oahandbook completion bash`)",
        "_oahandbook() {",
        '    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"',
        '    local cmd="" i=1 word',
        "    while (( i < COMP_CWORD )); do",
        '        word="${COMP_WORDS[i]}"',
        '        if [[ -z "$cmd" ]]; then',
        '            case "$word" in',
    ]
    if top.valued:
        lines.append(f"                {'|'.join(top.valued)}) ((i++)) ;;")
    lines += [
        "                -*) ;;",
        '                *) cmd="$word" ;;',
        "            esac",
        "        fi",
        "        ((i++))",
        "    done",
        '    case "$cmd" in',
    ]
    for name, scope in [("", top), *subs.items()]:
        words = _words(list(subs)) if not name else _words(scope.positional_choices)
        lines.append(f'        "{name}")')
        lines.append('            case "$prev" in')
        for option, values in scope.choices.items():
            lines.append(f'                {option}) COMPREPLY=($(compgen -W "{_words(values)}" -- "$cur")); return ;;')
        if scope.files:
            lines.append(f'                {"|".join(scope.files)}) COMPREPLY=($(compgen -f -- "$cur")); return ;;')
        free = [o for o in scope.valued if o not in scope.choices and o not in scope.files]
        if free:
            lines.append(f"                {'|'.join(free)}) return ;;")
        lines += [
            "            esac",
            '            if [[ "$cur" == -* ]]; then',
            f'                COMPREPLY=($(compgen -W "{_words(scope.options)}" -- "$cur"))',
        ]
        if words:
            lines += ["            else", f'                COMPREPLY=($(compgen -W "{words}" -- "$cur"))']
        lines += ["            fi", "            ;;"]
    lines += [
        "    esac",
        "}",
        "complete -o default -F _oahandbook oahandbook",
        "",
    ]
    return "\n".join(lines)


def zsh_script(parser: argparse.ArgumentParser, codes: list[str]) -> str:
    return (
        "# zsh completion for oahandbook (`oahandbook completion zsh`): zsh runs the bash one\n"
        "(( $+functions[compdef] )) || { autoload -U +X compinit && compinit }\n"
        "autoload -U +X bashcompinit && bashcompinit\n" + bash_script(parser, codes)
    )


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def fish_script(parser: argparse.ArgumentParser, codes: list[str]) -> str:
    subs = commands(parser)
    lines = ["# fish completion for oahandbook (`oahandbook completion fish`)"]
    names = " ".join(subs)
    for name, (_, text) in subs.items():
        lines.append(
            f"complete -c oahandbook -n 'not __fish_seen_subcommand_from {names}' -f -a {name} -d {_fish_quote(text)}"
        )
    for name, scope in [("", scope_of(parser, codes)), *((n, scope_of(s, codes)) for n, (s, _) in subs.items())]:
        condition = f"'__fish_seen_subcommand_from {name}'" if name else f"'not __fish_seen_subcommand_from {names}'"
        seen: set[str] = set()
        for option in scope.options:
            if option in seen:
                continue
            seen.add(option)
            flag = f"-l {option[2:]}" if option.startswith("--") else f"-s {option[1:]}"
            extra = ""
            if option in scope.choices:
                # values on a line of their own, before the option's: a -d on the same line would
                # describe every value with the option's help
                values = _fish_quote(" ".join(scope.choices[option]))
                lines.append(f"complete -c oahandbook -n {condition} {flag} -x -a {values}")
                extra = " -x"
            elif option in scope.files:
                extra = " -r -F"
            elif option in scope.valued:
                extra = " -x"
            lines.append(f"complete -c oahandbook -n {condition} {flag}{extra} -d {_fish_quote(scope.helps[option])}")
        if name and scope.positional_choices:
            values = _fish_quote(" ".join(scope.positional_choices))
            lines.append(f"complete -c oahandbook -n {condition} -f -a {values}")
    return "\n".join(lines) + "\n"


SCRIPTS = {"bash": bash_script, "zsh": zsh_script, "fish": fish_script}


def run(args) -> int:
    from oahandbook.commands.argtext import speaking
    from oahandbook.commands.main import build_parser
    from oahandbook.engine.runtime import load_runtime

    lang = args.lang or "zh"
    with speaking(lang):
        parser = build_parser(lang)
    codes = sorted(load_runtime().rules)
    sys.stdout.write(SCRIPTS[args.shell](parser, codes))
    return Exit.CLEAN
