from __future__ import annotations

import pytest

from oahandbook import i18n


@pytest.fixture(autouse=True)
def _chinese_by_default():
    """Each test starts in the default language, whatever an earlier test set."""
    i18n.set_lang("zh")
    yield
    i18n.set_lang("zh")


# A clean draft and one with a single PC01 error (line 6, column 12), shared by the CLI tests.
GOOD_DRAFT = """---
title: 本周活动预告
author: 市场部
cover: https://mp.weixin.qq.com/cover.png
---
下周三下午在一楼大厅举办开放日，欢迎参加。
"""

BAD_DRAFT = """---
title: 周末放松指南
author: 生活组
cover: https://mp.weixin.qq.com/cover.png
---
想找人陪聊？加微信即可裸 聊。
"""


@pytest.fixture
def work(tmp_path, monkeypatch):
    """An empty working directory that is a repository root (config discovery stops here)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".git").mkdir()
    return tmp_path
