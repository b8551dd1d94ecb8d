"""What every commit pays: the article check path stays free of heavy imports, and its fast
front-matter test agrees with the model it stands in for."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from oahandbook.article.checks import looks_valid
from oahandbook.article.models import FrontMatter

GOOD = "---\ntitle: 本周活动预告\nauthor: 市场部\ncover: https://mp.weixin.qq.com/c.png\n---\n欢迎参加。\n"


def test_checking_a_clean_draft_imports_neither_pydantic_nor_opencc(tmp_path):
    draft = tmp_path / "one.md"
    draft.write_text(GOOD, encoding="utf-8")
    code = (
        "import sys, io, contextlib\n"
        "from oahandbook.commands.main import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        f"    assert main(['check', {str(draft)!r}]) == 0\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"  # the second run reads the caches
        f"    assert main(['check', {str(draft)!r}]) == 0\n"
        "print(sorted(m for m in ('pydantic', 'opencc') if m in sys.modules))\n"
    )
    first = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert first.returncode == 0, first.stderr
    again = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert again.stdout.strip() == "[]", again.stdout + again.stderr


scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.text(max_size=5), st.lists(st.text(max_size=3), max_size=2)
)
repost = st.one_of(
    scalars, st.dictionaries(st.sampled_from(["source", "author", "url", "authorised", "x"]), scalars, max_size=4)
)
front = st.dictionaries(
    st.sampled_from(
        ["title", "author", "digest", "cover", "original", "repost", "source_url", "comments", "tags", "extra"]
    ),
    st.one_of(scalars, repost, st.sampled_from(["open", "closed"])),
    max_size=8,
)


@settings(max_examples=400, deadline=None)
@given(front)
def test_fast_front_matter_test_never_passes_what_the_model_rejects(value):
    if looks_valid(value):
        try:
            FrontMatter.model_validate(value)
        except ValidationError as exc:  # pragma: no cover - the assertion message is the point
            raise AssertionError(f"looks_valid accepted {value!r}: {exc}") from None


def test_fast_test_accepts_ordinary_front_matter():
    assert looks_valid({"title": "t", "author": "a", "original": True, "repost": None, "tags": ["x"]})
    assert looks_valid({"title": "t", "author": "a", "repost": {"source": "s", "author": "b", "authorised": True}})
