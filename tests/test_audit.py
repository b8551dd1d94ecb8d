"""``oahandbook audit`` and ``report``: placing files (account, month), the counters, the HTML
report (offline, both languages), the command line, and the same audit on Dask."""

from __future__ import annotations

import json
import os
import random
import re
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from oahandbook.commands.main import main
from oahandbook.outputs.archive import account_from_folder, front_fields, month_of, placement
from oahandbook.outputs.audit import Audit
from oahandbook.outputs.audit_html import render_html
from sample_drafts import write

PC01 = "想找人陪聊？加微信即可裸 聊。"  # an error
AD01 = "本店商品全网最低价，欢迎选购。"  # a warning
CLEAN_BODY = "下周三下午在一楼大厅举办开放日，欢迎参加。"


def draft(body: str, title: str = "本周活动预告") -> str:
    return f"---\ntitle: {title}\nauthor: 市场部\ncover: https://mp.weixin.qq.com/cover.png\n---\n{body}\n"


def _stamp(path: Path, month: str) -> None:
    """Set the modification time to the middle of ``month`` (YYYY-MM), local time."""
    when = time.mktime(time.strptime(f"{month}-15 12:00", "%Y-%m-%d %H:%M"))
    os.utime(path, (when, when))


@pytest.fixture
def archive(work):
    """Three accounts, 24 drafts over three months: 8 with an error, 8 with a warning."""
    for i in range(24):
        body = PC01 if i % 3 == 0 else AD01 if i % 3 == 1 else CLEAN_BODY
        path = write(work / "archive" / f"账号{i % 3 + (i // 12)}" / f"{i:03d}.md", draft(body))
        _stamp(path, f"2025-0{i % 3 + 1}")
    return work


def _rows(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_bytes().splitlines()]


def _audit_of(*paths: Path) -> Audit:
    audit = Audit()
    for path in paths:
        audit.add_rows(_rows(path))
    return audit


# --- where a file belongs ------------------------------------------------------------------------


def test_front_fields_reads_plain_top_level_values_only(tmp_path):
    path = write(
        tmp_path / "a.md",
        "\ufeff---\ntitle: 标题\ndate: 2025-03-08 # 发布日\naccount: '学校官微'\nnested:\n  date: 1999-01-01\n"
        "published: [2024-01-01]\n---\ndate: 2000-01-01\n",
    )
    assert front_fields(path, ("date", "account", "published")) == {"date": "2025-03-08", "account": "学校官微"}
    assert front_fields(write(tmp_path / "b.md", "date: 2025-01-01\n"), ("date",)) == {}
    assert front_fields(tmp_path / "missing.md", ("date",)) == {}


@pytest.mark.parametrize(
    ("value", "month"),
    [
        ("2025-03-08", "2025-03"),
        ("2025/3/8", "2025-03"),
        ("2025.03", "2025-03"),
        ("2025年3月8日", "2025-03"),
        ("2025-03-08T09:00:00+08:00", "2025-03"),
        ("2025-13-01", None),
        ("三月", None),
    ],
)
def test_month_of(value, month):
    assert month_of(value) == month


def test_accounts_are_top_folders_under_the_root(tmp_path):
    root = tmp_path / "archive"
    assert account_from_folder(root / "学校官微" / "2025" / "a.md", root) == "学校官微"
    assert account_from_folder(root / "a.md", root) == "archive"
    assert account_from_folder(root / "团委" / "a.md", None) == "团委"


def test_the_month_comes_from_the_front_matter_else_from_the_file_time(tmp_path):
    dated = write(tmp_path / "x" / "a.md", "---\ntitle: t\npublished: 2024-11-02\n---\n")
    undated = write(tmp_path / "x" / "b.md", draft(CLEAN_BODY))
    _stamp(undated, "2023-07")
    assert placement(dated, tmp_path) == {"account": "x", "month": "2024-11", "dated_by": "front-matter"}
    assert placement(undated, tmp_path) == {"account": "x", "month": "2023-07", "dated_by": "mtime"}
    assert placement(dated, tmp_path, "account")["account"] is None  # the field named is absent


# --- the counters --------------------------------------------------------------------------------


