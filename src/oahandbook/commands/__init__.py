"""One module per sub-command, each with ``run(args) -> int``; imported only when it runs."""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from typing import IO, Any

from oahandbook.base.errors import InputError
from oahandbook.engine.findings import Exit


@contextlib.contextmanager
def utf8_output() -> Iterator[None]:
    """The process's own stdout and stderr write UTF-8 while a command runs, whatever the locale
    says (``LC_ALL=C`` gives an ASCII stream on older systems, Windows a code page when output is
    redirected): every output is UTF-8, as JSON and SARIF must be, and one character a stream
    cannot encode never ends a run. What still is not text (a lone surrogate) is written as
    ``\\udcff`` instead of failing. Streams a caller put in their place (tests, an embedding
    program) are theirs and left alone; the old settings come back at the end."""
    changed = []
    for name in ("stdout", "stderr"):
        stream = getattr(sys, name)
        if stream is None or stream is not getattr(sys, f"__{name}__") or not hasattr(stream, "reconfigure"):
            continue
        before = {"encoding": stream.encoding, "errors": stream.errors}
        if before != {"encoding": "utf-8", "errors": "backslashreplace"}:
            try:
                stream.reconfigure(encoding="utf-8", errors="backslashreplace")
            except (ValueError, OSError):  # already read from (not for output streams), or closed
                continue
            changed.append((stream, before))
    try:
        yield
    finally:
        for stream, before in changed:
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(**before)


def report_input_error(exc: InputError, stream=None) -> int:
    """Print every problem as ``file:line:col: message`` and return exit code 2."""
    stream = stream or sys.stderr
    for problem in exc.problems:
        print(problem, file=stream)
    return Exit.UNUSABLE


def cannot_write(path: object, exc: OSError) -> int:
    """An output that could not be written, said on stderr (its name escaped); exit code 2."""
    from oahandbook.base.i18n import t
    from oahandbook.base.printable import shown_name

    print(shown_name(t("io.cannot_write", path=path, error=exc.strerror or exc)), file=sys.stderr)
    return Exit.UNUSABLE


def usage_error(prog: str, message: str, lang: str | None = None) -> int:
    """A usage error on stderr (what is wrong, then where the help is); exit code 2."""
    from oahandbook.base.i18n import t

    print(f"{prog}: {t('cli.usage_error', lang=lang, msg=message)}", file=sys.stderr)
    print(t("cli.help_hint", lang=lang, prog=prog), file=sys.stderr)
    return Exit.UNUSABLE


def output_over_input(prog: str, option: str, output: str | None, inputs: list[str]) -> int | None:
    """Refuse (a usage error naming the file, exit 2) an ``output`` that is one of ``inputs``,
    before anything is written; None when it is not (or is standard output)."""
    if not output or output == "-" or not any(same_file(output, name) for name in inputs if name != "-"):
        return None
    return refuse_output(prog, option, output)


def refuse_output(prog: str, option: str, output: str) -> int:
    from oahandbook.base.i18n import t
    from oahandbook.base.printable import shown_name

    return usage_error(prog, t("cli.output_is_input", option=option, path=shown_name(output)))


def same_file(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two names lead to one file: the same file on disk (a hard link, another case on
    a file system that ignores case), or the same path when neither exists yet."""
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return os.path.abspath(a) == os.path.abspath(b)


def without_output(output: str | None, targets: list, ctx: Any, kind: str) -> tuple[list, bool]:
    """The collected ``targets`` without the file ``output`` names, and whether that file is an
    input the run would check (the caller then refuses): a file named on the command line, or
    one found in a folder that is a draft or an account file, broken or not. Otherwise (an
    earlier report, a page that is no article) it is left out, so a second run does not check
    its own report."""
    if not output or output == "-" or not os.path.exists(output):
        return targets, False
    from oahandbook.run.batch import check_target

    identity = os.stat(output)
    kept, clash = [], False
    for target in targets:
        try:
            info = os.stat(target.path)
        except OSError:
            kept.append(target)
            continue
        if (info.st_dev, info.st_ino) != (identity.st_dev, identity.st_ino):
            kept.append(target)
        elif target.explicit:
            clash = True
        else:
            result = check_target(target, ctx, kind)
            clash = clash or result.kind is not None or bool(result.problems)
    return kept, clash


def make_checker(args) -> Any:
    """The checker of ``check`` and ``audit``: the nearest config (or ``--config``), ``--today``,
    messages in ``--lang`` (else the config's), findings below ``--min-severity`` (else the
    config's) counted, not built. Raises ``InputError`` when the config is unusable."""
    from oahandbook.api import Checker
    from oahandbook.base import i18n

    checker = Checker.for_directory(config=args.config, today=args.today, lang=args.lang)
    i18n.set_lang(checker.lang)
    checker.min_severity = args.min_severity or checker.config.min_severity
    return checker


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


def open_output(path: str | None, binary: bool) -> tuple[IO[Any], bool]:
    """Where a command writes: the file ``path``, or standard output for None or ``-`` (bytes
    go to its buffer). The flag says whether the caller closes it. Raises ``OSError``."""
    if path and path != "-":
        return (open(path, "wb") if binary else open(path, "w", encoding="utf-8")), True
    if not binary:
        return sys.stdout, False
    sys.stdout.flush()
    return (getattr(sys.stdout, "buffer", None) or _TextSink(sys.stdout)), False
