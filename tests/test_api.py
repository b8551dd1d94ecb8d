"""The public library API (``import oahandbook``): what a CMS plugin, a review bot or a batch job uses."""

from __future__ import annotations

import dataclasses
import datetime as dt
import doctest
import json
import pickle
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

import oahandbook
from oahandbook import Checker, InputError, check_file, check_text, load_data
from sample_drafts import BAD_DRAFT, GOOD_DRAFT, write

ACCOUNT = """\
kind: account
name: 示例公众号
"""


def codes(result) -> list[str]:
    return [f.code for f in result.findings]


def test_the_public_names_are_listed_and_importable():
    for name in oahandbook.__all__:
        assert getattr(oahandbook, name) is not None, name
    assert {"Checker", "Result", "Finding", "Problem", "check_text", "check_file", "load_data"} <= set(
        oahandbook.__all__
    )
    with pytest.raises(AttributeError):
        oahandbook.no_such_name  # noqa: B018


def test_importing_the_package_imports_nothing_heavy():
    code = "import sys, oahandbook; print(sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'yaml', 'oahandbook')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "['oahandbook', 'oahandbook.base', 'oahandbook.base.version']"


def test_the_package_is_typed():
    from importlib.resources import files

    assert files("oahandbook").joinpath("py.typed").is_file()


def test_check_text_finds_a_violation_with_position_clause_and_both_languages():
    result = check_text(BAD_DRAFT, path="post.md")
    assert not result.ok and result.exit_code == 1
    [finding] = [f for f in result.findings if f.code == "PC01"]
    assert (finding.path, finding.line, finding.column) == ("post.md", 6, 12)
    assert finding.severity == "error" and finding.clause.startswith("OA-")
    assert "陪聊" in finding.message("zh") and finding.message("en") != finding.message("zh")
    assert check_text(GOOD_DRAFT).ok


def test_results_are_immutable_and_plain():
    result = check_text(BAD_DRAFT)
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.path = "other.md"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.findings[0].severity = "warning"  # type: ignore[misc]
    assert isinstance(result.findings, tuple)
    data = json.loads(json.dumps(result.to_dict(), ensure_ascii=False))
    assert data["kind"] == "article" and data["findings"][0]["code"] == result.findings[0].code
    assert data["findings"][0]["message"] == result.findings[0].message()


def test_unusable_input_is_a_problem_not_an_exception():
    result = check_text("---\ntitle: [unclosed\n---\n正文\n", path="broken.md")
    assert result.problems and result.exit_code == 2 and not result.ok
    problem = result.problems[0]
    assert problem.path == "broken.md" and problem.line >= 1 and problem.column >= 1
    assert problem.to_dict()["message"] == problem.message


def test_an_account_file_is_checked_as_an_account():
    result = check_text(ACCOUNT, kind="account", path="acct.yaml")
    assert result.kind == "account"
    assert result.problems or result.findings  # this minimal file lacks required sections


def test_check_file_decides_the_kind_and_names_files_it_cannot_read(tmp_path):
    draft = write(tmp_path / "post.md", BAD_DRAFT)
    assert "PC01" in codes(check_file(draft))
    notes = write(tmp_path / "notes.txt", "hello")
    [problem] = check_file(notes).problems
    assert "--kind" in problem.message


def test_the_config_may_be_a_mapping_and_bad_settings_say_where(tmp_path):
    quiet = Checker({"severity": {"PC01": "off"}})
    assert "PC01" not in codes(quiet.check_text(BAD_DRAFT))
    with pytest.raises(InputError) as caught:
        Checker({"severity": {"PC0l": "off"}})
    [problem] = caught.value.problems
    assert "PC0l" in problem.message and problem.line == 2


def test_the_config_may_be_a_file(tmp_path):
    config = write(tmp_path / ".oahandbook.yaml", "severity:\n  PC01: warning\n")
    checker = Checker(config)
    [finding] = [f for f in checker.check_text(BAD_DRAFT).findings if f.code == "PC01"]
    assert finding.severity == "warning"


