"""Every pattern and position lookup is linear or bounded (issue 10): an input four times as
large takes well under sixteen times as long, a 4 MB draft or 1 MB account file of any shape is
checked in seconds, memory stays flat across files, and nothing is redone per file that could be
done once.

No test depends on how fast this machine is: growth is the ratio of CPU times of the same check
at two sizes (each the best of three, in this process), with room between linear (×4) and
quadratic (×16); absolute bounds are generous and measured as CPU time in a child process,
which also keeps an exponential input from hanging the suite.
"""

from __future__ import annotations

import datetime as dt
import gc
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest

from oahandbook.api import Checker
from timing import cpu_seconds

REPO = Path(__file__).resolve().parents[1]
EXAMPLE_ACCOUNT = (REPO / "examples" / "account.yaml").read_text(encoding="utf-8")
HEAD = "---\ntitle: 本周活动预告\nauthor: 市场部\ncover: https://mp.weixin.qq.com/cover.png\n---\n"
WAIVER = "<!-- oahandbook-disable-next-line PC02: 禁赌宣传 -->"
# Linear growth gives ×4, quadratic ×16: ×10 leaves room for noise on both sides.
GROWTH_LIMIT = 10.0
# The smaller input must take at least this long, so that timer noise does not decide the ratio.
MIN_SECONDS = 0.015


@pytest.fixture(scope="module")
def checker() -> Checker:
    checker = Checker(today=dt.date(2026, 11, 23))
    checker.check_text(HEAD + "预热。\n", path="warm.md")
    checker.check_text(EXAMPLE_ACCOUNT, kind="account", path="warm.yaml")
    return checker


def growth(make: Callable[[int], Callable[[], object]], n: int) -> tuple[float, int, float]:
    """CPU time at size 4n over size n, after doubling n (at most 6 times) until size n is
    measurable; the ratio, the n used and the time at n."""
    small = cpu_seconds(make(n))
    for _ in range(6):
        if small >= MIN_SECONDS:
            break
        n *= 2
        small = cpu_seconds(make(n))
    large = cpu_seconds(make(4 * n))
    return large / small, n, small


def account_check(checker: Checker, text: str) -> Callable[[], object]:
    return lambda: checker.check_text(text, kind="account", path="a.yaml")


def draft_check(checker: Checker, text: str) -> Callable[[], object]:
    return lambda: checker.check_text(text, kind="article", path="d.md")


def _with(old: str, new: str) -> str:
    assert old in EXAMPLE_ACCOUNT, old
    return EXAMPLE_ACCOUNT.replace(old, new, 1)


def _after(heading: str, lines: str) -> str:
    """The example account file with ``lines`` right after the line that starts with ``heading``."""
    at = EXAMPLE_ACCOUNT.index("\n" + heading) + 1
    end = EXAMPLE_ACCOUNT.index("\n", at) + 1
    return EXAMPLE_ACCOUNT[:end] + lines + EXAMPLE_ACCOUNT[end:]


NOTE = "      note: 工作日 9:00–17:30\n"


