"""apply_fixes: the mechanical fixes findings carry (masked ID and card numbers, CJK typography),
applied to whole drafts; front matter, code, URLs and HTML never change, and fixing twice is
fixing once."""

from __future__ import annotations

from dataclasses import replace

import pytest

from oahandbook.article.draft import parse_draft
from oahandbook.article.fix import apply_fixes
from oahandbook.engine.check import Context, check_document

CTX = Context()
FIXABLE = ("PI01", "PI02", "TY01", "TY02", "TY03", "TY04")


def findings(text: str):
    return check_document(parse_draft(text, "draft.md"), "article", CTX)


def fixed(text: str) -> str:
    return apply_fixes(text, findings(text))


NOTICE = """\
---
title: 2026年公开招聘拟录用人员公示
author: 人事处
cover: cover.png
digest: 李明,身份证号330106199207153284
---
拟录用人员:李明,身份证号 330106199207153284,岗位为会计.

补贴发放至张华的银行卡 6222 0212 3456 7890 128,请核对!

身份证号码：１１０１０８１９８５０３１２０４２５。
"""

NOTICE_FIXED = """\
---
title: 2026年公开招聘拟录用人员公示
author: 人事处
cover: cover.png
digest: 李明,身份证号330106199207153284
---
拟录用人员：李明，身份证号 330***********3284，岗位为会计。

补贴发放至张华的银行卡 622************0128，请核对！

身份证号码：１１０＊＊＊＊＊＊＊＊＊＊＊０４２５。
"""


def test_id_and_card_numbers_are_masked_to_3_plus_4_and_prose_gets_full_width_punctuation():
    assert fixed(NOTICE) == NOTICE_FIXED


def test_front_matter_is_never_changed():
    """The digest's ID number and punctuation stay: a field is the author's to change."""
    after = fixed(NOTICE)
    assert after.split("---")[1] == NOTICE.split("---")[1]
    left = [f for f in findings(after) if f.code == "PI01"]
    assert [(f.line, f.replacement) for f in left] == [(5, None)]


def test_fixing_twice_is_fixing_once_and_no_fixable_finding_remains():
    once = fixed(NOTICE)
    assert fixed(once) == once
    assert [f.code for f in findings(once) if f.code in FIXABLE and f.line > 6] == []


def test_the_finding_carries_the_span_and_the_masked_replacement():
    (card,) = [f for f in findings(NOTICE) if f.code == "PI02"]
    assert (card.line, card.column, card.end_line, card.end_column) == (9, 13, 9, 36)
    assert card.replacement == "622************0128"
    assert card.to_dict()["replacement"] == "622************0128"
    assert "6222 0212" not in card.message() and "0212 3456" not in str(card.to_dict())


CODE = """\
---
title: 数据分析课程介绍
author: 教务处
cover: cover.png
---
本课程使用Python和R语言,共12课时.

```python
print("你好,world")  # 中文注释,不改
id = "330106199207153284"
```

行内代码 `中文,abc` 和网址 https://example.org/中文,页面 都不改,链接[说明文档](https://example.org/文档,1) 也不改.
<span title="中文,标题">网页标签</span>里的属性不改。&#20013;文abc 的字符引用不改。
"""

CODE_FIXED = """\
---
title: 数据分析课程介绍
author: 教务处
cover: cover.png
---
本课程使用 Python 和 R 语言，共 12 课时。

```python
print("你好,world")  # 中文注释,不改
id = "330106199207153284"
```

行内代码 `中文,abc` 和网址 https://example.org/中文，页面 都不改，链接[说明文档](https://example.org/文档,1) 也不改。
<span title="中文,标题">网页标签</span>里的属性不改。&#20013;文 abc 的字符引用不改。
"""


def test_code_urls_link_targets_and_html_are_never_changed():
    assert fixed(CODE) == CODE_FIXED


def test_an_id_number_in_code_is_reported_but_not_fixed():
    after = fixed(CODE)
    (id_number,) = [f for f in findings(after) if f.code == "PI01"]
    assert id_number.line == 10 and '"330106199207153284"' in after


