"""The handbook's complete Markdown source, one self-contained tree per language.

``oahandbook site build`` writes, for each language, ``<out>/<lang>/``::

    mkdocs.yml      the engine's config (MkDocs or Zensical read the same file)
    docs/           every page: hand-written ones with their figures rendered, generated ones
                    (regulation, rules, checklists, changelog, glossary, API), glossary
                    abbreviations, last-updated dates, downloads and JSON Schemas
    overrides/      the theme overrides

Each language is a site of its own (Chinese at ``/``, English at ``/en/``) with its own search
index; the header's language switcher goes to the same page in the other language. No engine
hook, macro or i18n plugin takes part in making the pages, so any engine that reads a Material
``mkdocs.yml`` builds the tree. Writing is incremental: unchanged files are left alone (a
running ``serve`` reloads only what changed) and files that are no longer made are removed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from oahandbook.base.i18n import Lang
from oahandbook.engine.findings import LANG_DIRS, handbook_base
from oahandbook.site import build as site
from oahandbook.site import links, printpage
from oahandbook.site.glossary import abbreviations, load_glossary
from oahandbook.site.labels import label
from oahandbook.site.macros import render_page

LANGS: tuple[Lang, ...] = ("zh", "en")
DEFAULT_LANG: Lang = "zh"
CONFIG = "mkdocs.yml"
BUILT = "site"  # where an engine builds a language's tree (Zensical wants it inside the tree)
GLOSSARY = "includes/glossary.yaml"
PRINT_COVER = "includes/print-cover.html"
THEME = Path(__file__).parent / "theme"
# Navigation titles of the English site (mkdocs.yml's nav is written in Chinese).
NAV_EN = {
    "首页": "Home",
    "制度": "Regulation",
    "检查规则": "Rules",
    "检查清单": "Checklists",
    "使用指南": "Guides",
    "参考": "Reference",
    "术语表": "Glossary",
    "变更记录": "Changelog",
    "发布": "Releasing",
}
LANG_NAMES = {"zh": "简体中文", "en": "English"}
ChecklistFiles = Callable[[Any, str], dict[str, bytes]]


class TreeError(ValueError):
    """The handbook's sources cannot be made into a tree (message names the file)."""


# --------------------------------------------------------------------------- config file


class Tagged:
    """A YAML node with a Python tag (``!!python/object/apply:…``), kept as written."""

    def __init__(self, tag: str, value: Any):
        self.tag, self.value = tag, value


class _Loader(yaml.SafeLoader):
    pass


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    """MkDocs' ``!ENV [NAME, default]``: resolved now, when the tree is written."""
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else [*names, None]
    for name in variables:
        if os.environ.get(name):
            return os.environ[name]
    return default


def _python(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Tagged:
    if isinstance(node, yaml.MappingNode):
        value: Any = loader.construct_mapping(node, deep=True)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = loader.construct_scalar(node)
    return Tagged(node.tag, value)


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python)


class _Dumper(yaml.SafeDumper):
    pass


def _represent_tagged(dumper: yaml.SafeDumper, data: Tagged) -> yaml.Node:
    if isinstance(data.value, dict):
        return dumper.represent_mapping(data.tag, data.value)
    if isinstance(data.value, list):
        return dumper.represent_sequence(data.tag, data.value)
    return dumper.represent_scalar(data.tag, data.value)


_Dumper.add_representer(Tagged, _represent_tagged)


def load_base_config(project: Path) -> dict[str, Any]:
    """The project's ``mkdocs.yml``: what every language's config starts from."""
    path = project / CONFIG
    try:
        with path.open(encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_Loader)  # a SafeLoader that keeps python/ tags as data
    except (OSError, yaml.YAMLError) as exc:
        raise TreeError(f"{path}: {exc}") from None


def site_url(base: dict[str, Any]) -> str:
    return (
        handbook_base(base.get("site_url") or None) + "/"
    )  # the config's, else $OAHANDBOOK_SITE_URL, else the preview


def switch_link(lang: Lang, other: Lang) -> str:
    """From the root of ``lang``'s site to the root of ``other``'s (``en/``, ``../``, ``./``)."""
    if lang == other:
        return "./"
    up = "../" * LANG_DIRS[lang].count("/")
    return up + LANG_DIRS[other] if up or LANG_DIRS[other] else "./"


