"""``oahandbook check PATH…``: check drafts and account files; exit 0 clean, 1 errors, 2 unusable.

Results are written as they arrive (text, GitHub annotations and JSON Lines per file; JSON and
SARIF spool their findings and write one document at the end), so memory does not grow with the
number of findings; ``--min-severity`` (or the config's ``min_severity``) leaves lower levels
out of every format and the summary counts them.

``--select``/``--ignore`` narrow the rules listed (the rules that protect personal data and
secrets are always listed); ``-`` checks standard input under ``--stdin-filename``; ``--diff``
shows and ``--fix`` writes the mechanical fixes of Markdown drafts (``Finding.replacement``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

from oahandbook.base import i18n
from oahandbook.base.errors import InputError, InputProblem
from oahandbook.base.printable import escape_controls, valid_text
from oahandbook.commands import (
    _TextSink,
    cannot_write,
    make_checker,
    open_output,
    output_over_input,
    refuse_output,
    report_input_error,
    usage_error,
    without_output,
)
from oahandbook.engine.findings import Exit, Finding
from oahandbook.outputs.report import GithubWriter, JsonWriter, SarifWriter, Tally, TextWriter, fixable_file, use_color
from oahandbook.run.batch import Progress, Target, collect
from oahandbook.run.files import FileResult

TEXT_FORMATS = ("full", "concise", "text")
STDIN_DISPLAY = "<stdin>"
FIX_ROUNDS = 10  # a fix may reveal another (ruff loops the same way); a bound keeps a bad fix from looping


def run(args) -> int:
    from oahandbook.run.files import keeping_last_text

    with keeping_last_text():  # the full report's source lines come from the text just checked
        return _run(args)


def _run(args) -> int:
    prog = getattr(args, "prog", "oahandbook check")
    paths = list(args.paths)
    if args.stdin_filename and not paths:
        paths = ["-"]
    wrong = _wrong_usage(args, paths)
    if wrong:
        return usage_error(prog, wrong)
    try:
        checker = make_checker(args)
    except InputError as exc:
        return report_input_error(exc)
    ctx = checker.context
    keep, wrong = selected_rules(ctx.rules, args.select or [], args.ignore or [])
    if wrong:
        return usage_error(prog, wrong)
    floor = checker.min_severity
    checker.selection = keep  # the other rules do not run
    tally = Tally(floor)

    stdin = paths == ["-"]
    if stdin and args.stdin_filename:  # the file an editor sends is the one it will save
        refused = output_over_input(prog, "--output", args.output, [args.stdin_filename])
        if refused is not None:
            return refused
    sources: dict[str, str] = {}  # texts that are not (or no longer) what the file on disk holds
    if stdin:
        display = valid_text(args.stdin_filename) if args.stdin_filename else STDIN_DISPLAY
        excluded = bool(args.stdin_filename) and not any(
            collect([args.stdin_filename], ctx.config, ctx.base_dir, force_exclude=args.force_exclude)
        )
        targets: list[Target] = []
        raw = _read_stdin(display)
        results: Any = _Results(iter([] if excluded else [_check_stdin(display, raw, args, ctx, sources)]))
    else:
        targets = list(collect(paths, ctx.config, ctx.base_dir, force_exclude=args.force_exclude))
        # A report never overwrites a file it checks; an earlier report is not checked again.
        targets, clash = without_output(args.output, targets, ctx, args.kind)
        if clash:
            return refuse_output(prog, "--output", args.output)
        results = checker.check_targets(targets, jobs=args.jobs, kind=args.kind, skip_unknown=args.skip_unknown)
    if keep is not None:
        results = _Results((_only(result, keep) for result in results), results.close)

    paths = {t.display: t.path for t in targets}
    fixer = None
    if args.fix or args.diff:
        fixer = Fixer(ctx, args.kind, keep, tally, paths, sources)
    if args.diff:
        return _show_diff(results, fixer, args.exit_zero, args.output)

    # With --fix on standard input, the fixed text is the output; the report goes to stderr.
    report_to_stderr = stdin and args.fix and not args.output
    binary = args.format in ("json", "sarif", "jsonl")
    try:
        if report_to_stderr:
            out, owned = (getattr(sys.stderr, "buffer", None) or _TextSink(sys.stderr)) if binary else sys.stderr, False
        else:
            out, owned = open_output(args.output, binary)
    except OSError as exc:
        return cannot_write(args.output, exc)
    writer = _writer(args, out, tally, checker, paths, sources)
    bar = Progress.on_terminal(len(targets)) if args.format in TEXT_FORMATS else None
    try:
        for result in results:
            if fixer is not None:
                result = fixer.fix(result, write=not stdin)
            if bar and (result.findings or result.problems):
                bar.clear()
            writer.add(result)
            if bar:
                bar.step()
        if bar:
            bar.done()
        if stdin and args.fix:  # the text, fixed or as it came (byte for byte), for an editor's buffer
            _write_bytes(sys.stdout, raw if display not in fixer.changed else _keeping_form(raw, sources[display]))
        if fixer is not None and fixer.fixed:
            done = i18n.t("cli.fixed", count=fixer.fixed, files=len(fixer.changed))
            if isinstance(writer, TextWriter):
                writer.extra.append(done)
            else:
                print(done, file=sys.stderr)
        writer.finish()
        if args.format not in TEXT_FORMATS:
            for problem in tally.problems:
                print(problem, file=sys.stderr)
    finally:
        results.close()
        if owned:
            out.close()
        else:
            getattr(out, "flush", lambda: None)()
    code = tally.exit_code
    return Exit.CLEAN if args.exit_zero and code == Exit.FINDINGS else code


def _wrong_usage(args, paths: list[str]) -> str | None:
    """What makes these options unusable together, in words; None when they are fine."""
    zh = i18n.get_lang() == "zh"
    if "-" in paths and len(paths) > 1:
        return "- （标准输入）不能与其他路径同时给出" if zh else "- (standard input) cannot be given with other paths"
    if args.stdin_filename and "-" not in paths:
        return (
            "--stdin-filename 只用于从标准输入（-）读取时"
            if zh
            else "--stdin-filename is for reading standard input (-)"
        )
    text_only = [flag for flag, on in (("--statistics", args.statistics), ("--diff", args.diff)) if on]
    if text_only and args.format not in TEXT_FORMATS:
        if zh:
            return f"{text_only[0]} 只用于文字输出（--output-format full 或 concise），不能与 {args.format} 同用"
        return f"{text_only[0]} is for text output (--output-format full or concise), not {args.format}"
    return None


def selected_rules(rules: dict[str, Any], select: list[str], ignore: list[str]) -> tuple[set[str] | None, str | None]:
    """The codes of the rules whose findings are listed (None: all) and a usage error, if any.

    Each word is a code (``PC01``), a code prefix (``PC``: the family; ``ALL``: every rule), a
    rule name or alias (``prohibited.pornography``) or a name's leading part (``prohibited``).
    The rules that cannot be waived (personal data, secrets) are always listed, and leaving
    them out with ``--ignore`` is an error: a commit must not get past them by a flag."""
    if not select and not ignore:
        return None, None
    unknown: list[str] = []

    def codes(words: list[str]) -> set[str]:
        found: set[str] = set()
        for word in words:
            upper = word.upper()
            hits = {
                code
                for code, rule in rules.items()
                if upper == "ALL"
                or code.startswith(upper)
                or word in (rule.name, *rule.aliases)
                or rule.name.startswith(word + ".")
            }
            if not hits:
                unknown.append(word)
            found |= hits
        return found

    chosen = codes(select) if select else set(rules)
    dropped = codes(ignore)
    if unknown:
        from oahandbook.base.yamlio import closest

        known = [*rules, *(r.name for r in rules.values())]
        named = []
        for word in unknown:
            guess = closest(word, known)
            named.append(word + (i18n.t("val.suggest", name=guess) if guess else ""))
        return None, i18n.t(
            "cli.unknown_rules", words="、".join(named) if i18n.get_lang() == "zh" else ", ".join(named)
        )
    protected = sorted(code for code in dropped if not rules[code].waivable)
    if protected:
        return None, i18n.t("cli.ignore_protected", codes=", ".join(protected))
    return (chosen - dropped) | {code for code, rule in rules.items() if not rule.waivable}, None


def _only(result: FileResult, keep: set[str]) -> FileResult:
    if all(f.code in keep for f in result.findings):
        return result
    return replace(result, findings=tuple(f for f in result.findings if f.code in keep))


class _Results:
    """An iterator of results with ``close()`` (what :meth:`Checker.check_targets` gives)."""

    def __init__(self, items: Iterator[FileResult], close: Callable[[], None] | None = None):
        self.items, self._close = items, close

    def __iter__(self) -> Iterator[FileResult]:
        return self.items

    def close(self) -> None:
        if self._close is not None:
            self._close()


def _writer(args, out, tally: Tally, checker, paths: dict[str, Path], sources: dict[str, str]):
    ctx = checker.context
    if args.format == "json":
        document = ctx.runtime.document
        return JsonWriter(out, tally, {"number": document.number, "version": document.version})
    if args.format == "jsonl":
        from oahandbook.outputs.jsonl import JsonlWriter

        document = ctx.runtime.document
        return JsonlWriter(out, tally, {"number": document.number, "version": document.version}, checker.lang)
    if args.format == "sarif":
        return SarifWriter(out, tally, ctx.rules.values())
    if args.format == "github":
        return GithubWriter(out, tally)
    return TextWriter(
        out,
        sys.stderr,
        tally,
        color=use_color(args.color, out),
        show_waivers=args.show_waivers,
        quiet=args.quiet,
        full=args.format != "concise",
        statistics=args.statistics,
        source=lambda display: sources.get(display) or read_source(paths.get(display), display),
        rules=ctx.rules,
        protected=frozenset(code for code, rule in ctx.rules.items() if not rule.waivable),
    )


def read_source(path: Path | None, display: str) -> str | None:
    """A checked file's text as the checks read it (lines and columns agree), for the full form;
    None for a Word document (its lines are paragraphs) or a file that cannot be read now."""
    if path is None:
        return None
    from oahandbook.article.formats import draft_format
    from oahandbook.run.files import last_text

    form = draft_format(display)
    if form != "docx" and (text := last_text(display)) is not None:  # just checked: no second read
        return text
    try:
        if form == "html":
            from oahandbook.article.formats import read_page_file

            return read_page_file(path, display)
        if form == "docx":
            return None
        from oahandbook.base.textio import MAX_ARTICLE_BYTES, read_text

        return read_text(path, max_bytes=MAX_ARTICLE_BYTES, display=display)
    except InputError:
        return None


# --------------------------------------------------------------------------- standard input


def _stdin_limit(display: str) -> int:
    from oahandbook.article.formats import MAX_DOCX_BYTES, draft_format
    from oahandbook.base.textio import MAX_ARTICLE_BYTES

    return MAX_DOCX_BYTES if draft_format(display) == "docx" else MAX_ARTICLE_BYTES


def _check_stdin(display: str, raw: bytes | None, args, ctx, sources: dict[str, str]) -> FileResult:
    """Standard input (``raw``) checked as the file ``display`` (its name decides the kind and
    where its links lead); unusable input becomes problems, as for a file."""
    from oahandbook.article.formats import decode_page, draft_format, unsupported_reason
    from oahandbook.base.textio import decode
    from oahandbook.run import files

    kind = args.kind
    named = display != STDIN_DISPLAY
    form = draft_format(display) if named else "markdown"
    if named and kind == "auto" and files.classify(display, None, ctx) is None and unsupported_reason(display):
        reason = unsupported_reason(display)
        return FileResult(
            display, None, problems=(InputProblem(display, 1, 1, i18n.t("skip.unsupported", reason=reason)),)
        )
    limit = _stdin_limit(display)
    if raw is None:
        return FileResult(display, None, problems=(InputProblem(display, 1, 1, i18n.t("cli.no_stdin")),))
    if len(raw) > limit:
        problem = InputProblem(display, 1, 1, i18n.t("io.too_large", size=f">{limit}", limit=limit))
        return FileResult(display, None, problems=(problem,))
    if form == "docx":  # binary: read from a file, as Word documents always are
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / Path(display).name
            path.write_bytes(raw)
            return files.check_file(path, display, ctx, kind)
    try:
        text = decode_page(raw, display) if form == "html" else decode(raw, display)
    except InputError as exc:
        return FileResult(display, None, problems=tuple(exc.problems))
    sources[display] = text
    if kind == "auto" and files.classify(display, text, ctx) is None:
        if named:
            return FileResult(
                display, None, problems=(InputProblem(display, 1, 1, i18n.t("cli.stdin_kind", name=display)),)
            )
        kind = "account" if files.classify("stdin.yaml", text, ctx) == "account" else "article"
    return files.check_text(text, display, ctx, kind, path=Path(display) if named else None)


def _read_stdin(display: str) -> bytes | None:
    """Standard input's bytes, up to one byte over the limit of ``display``'s kind (None: none)."""
    limit = _stdin_limit(display)
    stream = sys.stdin
    if stream is None:
        return None
    buffer = getattr(stream, "buffer", None)
    if buffer is not None:
        return buffer.read(limit + 1)
    return stream.read(limit + 1).encode("utf-8")  # a text stream without bytes (tests, embedding hosts)


# --------------------------------------------------------------------------- fixes


class Fixer:
    """The mechanical fixes (``Finding.replacement``) of Markdown drafts, applied to their text
    and checked again until none is left (or :data:`FIX_ROUNDS`); ``fix`` gives the result of
    the fixed text and, with ``write``, saves it (keeping a BOM and CRLF line endings)."""

    def __init__(self, ctx, kind: str, keep: set[str] | None, tally: Tally, paths: dict[str, Path], sources):
        self.ctx, self.kind, self.keep, self.tally = ctx, kind, keep, tally
        self.paths, self.sources = paths, sources
        self.originals: dict[str, str] = {}
        self.fixed = 0
        self.changed: list[str] = []

    def fixes(self, result: FileResult) -> list[Finding]:
        return [f for f in result.findings if f.replacement is not None and not f.waived and self.tally.shows(f)]

    def fixable(self, result: FileResult) -> bool:
        return fixable_file(result) and bool(self.fixes(result))

    def text_of(self, display: str) -> str:
        """The text of ``display`` as it is now (fixed, or as read)."""
        text = self.sources.get(display)
        if text is None:
            text = read_source(self.paths.get(display), display) or ""
        return text

    def fix(self, result: FileResult, *, write: bool) -> FileResult:
        if not self.fixable(result):
            return result
        from oahandbook.article.fix import apply_fixes
        from oahandbook.run import files

        display = result.path
        original = self.text_of(display)
        text, current = original, result
        for _ in range(FIX_ROUNDS):
            fixes = self.fixes(current)
            if not fixes:
                break
            fixed = apply_fixes(text, fixes)
            if fixed == text:
                break
            text = fixed
            path = self.paths.get(display)
            current = files.check_text(text, display, self.ctx, self.kind, path=path)
            if self.keep is not None:
                current = _only(current, self.keep)
        if text == original:
            return current
        self.fixed += max(0, len(self.fixes(result)) - len(self.fixes(current)))
        self.changed.append(display)
        self.originals[display] = original
        self.sources[display] = text
        if write and display in self.paths:
            _write_keeping_form(self.paths[display], text)
        return current


def _write_keeping_form(path: Path, text: str) -> None:
    """Save ``text`` where it was read, in the form the file had."""
    path.write_bytes(_keeping_form(path.read_bytes(), text))


def _keeping_form(raw: bytes | None, text: str) -> bytes:
    """``text`` as bytes with the BOM and CRLF line endings of ``raw`` (the checks read both
    away; a fix must not turn the whole file into a change)."""
    raw = raw or b""
    bom = b"\xef\xbb\xbf" if raw.startswith(b"\xef\xbb\xbf") else b""
    if raw.count(b"\r\n") * 2 > raw.count(b"\n"):
        text = text.replace("\n", "\r\n")
    return bom + text.encode("utf-8")


def _write_bytes(stream, data: bytes | None) -> None:
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write((data or b"").decode("utf-8", "replace"))
        return
    stream.flush()
    buffer.write(data or b"")
    buffer.flush()


def _show_diff(results, fixer: Fixer, exit_zero: bool, output: str | None) -> int:
    """``--diff``: the unified diff of what ``--fix`` would change, on stdout (or ``-o``); no
    draft is written. Exit 1 when there is something to change (as ruff's ``--diff``), 2 for
    unusable input."""
    import difflib

    try:
        out, owned = open_output(output, False)
    except OSError as exc:
        results.close()
        return cannot_write(output, exc)
    problems = 0
    color = use_color("auto", out)
    paint = {"+": "\033[32m", "-": "\033[31m", "@": "\033[36m"}
    try:
        for result in results:
            for problem in result.problems:
                print(problem, file=sys.stderr)
                problems += 1
            result = fixer.fix(result, write=False)
            if result.path not in fixer.originals:
                continue
            before = fixer.originals[result.path].splitlines(keepends=True)
            after = fixer.text_of(result.path).splitlines(keepends=True)
            name = escape_controls(result.path)
            for line in difflib.unified_diff(before, after, f"a/{name}", f"b/{name}"):
                line = line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                if color and line[:1] in paint and not line.startswith(("+++", "---")):
                    line = paint[line[0]] + line.rstrip("\n") + "\033[0m\n"
                out.write(line)
    finally:
        results.close()
        if owned:
            out.close()
    if fixer.fixed or fixer.changed:
        print(i18n.t("cli.would_fix", count=fixer.fixed, files=len(fixer.changed)), file=sys.stderr)
    else:
        print(i18n.t("cli.nothing_to_fix"), file=sys.stderr)
    if problems:
        return Exit.UNUSABLE
    return Exit.FINDINGS if fixer.changed and not exit_zero else Exit.CLEAN