def _file_rows(n: int, seed: int = 0) -> list[list[dict]]:
    """Rows of ``n`` synthetic files: a file row and its findings per file."""
    rng = random.Random(seed)
    groups = []
    for i in range(n):
        codes = rng.choices(["PC01", "AD01", "LK01", "IN01"], k=rng.randint(0, 4))
        levels = {"PC01": "error", "IN01": "error", "AD01": "warning", "LK01": "suggestion"}
        counts = {"error": 0, "warning": 0, "suggestion": 0}
        for code in codes:
            counts[levels[code]] += 1
        path = f"archive/acct{i % 5}/{i:06d}.md"
        rules: dict[str, int] = {}
        for code in codes:
            rules[code] = rules.get(code, 0) + 1
        file_row = {
            "type": "file",
            "path": path,
            "kind": "article",
            "errors": counts["error"],
            "warnings": counts["warning"],
            "suggestions": counts["suggestion"],
            "waived": 0,
            "hidden": 0,
            "unusable": False,
            "rules": dict(sorted(rules.items())),
            "account": f"acct{i % 5}",
            "month": f"2025-{i % 12 + 1:02d}",
            "dated_by": "mtime",
        }
        findings = [
            {"type": "finding", "path": path, "code": c, "severity": levels[c], "clause": "OA-2.3.1", "waived": False}
            for c in codes
        ]
        groups.append([file_row, *findings])
    return groups


def test_counts_by_rule_account_month_and_the_worst_files():
    audit = Audit(worst=3)
    groups = _file_rows(200)
    for group in groups:
        audit.add_rows(group)
    findings = [row for group in groups for row in group[1:]]
    assert audit.files == 200
    assert audit.levels["errors"] == sum(r["severity"] == "error" for r in findings)
    assert audit.rules["PC01"]["errors"] == sum(r["code"] == "PC01" for r in findings)
    assert audit.rules["PC01"]["files"] == sum("PC01" in g[0]["rules"] for g in groups)
    assert sum(a["files"] for a in audit.accounts.values()) == 200 and len(audit.accounts) == 5
    assert sorted(audit.months) == [f"2025-{m:02d}" for m in range(1, 13)]
    worst = audit.worst_files()
    expected = sorted(
        (g[0] for g in groups if g[0]["errors"] + g[0]["warnings"] + g[0]["suggestions"]),
        key=lambda r: (-r["errors"], -r["warnings"], -r["suggestions"], r["path"]),
    )[:3]
    assert [w["path"] for w in worst] == [r["path"] for r in expected]
    assert audit.exit_code == 1


def test_memory_is_counters_and_a_bounded_top_list():
    audit = Audit(worst=10)
    for group in _file_rows(5_000, seed=1):
        audit.add_rows(group)
        assert len(audit.worst) <= 20
    assert audit.files == 5_000
    assert (len(audit.accounts), len(audit.months), len(audit.rules)) == (5, 12, 4)


def test_merging_parts_in_any_order_gives_the_whole():
    groups = _file_rows(300, seed=2)
    whole = Audit()
    for group in groups:
        whole.add_rows(group)
    shuffled = groups[:]
    random.Random(3).shuffle(shuffled)
    parts = [Audit() for _ in range(4)]
    for i, group in enumerate(shuffled):
        parts[i % 4].add_rows(group)
    merged = Audit()
    for part in reversed(parts):
        merged.merge(part)
    assert merged == whole


def test_problems_count_files_once_and_keep_a_sample():
    audit = Audit(problem_sample=2)
    for path in ("a.md", "a.md", "b.md", "c.md"):
        audit.add_row({"type": "problem", "path": path, "line": 1, "column": 1, "message": "坏"})
    assert (audit.unusable_files, audit.problem_count, len(audit.problems), audit.exit_code) == (3, 4, 2, 2)


# --- the HTML report -----------------------------------------------------------------------------


def _external_urls(html: str, allowed_host: str) -> list[str]:
    return [u for u in re.findall(r"""https?://[^\s"'<>)]+""", html) if urlsplit(u).netloc != allowed_host]


