"""Sample output on the handbook's pages, made by running ``oahandbook`` at build time.

What a page shows the checker printing is never typed by hand: the macro ``check_output`` runs
the installed command on the repository's own files (``examples/…``) in the page's language,
with today's date, and links to the site being built (``site_url``), so the sample stays what a
reader gets. An unexpected exit code fails the build instead of publishing a wrong sample.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

from oahandbook.base.i18n import Lang
from oahandbook.engine.findings import SITE_URL_ENV
from oahandbook.site import markdown as md


class SampleError(RuntimeError):
    """The command did not do what the page says it does."""


def run_sample(args: list[str], *, cwd: Path, lang: Lang, site_url: str | None) -> tuple[str, str, int]:
    """``oahandbook ARGS`` as a reader would type it (``--lang en`` added after the sub-command
    on English pages) and what it printed (stdout and stderr interleaved, as a terminal shows
    them, without colour), with its exit code."""
    shown = list(args)
    if lang == "en":
        shown[1:1] = ["--lang", "en"]
    env = {key: value for key, value in os.environ.items() if key not in ("OAHANDBOOK_LANG", "OAHANDBOOK_DEBUG")}
    env["NO_COLOR"] = "1"
    if site_url:
        env[SITE_URL_ENV] = site_url
    else:
        env.pop(SITE_URL_ENV, None)
    proc = subprocess.run(
        [sys.executable, "-m", "oahandbook", *shown],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL,
        text=True,
        encoding="utf-8",
        timeout=300,
    )
    return "oahandbook " + shlex.join(shown), proc.stdout, proc.returncode


# An example file that describes things as of a day says so in a comment: "as of: 2026-11-23".
_AS_OF = re.compile(r"\bas of: (\d{4}-\d{2}-\d{2})\b")


def as_of(text: str) -> str | None:
    """The day an example file describes (its ``as of: YYYY-MM-DD`` comment), if it names one."""
    match = _AS_OF.search(text)
    return match.group(1) if match else None


def console_block(
    args: list[str],
    *,
    cwd: Path,
    lang: Lang,
    site_url: str | None,
    expect: int | None = 0,
    limit: int | None = None,
) -> str:
    """A ``console`` code block: ``$ oahandbook ARGS`` and its output. ``limit`` keeps the first
    lines of a long output and its last (the summary), with ``…`` between. Raises
    :class:`SampleError` when the exit code is not ``expect`` (``None``: 0 or 1, findings or
    none, as a sample run with today's date may give) or the output holds a traceback."""
    command, output, code = run_sample(args, cwd=cwd, lang=lang, site_url=site_url)
    if code not in ((0, 1) if expect is None else (expect,)) or "Traceback" in output:
        raise SampleError(f"`{command}` in {cwd} exited {code}, the page expects {expect}:\n{output}")
    lines = output.rstrip("\n").splitlines()
    if limit is not None and len(lines) > limit + 1:
        lines = [*lines[:limit], "…", lines[-1]]
    return md.fence("\n".join([f"$ {command}", *lines]), "console")