def language_config(base: dict[str, Any], lang: Lang, *, url: str, bundle) -> dict[str, Any]:
    """One language's config: the base with this language's names, address, search and links."""
    config = {key: value for key, value in base.items() if key not in ("docs_dir", "site_dir", "hooks")}
    config["docs_dir"] = "docs"
    config["site_dir"] = BUILT
    config["site_url"] = url + LANG_DIRS[lang]
    if lang != DEFAULT_LANG:
        config["site_name"] = label("site.name", lang)
        config["site_description"] = label("site.description", lang)
        config["copyright"] = label("site.copyright", lang)
    theme = dict(config.get("theme", {}))
    theme["language"] = lang
    theme["custom_dir"] = "overrides"
    theme["palette"] = [
        {
            **scheme,
            "toggle": {**scheme["toggle"], "name": label(f"site.palette.{scheme['scheme']}", lang)},
        }
        for scheme in theme.get("palette", [])
    ]
    config["theme"] = theme
    extra = dict(config.get("extra") or {})
    # The switcher's links are this site's root and the other's; the theme override adds the
    # page's own path to each, so the switcher stays on the same page.
    extra["alternate"] = [
        {"name": LANG_NAMES[other], "lang": other, "link": switch_link(lang, other)} for other in LANGS
    ]
    if lang != DEFAULT_LANG and extra.pop("version", None):
        # Material's version selector reads ../versions.json from the site's root and links
        # versions beside it: right for the Chinese site (/1.0/), wrong under /1.0/en/. The
        # theme's own (theme/partials/version-selector.html) goes up to the version's root.
        extra["handbook_versions"] = {"up": switch_link(lang, DEFAULT_LANG), "lang_dir": LANG_DIRS[lang]}
    extra["handbook_print"] = site.print_cover(bundle, lang)
    extra["handbook_lang"] = lang
    config["extra"] = extra
    plugins = []
    for plugin in config.get("plugins", []):
        name, options = (plugin, {}) if isinstance(plugin, str) else next(iter(plugin.items()))
        options = dict(options or {})
        if name == "search":
            # Chinese pages hold English names too (PI01, config keys); Material's worker needs
            # "en" beside "zh" (lunr.zh alone wants jieba in the browser). jieba segments at build.
            options["lang"] = ["en", "zh"] if lang == "zh" else ["en"]
        if name == "print-site":
            options["print_page_title"] = label("print.title", lang)
            options["toc_title"] = label("print.toc", lang)
            options["cover_page_template"] = "print-cover.html"
        plugins.append({name: options} if options else name)
    config["plugins"] = plugins
    config["nav"] = _nav(config.get("nav", []), bundle, lang)
    config.pop("exclude_docs", None)
    return config


def _nav(nav: list[Any], bundle, lang: Lang) -> list[Any]:
    nav = site.nav_with_rules(_copy(nav), bundle)

    def translate(items: list[Any]) -> list[Any]:
        out = []
        for item in items:
            if isinstance(item, dict):
                (title, value), *_ = item.items()
                title = NAV_EN.get(title, title) if lang == "en" else title
                out.append({title: translate(value) if isinstance(value, list) else value})
            else:
                out.append(item)
        return out

    return translate(nav)


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return [_copy(v) for v in value]
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


# --------------------------------------------------------------------------- pages


@dataclass
class LanguageTree:
    lang: Lang
    root: Path
    pages: list[str] = field(default_factory=list)  # source paths of the pages, sorted

    @property
    def config(self) -> Path:
        return self.root / CONFIG


@dataclass
class Tree:
    out: Path
    languages: dict[str, LanguageTree]
    written: int = 0
    removed: int = 0


def handwritten_pages(docs: Path, lang: Lang) -> dict[str, Path]:
    """Language-neutral source path → the file of ``lang`` (``usage.en.md`` for English)."""
    pages: dict[str, Path] = {}
    for path in sorted(docs.rglob("*.md")):
        rel = path.relative_to(docs).as_posix()
        if rel.startswith("includes/"):
            continue
        stem = rel.removesuffix(".md")
        if stem.endswith(".en"):
            if lang == "en":
                pages[stem.removesuffix(".en") + ".md"] = path
        elif lang == DEFAULT_LANG:
            pages[rel] = path
    return pages


