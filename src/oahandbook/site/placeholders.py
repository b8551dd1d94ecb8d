"""Sample values for the placeholders in rules' messages, shown on rule pages instead of
``{masked}`` or ``{limit}``: a reader sees a message as the checker prints it.

Data, one entry per placeholder name (``PLACEHOLDERS``), with an entry per rule where a name means
something else there (``BY_RULE``, e.g. ``FM05``'s ``limit`` is a body length, not a title's).
Every placeholder in a rule's message needs a sample here (a test sees to it).
"""

from __future__ import annotations

import re
import string

from oahandbook.base.i18n import Lang

# name -> (zh, en)
PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "after": ("使用 iPhone 15 拍摄", "使用 iPhone 15 拍摄"),
    "allowed": ("群发消息、素材管理", "Broadcasts, Assets"),
    "before": ("使用iPhone15拍摄", "使用iPhone15拍摄"),
    "code": ("91440300MA5XXXXX1A", "91440300MA5XXXXX1A"),
    "codes": ("PC02", "PC02"),
    "context": ("…本店出品，全网最低价，欢迎…", "…本店出品，全网最低价，欢迎…"),
    "count": ("6", "6"),
    "date": ("2026-09-01", "2026-09-01"),
    "days": ("12", "12"),
    "detail": ("日期应写成 YYYY-MM-DD", "a date is written YYYY-MM-DD"),
    "due": ("2026-10-01", "2026-10-01"),
    "field": ("source", "source"),
    "found": ("最低价", "最低价"),
    "host": ("example.com", "example.com"),
    "length": ("38", "38"),
    "limit": ("30", "30"),
    "masked": ("4403**********1234", "4403**********1234"),
    "max": ("30", "30"),
    "min": ("4", "4"),
    "name": ("李明", "Li Ming"),
    "permission": ("account.settings", "account.settings"),
    "permission_name": ("账号设置", "Account settings"),
    "problem": ("开头有空格", "starts with a space"),
    "reason": ("广告法禁止使用“最”“第一”等绝对化用语", "the Advertising Law forbids superlatives such as 最 and 第一"),
    "role": ("运营者", "an operator"),
    "term": ("最低价", "最低价"),
    "text": ("本单位 新媒体", "本单位 新媒体"),
    "url": ("https://example.com/activity", "https://example.com/activity"),
    "value": ("45", "45"),
    "what": ("管理员", "Administrators"),
    "width": ("34", "34"),
    "words": ("中国", "中国"),
}

# (rule code, name) -> (zh, en), where the name's sample above would mislead.
BY_RULE: dict[tuple[str, str], tuple[str, str]] = {
    ("AD02", "found"): ("根治", "根治"),
    ("AD02", "term"): ("根治", "根治"),
    ("AD02", "reason"): ("非药品不得宣称疗效", "only a medicine may claim to cure"),
    ("AD02", "context"): ("…喝一个月，根治失眠…", "…喝一个月，根治失眠…"),
    ("FM02", "limit"): ("32", "32"),
    ("FM03", "length"): ("12", "12"),
    ("FM03", "limit"): ("8", "8"),
    ("FM04", "length"): ("130", "130"),
    ("FM04", "limit"): ("120", "120"),
    ("FM05", "length"): ("20480", "20480"),
    ("FM05", "limit"): ("20000", "20000"),
    ("IA02", "value"): ("72", "72"),
    ("IA02", "limit"): ("48", "48"),
    ("IN01", "found"): ("转发到朋友圈领红包", "转发到朋友圈领红包"),
    ("IN01", "term"): ("转发领红包", "转发领红包"),
    ("IN01", "reason"): ("平台禁止以奖励诱导分享", "the platform forbids rewards for sharing"),
    ("IN01", "context"): ("…转发到朋友圈领红包，截图…", "…转发到朋友圈领红包，截图…"),
    ("IN02", "found"): ("震惊", "震惊"),
    ("PC01", "found"): ("裸聊", "裸聊"),
    ("PC01", "term"): ("裸聊", "裸聊"),
    ("PC02", "found"): ("网上赌场", "网上赌场"),
    ("PC02", "term"): ("赌场", "赌场"),
    ("PC03", "found"): ("出售冰毒", "出售冰毒"),
    ("PC03", "term"): ("冰毒", "冰毒"),
    ("PC04", "found"): ("出售管制刀具", "出售管制刀具"),
    ("PC04", "term"): ("管制刀具", "管制刀具"),
    ("PC05", "found"): ("稳赚不赔", "稳赚不赔"),
    ("PC05", "term"): ("稳赚不赔", "稳赚不赔"),
    ("PC06", "found"): ("出售仿真枪", "出售仿真枪"),
    ("PC06", "term"): ("仿真枪", "仿真枪"),
    ("PC07", "found"): ("收购银行卡", "收购银行卡"),
    ("PC07", "term"): ("收购银行卡", "收购银行卡"),
    ("PC08", "found"): ("代开发票", "代开发票"),
    ("PC08", "term"): ("代开发票", "代开发票"),
    ("PE01", "limit"): ("1", "1"),
    ("PE01", "count"): ("2", "2"),
    ("PE02", "what"): ("长期运营者", "Long-term operators"),
    ("PE02", "limit"): ("25", "25"),
    ("PE02", "count"): ("26", "26"),
    ("PI02", "masked"): ("6222 **** **** 0123", "6222 **** **** 0123"),
    ("PI03", "masked"): ("138****5678", "138****5678"),
    ("PI04", "masked"): ("li***@example.com", "li***@example.com"),
    ("PI05", "masked"): ("张某 · 某小区 3 栋 ***", "张某 · 某小区 3 栋 ***"),
    ("RP03", "length"): ("260", "260"),
    ("RV01", "limit"): ("365", "365"),
    ("SE01", "field"): ("api.app_secret", "api.app_secret"),
    ("TY03", "before"): ("你好,世界", "你好,世界"),
    ("TY03", "after"): ("你好，世界", "你好，世界"),
    ("TY04", "before"): ("你好， 世界", "你好， 世界"),
    ("TY04", "after"): ("你好，世界", "你好，世界"),
}

_FIELD = re.compile(r"\{(\w+)\}")


def placeholders(message: str) -> list[str]:
    """The placeholder names in a message, in order."""
    return [name for _, name, _, _ in string.Formatter().parse(message) if name]


def sample(code: str, name: str, lang: Lang) -> str | None:
    pair = BY_RULE.get((code, name)) or PLACEHOLDERS.get(name)
    if pair is None:
        return None
    return pair[0] if lang == "zh" else pair[1]


def with_samples(code: str, message: str, lang: Lang) -> tuple[str, list[str]]:
    """``message`` with each ``{name}`` replaced by its sample, and the names that have none
    (left as written)."""
    missing: list[str] = []

    def fill(match: re.Match[str]) -> str:
        value = sample(code, match.group(1), lang)
        if value is None:
            missing.append(match.group(1))
            return match.group(0)
        return value

    return _FIELD.sub(fill, message), missing
