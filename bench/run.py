"""Benchmarks, run on demand (not part of the test suite). Prints medians and ratios.

    bash scripts/dev exec python bench/run.py            # generated corpus (>= 5 MB)
    bash scripts/dev exec python bench/run.py DIR        # any directory of Markdown drafts

Measures (see bench/README.md for what each figure means): throughput of checking a directory
in-process (MB/s, files/s, one process, every rule on); the whole ``oahandbook check`` CLI
against ``autocorrect --lint`` (a Rust CJK linter) on the same directory, one thread each; cold
start of checking one small file against ``python -c "import pydantic, yaml"``; lexicon scaling
(the same corpus with 100, 1,000 and 10,000 extra terms). Nothing is installed: a missing
autocorrect is reported with how to install it, and that part is skipped.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE / "corpus"

# Ordinary words of Chinese business and tech writing, with a little punctuation and markup,
# plus an occasional lexicon hit so the findings path is exercised too.
WORDS = [
    "我们",
    "公司",
    "平台",
    "用户",
    "服务",
    "数据",
    "系统",
    "管理",
    "运营",
    "内容",
    "发布",
    "活动",
    "产品",
    "技术",
    "团队",
    "安全",
    "备份",
    "账号",
    "信息",
    "互动",
    "咨询",
    "投诉",
    "处理",
    "及时",
    "规范",
    "要求",
    "合法",
    "权益",
    "社会",
    "公共",
    "利益",
    "发展",
    "健康",
    "正常",
    "认证",
    "资料",
    "营业执照",
    "更新",
    "维护",
    "风险",
    "防范",
    "黑客",
    "攻击",
    "病毒",
    "密码",
    "密钥",
    "加密",
    "保护",
    "文章",
    "标题",
    "摘要",
    "作者",
    "封面",
    "原创",
    "转载",
    "来源",
    "今天",
    "明天",
    "下午",
    "会议",
    "培训",
    "报名",
    "参加",
    "欢迎",
    "通知",
    "说明",
    "步骤",
    "方法",
    "问题",
    "解决",
    "方案",
    "实践",
    "经验",
    "分享",
]
RARE = ["最佳", "国家级", "赌博", "转发集赞", "13800138000", "[链接](https://example.com/a)", "`code`"]


def generate(target_bytes: int, files: int) -> Path:
    CORPUS.mkdir(exist_ok=True)
    marker = CORPUS / f".generated-{target_bytes}-{files}"
    if marker.exists():
        return CORPUS
    for old in CORPUS.glob("*.md"):
        old.unlink()
    rng = random.Random(20261123)
    per_file = target_bytes // files
    for i in range(files):
        parts = [f"---\ntitle: 第{i}期 运营周报\nauthor: 运营组\ncover: https://mp.weixin.qq.com/c{i}.png\n---\n"]
        size = len(parts[0].encode())
        while size < per_file:
            sentence = "".join(rng.choice(WORDS) for _ in range(rng.randint(6, 18)))
            if rng.random() < 0.02:
                sentence += rng.choice(RARE)
            sentence += rng.choice("，。；！？") + ("\n\n" if rng.random() < 0.15 else "")
            parts.append(sentence)
            size += len(sentence.encode())
        (CORPUS / f"draft-{i:04d}.md").write_text("".join(parts), encoding="utf-8")
    marker.touch()
    return CORPUS


def _size(folder: Path) -> tuple[int, int]:
    files = sorted(folder.rglob("*.md"))
    return sum(f.stat().st_size for f in files), len(files)


def time_check(folder: Path, config: Path | None, runs: int) -> list[float]:
    """Seconds per in-process check of the whole folder (bundle loaded once, like one CLI run)."""
    from oahandbook import Checker

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        checker = Checker.for_directory(folder, config=config)
        results = list(checker.check_paths([folder]))
        times.append(time.perf_counter() - start)
        assert not any(r.problems for r in results), [r.problems for r in results if r.problems][:1]
    return times


def _env() -> dict[str, str]:
    """Bytecode may be cached, as in an installed pre-commit hook (pip compiles it at install);
    PYTHONDONTWRITEBYTECODE, set on some CI images, would otherwise make every run recompile."""
    return {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


class CommandFailed(Exception):
    """A benchmarked command could not do its work (exit code 2 and above): its timing would
    measure an error message, not a check."""


def interleaved(
    commands: dict[str, list[str]], runs: int, cwd: Path | None = None, cpu: dict[str, list[float]] | None = None
) -> dict[str, list[float]]:
    """Seconds per run of each command (output to /dev/null). One untimed run each first (caches
    built, files in the page cache), then the commands take turns, so that drift in the
    machine's load falls on all of them alike. Exit codes 0 and 1 (clean, findings) are work
    done; anything else raises ``CommandFailed``. ``cpu``, when given, receives each run's CPU
    seconds (user + system, from the children's resource usage): on a shared machine, load
    stretches wall-clock time but barely moves CPU time."""
    env = _env()
    cpu_seconds = 0.0

    def once(argv: list[str]) -> float:
        nonlocal cpu_seconds
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        proc = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd, check=False)
        elapsed = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_seconds = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        if proc.returncode not in (0, 1):
            first = proc.stderr.decode("utf-8", "replace").strip().splitlines()[:1]
            raise CommandFailed(f"{' '.join(argv[:2])} … exited {proc.returncode}: {first[0] if first else ''}")
        return elapsed

    for argv in commands.values():
        once(argv)
    timings: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, argv in commands.items():
            timings[name].append(once(argv))
            if cpu is not None:
                cpu.setdefault(name, []).append(cpu_seconds)
    return timings


def oahandbook_exe() -> str:
    return str(Path(sys.executable).with_name("oahandbook"))


def compare_autocorrect(folder: Path, size: int, runs: int) -> None:
    """The whole CLI, every rule, one process, text report to /dev/null, against
    ``autocorrect --lint`` on one thread over the same directory."""
    exe = shutil.which("autocorrect")
    if exe is None:
        print(
            "autocorrect: not installed, skipped. Install its CLI (the Rust linter) with one of\n"
            "    npm install -g autocorrect-node     # Node binding, provides the `autocorrect` command\n"
            "    cargo install autocorrect           # from crates.io\n"
            "  (PyPI's autocorrect-py is a library only, with no command.)"
        )
        return
    help_text = subprocess.run([exe, "--help"], capture_output=True, text=True, check=False).stdout
    version = subprocess.run([exe, "--version"], capture_output=True, text=True, check=False).stdout.strip()
    threads = ["--threads", "1"] if "--threads" in help_text else []
    with tempfile.TemporaryDirectory() as tmp:
        # Defaults for both: an empty working directory, so neither picks up a config file
        # (.oahandbook.yaml, .autocorrectrc) or ignore list from around the corpus.
        config = Path(tmp) / "defaults.yaml"
        config.write_text("lang: zh\n", encoding="utf-8")
        # --kind article: every Markdown file is checked as a draft, as AutoCorrect lints every
        # file (without it, files with no front matter, such as the tech weekly's, are no drafts).
        commands = {
            "oahandbook": [
                *(oahandbook_exe(), "check", "--jobs", "1", "--color", "never", "--kind", "article"),
                *("--config", str(config)),
            ],
            "autocorrect": [exe, "--lint", *threads],
        }
        commands = {name: [*argv, str(folder.resolve())] for name, argv in commands.items()}
        cpu: dict[str, list[float]] = {}
        timings = interleaved(commands, runs, cwd=Path(tmp), cpu=cpu)
    ours, theirs = (statistics.median(timings[name]) for name in ("oahandbook", "autocorrect"))
    ours_cpu, theirs_cpu = (statistics.median(cpu[name]) for name in ("oahandbook", "autocorrect"))
    mb = size / 1e6
    print(f"oahandbook check vs {version} --lint, same directory, fresh process per run, {runs} runs interleaved:")
    print(f"  oahandbook check --jobs 1 (every rule, text to /dev/null): median {ours:.3f} s → {mb / ours:.1f} MB/s")
    if threads:
        print(
            f"  autocorrect --lint --threads 1:                          median {theirs:.3f} s → {mb / theirs:.1f} MB/s"
        )
    else:
        print(
            f"  autocorrect --lint (no --threads option: all cores):      median {theirs:.3f} s → {mb / theirs:.1f} MB/s"
        )
    print(f"  ratio oahandbook / autocorrect: {ours / theirs:.2f}x")
    print(
        f"  CPU time (user + system), median: oahandbook {ours_cpu:.3f} s, autocorrect {theirs_cpu:.3f} s,"
        f" ratio {ours_cpu / theirs_cpu:.2f}x"
    )


def compare_cold_start(runs: int) -> None:
    """``oahandbook check one.md`` in a fresh process (what every commit pays) against the
    interpreter with the two libraries any validating YAML tool needs, and a bare interpreter."""
    import compileall

    import oahandbook

    compileall.compile_dir(str(Path(oahandbook.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory() as tmp:
        draft = Path(tmp) / "one.md"
        draft.write_text(
            "---\ntitle: 本周活动预告\nauthor: 市场部\ncover: https://mp.weixin.qq.com/c.png\n---\n"
            "下周三下午在一楼大厅举办开放日，欢迎参加。\n",
            encoding="utf-8",
        )
        commands = {
            "check": [oahandbook_exe(), "check", str(draft)],
            "imports": [sys.executable, "-c", "import pydantic, yaml"],
            "bare": [sys.executable, "-c", "pass"],
        }
        timings = interleaved(commands, runs, cwd=Path(tmp))
    check, imports, bare = (statistics.median(timings[name]) for name in commands)
    print(f"cold start, fresh process, {runs} runs interleaved (medians):")
    print(f"  oahandbook check one.md:            {check * 1000:.0f} ms (min {min(timings['check']) * 1000:.0f} ms)")
    print(f'  python -c "import pydantic, yaml":  {imports * 1000:.0f} ms')
    print(f'  python -c "pass":                   {bare * 1000:.0f} ms')
    print(f"  ratio check / import pydantic, yaml: {check / imports:.2f}x")


def lexicon_config(folder: Path, terms: int) -> Path:
    rng = random.Random(terms)
    cjk = [chr(c) for c in range(0x4E00, 0x9FA5)]
    seen: set[str] = set()
    while len(seen) < terms:
        seen.add("".join(rng.choice(cjk) for _ in range(rng.randint(2, 4))))
    lexicon = folder / f"lexicon-{terms}.yaml"
    lines = [
        "provenance:\n  what: {zh: 基准词表, en: benchmark}\n  source: {zh: 随机生成, en: random}\n",
        "  licence: MIT\n  checked: 2026-11-23\ncategory: porn\nentries:\n",
    ]
    lines += [f"  - {{term: {t}, severity: warning}}\n" for t in sorted(seen)]
    lexicon.write_text("".join(lines), encoding="utf-8")
    config = folder / f"config-{terms}.yaml"
    config.write_text(f"lexicons: [{lexicon.name}]\n", encoding="utf-8")
    return config


def compare_lexicons(folder: Path, size: int, runs: int) -> None:
    """The whole CLI in a fresh process per run (what a user runs), the three sizes interleaved."""
    sizes = (100, 1000, 10000)
    with tempfile.TemporaryDirectory() as tmp:
        configs = {n: lexicon_config(Path(tmp), n) for n in sizes}
        commands = {n: [oahandbook_exe(), "check", "-q", "--config", str(configs[n]), str(folder)] for n in sizes}
        timings = interleaved(commands, runs)
    for n in sizes:
        median = statistics.median(timings[n])
        print(f"lexicon +{n:>6} terms (CLI, fresh process): median {median:.3f} s → {size / 1e6 / median:.1f} MB/s")
    ratio = statistics.median(timings[10000]) / statistics.median(timings[100])
    print(f"ratio 10,000 / 100 terms: {ratio:.2f}x")


PARTS = ("throughput", "autocorrect", "cold", "lexicons")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", help="directory of Markdown drafts (default: a generated corpus)")
    parser.add_argument("--mb", type=float, default=6.0, help="size of the generated corpus in MB")
    parser.add_argument("--files", type=int, default=300)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", choices=PARTS, action="append", help="run only this part (repeatable)")
    args = parser.parse_args()
    parts = args.only or PARTS
    folder = Path(args.folder) if args.folder else generate(int(args.mb * 1024 * 1024), args.files)
    size, count = _size(folder)
    print(f"corpus: {folder} — {count} files, {size / 1e6:.2f} MB; {os.cpu_count()} cores")
    print("load average (1, 5, 15 min) at start: " + " ".join(f"{x:.2f}" for x in os.getloadavg()))

    if "throughput" in parts:
        from oahandbook.base.errors import InputError

        try:
            times = time_check(folder, None, args.runs)
        except InputError as exc:  # the bundled data itself, mid-edit
            times = []
            print(f"throughput: skipped, the rules cannot be loaded: {exc.problems[0]}")
    if "throughput" in parts and times:
        median = statistics.median(times)
        print(
            f"throughput in-process, every rule on, 1 process: median {median:.3f} s over {args.runs} runs "
            f"→ {size / 1e6 / median:.1f} MB/s, {count / median:.0f} files/s"
        )
    for part, run in (
        ("autocorrect", lambda: compare_autocorrect(folder, size, args.runs)),
        ("cold", lambda: compare_cold_start(max(args.runs, 9))),
        ("lexicons", lambda: compare_lexicons(folder, size, args.runs)),
    ):
        if part in parts:
            try:
                run()
            except CommandFailed as exc:
                print(f"{part}: skipped, a command failed: {exc}")
    print("load average (1, 5, 15 min) at end:   " + " ".join(f"{x:.2f}" for x in os.getloadavg()))


if __name__ == "__main__":
    main()
