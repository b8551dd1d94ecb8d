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
from oahandbook.commands import report_input_error
from oahandbook.engine.findings import Exit
from oahandbook.outputs.report import GithubWriter, JsonWriter, SarifWriter, Tally, TextWriter, use_color
from oahandbook.run.batch import Progress, collect, file_identity


class _TextSink:
    """Bytes for a text stream without a binary buffer; a write may end inside a character (a
    spool is copied in blocks), so decoding is incremental."""

    def __init__(self, stream):
        import codecs

        self.stream = stream
        self.decoder = codecs.getincrementaldecoder("utf-8")()

    def write(self, data: bytes) -> None:
        self.stream.write(self.decoder.decode(data))

    def flush(self) -> None:
        self.stream.flush()


def run(args) -> int:
    from oahandbook.api import Checker

    try:
        checker = Checker.for_directory(config=args.config, today=args.today, lang=args.lang)
    except InputError as exc:
        return report_input_error(exc)
    i18n.set_lang(checker.lang)  # --lang, else the config's
    ctx = checker.context
    targets = list(collect(args.paths, ctx.config, ctx.base_dir, force_exclude=args.force_exclude))
    if args.output:  # never check the report itself (a second run would find it truncated)
        output = file_identity(Path(args.output))
        targets = [t for t in targets if file_identity(t.path) != output]
    binary = args.format in ("json", "sarif", "jsonl")
    try:
        stream = _open_output(args.output, binary) if args.output else None
    except OSError as exc:
        print(i18n.t("io.cannot_write", path=args.output, error=exc.strerror or exc), file=sys.stderr)
        return Exit.UNUSABLE
    text_out = stream or sys.stdout
    if binary and stream is None:
        sys.stdout.flush()
        out = getattr(sys.stdout, "buffer", None) or _TextSink(sys.stdout)
    else:
        out = text_out
    min_severity = args.min_severity or ctx.config.min_severity
    tally = Tally(min_severity)
    checker.min_severity = min_severity  # what is hidden need not be built
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
        color = use_color(args.color, text_out)
        writer = TextWriter(out, sys.stderr, tally, color=color, show_waivers=args.show_waivers, quiet=args.quiet)
    results = checker.check_targets(targets, jobs=args.jobs, kind=args.kind, skip_unknown=args.skip_unknown)
    bar = Progress(len(targets)) if args.format == "text" and sys.stderr.isatty() and len(targets) >= 20 else None
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
        if stream is not None:
            stream.close()
        elif binary:
            getattr(out, "flush", lambda: None)()
    return tally.exit_code


def _open_output(path: str, binary: bool):
    if binary:
        return open(path, "wb")
    return open(path, "w", encoding="utf-8")
