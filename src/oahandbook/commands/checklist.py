"""``oahandbook checklist [--write|--check] [--dir DIR]``: the checklists in every export format.

Without ``--write`` or ``--check`` it lists the files it would write and what each checklist
holds, and writes nothing.
"""

from __future__ import annotations

from pathlib import Path

from oahandbook.base.errors import InputError
from oahandbook.base.i18n import get_lang, pick
from oahandbook.commands import report_input_error
from oahandbook.data.bundle import load_bundle
from oahandbook.engine.findings import Exit
from oahandbook.outputs.generated import write_or_check

COMMAND = "oahandbook checklist --write"
WORDS = {
    "summary": {
        "zh": "{id}：{title}，共 {total} 项（自动检查 {automated}，人工判断 {manual}）",
        "en": "{id}: {title}, {total} items ({automated} automated, {manual} judged by a person)",
    },
    "ok": {"zh": "{count} 个检查清单文件均为最新", "en": "{count} checklist file(s) up to date"},
    "hint": {
        "zh": "运行 `oahandbook checklist --write` 写入以上文件",
        "en": "run `oahandbook checklist --write` to write these files",
    },
    "missing": {"zh": "数据中没有检查清单：{error}", "en": "the data holds no checklists: {error}"},
}


def run(args) -> int:
    from oahandbook.checklists.render import render_all
    from oahandbook.checklists.rows import counts
    from oahandbook.data.checklists import checklist_set

    lang = get_lang()
    try:
        bundle = load_bundle()
        checklists = checklist_set(bundle)
    except InputError as exc:
        return report_input_error(exc)
    except LookupError as exc:
        print(pick(WORDS["missing"], lang).format(error=exc))
        return Exit.UNUSABLE
    folder = Path(args.dir)
    rendered = {folder / name: content for name, content in render_all(bundle).items()}
    if not (args.write or args.check):
        for c in checklists.checklists:
            print(pick(WORDS["summary"], lang).format(id=c.id, title=pick(c.title, lang), **counts(c)))
        print()
        for path in rendered:
            print(path)
        print()
        print(pick(WORDS["hint"], lang))
        return Exit.CLEAN
    stale_extra = []
    if folder.is_dir():
        # A checklist that was renamed or removed leaves its old files behind: they are stale too.
        stale_extra = sorted(p for p in folder.iterdir() if p.is_file() and p not in rendered and _ours(p))
    code = write_or_check(rendered, check=args.check, command=COMMAND, stale_extra=stale_extra)
    if code == 0 and args.check:
        print(pick(WORDS["ok"], lang).format(count=len(rendered)))
    return code


def _ours(path: Path) -> bool:
    """Whether a file was written by this command (so removing it loses nothing of anyone's)."""
    from oahandbook.base.i18n import LANGS
    from oahandbook.checklists.csvfile import BOM
    from oahandbook.checklists.rows import header, word

    try:
        with path.open("rb") as stream:
            head = stream.read(4096).decode("utf-8", "replace")
    except OSError:
        return False
    first = head.split("\n", 1)[0].rstrip("\r")
    if path.suffix == ".md":
        return any(first == f"<!-- {word('generated', lang)} -->" for lang in LANGS)
    if path.suffix == ".csv":
        return any(first == BOM + ",".join(header(lang)) for lang in LANGS)
    return False