def git_dates(project: Path, paths: list[Path]) -> dict[Path, str]:
    """The day each file was last committed (``YYYY-MM-DD``), from one ``git log``."""
    existing = [p for p in paths if p.exists()]
    if not existing:
        return {}
    try:
        proc = subprocess.run(
            ["git", "log", "--format=%x00%cs", "--name-only", "--no-renames", "--", *map(str, existing)],
            cwd=project,
            capture_output=True,
            text=True,
            timeout=120,
        )
        top = subprocess.run(
            ["git", "rev-parse", "--show-toplevel"], cwd=project, capture_output=True, text=True, timeout=30
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return {}
    if proc.returncode != 0 or not top:
        return {}
    dates: dict[Path, str] = {}
    day = ""
    for line in proc.stdout.splitlines():
        if line.startswith("\0"):
            day = line[1:]
        elif line.strip():
            dates.setdefault((Path(top) / line.strip()).resolve(), day)
    return dates


def with_meta(text: str, **meta: str) -> str:
    """``text`` with these keys added to (or a front matter made for) its YAML front matter."""
    import json

    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in meta.items() if value]
    if not lines:
        return text
    if text.startswith("---\n"):
        return "---\n" + "\n".join(lines) + "\n" + text[4:]
    return "---\n" + "\n".join(lines) + "\n---\n\n" + text


def language_files(
    project: Path,
    lang: Lang,
    *,
    base: dict[str, Any],
    bundle,
    url: str,
    samples: dict,
    checklist_files: ChecklistFiles | None = None,
) -> tuple[dict[str, bytes], list[str]]:
    """Every file of one language's tree (path relative to the tree → bytes), and its pages."""
    docs = project / str(base.get("docs_dir") or "docs")
    files: dict[str, bytes] = {}
    pages: dict[str, str] = {}
    page_sources: dict[str, list[Path]] = {}

    glossary = load_glossary(docs / GLOSSARY) if (docs / GLOSSARY).is_file() else None
    for path, source in handwritten_pages(docs, lang).items():
        text = source.read_text(encoding="utf-8")
        where = source.relative_to(project).as_posix()
        pages[path] = render_page(text, where, bundle, lang, path, project=project, site_url=url, samples=samples)
        page_sources[path] = [source]

    checklist_dir = project / "checklists"
    downloads = site.checklist_downloads(checklist_dir)
    rendered = checklist_files(bundle, url) if checklist_files is not None else {}
    contents = {name: rendered.get(name) or (checklist_dir / name).read_bytes() for name in downloads}
    task_lists = {name: data.decode("utf-8") for name, data in contents.items() if name.endswith(".md")}
    data = site.data_dir()
    pages_made = site.generated_pages(bundle, lang, checklist_files=downloads, glossary=glossary, task_lists=task_lists)
    for page in pages_made:
        pages[page.path] = page.content
        page_sources[page.path] = [data / s for s in page.sources] if data is not None else []

    dates = git_dates(project, sorted({p for sources in page_sources.values() for p in sources}))
    terms = abbreviations(glossary, lang) if glossary is not None else ""
    for path, text in pages.items():
        newest = max((dates.get(p.resolve(), "") for p in page_sources[path]), default="")
        text = with_meta(text, revision_date=newest)
        if terms and path != links.GLOSSARY:
            text = text.rstrip("\n") + "\n\n" + terms + "\n"
        files[f"docs/{path}"] = text.encode("utf-8")

    for asset in sorted((docs / "assets").rglob("*")) if (docs / "assets").is_dir() else []:
        if asset.is_file():
            files[f"docs/{asset.relative_to(docs).as_posix()}"] = asset.read_bytes()

    for name, content in contents.items():
        # An engine takes a .md file for a page: the task lists are shown on the page instead.
        if not name.endswith(".md"):
            files[f"docs/checklists/{name}"] = content
    schema_dir = project / "schemas"
    for schema in sorted(schema_dir.glob("*.schema.json")) if schema_dir.is_dir() else []:
        files[f"docs/schemas/{schema.name}"] = schema.read_bytes()

    for theme_file in sorted(THEME.rglob("*")):
        if theme_file.is_file() and "__pycache__" not in theme_file.parts:
            files[f"overrides/{theme_file.relative_to(THEME).as_posix()}"] = theme_file.read_bytes()
    if (docs / PRINT_COVER).is_file():
        files["print-cover.html"] = (docs / PRINT_COVER).read_bytes()

    config = language_config(base, lang, url=url, bundle=bundle)
    header = (
        "# Written by `oahandbook site build` from mkdocs.yml and the package's data: do not edit.\n"
        "# Build: mkdocs build --strict -f THIS_FILE  (or: zensical build --strict -f THIS_FILE)\n"
    )
    files[CONFIG] = (header + yaml.dump(config, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=120)).encode(
        "utf-8"
    )
    return files, sorted(pages)


