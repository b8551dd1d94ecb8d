"""``oahandbook validate [PATH]``: load and cross-check the bundled data or a data directory."""

from __future__ import annotations

from oahandbook.base.errors import InputError
from oahandbook.base.i18n import t
from oahandbook.commands import report_input_error
from oahandbook.data.bundle import load_bundle
from oahandbook.engine.findings import Exit


def run(args) -> int:
    try:
        bundle = load_bundle(args.path)
    except InputError as exc:
        return report_input_error(exc)
    what = t(
        "cli.data_summary",
        root=bundle.root,
        clauses=len(bundle.regulation.clauses()),
        rules=len(bundle.rules),
        lexicons=len(bundle.lexicons),
        facts=len(bundle.platform.facts) + len(bundle.platform.policy),
    )
    print(t("cli.data_ok", what=what))
    return Exit.CLEAN
