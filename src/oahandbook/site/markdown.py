"""Writing Markdown from data: escaping, code fences, tables, admonitions.

The site enables ``pymdownx.escapeall``, so a backslash escapes any ASCII punctuation; that is
what lets :func:`escape` show the regulation's words exactly as written, whatever they contain.
"""

from __future__ import annotations

import html
import re

# ASCII punctuation that Markdown or one of the site's extensions may read as syntax.
_SPECIAL = re.compile(r"[\\`*_\[\](){}#+\-.!|~^=:$@]")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)


def escape(text: str) -> str:
    """Plain text as Markdown that renders to exactly that text (no markup, no HTML)."""
    out = []
    for char in text:
        if char == "&":
            out.append("&amp;")
        elif char == "<":
            out.append("&lt;")
        elif char == ">":
            out.append("&gt;")
        elif _SPECIAL.fullmatch(char):
            out.append("\\" + char)
        else:
            out.append(char)
    return "".join(out)


def escape_block(text: str) -> str:
    """Multi-line plain text: each line escaped, line breaks kept, paragraphs kept."""
    paragraphs = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join("  \n".join(escape(line.strip()) for line in p.splitlines()) for p in paragraphs)


def code_span(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def inline_text(text: str) -> str:
    """A rule's prose (why, fix, message): plain text, except that `code spans` stay code.

    HTML comments (the waiver syntax, ``<!-- oahandbook-disable … -->``) are shown as code, not
    swallowed by the browser.
    """
    out = []
    pos = 0
    for match in _CODE_SPAN.finditer(text):
        out.append(_escape_with_comments(text[pos : match.start()]))
        out.append(code_span(match.group(2)))
        pos = match.end()
    out.append(_escape_with_comments(text[pos:]))
    return "".join(out)


def _escape_with_comments(text: str) -> str:
    out = []
    pos = 0
    for match in _HTML_COMMENT.finditer(text):
        out.append(escape(text[pos : match.start()]))
        out.append(code_span(match.group(0)))
        pos = match.end()
    out.append(escape(text[pos:]))
    return "".join(out)


def fence(code: str, lang: str = "text", *, title: str | None = None, hl_lines: list[int] | None = None) -> str:
    """A fenced code block that no content can close early."""
    longest = max((len(m) for m in re.findall(r"`{3,}", code)), default=0)
    ticks = "`" * max(3, longest + 1)
    options = [lang]
    if title:
        options.append(f'title="{html.escape(title, quote=True)}"')
    if hl_lines:
        options.append('hl_lines="' + " ".join(str(n) for n in sorted(set(hl_lines))) + '"')
    body = code if code.endswith("\n") else code + "\n"
    return f"{ticks} {' '.join(options)}\n{body}{ticks}"


def indent(text: str, spaces: int = 4) -> str:
    pad = " " * spaces
    return "\n".join(pad + line if line.strip() else "" for line in text.splitlines())


def admonition(kind: str, title: str, body: str, *, collapsible: bool = False, open_: bool = False) -> str:
    marker = ("???+" if open_ else "???") if collapsible else "!!!"
    safe_title = title.replace('"', "&quot;")
    return f'{marker} {kind} "{safe_title}"\n\n{indent(body)}\n'


def table(header: list[str], rows: list[list[str]], align: list[str] | None = None) -> str:
    """A pipe table; cells are Markdown already (escape plain text with :func:`escape`)."""
    align = align or ["left"] * len(header)
    marks = {"left": ":--", "center": ":-:", "right": "--:"}
    lines = [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join(marks[a] for a in align) + " |",
    ]
    for row in rows:
        lines.append("| " + " | ".join(cell.replace("\n", " ") for cell in row) + " |")
    return "\n".join(lines)


# Front-matter keys the theme puts into the page's HTML as they are (<title>, navigation, header,
# footer, search results): their values are written as HTML text.
_HTML_META = ("title", "description")


def front_matter(**meta: object) -> str:
    """YAML front matter from simple values (strings are quoted as JSON, which YAML reads).

    A ``title`` (and ``description``) is HTML-escaped: the theme's templates insert it without
    escaping into ``<title>``, the navigation and the header, so a rule title holding
    ``<script>`` would run on every page.
    """
    import json

    lines = ["---"]
    for key, value in meta.items():
        if key in _HTML_META and isinstance(value, str):
            value = html.escape(value, quote=True)
        lines.append(f"{key}: {json.dumps(value, ensure_ascii=False)}")
    lines.append("---")
    return "\n".join(lines) + "\n\n"


def html_text(text: str) -> str:
    """Text for an HTML attribute or element in raw HTML inside Markdown."""
    return html.escape(text, quote=True)


# Characters a URL keeps as written; anything else (spaces, quotes, angle brackets, parentheses,
# backslashes, non-ASCII) is percent-encoded so it cannot end a Markdown link or an attribute.
_URL_SAFE = ":/?#@!$&'*+,;=%~-._"


def link_url(url: str | None) -> str | None:
    """``url`` as a Markdown link destination, or None unless it is an http(s) URL with a host.

    The data's URLs are checked when it is validated (``oahandbook.data.models.HttpUrl``); this
    is the second line: a URL that got past it is encoded, or not linked at all.
    """
    from urllib.parse import quote, urlsplit

    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return quote(url.strip(), safe=_URL_SAFE)


_RAW_HTML = re.compile(r"<(?=[A-Za-z/!?])")
_FENCE_LINE = re.compile(r"^\s*(`{3,}|~{3,})")


def guidance_markdown(text: str) -> str:
    """The handbook's guidance (Markdown) with any raw HTML shown as text, not run.

    Validation refuses raw HTML in guidance (``oahandbook.data.models.GuidanceText``); this keeps
    a page safe from data that was never validated. Code spans and fenced code are left alone.
    """
    out = []
    in_fence = ""
    for line in text.splitlines(keepends=True):
        fence_match = _FENCE_LINE.match(line)
        if in_fence:
            if fence_match and fence_match.group(1)[0] == in_fence[0] and len(fence_match.group(1)) >= len(in_fence):
                in_fence = ""
            out.append(line)
            continue
        if fence_match:
            in_fence = fence_match.group(1)
            out.append(line)
            continue
        pos = 0
        for match in _CODE_SPAN.finditer(line):
            out.append(_RAW_HTML.sub("&lt;", line[pos : match.start()]))
            out.append(match.group(0))
            pos = match.end()
        out.append(_RAW_HTML.sub("&lt;", line[pos:]))
    return "".join(out)
