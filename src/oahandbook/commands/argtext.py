"""argparse's own words ("usage:", section titles, its error messages) in the user's language,
and help laid out by terminal columns.

argparse looks each of its strings up through ``gettext`` when it uses it (the module-level
``argparse._`` and ``argparse.ngettext``). :func:`speaking` puts a lookup in this table in their
place while the command line is built, parsed and its help printed, and puts the originals
back afterwards, so nothing else in the process (pytest, a host program) is affected. Strings
of an argparse version not listed here stay English rather than fail.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

from oahandbook.outputs.terminal import columns, text_width, wrap

ZH = {
    "usage: ": "用法：",
    "positional arguments": "位置参数",
    "options": "选项",
    "optional arguments": "选项",
    "show this help message and exit": "显示本帮助并退出",
    "the following arguments are required: %s": "缺少必需的参数：%s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的取值 %(value)r（可选：%(choices)s）",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)": (
        "无效的取值 %(value)r，是否想写 %(closest)r？（可选：%(choices)s）"
    ),
    "argument %(argument_name)s: %(message)s": "参数 %(argument_name)s：%(message)s",
    "unrecognized arguments: %s": "无法识别的参数：%s",
    "expected one argument": "需要一个值",
    "expected at most one argument": "最多只能有一个值",
    "expected at least one argument": "至少需要一个值",
    "expected %s argument": "需要 %s 个值",
    "expected %s arguments": "需要 %s 个值",
    "ambiguous option: %(option)s could match %(matches)s": "选项 %(option)s 有歧义，可能是：%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同时使用",
    "one of the arguments %s is required": "参数 %s 中必须给出一个",
    "invalid %(type)s value: %(value)r": "无效的值 %(value)r",
    "ignored explicit argument %r": "忽略了多余的值 %r",
    "unexpected option string: %s": "意外的选项：%s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": "没有命令 %(parser_name)r（可选：%(choices)s）",
    "can't open '%(filename)s': %(error)s": "无法打开 “%(filename)s”：%(error)s",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误：%(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s：警告：%(message)s\n",
    "subcommands": "命令",
}


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """argparse's strings in ``lang`` inside the block (``en``: argparse's own)."""
    if lang != "zh":
        yield
        return
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]

    def gettext(message: str) -> str:
        return ZH.get(message, message) if isinstance(message, str) else message

    def ngettext(singular: str, plural: str, n: int) -> str:
        return ZH.get(singular if n == 1 else plural) or (singular if n == 1 else plural)

    argparse._, argparse.ngettext = gettext, ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class Formatter(argparse.HelpFormatter):
    """argparse's help with lines wrapped by terminal columns (a Chinese character takes two:
    argparse counts one and overflows the terminal) and paragraphs and lines of descriptions
    and epilogs kept as written."""

    def __init__(self, prog: str):
        super().__init__(prog, max_help_position=30, width=columns(100) - 2)

    def _format_usage(self, usage, actions, groups, prefix) -> str:  # type: ignore[override]
        # argparse indents the usage's continuation lines by len("用法："), not by its columns.
        text = super()._format_usage(usage, actions, groups, prefix)
        shown = argparse._("usage: ") if prefix is None else prefix  # type: ignore[attr-defined]
        extra = text_width(shown) - len(shown)
        if extra <= 0:
            return text
        first, *rest = text.split("\n")
        return "\n".join([first, *(" " * extra + line if line.strip() else line for line in rest)])

    def _split_lines(self, text: str, width: int) -> list[str]:
        return wrap(text, width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        out = []
        for line in text.splitlines():
            lead = line[: len(line) - len(line.lstrip(" "))]
            if not line.strip():
                out.append("")
            elif text_width(line) <= width:
                out.append(indent + line)
            else:
                out.extend(indent + lead + piece for piece in wrap(line, width - len(lead)))
        return "\n".join(out)
