"""The content engine on its own: spellings, combinations, context, numbers in any style.

These tests build small lexicons in code, so they keep holding whatever the bundled lexicons
say; the rules' own examples (test_rule_examples.py) test the bundled data.
"""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from oahandbook.article.content import Lexicons, judge
from oahandbook.article.draft import parse_draft, prose_view
from oahandbook.engine.lexicons import FlatLexicon, LexiconTerm, homophone_spellings, pattern_anchor, pinyin_spellings
from oahandbook.engine.textnorm import Folding, NormalText, normal_form


def entry(category, term, severity="warning", group=None, alone=True, kind="object"):
    return LexiconTerm(category, term, severity, None, group, alone, kind)


def flat(category, entries, kind="object", patterns=(), spell=None, groups=None):
    spell = spell or (lambda term: ())
    return FlatLexicon(
        category,
        kind,
        [(e, (e.term, *spell(e.term))) for e in entries],
        [(e, source, *pattern_anchor(source)) for e, source in patterns],
        [],
        groups or {},
    )


HOMOPHONES = {"赌": ["杜", "堵"], "博": ["搏"], "枪": ["抢"]}
LEXICONS = Lexicons(
    [
        flat(
            "gambling",
            [entry("gambling", "赌博", "warning"), entry("gambling", "博彩", "warning")],
            spell=lambda t: (*sorted(pinyin_spellings(t)), *sorted(homophone_spellings(t, HOMOPHONES))),
        ),
        flat("weapons", [entry("weapons", "枪支", "suggestion")]),
        flat(
            "intent",
            [
                entry("intent", "出售", None, "sell", False, "intent"),
                entry("intent", "加微信", None, "contact", False, "intent"),
            ],
            kind="intent",
            groups={"sell": {"zh": "出售", "en": "sell"}},
        ),
        flat("mention", [entry("mention", "警方", None, None, False, "context")], kind="context"),
        flat(
            "offer",
            [
                entry("offer", "私聊", None, None, False, "context"),
                entry("offer", "价格", None, None, False, "context"),
            ],
            kind="context",
        ),
        flat("inducement", [], patterns=[(entry("inducement", r"集满?\d+个?赞", "error"), r"集满?\d+个?赞")]),
    ],
    [],
    Folding({"菸": "烟"}),
)

PARAMS = SimpleNamespace(
    categories=["gambling", "weapons", "inducement"],
    combine=[SimpleNamespace(objects=[], with_=["intent"], severity="error", window=16)],
    lower=["mention"],
    raise_=["offer", "intent"],
    context_window=40,
)


def judged(text: str, title: str | None = None):
    scope = LEXICONS.scope("body", prose_view(text), lambda i: (1, i + 1))
    title_lowered = []
    if title:
        title_scope = LEXICONS.scope("title", title, lambda i: (1, i + 1))
        title_lowered = [m for m in title_scope.matches if m.entry.category == "mention"]
    return [
        (j.level, j.obj.entry.term, text[slice(*scope.span(j.start, j.end))], j.reason["zh"])
        for j in judge(scope, PARAMS, "error", LEXICONS, title_lowered)
    ]


@pytest.mark.parametrize(
    "text",
    [
        "在线dubo",
        "在线du博",
        "在线杜博",
        "在线赌搏",
        "在线赌赌博博",
        "在线賭博",
        "在线**赌**博",
        "在线赌<b></b>博",
    ],
)
def test_spellings_and_markup_do_not_hide_a_term(text):
    [(level, term, found, _)] = judged(text)
    assert term == "赌博" and level == "warning"
    assert found.startswith(("d", "杜", "堵", "赌", "賭", "*")) and found.endswith(("o", "博", "搏"))


def test_pinyin_needs_a_letter_boundary_but_not_a_digit_one():
    assert judged("现货 dubo一克600") != []  # 一 folds to 1: a digit does not glue words


def test_pinyin_needs_a_word_boundary():
    assert judged("we use dubo as a name") == []  # "usedubo": letters on the left
    assert judged("这个词是 dubo 。") != []


def test_initials_only_from_four_characters():
    assert "db" not in pinyin_spellings("赌博") and "d博" not in pinyin_spellings("赌博")
    assert "zfs" not in pinyin_spellings("转发送")  # a file system, not a dodge
    assert "kbxj" in pinyin_spellings("恐怖袭击")
    assert "zha弹包" in pinyin_spellings("炸弹包") and "z弹包" not in pinyin_spellings("炸弹包")


def test_intent_in_the_same_sentence_makes_an_error_in_either_order():
    assert judged("长期出售枪支配件")[0][0] == "error"
    assert judged("枪支配件现货，可出售")[0][0] == "error"
    assert judged("出。售。枪。支")[0][0] == "error"  # dots between every character
    [(level, _, _, reason)] = judged("枪支")
    assert level == "suggestion" and reason == "单独出现"