@pytest.fixture(scope="module")
def sample_audit():
    audit = Audit()
    for group in _file_rows(60, seed=4):
        audit.add_rows(group)
    audit.add_row({"type": "file", **_file_rows(1)[0][0], "path": "archive/<b>&x/1.md", "account": "<script>"})
    audit.add_row({"type": "problem", "path": "archive/坏.md", "line": 1, "column": 1, "message": "不是 UTF-8"})
    audit.add_row(
        {
            "type": "summary",
            "min_severity": "warning",
            "regulation": {"number": "OA-ZD-001", "version": "1.0"},
            "audit": {"today": "2026-03-31", "paths": ["archive"], "account_from": "folder"},
        }
    )
    return audit


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_report_is_offline_and_in_the_chosen_language(sample_audit, lang):
    from oahandbook import load_data

    bundle = load_data()
    html = render_html(
        sample_audit, rules=bundle.rules, clauses=bundle.clauses, lang=lang, handbook_url="https://hb.example.edu/oa"
    )
    assert not _external_urls(html, "hb.example.edu"), _external_urls(html, "hb.example.edu")[:5]
    assert f"https://hb.example.edu/oa/{'en/' if lang == 'en' else ''}rules/PC01/" in html  # the reader's language
    assert not re.search(r"<(script|link|img|iframe|object)\b|@import|url\((?!#)|xmlns", html, re.I)
    assert html.count("<svg ") >= 4  # months, rules, categories, accounts
    assert "<script>" not in html and "&lt;script&gt;" in html and "archive/&lt;b&gt;&amp;x/1.md" in html
    if lang == "zh":
        assert "公众号文章合规审计报告" in html and "按账号" in html and "取文件修改时间" in html
        assert "违禁内容" in html  # PC01's category
    else:
        assert "Compliance audit of published articles" in html and "By account" in html
        assert "modification time" in html and "Prohibited content" in html


def test_the_report_is_the_same_bytes_for_the_same_counts(sample_audit):
    from oahandbook import load_data

    rules = load_data().rules
    assert render_html(sample_audit, rules=rules, lang="zh") == render_html(sample_audit, rules=rules, lang="zh")


def test_the_report_without_charts_says_how_to_get_them(sample_audit, monkeypatch):
    from oahandbook.outputs import charts

    monkeypatch.setattr(charts, "available", lambda: False)
    html = render_html(sample_audit, rules={}, lang="zh")
    assert "<svg" not in html and "oahandbook[audit]" in html and "按规则" in html


# --- the command line ----------------------------------------------------------------------------


def test_audit_writes_the_report_and_json_lines_and_fails_on_errors(archive, capsys):
    assert main(["audit", "archive", "-o", "report.html", "--jsonl", "rows.jsonl"]) == 1
    out = capsys.readouterr().out
    assert "审计了 24 个文件：8 个错误（8 个文件），8 个警告" in out and "report.html" in out
    html = (archive / "report.html").read_text(encoding="utf-8")
    assert "账号0" in html and "2025-03" in html and "PC01" in html
    assert not _external_urls(html, "127.0.0.1:8000")
    rows = _rows(archive / "rows.jsonl")
    assert rows[-1]["type"] == "summary" and rows[-1]["errors"] == 8 and rows[-1]["exit_code"] == 1
    files = [r for r in rows if r["type"] == "file"]
    assert {r["account"] for r in files} == {"账号0", "账号1", "账号2", "账号3"}
    assert {r["month"] for r in files} == {"2025-01", "2025-02", "2025-03"}
    assert {r["dated_by"] for r in files} == {"mtime"}
    # the same report, rebuilt from the JSON Lines
    assert main(["report", "rows.jsonl", "-o", "again.html"]) == 0
    assert (archive / "again.html").read_bytes() == (archive / "report.html").read_bytes()


