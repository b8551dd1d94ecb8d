"""One module per sub-command, each with ``run(args) -> int``; imported only when it runs."""

from __future__ import annotations

import sys
from typing import IO, Any

from oahandbook.base.errors import InputError
from oahandbook.engine.findings import Exit


def report_input_error(exc: InputError, stream=None) -> int:
    """Print every problem as ``file:line:col: message`` and return exit code 2."""
    stream = stream or sys.stderr
    for problem in exc.problems:
        print(problem, file=stream)
    return Exit.UNUSABLE


def usage_error(prog: str, message: str, lang: str | None = None) -> int:
    """A usage error on stderr (what is wrong, then where the help is); exit code 2."""
    from oahandbook.base.i18n import t

    print(f"{prog}: {t('cli.usage_error', lang=lang, msg=message)}", file=sys.stderr)
    print(t("cli.help_hint", lang=lang, prog=prog), file=sys.stderr)
    return Exit.UNUSABLE


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
