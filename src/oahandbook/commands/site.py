"""``oahandbook site build|serve|deploy``: the handbook, made by the package, built by an engine.

* ``build`` writes each language's complete Markdown source and config (``--out``, default
  ``build/handbook/<lang>/``) and, unless ``--markdown-only``, builds it with ``--engine``
  (MkDocs, the default, or Zensical) with ``--strict`` into ``--site-dir`` (English under ``en/``).
* ``serve`` writes the tree, serves one language (``--site-lang``) with the engine's live
  reload, and rewrites the tree whenever the data, ``docs/``, ``checklists/``, ``schemas/``,
  ``examples/`` or ``mkdocs.yml`` change, so an edit to a rule's YAML shows in the browser.
* ``deploy VERSION`` copies the built site into ``--dest/VERSION/`` (and each ``--alias``),
  and writes ``versions.json`` as mike does, which the theme's version selector reads.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

from oahandbook.engine.findings import Exit

WATCHED = ("docs", "checklists", "schemas", "examples", "mkdocs.yml")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _project() -> Path:
    """The handbook project: the nearest folder up from here with mkdocs.yml and docs/."""
    here = Path.cwd().resolve()
    for folder in (here, *here.parents):
        if (folder / "mkdocs.yml").is_file() and (folder / "docs").is_dir():
            return folder
    raise FileNotFoundError("mkdocs.yml")


def _engine_command(engine: str, config: Path, verb: str = "build") -> list[str]:
    if engine == "zensical":
        exe = shutil.which("zensical", path=str(Path(sys.executable).parent)) or "zensical"
        return [exe, verb, "--strict", "-f", str(config)] if verb == "build" else [exe, verb, "-f", str(config)]
    return [sys.executable, "-m", "mkdocs", verb, "--strict", "-f", str(config)]


def _env() -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def checklist_files(bundle, site_url: str) -> dict[str, bytes]:
    """The checklist files as the site publishes them: links start at the site's own address,
    so a downloaded checklist pasted into an issue still links to this handbook (the committed
    ones link relatively)."""
    from oahandbook.checklists.render import render_all
    from oahandbook.engine.findings import handbook_base

    try:
        return render_all(bundle, base=handbook_base(site_url))
    except LookupError:  # data without checklists: the committed files, if any, as they are
        return {}


def write(project: Path, args) -> object:
    from oahandbook.site.tree import write_tree

    started = time.perf_counter()
    tree = write_tree(project, Path(args.out), checklist_files=checklist_files)
    _say(
        f"oahandbook site: {tree.out} ({', '.join(f'{k} {len(v.pages)} pages' for k, v in tree.languages.items())}; "
        f"{tree.written} files written, {tree.removed} removed, {time.perf_counter() - started:.1f} s)"
    )
    return tree


def build(project: Path, args) -> int:
    from oahandbook.site.tree import assemble

    tree = write(project, args)
    if args.markdown_only:
        return Exit.CLEAN
    site_dir = Path(args.site_dir)
    site_dir = site_dir if site_dir.is_absolute() else project / site_dir
    for lang, language in tree.languages.items():
        proc = subprocess.run(_engine_command(args.engine, language.config), cwd=language.root, env=_env())
        if proc.returncode != 0:
            _say(f"oahandbook site: {args.engine} failed on {language.config} ({lang}), exit {proc.returncode}")
            return Exit.UNUSABLE
    assemble(tree, site_dir)
    _say(f"oahandbook site: built with {args.engine} into {site_dir}")
    return Exit.CLEAN


def _snapshot(project: Path) -> dict[str, float]:
    from oahandbook.site.build import data_dir

    roots = [project / name for name in WATCHED]
    data = data_dir()
    if data is not None:
        roots.append(data)
    stamps = {}
    for root in roots:
        if root.is_file():
            stamps[str(root)] = root.stat().st_mtime
        elif root.is_dir():
            for path in root.rglob("*"):
                if path.is_file() and "__pycache__" not in path.parts:
                    stamps[str(path)] = path.stat().st_mtime
    return stamps


def serve(project: Path, args) -> int:
    tree = write(project, args)
    language = tree.languages[args.site_lang]
    command = [*_engine_command(args.engine, language.config, "serve"), "-a", args.addr]
    if args.engine == "mkdocs":
        command.append("--livereload")
    _say(f"oahandbook site: serving {args.site_lang} on http://{args.addr}/ (Ctrl-C stops)")
    proc = subprocess.Popen(command, cwd=language.root, env=_env())
    stop = threading.Event()

    def watch() -> None:
        seen = _snapshot(project)
        while not stop.wait(1.0):
            now = _snapshot(project)
            if now != seen:
                seen = now
                try:
                    from oahandbook.site.build import reload_data

                    reload_data()
                    write(project, args)
                except Exception as exc:  # a broken edit: say so, keep serving the last good tree
                    _say(f"oahandbook site: not rebuilt: {exc}")

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        return proc.wait()
    except KeyboardInterrupt:
        proc.terminate()
        proc.wait(timeout=10)
        return Exit.CLEAN
    finally:
        stop.set()


def deploy(project: Path, args) -> int:
    """The built site as version ``args.version`` of a publishing folder laid out as mike's."""
    from oahandbook.site.versions import deploy as deploy_version

    if not args.version:
        _say("oahandbook site deploy: 需要版本号，例如 oahandbook site deploy 1.0 --alias latest")
        return Exit.UNUSABLE
    site_dir = Path(args.site_dir)
    site_dir = site_dir if site_dir.is_absolute() else project / site_dir
    if not (site_dir / "index.html").is_file():
        _say(f"oahandbook site deploy: {site_dir} 中没有构建好的站点；先运行 oahandbook site build")
        return Exit.UNUSABLE
    dest = Path(args.dest)
    versions = deploy_version(site_dir, dest if dest.is_absolute() else project / dest, args.version, args.alias)
    print(json.dumps(versions, ensure_ascii=False, indent=2))
    return Exit.CLEAN


def run(args) -> int:
    from oahandbook.base.errors import InputError
    from oahandbook.site.macros import MacroError
    from oahandbook.site.tree import TreeError

    try:
        project = _project()
    except FileNotFoundError:
        _say("oahandbook site: 当前文件夹及其上层都没有 mkdocs.yml 和 docs/；请在手册仓库中运行")
        return Exit.UNUSABLE
    try:
        if args.action == "serve":
            return serve(project, args)
        if args.action == "deploy":
            return deploy(project, args)
        return build(project, args)
    except (MacroError, TreeError, InputError) as exc:
        _say(f"oahandbook site: {exc}")
        return Exit.UNUSABLE
