"""Terminal layout: columns of CJK, full-width and combining characters, wrapping by columns,
and a source line cut around its marked span."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from oahandbook.outputs.terminal import char_width, excerpt, text_width, wrap


def test_columns_of_characters():
    assert [char_width(ch) for ch in "a中，Ａ😀é"] == [1, 2, 2, 2, 2, 1]
    assert char_width("\u0301") == 0 and char_width("\u200d") == 0  # a combining accent, a zero-width joiner
    assert text_width("e\u0301中") == 3


def test_wrap_breaks_between_cjk_characters_and_words_never_before_closing_punctuation():
    lines = wrap("删除证件号码；确需区分同名人员时，只保留前 3 位和后 4 位，中间用星号代替。", 20)
    assert all(text_width(line) <= 20 for line in lines)
    assert "".join(lines).replace(" ", "") == "删除证件号码；确需区分同名人员时，只保留前3位和后4位，中间用星号代替。"
    assert not any(line[0] in "，。；" for line in lines)
    assert wrap("keep <!-- oahandbook-disable-next-line PC01: 理由 --> whole", 30) == [
        "keep",
        "<!-- oahandbook-disable-next-line PC01: 理由 -->",
        "whole",
    ]


def test_excerpt_marks_a_span_past_the_end_of_the_line():
    shown = excerpt("标题", 2, None, 80)
    assert (shown.text, shown.start, shown.width) == ("标题", 4, 1)


def test_control_characters_are_visible_and_take_one_column():
    shown = excerpt("a\x07b", 2, 3, 80)
    assert shown.text == "a\u2407b" and shown.start == 2


texts = st.text(alphabet=st.sampled_from(list("ab 中文，Ａ\t😀é\u0301")), min_size=1, max_size=300)


@settings(max_examples=300, deadline=None)
@given(texts, st.data(), st.integers(min_value=20, max_value=120))
def test_the_marker_always_sits_under_the_span_within_the_budget(line, data, budget):
    start = data.draw(st.integers(min_value=0, max_value=len(line) - 1))
    end = data.draw(st.integers(min_value=start + 1, max_value=len(line)))
    shown = excerpt(line, start, end, budget)
    whole = text_width(line.replace("\t", "    "))
    assert text_width(shown.text) == whole if whole <= budget else text_width(shown.text) <= budget
    assert shown.start + shown.width <= text_width(shown.text) + 1  # one caret even for a zero-width span
    if text_width(line[start]) == 0:
        return
    column = 0  # the first marked column is where the span's first character is shown
    for ch in shown.text:
        if column == shown.start and text_width(ch):
            assert ch == (" " if line[start] == "\t" else line[start])
            break
        column += text_width(ch)
    else:
        raise AssertionError(f"no character starts at column {shown.start} of {shown.text!r}")