def sync(root: Path, files: dict[str, bytes], keep: tuple[str, ...] = ()) -> tuple[int, int]:
    """Make ``root`` hold exactly ``files`` (and what is under ``keep``): write what changed,
    remove what is gone."""
    written = removed = 0
    for rel, content in files.items():
        path = root / rel
        if path.is_file() and path.read_bytes() == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        tmp.write_bytes(content)
        tmp.replace(path)
        written += 1
    if root.is_dir():
        for path in sorted(root.rglob("*"), reverse=True):
            rel = path.relative_to(root).as_posix()
            if keep and (rel + "/").startswith(keep):
                continue
            if path.is_file() and rel not in files:
                path.unlink()
                removed += 1
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()
    return written, removed


def write_tree(
    project: Path,
    out: Path,
    *,
    langs: tuple[Lang, ...] = LANGS,
    samples: dict | None = None,
    checklist_files: ChecklistFiles | None = None,
) -> Tree:
    """Write every language's tree under ``out`` (an engine builds each into ``<lang>/site``).
    ``checklist_files(bundle, site_url)`` renders the checklist files as this site publishes
    them (the commands layer passes it: the checklists are a sibling of the site); without it
    the committed files under ``checklists/`` are published as they are."""
    project = project.resolve()
    out = out if out.is_absolute() else project / out
    base = load_base_config(project)
    url = site_url(base)
    bundle = site.site_bundle()
    tree = Tree(out, {})
    samples = {} if samples is None else samples
    if checklist_files is not None:  # both languages publish the same files: rendered once
        render, rendered = checklist_files, {}

        def checklist_files(bundle, url: str) -> dict[str, bytes]:
            if url not in rendered:
                rendered[url] = render(bundle, url)
            return rendered[url]

    for lang in langs:
        root = out / lang
        files, pages = language_files(
            project, lang, base=base, bundle=bundle, url=url, samples=samples, checklist_files=checklist_files
        )
        # What the engine wrote is kept: it is not a source file.
        written, removed = sync(root, files, keep=(BUILT + "/", ".cache/"))
        tree.written += written
        tree.removed += removed
        tree.languages[lang] = LanguageTree(lang, root, pages)
    return tree


def assemble(tree: Tree, site_dir: Path) -> None:
    """Put each language's built site (``<lang>/site``, where its engine wrote it) together:
    Chinese at ``site_dir``, English at ``site_dir/en``; then make it work offline and mend
    the print pages' links (:mod:`oahandbook.site.printpage`)."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    for lang in sorted(tree.languages, key=lambda lang: len(LANG_DIRS[lang])):
        language = tree.languages[lang]
        target = site_dir / LANG_DIRS[lang] if LANG_DIRS[lang] else site_dir
        shutil.copytree(language.root / BUILT, target, dirs_exist_ok=True)
    offline(site_dir)
    printpage.mend_site(site_dir)


# Scripts a theme's bundle loads from a CDN when the browser lacks something (Material: the
# ResizeObserver polyfill for old WebViews, mermaid for diagrams the handbook does not use).
_CDN_SCRIPT = re.compile(r"https?://(?:unpkg\.com|cdn\.jsdelivr\.net|cdnjs\.cloudflare\.com)/[^\"'`\s\\]*")
RESIZE_OBSERVER = THEME / "partials" / "resize-observer.html"  # a script; .html: engines copy no template


def offline(site_dir: Path) -> int:
    """Point every CDN script address in the built site's JavaScript at a local stand-in, so no
    browser feature test makes the site fetch from another host: the ResizeObserver polyfill
    becomes the handbook's own (``theme/partials/resize-observer.html``, also run in every page's
    head), anything else an empty script. Returns the number of files changed."""
    from urllib.parse import quote

    shim = "data:text/javascript," + quote(RESIZE_OBSERVER.read_text(encoding="utf-8"), safe="")
    empty = "data:text/javascript,"
    changed = 0
    for path in sorted(site_dir.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="surrogateescape")
        new = _CDN_SCRIPT.sub(lambda m: shim if "resize-observer" in m.group(0) else empty, text)
        if new != text:
            path.write_text(new, encoding="utf-8", errors="surrogateescape")
            changed += 1
    for path in sorted(site_dir.rglob("*.js.map")):
        path.unlink()  # source maps repeat the addresses; a reader's browser never needs them
    return changed