def test_an_intent_in_another_sentence_does_not_combine():
    [(level, _, found, reason)] = judged("我们出售二手书。枪支管理法规定了许可证制度。")
    assert found == "枪支" and "同句" not in reason and level != "error"


def test_a_combination_reports_both_parts_and_says_why():
    [(level, term, found, reason)] = judged("现在出售正品枪支")
    assert (level, term, found) == ("error", "枪支", "出售正品枪支")
    assert "出售" in reason and "同句" in reason


def test_news_context_lowers_and_sales_context_keeps_a_warning():
    [(level, _, _, reason)] = judged("警方破获案件，嫌疑人长期出售枪支")
    assert level == "suggestion" and "警方" in reason
    [(level, *_)] = judged("警方提醒：有人出售枪支，私聊即可")
    assert level == "suggestion"  # one marker each way: the mention wins
    [(level, *_)] = judged("警方提醒：有人出售枪支，价格私聊")
    assert level == "suggestion"  # two sales markers against one mention: still a mention
    [(level, *_)] = judged("警方提醒：有人出售枪支，价格私聊，加微信")
    assert level == "warning"  # sales markers clearly outnumber the mention


def test_a_mention_in_another_paragraph_does_not_excuse_an_offer():
    [(level, *_)] = judged("警方破获一起案件。\n\n长期出售枪支配件")
    assert level == "error"  # the offer is spelled out in its own paragraph
    [(level, *_)] = judged("警方破获一起案件。\n\n现场有枪支")
    assert level == "suggestion"  # an object on its own, in a news text


def test_a_news_title_lowers_the_body():
    [(level, _, _, reason)] = judged("嫌疑人在网上出售枪支。", title="警方通报")
    assert level == "suggestion" and "标题" in reason


def test_sales_context_raises_an_object_found_alone_even_in_the_next_paragraph():
    [(level, *_)] = judged("枪支配件。\n\n详情私聊")
    assert level == "warning"  # suggestion, raised one level by one marker
    [(level, *_)] = judged("枪支配件。\n\n价格私聊")
    assert level == "warning"  # never two levels at once
    [(level, *_)] = judged("赌博平台。\n\n详情私聊")
    assert level == "warning"  # a warning needs two markers to become an error
    [(level, *_)] = judged("赌博平台。\n\n价格私聊")
    assert level == "error"


def test_patterns_see_numbers_in_any_digit_style():
    assert judged("集满38个赞送礼")[0][0] == "error"
    assert judged("集满三十八个赞送礼") == []  # 三十八 has a 十: not one digit per character
    assert judged("集满３８个赞送礼")[0][0] == "error"
    assert judged("集满三八个赞送礼")[0][0] == "error"


def test_variant_characters_fold_and_numerals_read_as_digits():
    folding = Folding({"菸": "烟"})
    assert folding.normal_form("香菸") == folding.normal_form("香烟")
    assert normal_form("幺三八") == "138"
    text = NormalText.of("出 售 售 枪 枪 支")
    assert text.text == "出售枪支"
    assert text.original_span(0, 4) == (0, len("出 售 售 枪 枪 支"))


def _numbers(body: str) -> list[tuple[str, str]]:
    from oahandbook.article.checks import mask, personal_numbers

    draft = parse_draft("---\ntitle: t\nauthor: a\n---\n" + body + "\n", "d.md")
    return [(n.kind, mask(n.kind, n.digits)) for n in personal_numbers(draft) if not n.in_url]


@pytest.mark.parametrize(
    "body",
    [
        "电话 13800138000",
        "电话 138 0013 8000",
        "电话 1 3 8-0 0 1 3-8 0 0 0",
        "电话 138.0013.8000",
        "电话 幺三八零零幺三八零零零",
        "电话 一三八〇〇一三八〇〇〇",
        "电话 １３８００１３８０００",
        "电话 ①③⑧⓪⓪①③⑧⓪⓪⓪",
    ],
)
def test_a_mobile_in_any_digit_style_is_found_and_masked(body):
    assert _numbers(body) == [("mobile", "138****8000")]


def test_id_numbers_in_groups_are_validated():
    valid = "11010519491231002X"
    assert _numbers(f"身份证 {valid[:6]} {valid[6:14]} {valid[14:]}") == [("resident_id", "110***********002X")]
    assert _numbers("编号 110105194912310021") == []  # wrong check character


def test_numbers_are_not_cut_out_of_longer_numbers_or_urls():
    assert _numbers("订单号 2024010213800138000") == []
    assert _numbers("见 https://weibo.com/123/posts/6222021234567890123 原文") == []
    assert _numbers("日期 2024.01.02 电话 13800138000") == [("mobile", "138****8000")]


