"""The draft article format: front matter fields an editor writes above the Markdown body."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field

from oahandbook.data.models import Model


class Repost(Model):
    """Where a reposted (转载) article comes from. Reposting needs both source and author."""

    source: str | None = Field(None, description="来源公众号或网站 / source account or site")
    author: str | None = Field(None, description="原作者 / original author")
    url: str | None = Field(None, description="原文链接 / URL of the original")
    authorised: bool | None = Field(None, description="已获授权（白名单或书面授权）/ permission obtained")


class FrontMatter(Model):
    """Front matter of a draft article (between the two `---` lines at the top of the file)."""

    title: str = Field(description="标题 / title (the platform's limit applies)")
    author: str = Field(description="作者 / author shown under the title")
    digest: str | None = Field(
        None, description="摘要 / digest shown in shares; empty: the platform uses the body's start"
    )
    cover: str | None = Field(
        None, description="封面图片路径，相对于草稿文件 / cover image path, relative to the draft"
    )
    original: bool = Field(False, description="原创声明 / declare as original (not with `repost`)")
    repost: Repost | None = Field(None, description="转载信息 / repost attribution")
    source_url: str | None = Field(None, description="阅读原文链接 / 'read the original' URL")
    comments: Literal["open", "closed"] = Field("open", description="留言 / comments open or closed")
    tags: list[str] = Field(default_factory=list, description="标签 / tags (free text)")
    date: dt.date | None = Field(None, description="发布日期 / publication date (YYYY-MM-DD); audits count by month")
    account: str | None = Field(None, description="公众号 / the account it is published on; audits count by account")
