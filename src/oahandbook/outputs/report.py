"""Report formats: text (each finding's greppable line, then in the full form its source line
with the span marked and how to fix it), JSON, SARIF 2.1.0, GitHub annotations.

Results arrive one file at a time (:func:`oahandbook.run.batch.iter_checks`) and each format is a
writer fed with them, and none holds the findings in memory: text, GitHub annotations and JSON
Lines (:mod:`.jsonl`) are written as each file's results arrive. JSON and SARIF are one document
whose summary comes first, so each finding is serialised as it arrives into a spool (a temporary
file once it outgrows a small buffer) that is copied into the document at the end: memory stays
the same for ten findings or a million, and the bytes are those of ``json.dumps(indent=2)``.
Findings below ``min_severity`` are left out of every format and counted instead.
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Sequence
from typing import IO, Any

from oahandbook.base.errors import InputProblem
from oahandbook.base.i18n import SEVERITIES, SEVERITY_RANK, SEVERITY_WORDS, get_lang, pick
from oahandbook.base.printable import escape_controls, valid_text
from oahandbook.base.version import __version__
from oahandbook.engine.check import MAX_FINDINGS_PER_RULE
from oahandbook.engine.findings import Exit, Finding
from oahandbook.engine.redaction import redact, redact_source
from oahandbook.outputs.terminal import columns, excerpt, text_width, wrap
from oahandbook.run.files import FileResult

JSON_SCHEMA_VERSION = 1
RANK = SEVERITY_RANK
SARIF_LEVELS = {"error": "error", "warning": "warning", "suggestion": "note"}
GITHUB_COMMANDS = {"error": "error", "warning": "warning", "suggestion": "notice"}


def file_counts(result: FileResult, floor: int) -> tuple[dict[str, int], int, dict[str, int], dict[str, int]]:
    """One file's findings counted: not waived, by level (shown or hidden); waived; below the
    rank ``floor``, by level (hidden, including those the engine counted and never built); and
    per rule, those listed (not waived, at or above ``floor``)."""
    found = dict.fromkeys(SEVERITIES, 0)
    hidden = dict.fromkeys(SEVERITIES, 0)
    waived = 0
    rules: dict[str, int] = {}
    for f in result.findings:
        if f.waived:
            waived += 1
            continue
        found[f.severity] += 1
        if RANK[f.severity] < floor:
            hidden[f.severity] += 1
        else:
            rules[f.code] = rules.get(f.code, 0) + 1
    for severity, count in result.hidden.items():
        found[severity] += count
        hidden[severity] += count
    for severity, count in result.unlisted.items():
        found[severity] += count
    return found, waived, hidden, rules


class Tally:
    """What a run found, counted as results stream by; decides what is shown and the exit code."""

    def __init__(self, min_severity: str = "warning"):
        self.min_severity = min_severity
        self.floor = RANK[min_severity]
        self.files = 0
        self.found = dict.fromkeys(SEVERITIES, 0)  # not waived, shown or not
        self.hidden = dict.fromkeys(SEVERITIES, 0)  # not waived, below the minimum
        self.waived = 0
        self.problem_paths: set[str] = set()
        self.problems: list[InputProblem] = []
        self.skipped: dict[str, int] = {}  # files listed as not checked (no draft, or no format we read), by suffix
        self.rules: dict[str, int] = {}  # findings listed (not waived, not hidden), per rule code
        self.levels: dict[str, str] = {}  # the highest level each of those rules listed a finding at
        self.unlisted = 0  # counted, not listed: beyond a rule's first 1,000 at one level in one file

    def shows(self, finding: Finding) -> bool:
        return RANK[finding.severity] >= self.floor

    def add(self, result: FileResult) -> None:
        if result.kind is not None or result.problems:  # a file rejected while read was checked too
            self.files += 1
        if result.skipped:
            suffix = os.path.splitext(result.path)[1].lower() or result.path
            self.skipped[suffix] = self.skipped.get(suffix, 0) + 1
        found, waived, hidden, rules = file_counts(result, self.floor)
        self.waived += waived
        self.unlisted += sum(result.unlisted.values())
        for code, count in rules.items():
            self.rules[code] = self.rules.get(code, 0) + count
        for f in result.findings if rules else ():
            if not f.waived and self.shows(f) and RANK[f.severity] > RANK.get(self.levels.get(f.code, ""), -1):
                self.levels[f.code] = f.severity
        for severity in SEVERITIES:
            self.found[severity] += found[severity]
            self.hidden[severity] += hidden[severity]
        for p in result.problems:
            self.problems.append(p)
            self.problem_paths.add(p.path)

    @property
    def total(self) -> int:
        """Every finding, waived and hidden ones included."""
        return self.waived + sum(self.found.values())

    @property
    def exit_code(self) -> int:
        if self.problems:
            return Exit.UNUSABLE
        return Exit.FINDINGS if self.found["error"] else Exit.CLEAN  # warnings and suggestions never fail


# --------------------------------------------------------------------------- text

_COLORS = {
    "error": "\033[31m",
    "warning": "\033[33m",
    "suggestion": "\033[34m",
    "dim": "\033[2m",
    "bold": "\033[1m",
    "reset": "\033[0m",
}
_NO_COLORS = dict.fromkeys(_COLORS, "")


def use_color(choice: str, stream) -> bool:
    if choice == "always":
        return True
    if choice == "never" or os.environ.get("NO_COLOR"):
        return False
    return hasattr(stream, "isatty") and stream.isatty() and os.environ.get("TERM") != "dumb"


def text_line(f: Finding, color: bool) -> str:
    """The finding in one line: ``path:line:col: CODE level message [clause] url`` (the concise
    form, and the first line of each finding in the full form: grep finds both alike). Control
    characters are escaped: the line is one line, whatever a name or a quote holds."""
    lang = get_lang()
    word = pick(SEVERITY_WORDS[f.severity], lang)
    c = _COLORS if color else _NO_COLORS
    waived = f" ({'已豁免' if lang == 'zh' else 'waived'}: {f.waiver_reason or '-'})" if f.waived else ""
    # Where lines are a Word document's paragraphs, the paragraph's first words find it.
    where = (
        ""
        if f.excerpt is None
        else (f"（第 {f.line} 段“{f.excerpt}”）" if lang == "zh" else f" (paragraph {f.line}: “{f.excerpt}”)")
    )
    said = escape_controls(f"{f.message(lang)}{where}{waived}")
    return (
        f"{c['bold']}{escape_controls(f.path)}:{f.line}:{f.column}:{c['reset']} "
        f"{c[f.severity]}{f.code} {word}{c['reset']} {said} {c['dim']}[{f.clause}] {f.url}{c['reset']}"
    )


_HELP = {"zh": "修改建议：", "en": "help: "}
_FIXABLE = {"zh": "可自动修改：", "en": "fix: "}


def _fix_words(replacement: str, lang: str) -> str:
    if lang == "en":
        return ("delete it" if not replacement else f"replace it with “{replacement}”") + " (--fix does it)"
    return ("删去这段文字" if not replacement else f"改为“{replacement}”") + "（--fix 会自动改好）"


# An ISO date standing alone: what an account file's deadlines are written as. The general
# masking takes it for a number run (2026-11-20 became 202*-**-20, beside a message naming it).
_ISO_DATE = re.compile(r"(?<![\d\-._·])\d{4}-\d{2}-\d{2}(?![\d\-._·])")


def _masked(
    line: str, start: int, end: int | None, protected: bool, keep_dates: bool = False
) -> tuple[str, int, int | None]:
    """``line`` with personal data and secrets masked (as in every output), and the span
    ``start``..``end`` moved to where it is in the masked line; a span of a rule that protects
    personal data is masked whole but for its ends. ``keep_dates``: ISO dates stay readable."""
    shown, start, end, _, _ = _masked_around(line, start, end, protected, keep_dates)
    return shown, start, end


def _masked_around(
    line: str, start: int, end: int | None, protected: bool, keep_dates: bool, reach: int | None = None
) -> tuple[str, int, int | None, bool, bool]:
    """:func:`_masked`, and with ``reach`` only the part of the masked line that an excerpt of
    ``reach`` columns can show (``reach`` characters before the span, twice after its start),
    with whether the line goes on before it and after it. The line is masked once for all its
    findings (and whole: a number cut at the edge would not be seen as one); each finding then
    costs its excerpt, not the line's length."""
    masked = _masked_line(line, keep_dates)
    start, end = masked.moved(start, False), (None if end is None else masked.moved(end, True))
    shown = masked.shown
    low, high = 0, len(shown)
    if reach is not None:
        low, high = max(0, start - reach), min(len(shown), start + 2 * reach + 1)
    if protected and end is not None and end > start:
        size = end - start
        head, tail = (3, 2) if size > 8 else (1, 0) if size > 3 else (0, 0)
        hide_from, hide_to = max(low, start + head), min(high, end - tail)
        if hide_to > hide_from:
            shown = shown[low:hide_from] + "*" * (hide_to - hide_from) + shown[hide_to:high]
        else:
            shown = shown[low:high]
    elif low or high < len(shown):
        shown = shown[low:high]
    end = None if end is None else min(end, high) - low
    return shown, start - low, end, low > 0, high < len(masked.shown)


