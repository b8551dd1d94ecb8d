"""Markdown rendered as the handbook renders it, shared by the site tests."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@cache
def _markdown_config() -> tuple[list, dict]:
    from mkdocs.config import load_config

    config = load_config(str(ROOT / "mkdocs.yml"))
    return list(config.markdown_extensions), dict(config.mdx_configs)


def render(text: str) -> str:
    """Markdown → HTML with the site's extensions (front matter dropped, as MkDocs does)."""
    import markdown

    extensions, configs = _markdown_config()
    text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    return markdown.Markdown(extensions=extensions, extension_configs=configs).convert(text)
