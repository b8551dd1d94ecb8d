"""Config globs (include, exclude, account_files): the matcher is linear in the path whatever
the pattern's stars (issue 10: ``**/``×12 or ``*a``×12 never returned), and means what the
regular expression it replaced meant."""

from __future__ import annotations

import fnmatch
import re
from pathlib import PurePosixPath

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from oahandbook.run.discovery import glob_match, matches


def reference(rel: str, pattern: str) -> bool:
    """The backtracking matcher as it was (exponential on some patterns; fine on short ones)."""
    if "/" not in pattern and fnmatch.fnmatch(PurePosixPath(rel).name, pattern):
        return True
    if pattern.startswith("**/") and reference(rel, pattern[3:]):
        return True
    out, i = [], 0
    while i < len(pattern):
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pattern.startswith("**", i):
            out.append(".*")
            i += 2
        elif pattern[i] in "*?":
            out.append("[^/]*" if pattern[i] == "*" else "[^/]")
            i += 1
        else:
            out.append(re.escape(pattern[i]))
            i += 1
    return re.fullmatch("".join(out), rel, re.S) is not None


@pytest.mark.parametrize(
    ("pattern", "rel", "expected"),
    [
        ("drafts/**", "drafts/2026/a.md", True),
        ("drafts/**", "drafts", False),
        ("**/*.md", "a.md", True),
        ("**/*.md", "x/y/a.md", True),
        ("drafts/**/*.md", "drafts/a.md", True),
        ("drafts/**/*.md", "drafts/a.txt", False),
        ("*.md", "x/a.md", True),  # a pattern without / matches the file name
        ("x/*.md", "x/y/a.md", False),  # * stays within a folder
        ("**/[ab].md", "x/a.md", True),  # after a leading **/ the name is an fnmatch pattern
        ("x/[ab].md", "x/a.md", False),  # in a path pattern [ is itself
        ("x/[ab].md", "x/[ab].md", True),
        ("a**/b", "ab", True),
        ("a**/b", "ax/y/b", True),
        ("*a*a*b.md", "aaab.md", True),
        ("*a*a*b.md", "aaa.md", False),
        ("**/" * 12 + "y.md", "a/" * 40 + "y.md", True),
        ("**/" * 12 + "y.md", "a/" * 40 + "x.md", False),
        ("**/*a" * 8 + "*b.md", "a/" * 10 + "a" * 100 + ".md", False),
        ("**/*a" * 8 + "*b.md", "a/" * 10 + "a" * 100 + "b.md", True),
    ],
)
def test_globs_mean_what_they_did(pattern, rel, expected):
    assert glob_match(rel, pattern) is expected
    if len(pattern) < 40:
        assert reference(rel, pattern) is expected


@settings(max_examples=1500, deadline=None, derandomize=True, database=None)
@given(
    pattern=st.text(alphabet="*?/ab.[]!", max_size=9),
    rel=st.text(alphabet="ab/.[", max_size=8),
)
def test_the_linear_matcher_agrees_with_the_old_one(pattern, rel):
    assert glob_match(rel, pattern) == reference(rel, pattern)


def test_matches_takes_any_of_several_patterns():
    assert matches(["docs/**", "*.md"], "x/a.md")
    assert not matches(["docs/**", "*.txt"], "x/a.md")