# name -> (kind, text of size n, first n); each shape once made a check slow or could.
ACCOUNT_SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "unknown-keys": (lambda n: EXAMPLE_ACCOUNT + "".join(f"unknown_{i}: x\n" for i in range(n)), 2000),
    "nested-unknown-keys": (
        lambda n: _with("security:\n", "security:\n" + "".join(f"  unknown_{i}: x\n" for i in range(n))),
        2000,
    ),
    "duplicate-keys": (lambda n: EXAMPLE_ACCOUNT + "reviewed: 2026-10-15\n" * n, 4000),
    "impossible-dates": (
        lambda n: _with(
            "  annual_reviews:\n", "  annual_reviews:\n" + "    - {date: 2026-02-30, result: passed}\n" * n
        ),
        2000,
    ),
    "dotted-value": (lambda n: _with(NOTE, '      note: "' + "a." * n + '"\n'), 20000),
    "dotted-comment": (lambda n: EXAMPLE_ACCOUNT + "# " + "a." * n + "\n", 20000),
    "secret-words": (lambda n: _with(NOTE, "      note: " + "密码：x " * n + "\n"), 5000),
    "waiver-comments": (lambda n: EXAMPLE_ACCOUNT + "# oahandbook-disable-next-line SE01: 演示\n\n" * n, 2000),
    "waiver-then-tabs": (lambda n: EXAMPLE_ACCOUNT + "#oahandbook-disable SE01" + "\t" * n + "x\n", 4000),
    "many-people": (
        lambda n: _after(
            "people:",
            (
                "  - name: 运营\n    wechat_id: wechat:op\n    role: long_term_operator\n"
                "    real_name_verified: true\n    account_protection: true\n    permissions: [login]\n"
                "    appointed: 2025-01-01\n"
            )
            * n,
        ),
        500,
    ),
}
DRAFT_SHAPES: dict[str, tuple[Callable[[int], str], int]] = {
    "waiver-then-spaces-then-text": (
        lambda n: HEAD + "<!-- oahandbook-disable-next-line PC02" + " " * n + "x -->\n网上赌博。\n",
        4000,
    ),
    "waiver-then-tabs-then-text": (lambda n: HEAD + "<!-- oahandbook-disable" + "\t" * n + "x\n网上赌博。\n", 4000),
    "waiver-then-blank-lines": (lambda n: HEAD + WAIVER + "\n" * n + "网上赌博。\n", 4000),
    "many-waivers": (lambda n: HEAD + (WAIVER + "\n\n网上赌博。\n") * n, 500),
    # 8n waivers left open (each covers the rest of the file) above n findings they do not waive.
    "open-waivers-above-findings": (
        lambda n: HEAD + "<!-- oahandbook-disable PC01: 宣传 -->\n" * (8 * n) + "网上赌博。\n" * n,
        250,
    ),
    "unknown-front-matter-keys": (
        lambda n: "---\ntitle: t\nauthor: a\ncover: c.png\n" + "".join(f"k{i}: x\n" for i in range(n)) + "---\n正文\n",
        1000,
    ),
    "many-findings": (lambda n: HEAD + "网上赌博，\n" * n, 500),
    "long-line": (lambda n: HEAD + "赌博某某某某某" * n + "\n", 500),
    "many-hosts": (lambda n: HEAD + "".join(f"[链接](https://h{i}.example.com/) " for i in range(n)) + "\n", 500),
    "entities": (lambda n: HEAD + "&#55296;&#x41;" * n + "\n", 2000),
    "digit-groups": (lambda n: HEAD + "6222 " * n + "\n", 2000),
    "unclosed-comment": (lambda n: HEAD + "<!-- " + "赌博 " * n + "\n", 2000),
    "unclosed-code": (lambda n: HEAD + "`" + "赌博 " * n + "\n", 2000),
    "brackets": (lambda n: HEAD + "[x](" * n + "\n", 2000),
}
SHAPES = [
    pytest.param(kind, name, id=f"{kind}-{name}")
    for kind, shapes in (("account", ACCOUNT_SHAPES), ("article", DRAFT_SHAPES))
    for name in shapes
]


@pytest.mark.parametrize(("kind", "name"), SHAPES)
def test_four_times_the_input_takes_well_under_sixteen_times_as_long(checker, kind, name):
    shapes = ACCOUNT_SHAPES if kind == "account" else DRAFT_SHAPES
    make_text, n = shapes[name]
    check = account_check if kind == "account" else draft_check
    ratio, used, small = growth(lambda size: check(checker, make_text(size)), n)
    assert ratio < GROWTH_LIMIT, f"n={used}: {small * 1000:.0f} ms, ×4 input took ×{ratio:.1f}"


def test_the_shapes_are_what_they_say(checker):
    """The inputs above reach the code they aim at (a parse error at line 1 would make every
    shape fast): the account shapes are read as account files and the drafts as drafts."""
    expect_problem = {"unknown-keys", "nested-unknown-keys", "duplicate-keys", "impossible-dates"}
    for name, (make_text, _) in ACCOUNT_SHAPES.items():
        result = checker.check_text(make_text(50), kind="account", path="a.yaml")
        assert bool(result.problems) == (name in expect_problem), (name, result.problems[:2])
    for name in (
        "waiver-then-blank-lines",
        "many-waivers",
        "open-waivers-above-findings",
        "many-findings",
        "long-line",
    ):
        make_text, _ = DRAFT_SHAPES[name]
        result = checker.check_text(make_text(20), kind="article", path="d.md")
        assert not result.problems and result.findings, name


