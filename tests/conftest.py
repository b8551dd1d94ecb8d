from __future__ import annotations

import pytest

from oahandbook.base import i18n


@pytest.fixture(autouse=True)
def _chinese_by_default():
    """Each test starts in the default language, whatever an earlier test set."""
    i18n.set_lang("zh")
    yield
    i18n.set_lang("zh")


@pytest.fixture
def work(tmp_path, monkeypatch):
    """An empty working directory that is a repository root (config discovery stops here)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    return tmp_path