# Beyond this many characters × characters, the changed middle of a line is not aligned (the
# alignment grows with their product): positions in it are kept, only the marker may be off.
_ALIGN_LIMIT = 4_000_000


class _MaskedLine:
    """A source line as printed (personal data and secrets masked), and where a position of
    the line is in it: before the first change and after the last, moved by nothing and by the
    change in length; between, by the alignment of the changed middle alone (computed once,
    when first asked). Masks one for one (digits as ``*``) move nothing."""

    def __init__(self, line: str, shown: str):
        self.line, self.shown = line, shown
        self.delta = len(shown) - len(line)
        self.prefix = self.suffix = len(line)
        self.kept = shown == line
        if not self.kept:
            self.prefix = _common_prefix(line, shown)
            limit = min(len(line), len(shown)) - self.prefix
            self.suffix = _common_prefix(line[len(line) - limit :][::-1], shown[len(shown) - limit :][::-1])
            if not self.delta:
                old, new = line[self.prefix : len(line) - self.suffix], shown[self.prefix : len(shown) - self.suffix]
                self.kept = all(a == b or b == "*" for a, b in zip(old, new, strict=True))
        self._ops: list[tuple[str, int, int, int, int]] | None = None

    def moved(self, position: int, closing: bool) -> int:
        if self.kept:
            return position
        probe = position - 1 if closing else position
        if probe < self.prefix:
            return position
        if probe >= len(self.line) - self.suffix:
            return position + self.delta
        if self._ops is None:
            from difflib import SequenceMatcher

            line, shown, prefix, suffix = self.line, self.shown, self.prefix, self.suffix
            middle = (line[prefix : len(line) - suffix], shown[prefix : len(shown) - suffix])
            if len(middle[0]) * len(middle[1]) > _ALIGN_LIMIT:
                self._ops = []
            else:
                self._ops = SequenceMatcher(None, *middle, autojunk=False).get_opcodes()
        at = probe - self.prefix
        for tag, i1, i2, j1, j2 in self._ops:
            if i1 <= at < i2:
                if tag == "equal":
                    return self.prefix + j1 + at - i1 + (1 if closing else 0)
                return self.prefix + (j2 if closing else j1)
        return min(position, len(self.shown))