def test_typography_findings_say_what_changes():
    by_code = {}
    for f in findings(CODE):
        by_code.setdefault(f.code, f)
    assert by_code["TY01"].message("zh") == "中文与英文之间加一个空格：“本课程使用Python和R”改为“本课程使用 Python和R”"
    assert by_code["TY03"].severity == "suggestion"  # common in readers' text: never printed by default
    assert by_code["TY01"].severity == by_code["TY02"].severity == "suggestion"
    assert (by_code["TY01"].line, by_code["TY01"].column, by_code["TY01"].end_column) == (6, 6, 6)


def test_a_space_and_a_mask_at_the_same_place_both_apply():
    text = NOTICE.replace("身份证号 330106199207153284,", "身份证号330106199207153284,")
    assert fixed(text) == NOTICE_FIXED


def test_spaces_beside_full_width_punctuation_go_but_indentation_and_line_breaks_stay():
    text = "---\ntitle: 读书月回顾\nauthor: 图书馆\ncover: c.png\n---\n共举办讲座五场 ，参与读者三百余人。  \n- 第一项\n  ，续行\n"
    assert fixed(text) == text.replace("五场 ，", "五场，")


def test_overlapping_fixes_apply_the_first_only():
    text = "---\ntitle: t\nauthor: a\ncover: c.png\n---\n你好,世界,再见.\n"
    (comma, *_) = [f for f in findings(text) if f.code == "TY03"]
    wide = replace(comma, column=1, end_column=6, replacement="您好，世界")  # 你好,世界
    second = replace(comma, column=5, end_column=6, replacement="；")  # 界, inside it
    insertion = replace(comma, column=3, end_column=3, replacement=" ")  # inside the first edit
    assert apply_fixes(text, [second, wide, insertion]) == text.replace("你好,世界,", "您好，世界,")
    twice = replace(comma, column=9, end_column=9, replacement="!")  # two insertions at one place
    assert apply_fixes(text, [twice, replace(twice, replacement="?")]).endswith("再见!.\n")


def test_waived_findings_and_findings_without_a_replacement_are_not_applied():
    text = "---\ntitle: t\nauthor: a\ncover: c.png\n---\n<!-- oahandbook-disable-next-line TY03: 引用原文 -->\n你好,世界\n好的.\n"
    result = findings(text)
    assert any(f.code == "TY03" and f.waived for f in result)
    assert apply_fixes(text, result) == text.replace("好的.", "好的。")
    no_fix = [replace(f, replacement=None) for f in result]
    assert apply_fixes(text, no_fix) == text


@pytest.mark.parametrize(("line", "column", "end_line", "end_column"), [(99, 1, 99, 2), (6, 50, 6, 51), (6, 3, 6, 2)])
def test_a_position_outside_the_text_is_skipped(line, column, end_line, end_column):
    text = "---\ntitle: t\nauthor: a\ncover: c.png\n---\n你好,世界\n"
    (comma,) = [f for f in findings(text) if f.code == "TY03"]
    moved = replace(comma, line=line, column=column, end_line=end_line, end_column=end_column)
    assert apply_fixes(text, [moved]) == text


def test_unusable_front_matter_is_left_as_it_is():
    text = "---\ntitle: [unclosed\n你好,世界\n"
    (comma,) = [f for f in findings("---\ntitle: t\nauthor: a\ncover: c.png\n---\n你好,世界\n") if f.code == "TY03"]
    assert apply_fixes(text, [replace(comma, line=3, column=3, end_line=3, end_column=4)]) == text


def test_a_clean_draft_has_no_typography_findings():
    text = (
        "---\ntitle: 本周活动预告\nauthor: 市场部\ncover: c.png\n---\n"
        "下周三下午在一楼大厅举办开放日，欢迎参加。报名请访问 https://example.org/，或发邮件。\n"
    )
    assert [f.code for f in findings(text) if f.code.startswith("TY")] == []
    assert fixed(text) == text
