"""The library's API page, generated from the public names' signatures and docstrings.

Nothing is written by hand: ``oahandbook.__all__`` decides what is shown, so the page cannot
drift from the code, and the docstrings' examples are the ones ``tests/test_api.py`` runs.
"""

from __future__ import annotations

import inspect
import re
import typing

import oahandbook
import oahandbook.api
from oahandbook.base.i18n import Lang
from oahandbook.site import links
from oahandbook.site import markdown as md

PAGE = links.API

INTRO = {
    "zh": (
        "面向在 oahandbook 之上开发的团队（CMS 插件、审核机器人、整库审计）。"
        "命令行、pre-commit 钩子和 `oahandbook review` 都建立在这些名称之上，没有第二条检查路径。"
        "下列名称属于公开接口，版本升级时保持稳定；`oahandbook` 之下的子包是内部实现。"
        "本页列出各名称的签名；说明文字取自代码中的文档字符串（英文），见"
        '<a href="../en/api/" hreflang="en" lang="en">英文版的本页</a>，其中的示例由测试运行。'
    ),
    "en": (
        "For teams that build on oahandbook (a CMS plugin, a review bot, an audit of a whole archive). "
        "The CLI, the pre-commit hooks and `oahandbook review` are built on these same names; there is no "
        "second path. The names below are the public API and stay stable across versions; the subpackages "
        "below `oahandbook` are internals. The text is the code's docstrings, whose examples the tests run."
    ),
}
TITLE = {"zh": "Python 接口", "en": "Python API"}
INSTALL = {
    "zh": "安装：`pip install oahandbook`（或本仓库的 `pip install -e .`），然后：",
    "en": "Install with `pip install oahandbook` (or `pip install -e .` in this repository), then:",
}
EXAMPLE = """\
from oahandbook import Checker

checker = Checker(".oahandbook.yaml", lang="zh")   # 一次构建，反复使用 / build once, reuse
result = checker.check_file("drafts/2026-12-01.md")
for finding in result.findings:
    print(finding.line, finding.column, finding.code, finding.severity, finding.message())
print(result.exit_code)   # 0 clean, 1 errors, 2 unusable input
"""

TYPE_NOTE = {
    "Kind": {
        "zh": "文件的类型：草稿（article）、账号档案（account），或 auto（按文件名和内容判断）。",
        "en": "What a file is: a draft (article), an account file (account), or auto (decided by name and content).",
    },
    "Severity": {
        "zh": "级别：suggestion（提示，值得一看）、warning（警告）、error（错误，阻止提交）。",
        "en": "A level: suggestion (worth a look), warning, error (stops a commit).",
    },
}

_ROLE = re.compile(r":(?:class|func|meth|mod|attr|data):`~?([^`]+)`")
_LITERAL = re.compile(r"``([^`]+)``")


def _prose(text: str) -> str:
    """reST inline markup as Markdown: roles and double back-quotes become code spans."""
    return _LITERAL.sub(r"`\1`", _ROLE.sub(r"`\1`", text))


def docstring_markdown(doc: str) -> str:
    """A docstring as Markdown: paragraphs as text, ``>>>`` examples as Python console blocks."""
    out: list[str] = []
    example: list[str] = []
    for block in re.split(r"\n\s*\n", inspect.cleandoc(doc)):
        lines = block.splitlines()
        if lines and lines[0].lstrip().startswith(">>>"):
            example.extend(line.rstrip() for line in lines)
            continue
        if example:
            out.append("```pycon\n" + "\n".join(example) + "\n```")
            example = []
        if block.rstrip().endswith("::"):
            out.append(_prose(block.rstrip()[:-1]))
            continue
        if lines and all(line.startswith("    ") for line in lines):
            out.append("```python\n" + inspect.cleandoc(block) + "\n```")
            continue
        out.append(_prose(" ".join(line.strip() for line in lines)))
    if example:
        out.append("```pycon\n" + "\n".join(example) + "\n```")
    return "\n\n".join(out)


def _signature(name: str, obj: object) -> str:
    try:
        text = f"{name}{inspect.signature(obj)}"  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return name
    # Annotations are strings (postponed evaluation); defaults keep their quotes.
    return re.sub(r"(: |-> )'([^']*)'", r"\1\2", text).replace(" -> None", "")


def _members(cls: type) -> list[tuple[str, object]]:
    out = []
    for name, value in vars(cls).items():
        if name.startswith("_") or not (inspect.isfunction(value) or isinstance(value, property | classmethod)):
            continue
        out.append((name, value))
    return out


def _code_only(markdown: str) -> str:
    """The fenced code blocks of a docstring's Markdown (its examples), without its prose."""
    blocks, current, fence = [], [], ""
    for line in markdown.splitlines():
        match = re.match(r"(`{3,}|~{3,})", line.strip())
        if fence:
            current.append(line)
            if match and line.strip() == fence:
                blocks.append("\n".join(current))
                current, fence = [], ""
        elif match:
            fence, current = match.group(1), [line]
    return "\n\n".join(blocks)


def api_page(lang: Lang) -> str:
    out = [
        md.front_matter(title=TITLE[lang], render_macros=False),
        f"# {TITLE[lang]}",
        "",
        INTRO[lang],
        "",
        INSTALL[lang],
        "",
        "```python\n" + EXAMPLE + "```",
        "",
    ]
    # The docstrings are English: the Chinese page shows the signatures and links the English
    # page for the text (a zh page carries no English prose).
    english = lang == "en"
    module_doc = docstring_markdown(oahandbook.api.__doc__ or "")
    out += [module_doc if english else _code_only(module_doc), ""]
    for name in sorted(oahandbook.__all__, key=lambda n: (not n[0].isupper(), n.lower())):
        if name.startswith("__"):
            continue
        obj = getattr(oahandbook, name)
        out += [f"## `{name}` {{#{name.lower()}}}", ""]
        if typing.get_origin(obj) is typing.Literal:
            values = " | ".join(repr(v) for v in typing.get_args(obj))
            out += [f"```python\n{name} = Literal[{values}]\n```", "", TYPE_NOTE[name][lang], ""]
            continue
        kind = "class" if inspect.isclass(obj) else "function"
        signature = _signature(name, obj).replace("oahandbook.api.", "")
        out += [f"```python\n{'class ' if kind == 'class' else ''}{signature}\n```", ""]
        if obj.__doc__ and english:
            out += [docstring_markdown(obj.__doc__), ""]
        if inspect.isclass(obj) and obj.__module__.startswith("oahandbook"):
            for member, value in _members(obj):
                func = value.fget if isinstance(value, property) else getattr(value, "__func__", value)
                label = member if isinstance(value, property) else _signature(member, func).replace("(self, ", "(")
                label = label.replace("(self)", "()").replace("(cls, ", "(")
                doc = inspect.getdoc(func) or ""
                out += [f"### `{name}.{label}`", "", docstring_markdown(doc) if doc and english else "", ""]
    return "\n".join(out).rstrip() + "\n"
