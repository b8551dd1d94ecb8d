"""``oahandbook check PATH…``: check drafts and account files; exit 0 clean, 1 errors, 2 unusable.

Results are written as they arrive (text, GitHub annotations and JSON Lines per file; JSON and
SARIF spool their findings and write one document at the end), so memory does not grow with the
number of findings; ``--min-severity`` (or the config's ``min_severity``) leaves lower levels
out of every format and the summary counts them."""

from __future__ import annotations

import sys
from pathlib import Path

from oahandbook.base import i18n
from oahandbook.base.errors import InputError
from oahandbook.commands import make_checker, open_output, report_input_error
from oahandbook.engine.findings import Exit
from oahandbook.outputs.report import GithubWriter, JsonWriter, SarifWriter, Tally, TextWriter, use_color
from oahandbook.run.batch import Progress, collect, file_identity


def run(args) -> int:
    try:
        checker = make_checker(args)
    except InputError as exc:
        return report_input_error(exc)
    ctx = checker.context
    targets = list(collect(args.paths, ctx.config, ctx.base_dir, force_exclude=args.force_exclude))
    if args.output:  # never check the report itself (a second run would find it truncated)
        output = file_identity(Path(args.output))
        targets = [t for t in targets if file_identity(t.path) != output]
    binary = args.format in ("json", "sarif", "jsonl")
    try:
        out, owned = open_output(args.output, binary)
    except OSError as exc:
        print(i18n.t("io.cannot_write", path=args.output, error=exc.strerror or exc), file=sys.stderr)
        return Exit.UNUSABLE
    tally = Tally(checker.min_severity)
    document = ctx.runtime.document
    regulation = {"number": document.number, "version": document.version}
    if args.format == "json":
        writer = JsonWriter(out, tally, regulation)
    elif args.format == "jsonl":
        from oahandbook.outputs.jsonl import JsonlWriter

        writer = JsonlWriter(out, tally, regulation, checker.lang)
    elif args.format == "sarif":
        writer = SarifWriter(out, tally, ctx.rules.values())
    elif args.format == "github":
        writer = GithubWriter(out, tally)
    else:
        color = use_color(args.color, out)
        writer = TextWriter(out, sys.stderr, tally, color=color, show_waivers=args.show_waivers, quiet=args.quiet)
    results = checker.check_targets(targets, jobs=args.jobs, kind=args.kind, skip_unknown=args.skip_unknown)
    bar = Progress.on_terminal(len(targets)) if args.format == "text" else None
    try:
        for result in results:
            if bar and (result.findings or result.problems):
                bar.clear()
            writer.add(result)
            if bar:
                bar.step()
        if bar:
            bar.done()
        writer.finish()
        if args.format != "text":
            for problem in tally.problems:
                print(problem, file=sys.stderr)
    finally:
        results.close()
        if owned:
            out.close()
        else:
            getattr(out, "flush", lambda: None)()
    return tally.exit_code
