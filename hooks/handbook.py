"""MkDocs hook: connects build events to ``oahandbook.site``; all rendering lives there.

mkdocs-static-i18n builds the site once per language (Chinese at ``/``, then English at
``/en/``), running every event again; each handler below works for the language being built.

* ``on_config``: a nav entry per rule; the print page of each language at its own address.
* ``on_files``: the generated pages, the checklist downloads, the JSON Schemas.
* ``on_page_markdown``: glossary tooltips; the data files' git date on generated pages.
* ``on_page_context``: the language switcher links to this page in the other language.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

from oahandbook.checklists.render import render_all
from oahandbook.engine.findings import handbook_base
from oahandbook.site import build as site
from oahandbook.site import links
from oahandbook.site.glossary import abbreviations, load_glossary
from oahandbook.site.labels import label

DEFAULT_LANG = "zh"
LANGS = ("zh", "en")
GLOSSARY = "includes/glossary.yaml"


def _lang(config) -> str:
    return "en" if str(config.theme["language"]).startswith("en") else "zh"


def _root(config) -> Path:
    return Path(config.config_file_path).resolve().parent


def _localized(path: str, lang: str) -> tuple[str, str]:
    """(src_uri, dest_uri) of a generated page, laid out as mkdocs-static-i18n lays out docs/."""
    stem, ext = posixpath.splitext(path)
    dest = f"{stem}.html" if posixpath.basename(stem) == "index" else f"{stem}/index.html"
    if lang == DEFAULT_LANG:
        return path, dest
    return f"{stem}.{lang}{ext}", f"{lang}/{dest}"


def _url(dest_uri: str) -> str:
    return dest_uri.removesuffix("index.html") or "./"


class _Counterpart:
    """What mkdocs-static-i18n and this hook read from an entry of ``file.alternates``."""

    def __init__(self, url: str):
        self.url = url
        self.page = None


class Download(File):
    """A generated file published as is (the checklists' Markdown too), never rendered as a page."""

    def is_documentation_page(self) -> bool:
        return False

    def is_media_file(self) -> bool:
        return True


@event_priority(-110)  # after mkdocs-static-i18n (-100) has set this build's language
def on_config(config):
    site.nav_with_rules(config.nav or [], site.site_bundle())
    lang = _lang(config)
    print_site = config.plugins.get("print-site")
    if print_site is not None and getattr(print_site, "print_file", None) is not None:
        # mkdocs-print-site knows one print page; give each language its own.
        _, dest = _localized("print_page.md", lang)
        print_site.print_file.dest_uri = dest
        for cached in ("url", "abs_dest_path"):
            print_site.print_file.__dict__.pop(cached, None)
        print_site.print_page.title = label("print.title", lang)
        print_site.print_page._set_canonical_url(config.site_url)
        print_site.config["print_page_title"] = label("print.title", lang)
        print_site.config["toc_title"] = label("print.toc", lang)
    config.extra["handbook_print"] = site.print_cover(site.site_bundle(), lang)
    return config


@event_priority(-150)  # after mkdocs-static-i18n (-100), which rebuilds the file list per language
def on_files(files, config):
    lang = _lang(config)
    root = _root(config)
    checklist_dir = root / "checklists"
    downloads = site.checklist_downloads(checklist_dir)
    glossary = load_glossary(Path(config.docs_dir) / GLOSSARY)
    for page in site.generated_pages(site.site_bundle(), lang, checklist_files=downloads, glossary=glossary):
        src_uri, dest_uri = _localized(page.path, lang)
        file = File.generated(config, src_uri, content=page.content, inclusion=InclusionLevel.INCLUDED)
        file.dest_uri = dest_uri
        file.name = posixpath.splitext(posixpath.basename(page.path))[0]
        file.oahandbook_sources = page.sources
        # mkdocs-static-i18n's attributes: the page is this language's own version.
        file.locale = file.locale_alternate_of = lang
        file.localization = None if lang == DEFAULT_LANG else lang
        file.norm_src_uri = page.path
        file.alternates = {other: _Counterpart(_url(_localized(page.path, other)[1])) for other in LANGS}
        files.append(file)
    rendered = _checklist_files(config.site_url)
    for name in downloads:
        if name in rendered:
            files.append(Download.generated(config, f"checklists/{name}", content=rendered[name]))
        else:
            files.append(Download.generated(config, f"checklists/{name}", abs_src_path=str(checklist_dir / name)))
    i18n = config.plugins.get("i18n")
    if i18n is not None and hasattr(i18n, "i18n_files_per_language"):
        # Its sitemap.xml lists the pages it saw; the generated ones belong there too (Material's
        # version selector uses the sitemap to keep the reader on the same page).
        i18n.i18n_files_per_language[lang] = files.documentation_pages()
    schema_dir = root / "schemas"
    if schema_dir.is_dir():
        for path in sorted(schema_dir.glob("*.schema.json")):
            files.append(Download.generated(config, f"schemas/{path.name}", abs_src_path=str(path)))
    return files


def _checklist_files(site_url: str | None) -> dict[str, bytes]:
    """The checklist files as this site publishes them: their links start at the site's own
    address (site_url, from OAHANDBOOK_SITE_URL), so that a downloaded checklist pasted into an
    issue still links to this handbook; the committed ones link relatively."""
    try:
        return render_all(site.site_bundle(), base=handbook_base(site_url))
    except LookupError:  # data without checklists: the committed files, if any, as they are
        return {}


_glossary_cache: dict[tuple[str, str], str] = {}
_dates: dict[str, tuple[str, int]] = {}


@event_priority(-50)  # after mkdocs-macros and git-revision-date-localized
def on_page_markdown(markdown, page, config, files):
    sources = getattr(page.file, "oahandbook_sources", None)
    git = config.plugins.get("git-revision-date-localized")
    if sources and git is not None:
        _date_from_data(page, git, sources)
    if getattr(page.file, "norm_src_uri", page.file.src_uri) == links.GLOSSARY:
        return markdown  # the glossary page defines the terms; no tooltips on it
    lang = _lang(config)
    key = (config.docs_dir, lang)
    if key not in _glossary_cache:
        _glossary_cache[key] = abbreviations(load_glossary(Path(config.docs_dir) / GLOSSARY), lang)
    return markdown + "\n\n" + _glossary_cache[key] + "\n"


def _date_from_data(page, git, sources) -> None:
    """A generated page was last changed when the data it is made from was."""
    data = site.data_dir()
    if data is None:
        return
    newest = None
    for source in sources:
        path = str(data / source)
        if path not in _dates:
            _dates[path] = git.util.get_git_commit_timestamp(path=path)
        if newest is None or _dates[path][1] > newest[1]:
            newest = _dates[path]
    if newest is None:
        return
    formats = git.util.get_date_formats_for_timestamp(newest[1], locale=page.file.locale, add_spans=True)
    page.meta["git_revision_date_localized"] = formats[git.config["type"]]


def on_page_context(context, page, config, nav):
    alternates = getattr(page.file, "alternates", None)
    # mkdocs-static-i18n sets the switcher's entries per page as an attribute of config.extra
    # (the template reads that before the mapping's key), and leaves the home page's absolute.
    switcher = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
    for alternate in switcher:
        counterpart = (alternates or {}).get(alternate["lang"])
        if counterpart is not None:
            alternate["link"] = counterpart.url
    return context


def on_post_build(config):
    _glossary_cache.clear()
    _dates.clear()