# --------------------------------------------------------------------------- whole files

MB = 1024 * 1024
BIG_FILES = {
    "draft-prose": (
        "article",
        lambda: HEAD + "下周三下午在一楼大厅举办开放日，欢迎参加，这是普通的文字。\n" * (4 * MB // 90),
    ),
    "draft-one-long-line": ("article", lambda: HEAD + "某" * (4 * MB // 3) + "\n"),
    "draft-digits": ("article", lambda: HEAD + "1" * (4 * MB) + "\n"),
    "draft-dense-findings": ("article", lambda: HEAD + ("网上赌博，" * 10 + "\n") * (4 * MB // 160)),
    "account-unknown-keys": ("account", lambda: EXAMPLE_ACCOUNT + "".join(f"k{i}: x\n" for i in range(MB // 10))),
    "account-dotted-value": ("account", lambda: _with(NOTE, '      note: "' + "a." * (MB // 2) + '"\n')),
    "account-many-problems": (
        "account",
        lambda: _with(
            "  annual_reviews:\n", "  annual_reviews:\n" + "    - {date: 2026-02-30, result: passed}\n" * (MB // 42)
        ),
    ),
}
BIG_FILE_SCRIPT = """
import sys, time
from oahandbook.api import Checker
kind, path = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
checker = Checker()
checker.check_text("---\\ntitle: t\\nauthor: a\\ncover: c.png\\n---\\n预热\\n", path="w.md")
start = time.process_time()
result = checker.check_text(text, kind=kind, path="x.md" if kind == "article" else "x.yaml")
print(time.process_time() - start, len(result.findings), len(result.problems))
"""
BIG_FILE_CPU_LIMIT = 5.0


@pytest.mark.slow
@pytest.mark.parametrize("name", list(BIG_FILES))
def test_a_big_file_of_any_shape_is_checked_in_seconds(tmp_path, name):
    kind, make_text = BIG_FILES[name]
    path = tmp_path / "input.txt"
    path.write_text(make_text(), encoding="utf-8")
    timeout = 60  # wall time: room for a busy machine (the limit is on CPU time, below)
    try:
        proc = subprocess.run(
            [sys.executable, "-c", BIG_FILE_SCRIPT, kind, str(path)],
            capture_output=True,
            text=True,
            timeout=timeout,
            encoding="utf-8",
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"{name}: not done after {timeout} s")
    assert proc.returncode == 0, proc.stderr[-2000:]
    seconds = float(proc.stdout.split()[0])
    assert seconds < BIG_FILE_CPU_LIMIT, f"{name}: {seconds:.1f} s of CPU"


# --------------------------------------------------------------------------- config globs

GLOB_SCRIPT = """
import sys, time
from oahandbook.run.discovery import glob_match
start = time.process_time()
for pattern, path in zip(sys.argv[1::2], sys.argv[2::2]):
    glob_match(path, pattern)
print(time.process_time() - start)
"""
GLOBS = [
    # 12 ``**/`` against a path 40 folders deep: each ``**`` may take any number of folders.
    ("**/" * 12 + "y.md", "a/" * 40 + "x.md"),
    # ``*a`` 12 times against a long name of a's: each ``*`` may take any number of them.
    ("*a" * 12 + "*b.md", "a" * 200 + ".md"),
    ("**/*a" * 8 + "*b.md", "a/" * 10 + "a" * 100 + ".md"),
]


def test_a_config_glob_of_any_shape_matches_in_bounded_time():
    """A glob from a 1 KB config is matched against a path in milliseconds, whatever its stars
    (a config's include and exclude are matched against every file of a run). In a child
    process: the exponential matcher would not return at all."""
    argv = [item for pair in GLOBS for item in pair]
    try:
        proc = subprocess.run([sys.executable, "-c", GLOB_SCRIPT, *argv], capture_output=True, text=True, timeout=5)
    except subprocess.TimeoutExpired:
        pytest.fail("the globs were not matched after 5 s")
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert float(proc.stdout) < 1.0


def test_ordinary_globs_still_match():
    from oahandbook.run.discovery import glob_match

    assert glob_match("drafts/2026/a.md", "drafts/**")
    assert glob_match("drafts/2026/a.md", "**/*.md")
    assert glob_match("a.md", "**/*.md")
    assert glob_match("x/a.md", "*.md")  # a pattern without / matches the file name
    assert not glob_match("drafts/a.txt", "drafts/**/*.md")
    assert glob_match("aaab.md", "*a*a*b.md") and not glob_match("aaa.md", "*a*a*b.md")


# --------------------------------------------------------------------------- memory and repeated work


def _traced_growth(checker: Checker, make: Callable[[int], str], kind: str, first: int, count: int) -> int:
    """Bytes still held after checking ``count`` more files than after ``first`` (all different).
    A long file first: some structures are built once, when enough text has been seen."""
    checker.check_text(make(0) * 200, kind=kind, path="long")
    for i in range(first):
        checker.check_text(make(i), kind=kind, path=f"f{i}")
    gc.collect()
    tracemalloc.start()
    try:
        for i in range(first, first + 50):
            checker.check_text(make(i), kind=kind, path=f"f{i}")
        gc.collect()
        before = tracemalloc.get_traced_memory()[0]
        for i in range(first + 50, first + 50 + count):
            checker.check_text(make(i), kind=kind, path=f"f{i}")
        gc.collect()
        return tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("kind", ["account", "article"])
def test_memory_stays_flat_across_files(kind):
    """200 more files, each different, leave less than 100 KB behind (the YAML constructor once
    kept every node of every file it read)."""
    checker = Checker(today=dt.date(2026, 11, 23))
    if kind == "account":

        def make(i: int) -> str:
            return _with("name: 示例科技服务号", f"name: 示例科技服务号{i}") + f"reviewed_by_{i}: x\n"

    else:

        def make(i: int) -> str:
            line = f"第{i}期：网上赌博，联系人身份证330106199207153284，详见 https://example.com/{i} 。\n"
            return HEAD.replace("本周活动预告", f"第{i}期") + line * 4

    grown = _traced_growth(checker, make, kind, 20, 200)
    assert grown < 100_000, f"{grown} bytes kept by 200 files"


LEXICON = (
    "provenance:\n  what: {zh: 内部词表, en: in-house list}\n  source: {zh: 本单位, en: ours}\n"
    "  licence: internal\n  checked: CHECKED\ncategory: porn\nentries:\n  - {term: 陪聊, severity: warning}\n"
)


def _lexicon_loads(tmp_path: Path, monkeypatch, checked: str, drafts: int) -> int:
    """How many times a run over ``drafts`` drafts reads the organisation's lexicon."""
    import oahandbook.base.yamlio as yamlio
    from oahandbook.commands.main import main

    root = tmp_path / f"repo-{checked}-{drafts}"
    (root / ".git").mkdir(parents=True)
    (root / "words.yaml").write_text(LEXICON.replace("CHECKED", checked), encoding="utf-8")
    (root / ".oahandbook.yaml").write_text("lexicons: [words.yaml]\n", encoding="utf-8")
    for i in range(drafts):
        (root / f"d{i}.md").write_text(HEAD + "陪聊\n", encoding="utf-8")
    loads = []
    real = yamlio.load_file

    def counting(path, *args, **kwargs):
        if Path(path).name == "words.yaml":
            loads.append(path)
        return real(path, *args, **kwargs)

    monkeypatch.setattr(yamlio, "load_file", counting)
    monkeypatch.setenv("OAHANDBOOK_NO_CACHE", "1")
    monkeypatch.chdir(root)
    main(["check", "--format", "json", *[f"d{i}.md" for i in range(drafts)]])
    monkeypatch.setattr(yamlio, "load_file", real)
    return len(loads)


def test_a_valid_lexicon_is_read_once_per_run(tmp_path, monkeypatch, capsys):
    assert _lexicon_loads(tmp_path, monkeypatch, "2026-11-01", 4) == _lexicon_loads(
        tmp_path, monkeypatch, "2026-11-01", 16
    )


def test_a_broken_lexicon_is_read_once_per_run(tmp_path, monkeypatch, capsys):
    assert _lexicon_loads(tmp_path, monkeypatch, "2026-02-30", 4) == _lexicon_loads(
        tmp_path, monkeypatch, "2026-02-30", 16
    )