@functools.lru_cache(maxsize=8)
def _masked_line(line: str, keep_dates: bool) -> _MaskedLine:
    """The masked form of ``line``, remembered: a line's findings come one after another."""
    if keep_dates and _ISO_DATE.search(line):
        pieces, at = [], 0
        for match in _ISO_DATE.finditer(line):
            pieces += [redact_source(line[at : match.start()]), match.group()]
            at = match.end()
        shown = "".join([*pieces, redact_source(line[at:])])
    else:
        shown = redact_source(line)
    return _MaskedLine(line, shown)


def _common_prefix(a: str, b: str) -> int:
    """How many characters ``a`` and ``b`` begin with alike (compared by halves, in C)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[low:middle] == b[low:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def full_lines(f: Finding, source: list[str] | None, color: bool, width: int, protected: bool = False) -> list[str]:
    """The full form of a finding: its line, the source line with the span marked (a Word
    document's paragraph is already named in the line, by its first words), how to fix it in
    words, and the mechanical fix when there is one; then an empty line."""
    lang = get_lang()
    c = _COLORS if color else _NO_COLORS
    out = [text_line(f, color)]
    number = str(f.line)
    pad = " " * len(number)
    bar = f"{c['dim']}{pad} |{c['reset']}"
    if f.excerpt is None and source is not None and 1 <= f.line <= len(source):
        line = source[f.line - 1]
        start = f.column - 1
        if f.end_line == f.line and f.end_column:
            end: int | None = f.end_column - 1
        elif f.end_line and f.end_line > f.line:
            end = len(line)  # a span over several lines is marked to the end of its first
        else:
            end = None
        account = f.path.lower().endswith((".yaml", ".yml"))
        budget = max(20, width - len(number) - 3)
        line, start, end, before, after = _masked_around(line, start, end, protected, account, budget)
        shown = excerpt(line, start, end, budget, more_before=before, more_after=after)
        out += [
            bar,
            f"{c['dim']}{number} |{c['reset']} {shown.text}",
            f"{bar} {' ' * shown.start}{c['bold']}{c[f.severity]}{'^' * shown.width}{c['reset']}",
        ]
    notes = [(_HELP[lang], f.fix_hint(lang))]
    replacement = getattr(f, "replacement", None)
    if replacement is not None and not f.waived:
        notes.append((_FIXABLE[lang], _fix_words(replacement, lang)))
    for label, text in notes:
        if not text:
            continue
        lead = f"{pad} = {label}"
        indent = " " * text_width(lead)
        lines = wrap(text, max(20, width - len(indent))) or [""]
        out.append(f"{c['dim']}{pad} ={c['reset']} {c['bold']}{label}{c['reset']}{lines[0]}")
        out += [indent + rest for rest in lines[1:]]
    out.append("")
    return out


_COUNT_WORDS = {
    "error": {"zh": "{n} 个错误", "en": "{n} error(s)"},
    "warning": {"zh": "{n} 个警告", "en": "{n} warning(s)"},
    "suggestion": {"zh": "{n} 条提示", "en": "{n} suggestion(s)"},
}


def statistics_lines(tally: Tally, rules: dict[str, Any]) -> list[str]:
    """One line per rule that found something listed: how many, the code, the level and the
    rule's title, most first (ruff's ``--statistics``)."""
    lang = get_lang()
    rows = sorted(tally.rules.items(), key=lambda item: (-item[1], item[0]))
    if not rows:
        return []
    digits = max(len(str(n)) for _, n in rows)
    codes = max(len(code) for code, _ in rows)
    lines = []
    for code, n in rows:
        rule = rules.get(code)
        level = pick(SEVERITY_WORDS[tally.levels.get(code, "warning")], lang)
        title = pick(rule.title, lang) if rule else ""
        level_pad = " " * (max(text_width(pick(w, lang)) for w in SEVERITY_WORDS.values()) - text_width(level))
        lines.append(f"{n:>{digits}}  {code:<{codes}}  {level}{level_pad}  {title}".rstrip())
    return lines


def summary_line(tally: Tally) -> str:
    lang = get_lang()
    shown = [s for s in reversed(SEVERITIES) if RANK[s] >= tally.floor or s == "error"]
    hidden = [s for s in reversed(SEVERITIES) if tally.hidden[s]]
    counts = [pick(_COUNT_WORDS[s], lang).format(n=tally.found[s]) for s in shown]
    problem_files = len(tally.problem_paths)
    if lang == "en":
        text = f"{tally.files} file(s) checked: " + ", ".join(counts)
        if tally.waived:
            text += f", {tally.waived} waived"
        if hidden:
            what = " and ".join(_COUNT_WORDS[s]["en"].format(n=tally.hidden[s]) for s in hidden)
            text += f"; {what} hidden (--min-severity {hidden[-1]} shows them)"
        if tally.unlisted:
            text += f"; {tally.unlisted} counted but not listed (at most {MAX_FINDINGS_PER_RULE:,} per rule and level in a file)"
        if problem_files:
            text += f"; {problem_files} file(s) could not be read"
        if tally.skipped:
            text += f"; {sum(tally.skipped.values())} file(s) skipped, not checked ({_kinds(tally)})"
        return text + "."
    text = f"检查了 {tally.files} 个文件：" + "，".join(counts)
    if tally.waived:
        text += f"，{tally.waived} 个已豁免"
    if hidden:
        what = "、".join(_COUNT_WORDS[s]["zh"].format(n=tally.hidden[s]) for s in hidden)
        text += f"；另有 {what}未显示（加 --min-severity {hidden[-1]} 显示）"
    if tally.unlisted:
        text += f"；其中 {tally.unlisted} 条只计数、未逐条列出（同一文件同一规则同一级别最多列出 {MAX_FINDINGS_PER_RULE:,} 条）"
    if problem_files:
        text += f"；{problem_files} 个文件无法读取"
    if tally.skipped:
        text += (
            f"；跳过 {sum(tally.skipped.values())} 个未检查的文件（{_kinds(tally)}）"  # not drafts, or formats not read
        )
    return text + "。"


def _kinds(tally: Tally) -> str:
    return ", ".join(f"{suffix} ×{n}" for suffix, n in sorted(tally.skipped.items(), key=lambda i: (-i[1], i[0])))


class TextWriter:
    """Findings on ``out`` as each file's results arrive, unusable input on ``err``; the waiver
    list (``--show-waivers``) and the summary line at the end.

    ``full``: each finding with its source line (``source(path)`` gives a file's text as it was
    checked, or None), the span marked, and how to fix it; otherwise one line per finding.
    ``statistics``: instead of the findings, how many each rule found (titles from ``rules``).
    ``protected``: codes of the rules whose spans are personal data or secrets (masked)."""

    def __init__(
        self,
        out: IO[str],
        err: IO[str],
        tally: Tally,
        *,
        color: bool,
        show_waivers: bool,
        quiet: bool,
        full: bool = False,
        statistics: bool = False,
        source: Callable[[str], str | None] | None = None,
        rules: dict[str, Any] | None = None,
        protected: frozenset[str] = frozenset(),
        width: int | None = None,
    ):
        self.out, self.err, self.tally = out, err, tally
        self.color, self.show_waivers, self.quiet = color, show_waivers, quiet
        self.full, self.statistics = full, statistics
        self.source, self.rules, self.protected = source, rules or {}, protected
        self.width = width or columns()
        self.waivers: list[tuple[str, Any]] = []
        self.printed = False
        self.extra: list[str] = []  # lines printed before the summary (what --fix did)

    def add(self, result: FileResult) -> None:
        self.tally.add(result)
        if result.problems:
            self.out.flush()
            self.err.write("".join(f"{p}\n" for p in result.problems))
            self.err.flush()
        shown = [f for f in result.findings if (self.show_waivers or not f.waived) and self.tally.shows(f)]
        if shown and not self.statistics:
            if self.full:
                lines = self._source_lines(result.path, shown)
                text = "\n".join(
                    line
                    for f in shown
                    for line in full_lines(f, lines, self.color, self.width, f.code in self.protected)
                )
            else:
                text = "\n".join(text_line(f, self.color) for f in shown)
            self.out.write(text + "\n")
            self.printed = True
        if self.show_waivers:
            self.waivers.extend((result.path, w) for w in result.waivers)
        if result.skipped and not self.quiet:
            self.out.flush()
            self.err.write(escape_controls(f"{result.path}: {result.skipped}") + "\n")
            self.err.flush()

    def _source_lines(self, path: str, findings: list[Finding]) -> list[str] | None:
        if self.source is None or all(f.excerpt is not None for f in findings):
            return None
        text = self.source(path)
        return None if text is None else text.split("\n")

    def finish(self) -> None:
        out = []
        if self.statistics:
            out += statistics_lines(self.tally, self.rules)
        if self.show_waivers and self.waivers:
            out.append("豁免注释：" if get_lang() == "zh" else "Waivers:")
            for path, w in self.waivers:
                used = ", ".join(sorted(c for c in w.used if not c.startswith("!"))) or "-"
                out.append(
                    escape_controls(
                        f"  {path}:{w.line}:{w.column}: {w.kind} {' '.join(w.codes)} — "
                        f"{redact(w.reason[:200]) or '-'} (used: {used})"
                    )
                )
        out += self.extra
        if not self.quiet and (
            self.tally.total or self.tally.problems or self.tally.skipped or self.extra or not (out or self.printed)
        ):
            out.append(summary_line(self.tally))
        if out:
            self.out.write("\n".join(out) + "\n")


# --------------------------------------------------------------------------- GitHub Actions


def _gh_escape(value: str, *, prop: bool) -> str:
    """A workflow command's value: line breaks as the runner's %0A, other control characters
    (an ESC would reach the log's terminal renderer) as escapes."""
    value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    if prop:
        value = value.replace(":", "%3A").replace(",", "%2C")
    return escape_controls(value)


def github_line(f: Finding) -> str:
    props = f"file={_gh_escape(f.path, prop=True)},line={f.line},col={f.column}"
    if f.end_line:
        props += f",endLine={f.end_line}"
    if f.end_column:
        props += f",endColumn={f.end_column}"
    props += f",title={_gh_escape(f'{f.code} {f.name} [{f.clause}]', prop=True)}"
    return f"::{GITHUB_COMMANDS[f.severity]} {props}::{_gh_escape(f.message() + ' ' + f.url, prop=False)}"


class GithubWriter:
    """Workflow commands: findings (not waived) as each file's results arrive, then one
    ``::error`` per unusable file."""

    def __init__(self, out: IO[str], tally: Tally):
        self.out, self.tally = out, tally

    def add(self, result: FileResult) -> None:
        self.tally.add(result)
        lines = [github_line(f) for f in result.findings if not f.waived and self.tally.shows(f)]
        if lines:
            self.out.write("\n".join(lines) + "\n")

    def finish(self) -> None:
        for p in self.tally.problems:
            props = f"file={_gh_escape(p.path, prop=True)},line={p.line},col={p.column}"
            self.out.write(f"::error {props}::{_gh_escape(p.message, prop=False)}\n")


# --------------------------------------------------------------------------- JSON and SARIF

_INDENT = b"  "
# Stands for the list of findings while the rest of the document is serialised.
_HOLE = "oahandbook: the findings go here"


def _dumps(value: Any, depth: int = 0) -> bytes:
    """``json.dumps(value, ensure_ascii=False, indent=2)`` as UTF-8, nested ``depth`` levels deep
    (orjson's C encoder; the same bytes, several times faster)."""
    import orjson

    data = json_bytes(value, orjson.OPT_INDENT_2)
    return data.replace(b"\n", b"\n" + _INDENT * depth) if depth and b"\n" in data else data


def json_bytes(value: Any, option: int = 0) -> bytes:
    """``value`` as JSON by orjson; a lone surrogate (a name's byte that is not UTF-8) anywhere
    makes it encode the valid text instead (:func:`valid_json`)."""
    import orjson

    try:
        return orjson.dumps(value, option=option)
    except orjson.JSONEncodeError:
        return orjson.dumps(valid_json(value), option=option)


def valid_json(value: Any) -> Any:
    """``value`` with every string made valid Unicode (:func:`valid_text`): what a JSON document,
    which is UTF-8, can hold. File names are made so when they are found; this catches a name
    that came another way (a ``--config`` given on the command line)."""
    if isinstance(value, str):
        return valid_text(value)
    if isinstance(value, dict):
        return {valid_json(k): valid_json(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [valid_json(v) for v in value]
    return value


# Serialised findings stay in memory up to this size, then go to a temporary file.
SPOOL_MEMORY = 256 * 1024


class Spool:
    """The serialised items of a document's one long list, ``depth`` levels deep, each written
    as it comes (with the separator before it) to a temporary file that stays in memory while it
    is small: the findings of a run cost disk, not memory."""

    def __init__(self, depth: int):
        self.separator = b",\n" + _INDENT * (depth + 1)
        self.count = 0
        self.file: IO[bytes] | None = None

    def append(self, item: bytes) -> None:
        if self.file is None:
            self.file = tempfile.SpooledTemporaryFile(max_size=SPOOL_MEMORY)  # noqa: SIM115 (closed by close())
        if self.count:
            self.file.write(self.separator)
        self.file.write(item)
        self.count += 1

    def __len__(self) -> int:
        return self.count

    def copy_to(self, stream: IO[bytes]) -> None:
        if self.file is not None:
            self.file.seek(0)
            shutil.copyfileobj(self.file, stream, 64 * 1024)

    def close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.file = None


def _write_document(stream: IO[bytes], document: dict, depth: int, items: Sequence[bytes] | Spool) -> None:
    """Write ``document`` with its one ``[_HOLE]`` list (``depth`` levels deep) replaced by
    ``items`` (each serialised ``depth + 1`` levels deep, in a list or a :class:`Spool`), as one
    indented JSON document."""
    text = _dumps(document)
    hole = b"[\n" + _INDENT * (depth + 1) + _dumps(_HOLE) + b"\n" + _INDENT * depth + b"]"
    at = text.index(hole)  # the raw newlines inside make it unique: strings hold escaped ones
    stream.write(text[:at])
    if items:
        inner = b"\n" + _INDENT * (depth + 1)
        stream.write(b"[" + inner)
        if isinstance(items, Spool):
            items.copy_to(stream)
        else:
            stream.write((b"," + inner).join(items))
        stream.write(b"\n" + _INDENT * depth + b"]")
    else:
        stream.write(b"[]")
    stream.write(text[at + len(hole) :] + b"\n")


def summary_fields(tally: Tally) -> dict[str, Any]:
    """The counts of a run, as the JSON report's ``summary`` (and the JSON Lines summary) has them."""
    return summary_of(
        files=tally.files,
        found=tally.found,
        waived=tally.waived,
        hidden=sum(tally.hidden.values()),
        unlisted=tally.unlisted,
        min_severity=tally.min_severity,
        unusable_files=len(tally.problem_paths),
        skipped_files=sum(tally.skipped.values()),
        exit_code=tally.exit_code,
    )


def summary_of(
    *,
    files: int,
    found: dict[str, int],
    waived: int,
    hidden: int,
    unlisted: int,
    min_severity: str | None,
    unusable_files: int,
    skipped_files: int,
    exit_code: int,
) -> dict[str, Any]:
    """A run's ``summary``, whoever counted it (a report's tally, an audit's counters)."""
    return {
        "files": files,
        "errors": found["error"],
        "warnings": found["warning"],
        "suggestions": found["suggestion"],
        "waived": waived,
        "hidden": hidden,
        "unlisted": unlisted,
        "min_severity": min_severity,
        "unusable_files": unusable_files,
        "skipped_files": skipped_files,
        "exit_code": int(exit_code),
    }


class JsonWriter:
    """The JSON report (``schema_version`` 1): findings spooled as they arrive, the document
    written by :meth:`finish`."""

    def __init__(self, out: IO[bytes], tally: Tally, regulation: dict[str, str]):
        self.out, self.tally, self.regulation = out, tally, regulation
        self.items = Spool(1)

    def add(self, result: FileResult) -> None:
        self.tally.add(result)
        for f in result.findings:
            if self.tally.shows(f):
                self.items.append(_dumps(f.to_dict(), 2))

    def finish(self) -> None:
        tally = self.tally
        document = {
            "schema_version": JSON_SCHEMA_VERSION,
            "tool": {"name": "oahandbook", "version": __version__},
            "regulation": self.regulation,
            "summary": summary_fields(tally),
            "findings": [_HOLE],
            "problems": [p.to_dict() for p in tally.problems],
        }
        try:
            _write_document(self.out, document, 1, self.items)
        finally:
            self.items.close()


class SarifWriter:
    """SARIF 2.1.0, one run: results spooled as they arrive, the document written by :meth:`finish`."""

    def __init__(self, out: IO[bytes], tally: Tally, rules: Iterable):
        self.out, self.tally = out, tally
        self.rules = sorted(rules, key=lambda r: r.code)
        self.index = {r.code: i for i, r in enumerate(self.rules)}
        self.items = Spool(3)

    def add(self, result: FileResult) -> None:
        self.tally.add(result)
        lang = get_lang()
        fixable = fixable_file(result)
        for f in result.findings:
            if not self.tally.shows(f):
                continue
            region = {"startLine": f.line, "startColumn": f.column}
            if f.end_line:
                region["endLine"] = f.end_line
            if f.end_column:
                region["endColumn"] = f.end_column
            item = {
                "ruleId": f.code,
                "ruleIndex": self.index[f.code],
                "level": SARIF_LEVELS[f.severity],
                "message": {"text": f.message(lang)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": _uri(f.path)}, "region": region}}],
                "properties": {"clause": f.clause, "fix": f.fix_hint(lang)},
            }
            if f.waived:
                item["suppressions"] = [{"kind": "inSource", "justification": f.waiver_reason or ""}]
            elif fixable and f.replacement is not None and f.end_line and f.end_column:
                item["fixes"] = [_sarif_fix(f, lang)]
            self.items.append(_dumps(item, 4))

    def finish(self) -> None:
        lang = get_lang()
        notifications = [
            {
                "level": "error",
                "message": {"text": p.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": _uri(p.path)},
                            "region": {"startLine": p.line, "startColumn": p.column},
                        }
                    }
                ],
            }
            for p in self.tally.problems
        ]
        driver = {
            "name": "oahandbook",
            "version": __version__,
            "informationUri": "https://pypi.org/project/oahandbook/",
            "rules": [
                {
                    "id": r.code,
                    "name": r.name,
                    "shortDescription": {"text": pick(r.title, lang)},
                    "fullDescription": {"text": pick(r.why, lang)},
                    "help": {"text": pick(r.fix, lang)},
                    "defaultConfiguration": {"level": SARIF_LEVELS.get(r.severity, "warning")},
                    "properties": {"clause": r.clause, "waivable": r.waivable},
                }
                for r in self.rules
            ],
        }
        sarif = {
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [
                {
                    "tool": {"driver": driver},
                    "columnKind": "unicodeCodePoints",
                    "invocations": [
                        {"executionSuccessful": not self.tally.problems, "toolExecutionNotifications": notifications}
                    ],
                    "results": [_HOLE],
                }
            ],
        }
        try:
            _write_document(self.out, sarif, 3, self.items)
        finally:
            self.items.close()


def fixable_file(result: FileResult) -> bool:
    """Whether ``result`` is of a Markdown draft, whose lines and columns are the file's own (a
    Word document's lines are paragraphs, a page's are its text's): where a fix can be applied
    (``check --fix``) and offered (SARIF)."""
    from oahandbook.article.formats import draft_format

    return result.kind == "article" and draft_format(result.path) == "markdown"


def _sarif_fix(f: Finding, lang: str) -> dict[str, Any]:
    """A finding's mechanical fix (what ``check --fix`` applies) as a SARIF ``fix``: replace the
    finding's region (its end is exclusive, as SARIF's ``endColumn`` is) by ``replacement``."""
    region = {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line, "endColumn": f.end_column}
    return {
        "description": {"text": _fix_words(f.replacement or "", lang)},
        "artifactChanges": [
            {
                "artifactLocation": {"uri": _uri(f.path)},
                "replacements": [{"deletedRegion": region, "insertedContent": {"text": f.replacement}}],
            }
        ],
    }


def _uri(path: str) -> str:
    from urllib.parse import quote

    return quote(valid_text(path).replace(os.sep, "/"), safe="/:")