def test_an_intent_crossing_the_edge_of_an_object_word_is_part_of_that_word():
    lexicons = Lexicons(
        [
            flat("porn", [entry("porn", "卖淫", "warning"), entry("porn", "嫖娼", "warning")]),
            flat("intent", [entry("intent", "有卖", None, "sell", False, "intent")], kind="intent"),
        ],
        [],
        Folding({}),
    )
    params = SimpleNamespace(**{**vars(PARAMS), "categories": ["porn"]})

    def levels(text):
        scope = lexicons.scope("body", text, lambda i: (1, i + 1))
        return sorted(j.level for j in judge(scope, params, "error", lexicons, []))

    assert levels("是指有卖淫、嫖娼等危险行为的人群") == ["warning", "warning"]  # 有卖 belongs to 卖淫
    assert levels("哪里有卖，嫖娼") == ["error"]  # an intent of its own
    assert levels("有卖嫖娼") == ["error"]  # inside or beside an object word, still an intent


@pytest.mark.parametrize(
    "sentence",
    [
        "1）有人在电源插排植入窃听器，然后在网上出售，现已被抓。",  # an arrest report
    ],
)
def test_honest_sentences_that_look_like_offers_are_not_errors(sentence):
    from oahandbook import check_text

    draft = f"---\ntitle: 科普\nauthor: 编辑部\ncover: https://mp.weixin.qq.com/c.png\n---\n\n{sentence}\n"
    result = check_text(draft)
    assert not [f for f in result.findings if f.severity == "error"], [f.message() for f in result.findings]


def test_an_intent_inside_an_object_word_still_makes_an_offer():
    from oahandbook import check_text

    draft = "---\ntitle: 货\nauthor: 某人\ncover: https://mp.weixin.qq.com/c.png\n---\n\n长期出售冰毒，私聊。\n"
    assert [f.severity for f in check_text(draft).findings if f.code == "PC03"] == ["error"]


def test_a_lexicons_allowed_phrase_hides_only_its_own_terms():
    lexicons = Lexicons(
        [
            FlatLexicon("advertising", "object", [(entry("advertising", "最高"), ("最高",))], [], ["最高人民法院"], {}),
            flat("mention", [entry("mention", "法院", None, "court", False, "context")], kind="context"),
        ],
        [],
        Folding({}),
    )
    scope = lexicons.scope("title", "最高人民法院关于办理案件的解释，价格最高", lambda i: (1, i + 1))
    found = [(m.entry.category, scope.original[slice(*scope.span(m.start, m.end))]) for m in scope.matches]
    # 最高 inside the court's name is no absolute term, but the name still says "a court text".
    assert found == [("mention", "法院"), ("advertising", "最高")]


def test_words_in_the_title_of_a_work_are_not_acts():
    assert [level for level, *_ in judged("出售《赌博的危害》一书")] == ["warning"]
    assert [level for level, *_ in judged("《出售赌博》")] == ["error"]  # both inside one title
    assert [level for level, *_ in judged("出售赌博账号")] == ["error"]
    assert [level for level, *_ in judged("出售《赌博》")] == ["error"]  # a term alone in brackets is a dodge


@pytest.mark.parametrize(
    ("text", "term", "shown"),
    [
        # cut at punctuation, so the words around the term are whole
        (
            "今年春天，我们茶园采摘的西湖龙井是全市最好的绿茶，欢迎各位老顾客前来品尝选购，数量有限。",
            "最好",
            "我们茶园采摘的西湖龙井是全市【最好】的绿茶，欢迎各位老顾客前来品尝选购",
        ),
        # a short line is shown whole
        ("这是全市最好的茶。", "最好", "这是全市【最好】的茶。"),
        # no punctuation near: the cut is marked
        ("甲" * 40 + "最好" + "乙" * 40, "最好", "…" + "甲" * 12 + "【最好】" + "乙" * 12 + "…"),
    ],
)
def test_a_findings_context_is_cut_at_punctuation_or_marked(text, term, shown):
    from oahandbook.article.checks import context_of

    start = text.index(term)
    assert context_of(text, start, start + len(term), 12) == shown


@pytest.mark.parametrize(
    ("body", "code", "column"),
    [
        ("张三330106199207153284的故事", "PI01", 3),  # the 三 of a name is no digit of the ID after it
        ("王五13800138000", "PI03", 3),
        ("联系幺三八00138000看看", "PI03", 3),  # styles mixed without a break are still one number
    ],
)
def test_a_number_glued_to_a_name_ending_in_a_numeral_is_found(body, code, column):
    from oahandbook import check_text

    draft = f"---\ntitle: 名单\nauthor: 办公室\ncover: https://mp.weixin.qq.com/c.png\n---\n\n{body}\n"
    found = [(f.code, f.column) for f in check_text(draft).findings if f.code.startswith("PI")]
    assert found == [(code, column)]
