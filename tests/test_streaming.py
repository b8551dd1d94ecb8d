"""Reports in every format stream: memory does not grow with the number of findings, and the
spooled documents are byte for byte what an in-memory rendering gives."""

from __future__ import annotations

import gc
import io
import itertools
import json
import tracemalloc

import pytest

from oahandbook.commands.main import main
from oahandbook.engine.findings import Finding
from oahandbook.outputs import report
from oahandbook.outputs.jsonl import JsonlWriter
from oahandbook.outputs.report import JsonWriter, SarifWriter, Tally
from oahandbook.run.files import FileResult
from sample_drafts import write

# One draft with several findings: PC01 (error) twice, AD01 (warning) once.
NOISY = """---
title: 周末放松指南
author: 生活组
cover: https://mp.weixin.qq.com/cover.png
---
想找人陪聊？加微信即可裸 聊。

本店商品全网最低价，欢迎选购。

第二段：想找人陪聊？加微信即可裸 聊。
"""
CLEAN = """---
title: 本周活动预告
author: 市场部
cover: https://mp.weixin.qq.com/cover.png
---
下周三下午在一楼大厅举办开放日，欢迎参加。
"""


class _Discard:
    """A binary stream that keeps nothing (only how much was written)."""

    def __init__(self):
        self.size = 0

    def write(self, data: bytes) -> None:
        self.size += len(data)

    def flush(self) -> None:
        pass


def _results(files: int, per_file: int):
    """Results made on the fly (the writer alone could keep them alive)."""
    for i in range(files):
        path = f"archive/账号{i % 7}/文章{i:05d}.md"
        yield FileResult(
            path,
            "article",
            tuple(
                Finding(
                    path=path,
                    line=j + 1,
                    column=3,
                    code="PC01",
                    name="prohibited.pornography",
                    severity="error",
                    clause="OA-2.3.1",
                    texts={
                        "zh": f"疑似淫秽色情内容：第 {j} 处，上下文：想找人陪聊？加微信即可【裸 聊】。" * 2,
                        "en": "x",
                    },
                    fix={"zh": "删除或改写相关内容。", "en": "delete it"},
                    url="http://127.0.0.1:8000/rules/PC01/",
                    end_line=j + 1,
                    end_column=8,
                )
                for j in range(per_file)
            ),
        )


def _writer(fmt: str, out):
    from oahandbook import load_data

    tally = Tally("warning")
    if fmt == "json":
        return JsonWriter(out, tally, {"number": "N", "version": "1"})
    if fmt == "sarif":
        return SarifWriter(out, tally, load_data().rules.values())
    return JsonlWriter(out, tally, {"number": "N", "version": "1"}, "zh")


