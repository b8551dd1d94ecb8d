"""``oahandbook schema [--write|--check]``: JSON Schemas for the YAML files people edit."""

from __future__ import annotations

from pathlib import Path

from oahandbook.base.i18n import t
from oahandbook.engine.findings import Exit
from oahandbook.outputs.generated import write_or_check
from oahandbook.outputs.schemas import render_schemas


def run(args) -> int:
    folder = Path(args.dir)
    rendered = {folder / name: content for name, content in render_schemas().items()}
    if not (args.write or args.check):
        for path in rendered:
            print(path)
        return Exit.CLEAN
    stale_extra = []
    if folder.is_dir():
        stale_extra = [p for p in folder.glob("*.schema.json") if p not in rendered]
    code = write_or_check(rendered, check=args.check, command="oahandbook schema --write", stale_extra=stale_extra)
    if code == 0 and args.check:
        print(t("cli.schema_ok", count=len(rendered)))
    return code
