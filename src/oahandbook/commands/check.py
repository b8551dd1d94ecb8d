"""``oahandbook check PATH…``: check drafts and account files; exit 0 clean, 1 errors, 2 unusable."""

from __future__ import annotations

import sys

from oahandbook import i18n
from oahandbook.commands import report_input_error
from oahandbook.errors import InputError
from oahandbook.findings import Exit
from oahandbook.output import Report, render_github, render_json, render_sarif, render_text, use_color
from oahandbook.runner import collect, make_context, run_checks


def run(args) -> int:
    try:
        ctx = make_context(args.config, args.today)
    except InputError as exc:
        return report_input_error(exc)
    if args.lang is None and ctx.config.lang != i18n.get_lang():
        i18n.set_lang(ctx.config.lang)
    targets = list(collect(args.paths, ctx.config, ctx.base_dir, force_exclude=args.force_exclude))
    results = run_checks(
        targets,
        ctx,
        jobs=args.jobs,
        kind=args.kind,
        config_path=args.config,
        progress=args.format == "text" and sys.stderr.isatty(),
        skip_unknown=args.skip_unknown,
    )
    document = ctx.runtime.document
    report = Report(
        files=sum(1 for r in results if r.target is not None),
        findings=[f for r in results for f in r.findings],
        problems=[p for r in results for p in r.problems],
        waivers=[(r.path, w) for r in results for w in r.waivers],
        regulation={"number": document.number, "version": document.version},
    )
    try:
        stream = open(args.output, "w", encoding="utf-8") if args.output else sys.stdout  # noqa: SIM115
    except OSError as exc:
        print(i18n.t("io.cannot_write", path=args.output, error=exc.strerror or exc), file=sys.stderr)
        return Exit.UNUSABLE
    try:
        if args.format == "json":
            stream.write(render_json(report))
        elif args.format == "sarif":
            stream.write(render_sarif(report, ctx.rules.values()))
        elif args.format == "github":
            stream.write(render_github(report))
        else:
            out, err = render_text(
                report, color=use_color(args.color, stream), show_waivers=args.show_waivers, quiet=args.quiet
            )
            sys.stderr.write(err)  # unusable files first, then findings and the summary
            sys.stderr.flush()
            stream.write(out)
        if args.format != "text":
            for problem in report.problems:
                print(problem, file=sys.stderr)
    finally:
        if stream is not sys.stdout:
            stream.close()
    return report.exit_code