def _peak(fmt: str, findings: int) -> tuple[int, int]:
    """Peak traced memory while ``findings`` findings (100 per file) go through a writer."""
    out = _Discard()
    writer = _writer(fmt, out)
    gc.collect()
    tracemalloc.start()
    try:
        for result in _results(findings // 100, 100):
            writer.add(result)
        writer.finish()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak, out.size


@pytest.mark.parametrize("fmt", ["json", "sarif", "jsonl"])
def test_writer_memory_does_not_grow_with_the_findings(fmt):
    _peak(fmt, 200)  # warm-up: imports and caches are not what is measured
    small, small_size = _peak(fmt, 200)
    large, large_size = _peak(fmt, 20_000)
    assert large_size > 10_000_000 and large_size > 20 * small_size  # the report itself did grow
    # Kept in memory, 20,000 serialised findings are > 20 MB; spooled, the peak stays near the
    # spool's buffer and one file's findings.
    assert large < 3 * report.SPOOL_MEMORY + 2 * small, (small, large)
    assert large < 10 * small, (small, large)
    print(fmt, small, large)


# --- the CLI over a generated archive: the same bytes as an in-memory rendering --------------------


@pytest.fixture
def archive(work):
    for i in range(40):
        write(work / "archive" / f"账号{i % 3}" / f"文章{i:03d}.md", NOISY if i % 4 else CLEAN)
    return work


def _reference(min_severity: str = "warning") -> tuple[list[dict], list]:
    from oahandbook import Checker

    checker = Checker.for_directory(".")
    checker.min_severity = min_severity
    results = list(checker.check_paths(["archive"]))
    floor = report.RANK[min_severity]
    return [f.to_dict() for r in results for f in r.findings if report.RANK[f.severity] >= floor], results


@pytest.fixture
def small_spool(monkeypatch):
    """A spool that goes to disk after a few findings, so the archive exercises both sides."""
    monkeypatch.setattr(report, "SPOOL_MEMORY", 2048)


def test_json_report_is_the_in_memory_document(archive, small_spool):
    assert main(["check", "--format", "json", "-o", "out.json", "archive"]) == 1
    text = (archive / "out.json").read_text(encoding="utf-8")
    document = json.loads(text)
    findings, results = _reference()
    assert len(findings) == 90 and document["findings"] == findings
    assert document["summary"]["files"] == len(results) == 40
    # the bytes of json.dumps(indent=2) of the whole document, built in memory
    assert text == json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def test_sarif_report_is_the_in_memory_document(archive, small_spool):
    assert main(["check", "--format", "sarif", "-o", "out.sarif", "archive"]) == 1
    text = (archive / "out.sarif").read_text(encoding="utf-8")
    sarif = json.loads(text)
    findings, _ = _reference()
    results = sarif["runs"][0]["results"]
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == [
        (f["code"], f["line"]) for f in findings
    ]
    assert [r["message"]["text"] for r in results] == [f["message"] for f in findings]
    assert text == json.dumps(sarif, ensure_ascii=False, indent=2) + "\n"


def test_jsonl_rows_are_the_findings_problems_and_a_summary(archive):
    write(archive / "archive" / "账号0" / "坏文件.md", b"\xff\xfe not utf-8")
    assert main(["check", "--format", "jsonl", "-o", "out.jsonl", "archive"]) == 2
    lines = (archive / "out.jsonl").read_bytes().splitlines()
    rows = [json.loads(line) for line in lines]
    findings, results = _reference()
    assert [{k: v for k, v in r.items() if k != "type"} for r in rows if r["type"] == "finding"] == findings
    files = [r for r in rows if r["type"] == "file"]
    # 41 file rows: the 40 drafts, and the one rejected while read (kind null, unusable)
    assert len(files) == 41 and sum(r["errors"] for r in files) == 60 and sum(r["warnings"] for r in files) == 30
    (rejected,) = [r for r in files if r["kind"] is None]
    assert rejected["path"].endswith("坏文件.md") and rejected["unusable"] is True
    assert {r["path"] for r in files} - {rejected["path"]} == {r.path for r in results if r.kind}
    noisy = next(r for r in files if r["errors"])
    assert noisy["rules"] == {"AD01": 1, "PC01": 2} and noisy["unusable"] is False
    (problem,) = [r for r in rows if r["type"] == "problem"]
    assert problem["path"].endswith("坏文件.md") and problem["line"] == 1
    summary = rows[-1]
    assert summary["type"] == "summary" and summary["schema_version"] == 1
    # 41 files: the 40 drafts and the one rejected while read (counted, issue 10)
    assert (summary["files"], summary["errors"], summary["warnings"], summary["unusable_files"]) == (41, 60, 30, 1)
    assert summary["exit_code"] == 2
    # the same counts as the JSON report's summary
    main(["check", "--format", "json", "-o", "out.json", "archive"])
    expected = json.loads((archive / "out.json").read_text(encoding="utf-8"))["summary"]
    assert {k: summary[k] for k in expected} == expected
    # one compact object per line, Chinese as UTF-8
    assert all(line.startswith(b"{") and b"\\u" not in line for line in lines)


def test_jsonl_is_written_as_each_file_is_done(archive, monkeypatch):
    from oahandbook.api import Checker

    real = Checker.check_targets
    sizes = []

    def watching(*args, **kwargs):
        for result in real(*args, **kwargs):
            out = archive / "out.jsonl"
            sizes.append(out.stat().st_size if out.exists() else 0)
            yield result

    monkeypatch.setattr(Checker, "check_targets", watching)
    assert main(["check", "--format", "jsonl", "-o", "out.jsonl", "archive"]) == 1
    assert sizes[0] == 0 and all(b > a for a, b in itertools.pairwise(sizes))


def test_jsonl_min_severity_counts_what_it_leaves_out(archive):
    assert main(["check", "--format", "jsonl", "--min-severity", "error", "-o", "out.jsonl", "archive"]) == 1
    rows = [json.loads(line) for line in (archive / "out.jsonl").read_bytes().splitlines()]
    assert {r["code"] for r in rows if r["type"] == "finding"} == {"PC01"}
    assert rows[-1]["hidden"] == 30 and rows[-1]["warnings"] == 30
    assert sum(r["hidden"] for r in rows if r["type"] == "file") == 30


def test_a_text_stream_gets_whole_characters_from_a_spool_copied_in_blocks():
    from oahandbook.commands import _TextSink

    text = io.StringIO()
    sink = _TextSink(text)
    data = "审计报告：裸聊".encode()
    for i in range(len(data)):  # every byte alone: each character arrives in three writes
        sink.write(data[i : i + 1])
    assert text.getvalue() == "审计报告：裸聊"