def test_audit_in_english_and_clean_archives_exit_0(work, capsys):
    path = write(work / "archive" / "团委" / "a.md", draft(CLEAN_BODY))
    _stamp(path, "2025-05")
    assert main(["audit", "archive", "--lang", "en", "-o", "en.html"]) == 0
    assert "audited 1 file(s): 0 error(s)" in capsys.readouterr().out
    html = (work / "en.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in html and "No error-level finding." in html


def test_audit_account_field_and_parallel_jobs_agree(archive):
    for i, path in enumerate(sorted((archive / "archive").rglob("*.md"))):
        text = path.read_text(encoding="utf-8").replace("author: 市场部\n", f"author: 市场部\naccount: 号{i % 2}\n")
        path.write_text(text, encoding="utf-8")
    assert main(["audit", "archive", "--account-field", "account", "--jsonl", "one.jsonl"]) == 1
    assert main(["audit", "archive", "--account-field", "account", "--jobs", "2", "--jsonl", "two.jsonl"]) == 1
    one, two = _audit_of(archive / "one.jsonl"), _audit_of(archive / "two.jsonl")
    assert one == two and set(one.accounts) == {"号0", "号1"}


def test_a_partitioned_run_merges_into_the_whole(archive):
    assert main(["audit", "archive", "--jsonl", "whole.jsonl"]) == 1
    assert main(["audit", "archive/账号0", "archive/账号1", "--root", "archive", "--jsonl", "p1.jsonl"]) == 1
    assert (
        main(["audit", "archive/账号2", "archive/账号3", "--root", "archive", "--jsonl", "p2.jsonl"]) == 0
    )  # warnings only
    whole, parts = _audit_of(archive / "whole.jsonl"), _audit_of(archive / "p1.jsonl", archive / "p2.jsonl")
    assert parts == whole
    assert main(["report", "p1.jsonl", "p2.jsonl", "-o", "merged.html"]) == 0
    html = (archive / "merged.html").read_text(encoding="utf-8")
    assert "archive/账号0、archive/账号1、archive/账号2、archive/账号3" in html


def test_report_reads_check_json_lines_too(archive):
    assert main(["check", "archive", "--format", "jsonl", "-o", "check.jsonl"]) == 1
    assert main(["report", "check.jsonl", "-o", "r.html"]) == 0
    audit = _audit_of(archive / "check.jsonl")
    assert audit.files == 24 and set(audit.accounts) == {"archive"}  # the first folder of each path
    assert audit.dated_by == {"unknown": 24}


def test_unusable_input_exits_2_with_the_file_name_and_no_traceback(archive, capsys):
    assert main(["audit", "archive", "nowhere"]) == 2
    err = capsys.readouterr().err
    assert "nowhere：路径不存在" in err and "Traceback" not in err
    write(archive / "archive" / "账号0" / "坏.md", b"\xff\xfe\x00bad")
    assert main(["audit", "archive", "-o", "r.html", "--jsonl", "rows.jsonl"]) == 2
    captured = capsys.readouterr()
    assert "archive/账号0/坏.md:1:1:" in captured.err
    assert "审计了 25 个文件" in captured.out  # the 24 drafts and the file rejected while read
    (rejected,) = [r for r in _rows(archive / "rows.jsonl") if r["type"] == "file" and r["kind"] is None]
    assert rejected["path"].endswith("坏.md") and rejected["unusable"] is True
    assert "archive/账号0/坏.md" in (archive / "r.html").read_text(encoding="utf-8")
    assert main(["audit", "archive", "-o", "no/such/dir/r.html", "--lang", "en"]) == 2
    assert "cannot write no/such/dir/r.html" in capsys.readouterr().err


def test_report_rejects_what_is_not_its_json_lines(work, capsys):
    write(work / "bad.jsonl", '{"type": "file", "path": "a.md"}\n')
    assert main(["report", "bad.jsonl"]) == 2
    assert "bad.jsonl:1: 不是 oahandbook 的 JSON Lines 行" in capsys.readouterr().err
    write(work / "junk.jsonl", "\n{not json\n")
    assert main(["report", "junk.jsonl", "--lang", "en"]) == 2
    assert "junk.jsonl:2: not a row" in capsys.readouterr().err
    assert main(["report", "missing.jsonl"]) == 2
    assert "missing.jsonl" in capsys.readouterr().err
    write(work / "empty.jsonl", "")
    assert main(["report", "empty.jsonl"]) == 2


# --- Dask ----------------------------------------------------------------------------------------


def _cli_findings(work: Path) -> list[dict]:
    assert main(["check", "archive", "--format", "jsonl", "-o", "cli.jsonl"]) == 1
    return sorted(
        ({k: v for k, v in r.items() if k != "type"} for r in _rows(work / "cli.jsonl") if r["type"] == "finding"),
        key=lambda f: (f["path"], f["line"], f["column"], f["code"]),
    )


def _dask_setup():
    pytest.importorskip("dask.bag")  # the "dask" extra; the rest of this file runs without it
    from oahandbook import Checker
    from oahandbook.outputs.audit_dask import archive_paths

    checker = Checker.for_directory(".")
    checker.min_severity = "warning"
    return checker, archive_paths(["archive"], checker)


def test_dask_bag_over_partitions_finds_what_the_cli_finds(archive):
    from oahandbook.outputs.audit_dask import audit_with_dask, rows_bag

    checker, paths = _dask_setup()
    bag = rows_bag(paths, checker, root="archive", npartitions=5)
    findings = bag.filter(lambda r: r["type"] == "finding").compute(scheduler="sync")
    found = sorted(
        ({k: v for k, v in r.items() if k != "type"} for r in findings),
        key=lambda f: (f["path"], f["line"], f["column"], f["code"]),
    )
    assert found == _cli_findings(archive) and len(found) == 16
    assert main(["audit", "archive", "--jsonl", "cli-audit.jsonl"]) == 1
    audit = audit_with_dask(paths, checker, root="archive", npartitions=5, scheduler="sync")
    assert audit == _audit_of(archive / "cli-audit.jsonl")


@pytest.mark.slow
def test_dask_in_worker_processes_gives_the_same_audit(archive):
    from oahandbook.outputs.audit_dask import audit_with_dask

    checker, paths = _dask_setup()
    assert main(["audit", "archive", "--jsonl", "cli-audit.jsonl"]) == 1
    audit = audit_with_dask(paths, checker, root="archive", npartitions=4, scheduler="processes", num_workers=2)
    assert audit == _audit_of(archive / "cli-audit.jsonl")


@pytest.mark.slow
def test_dask_distributed_local_cluster_finds_what_the_cli_finds(archive):
    distributed = pytest.importorskip("distributed")
    from oahandbook.outputs.audit_dask import audit_with_dask, rows_bag

    checker, paths = _dask_setup()
    expected = _cli_findings(archive)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, host="127.0.0.1"
        ) as cluster,
        distributed.Client(cluster),
    ):
        rows = rows_bag(paths, checker, root="archive", npartitions=4).compute()
        audit = audit_with_dask(paths, checker, root="archive", npartitions=4)
    found = sorted(
        ({k: v for k, v in r.items() if k != "type"} for r in rows if r["type"] == "finding"),
        key=lambda f: (f["path"], f["line"], f["column"], f["code"]),
    )
    assert found == expected
    assert audit.summary()["errors"] == 8 and audit.files == 24


def test_progress_on_a_terminal_and_json_lines_on_stdout(archive, capsysbinary, monkeypatch):
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["audit", "archive", "--jsonl", "-"]) == 1
    captured = capsysbinary.readouterr()
    err = captured.err.decode("utf-8")
    assert "24/24" in err and "审计了 24 个文件" in err  # the summary leaves stdout to the rows
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert rows[-1]["type"] == "summary" and sum(r["type"] == "file" for r in rows) == 24


def test_documents_the_audit_cannot_read_are_named_and_counted(archive, capsys):
    write(archive / "archive" / "账号0" / "旧稿.doc", b"\xd0\xcf\x11\xe0")
    assert main(["audit", "archive", "--jsonl", "out.jsonl", "--no-charts"]) == 1
    captured = capsys.readouterr()
    assert "旧稿.doc: 旧版 Word/WPS 格式无法检查" in captured.err
    assert "跳过 1 个无法检查格式的文件" in captured.out
    rows = _rows(archive / "out.jsonl")
    assert [r["path"] for r in rows if r["type"] == "skipped"] == ["archive/账号0/旧稿.doc"]
    assert rows[-1]["skipped_files"] == 1 and _audit_of(archive / "out.jsonl").skipped_files == 1