def test_language_and_date_are_per_checker():
    english = Checker(lang="en", today=dt.date(2030, 1, 1))
    result = english.check_text("---\ntitle: [x\n---\n", path="x.md")
    assert result.problems and not any("\u4e00" <= c <= "\u9fff" for c in result.problems[0].message)
    assert english.today == dt.date(2030, 1, 1)
    [finding] = [f for f in english.check_text(BAD_DRAFT).findings if f.code == "PC01"]
    assert finding.message() == finding.message("en") != finding.message("zh")
    chinese = check_text("---\ntitle: [x\n---\n", path="x.md")
    assert any("\u4e00" <= c <= "\u9fff" for c in chinese.problems[0].message)


def test_min_severity_counts_what_it_hides():
    text = GOOD_DRAFT.replace("欢迎参加。", "欢迎参加，详见 https://example.com/a 。")
    everything = Checker().check_text(text)
    errors_only = Checker(min_severity="error").check_text(text)
    assert len(errors_only.findings) < len(everything.findings)
    assert sum(errors_only.hidden.values()) == len(everything.findings) - len(errors_only.findings)


def test_a_checker_is_picklable_and_checks_the_same_after_the_trip():
    checker = Checker({"severity": {"PC01": "warning"}}, lang="en", today=dt.date(2026, 1, 2))
    before = checker.check_text(BAD_DRAFT)
    copy = pickle.loads(pickle.dumps(checker))
    after = copy.check_text(BAD_DRAFT)
    assert after == before and copy.lang == "en" and copy.today == dt.date(2026, 1, 2)


def test_a_checker_can_be_shared_between_threads():
    checker = Checker()
    texts = [BAD_DRAFT, GOOD_DRAFT] * 20
    expected = [codes(checker.check_text(t)) for t in texts[:2]] * 20
    with ThreadPoolExecutor(8) as pool:
        got = list(pool.map(lambda t: codes(checker.check_text(t)), texts))
    assert got == expected


def test_threads_with_checkers_in_different_languages_do_not_mix(tmp_path):
    zh, en = Checker(lang="zh"), Checker(lang="en")
    bad = "---\ntitle: [x\n---\n"
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(lambda c: c.check_text(bad).problems[0].message, [zh, en] * 10))
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in results[0::2])
    assert not any(any("\u4e00" <= ch <= "\u9fff" for ch in m) for m in results[1::2])


def test_check_paths_walks_folders_like_the_cli_and_in_worker_processes(tmp_path):
    for i in range(6):
        write(tmp_path / "drafts" / f"{i}.md", BAD_DRAFT if i % 2 else GOOD_DRAFT)
    checker = Checker()
    one = [(r.path, codes(r)) for r in checker.check_paths([tmp_path / "drafts"])]
    two = [(r.path, codes(r)) for r in checker.check_paths([tmp_path / "drafts"], jobs=2)]
    assert one == two and len(one) == 6
    assert sum("PC01" in c for _, c in one) == 3


def test_the_data_loads_as_models():
    data = load_data()
    rule = data.rules["PC01"]
    assert rule.clause in data.clauses
    assert data.regulation.document.number


def test_the_api_docstring_examples_run():
    import oahandbook.api

    failures, tried = doctest.testmod(oahandbook.api, optionflags=doctest.ELLIPSIS)
    assert tried >= 4 and failures == 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_handbook_api_page_documents_every_public_name_with_its_examples(lang):
    from oahandbook.site.api import api_page

    page = api_page(lang)
    for name in oahandbook.__all__:
        if not name.startswith("__"):
            assert f"## `{name}`" in page, name
    assert "```pycon\n>>> from oahandbook import Checker" in page  # the module's doctest, as run above
    assert "Checker.check_text(text: str, *, kind: Kind = 'article'" in page
    assert "``" not in page.replace("```", "")  # reST literals became Markdown code spans


def test_a_result_carries_the_drafts_one_value_fields():
    text = GOOD_DRAFT.replace(
        "author: 市场部\n", "author: 市场部\ndate: 2026-10-03\naccount: 校园服务号\ntags: [校园, 服务]\n"
    )
    result = check_text(text)
    assert result.ok and result.fields["date"] == "2026-10-03" and result.fields["account"] == "校园服务号"
    assert "tags" not in result.fields  # lists are not one value


def test_the_package_and_the_api_module_list_the_same_public_names():
    import oahandbook.api

    assert set(oahandbook.__all__) - {"__version__"} == set(oahandbook.api.__all__)
