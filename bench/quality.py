"""Quality benchmark: recall and noise of the content checks on a labelled set of drafts.

    bash scripts/dev exec python bench/quality.py                  # both halves, per category
    bash scripts/dev exec python bench/quality.py --misses dev     # what the dev half misses
    bash scripts/dev exec python bench/quality.py --corpus DIR     # warnings per 100 KB of honest text

The cases (``bench/quality/cases/*.yaml``) were written for this benchmark by someone who had
not read the lexicons or the rules: violations, evasions of them, and clean near-misses from
publicity, news, courts, history, health and technical writing. Each case is assigned to a
half by a hash of its id: **dev** (its misses may be looked at while improving the checks) and
**held-out** (only its figures are ever looked at). Quote the held-out figures.

``bench/quality/fresh/*.yaml`` is a later round written the same way (2026-12-01), scored as its
own set **fresh**: its first figures measured the checks on material never seen; after that its
misses may be looked at like the dev half's, and the held-out half stays the test.

A violation or evasion is *caught* when a rule of its category reports it at warning level or
above, and *stopped* (for cases that must stop a commit) when one reports an error. A clean
case is *noisy* when any content rule reports a warning or an error on it; suggestions are
counted apart (they are not printed by default and never fail a commit).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
CASES = HERE / "quality" / "cases"
FRESH = HERE / "quality" / "fresh"

# The rules that answer for each category of the set.
CATEGORY_RULES = {
    "porn": {"PC01"},
    "gambling": {"PC02"},
    "drugs": {"PC03"},
    "terrorism": {"PC04"},
    "fraud": {"PC05", "PC07"},
    "weapons": {"PC06"},
    "certificates": {"PC08"},
    "inducement": {"IN01"},
    "clickbait": {"IN02"},
    "advertising": {"AD01", "AD02"},
    "personal": {"PI01", "PI02", "PI03", "PI04", "PI05"},
}
CONTENT_FAMILIES = ("PC", "IN", "AD", "PI")
RANK = {"suggestion": 0, "warning": 1, "error": 2}


def half(case_id: str) -> str:
    return "dev" if hashlib.sha256(case_id.encode()).digest()[0] % 2 == 0 else "held-out"


def load_cases() -> list[dict]:
    cases = []
    for folder in (CASES, FRESH):
        for path in sorted(folder.glob("*.yaml")):
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for case in data["cases"]:
                case["category"] = data["category"]
                case["half"] = "fresh" if folder == FRESH else half(case["id"])
                cases.append(case)
    return cases


def content(findings) -> list:
    return [f for f in findings if f.code[:2] in CONTENT_FAMILIES and not f.waived]


def check_texts(named: list[tuple[str, str]]) -> dict[str, list]:
    """Findings per name, every draft checked as a file with the default configuration."""
    from oahandbook.engine.check import Context
    from oahandbook.run.files import check_file

    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        ctx = Context(today=dt.date(2026, 12, 1), base_dir=Path(tmp))
        for name, text in named:
            path = Path(tmp) / f"{name}.md"
            path.write_text(text, encoding="utf-8")
            result = check_file(path, path.name, ctx, kind="article")
            if result.problems:
                print(f"{name}: unusable input: {result.problems[0]}", file=sys.stderr)
            out[name] = result.findings
    return out


def score(cases: list[dict]) -> dict:
    findings = check_texts([(c["id"], c["draft"]) for c in cases])
    table: dict = defaultdict(lambda: defaultdict(int))
    details = []
    for case in cases:
        found = content(findings[case["id"]])
        rules = CATEGORY_RULES.get(case["category"], set())
        row = table[(case["half"], case["category"])]
        label = case["label"]
        if label in ("violation", "evasion"):
            mine = [f for f in found if f.code in rules]
            level = max((RANK[f.severity] for f in mine), default=-1)
            caught = level >= RANK["warning"]
            row[f"{label}"] += 1
            row[f"{label}_caught"] += caught
            if case.get("expect") == "error":
                row[f"{label}_must_stop"] += 1
                row[f"{label}_stopped"] += level == RANK["error"]
            ok = caught and (case.get("expect") != "error" or level == RANK["error"])
        else:
            noisy = [f for f in found if RANK[f.severity] >= RANK["warning"]]
            row["clean"] += 1
            row["clean_noisy"] += bool(noisy)
            row["clean_suggestions"] += sum(1 for f in found if f.severity == "suggestion")
            ok = not noisy
        details.append((case, ok, found))
    return {"table": table, "details": details}


def pct(a: int, b: int) -> str:
    return f"{100 * a / b:5.1f}%" if b else "    -"


def print_table(table: dict, which: str) -> dict:
    print(f"\n== {which} ==")
    head = f"{'category':<13} {'viol':>4} {'caught':>7} {'stopped':>8} {'evas':>5} {'caught':>7} {'stopped':>8} {'clean':>5} {'noisy':>7} {'sugg':>5}"
    print(head)
    totals: dict = defaultdict(int)
    for (h, category), row in sorted(table.items()):
        if h != which:
            continue
        for k, v in row.items():
            totals[k] += v
        print(_row(category, row))
    print(_row("ALL", totals))
    return dict(totals)


def _row(name: str, r: dict) -> str:
    return (
        f"{name:<13} {r['violation']:>4} {pct(r['violation_caught'], r['violation']):>7} "
        f"{pct(r['violation_stopped'], r['violation_must_stop']):>8} {r['evasion']:>5} "
        f"{pct(r['evasion_caught'], r['evasion']):>7} {pct(r['evasion_stopped'], r['evasion_must_stop']):>8} "
        f"{r['clean']:>5} {pct(r['clean_noisy'], r['clean']):>7} {r['clean_suggestions']:>5}"
    )


def corpus(directory: Path) -> None:
    """Warnings and errors per 100 KB of honest prose (every draft under ``directory``)."""
    files = sorted(directory.rglob("*.md"))
    named = [(str(i), p.read_text(encoding="utf-8", errors="replace")) for i, p in enumerate(files)]
    size = sum(len(text.encode("utf-8")) for _, text in named)
    start = time.perf_counter()
    findings = check_texts(named)
    elapsed = time.perf_counter() - start
    by_level: dict[str, int] = defaultdict(int)
    by_code: dict[tuple[str, str], int] = defaultdict(int)
    for found in findings.values():
        for f in found:
            if f.code[:2] in CONTENT_FAMILIES or f.code == "LK01":
                by_level[f.severity] += 1
                by_code[(f.code, f.severity)] += 1
    per = 100_000 / size
    print(f"{directory}: {len(files)} drafts, {size / 1e6:.2f} MB, checked in {elapsed:.1f} s")
    print(
        f"per 100 KB: {by_level['error'] * per:.2f} errors, {by_level['warning'] * per:.2f} warnings, "
        f"{by_level['suggestion'] * per:.2f} suggestions (content rules and LK01)"
    )
    for (code, level), n in sorted(by_code.items(), key=lambda kv: -kv[1])[:12]:
        print(f"  {code} {level:<10} {n}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--misses", choices=["dev", "held-out", "fresh"], help="list that set's misses and noisy cases")
    parser.add_argument("--corpus", type=Path, action="append", default=[], help="a directory of honest drafts")
    parser.add_argument("--json", type=Path, help="write the figures as JSON")
    args = parser.parse_args(argv)
    if args.corpus:
        for directory in args.corpus:
            corpus(directory)
        return 0
    cases = load_cases()
    result = score(cases)
    sets = [h for h in ("dev", "held-out", "fresh") if any(c["half"] == h for c in cases)]
    print(f"{len(cases)} cases (" + ", ".join(f"{sum(c['half'] == h for c in cases)} {h}" for h in sets) + ")")
    figures = {h: print_table(result["table"], h) for h in sets}
    if args.misses:
        print(f"\n== {args.misses} misses ==")
        for case, ok, found in result["details"]:
            if ok or case["half"] != args.misses:
                continue
            body = case["draft"].split("---", 2)[-1].strip().replace("\n", " ")
            shown = "; ".join(f"{f.code} {f.severity} {f.message('zh')[:60]}" for f in found) or "nothing"
            print(f"- {case['id']} [{case['label']}, expect {case.get('expect', 'clean')}] {body[:90]}\n    -> {shown}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
