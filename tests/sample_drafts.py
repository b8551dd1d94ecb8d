"""Drafts, a file helper and a CLI runner shared by the command-line tests."""

import contextlib
import io
from pathlib import Path

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


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def run_cli(argv: list[str]) -> tuple[int, bytes, bytes]:
    """``main(argv)`` with stdout and stderr as strict UTF-8 streams; the bytes written."""
    out, err = io.BytesIO(), io.BytesIO()
    stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True)
    stderr = io.TextIOWrapper(err, encoding="utf-8", errors="strict", write_through=True)
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        from oahandbook.commands.main import main

        code = main(argv)
        stdout.flush()
        stderr.flush()
    return code, out.getvalue(), err.getvalue()
