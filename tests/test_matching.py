"""Normalised matching: dodges are caught, spans point at the original, prose is only prose."""

from __future__ import annotations

import random

import pytest

from oahandbook.article.draft import BOUNDARY, parse_draft, prose_view
from oahandbook.engine.textnorm import Matcher, NormalText, Term, normal_form

MATCHER = Matcher([Term("赌博", "gambling"), Term("最佳", "best"), Term("最佳实践", None), Term("裸聊", "porn")])


def found(text: str) -> list[tuple[str, str]]:
    return [(t.payload, text[a:b]) for t, a, b in MATCHER.find(NormalText.of(text))]


@pytest.mark.parametrize(
    "text",
    ["赌博", "赌 博", "赌，博", "賭博", "赌\u200b博", "ｂ赌　博", "赌\u00ad博", "赌-博", "赌 . 博"],
)
def test_dodges_are_caught_and_span_is_exact(text):
    [(payload, span)] = found(text)
    assert payload == "gambling"
    assert span[0] in "赌賭" and span[-1] == "博"


def test_allowed_phrase_hides_the_term_inside_it():
    assert found("最佳实践是最佳的") == [("best", "最佳")]


def test_a_term_does_not_run_across_a_paragraph_break():
    view = prose_view("这里说到赌\n\n博物馆开放时间。")
    assert found(view) == []
    assert found(prose_view("这里说到赌\n博物馆开放时间。")) == [("gambling", "赌\n博")]


def test_code_urls_and_html_are_not_prose():
    text = (
        "正文 `赌博` 正文\n\n```\n裸聊\n```\n\n见 https://example.com/dubo?q=%E8%B5%8C 与 [链接](https://x.cn/zuijia)\n"
        '<!-- 裸聊 -->\n<span title="赌博">文字</span>\n'
    )
    view = prose_view(text.replace("<!-- 裸聊 -->", BOUNDARY * len("<!-- 裸聊 -->")))
    assert len(view) == len(text)
    assert found(view) == []
    assert "链接" in view and "文字" in view


def test_prose_right_after_a_url_is_prose():
    assert found(prose_view("详见https://example.com/a。赌博害人")) == [("gambling", "赌博")]
    assert found(prose_view("出售<b></b>裸&#32842;")) == [("porn", "裸聊")]


def test_spans_map_back_on_random_text():
    rng = random.Random(7)
    alphabet = ["赌", "博", " ", "，", "\u200b", "裸", "聊", "x", "。", "\n", "最", "佳", "實", "践"]
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6000)))
        for term, start, end in MATCHER.find(NormalText.of(text)):
            assert normal_form(text[start:end]) == normal_form(term.pattern)
            assert normal_form(text[start]) and normal_form(text[end - 1])


def test_front_matter_field_positions():
    draft = parse_draft('---\ntitle: "标题里有赌博"\nauthor: 某人\n---\n正文\n', "d.md")
    value, where = draft.field_text("title")
    assert value == "标题里有赌博"
    assert where(value.index("赌")) == (2, 13)


def test_indented_code_is_not_prose_but_list_continuations_are():
    draft = parse_draft(
        "---\ntitle: t\nauthor: a\n---\n正文\n\n    pip install 赌博\n\n- 列表\n\n    列表续行赌博\n", "x.md"
    )
    assert found(draft.prose) == [("gambling", "赌博")]
    assert draft.prose.index("赌博") > draft.prose.index("列表续行")


def test_the_lazy_fold_and_the_whole_bmp_table_give_the_same_text_and_positions():
    """Short runs fold through a table filled per character met, long runs through a list of
    every BMP character's fold: a draft reads the same, and maps back to the same places."""
    from oahandbook.engine.textnorm import Folding

    rng = random.Random(11)
    pools = [
        range(0x20, 0x7F),  # ASCII, case folded, punctuation dropped
        range(0x4E00, 0x4E80),  # Chinese, 一 and 三 read as digits
        range(0x2000, 0x2070),  # spaces, zero-width and general punctuation
        range(0xFF00, 0xFF60),  # full width
        (0x1F600, 0x1D41A, 0x1, 0x0),  # beyond the BMP (an emoji, a bold 𝐚), SOFT, BOUNDARY
    ]
    texts = ["".join(chr(rng.choice(rng.choice(pools))) for _ in range(rng.randint(1, 900))) for _ in range(300)]
    lazy, whole = Folding({"杜": "赌"}), Folding({"杜": "赌"})
    whole.LONG_RUN = 0
    for text in texts:
        a, b = NormalText.of(text, lazy), NormalText.of(text, whole)
        assert a.text == b.text
        assert [a.original_index(i) for i in range(len(a.text))] == [b.original_index(i) for i in range(len(b.text))]
    assert whole._bmp is not None and lazy._bmp is None
    assert NormalText.of("杜 博𝐚", whole).text == "赌博a"


def test_lookup_for_short_runs_and_the_automaton_find_the_same_matches():
    """A short run matches by index lookup and a long one builds the automaton: same matches."""
    from oahandbook.engine.runtime import load_runtime
    from oahandbook.engine.textnorm import Folding

    runtime = load_runtime()
    folding = Folding(runtime.variants)
    patterns = list(runtime.matcher_index)
    rng = random.Random(7)
    filler = "的了在是我有和就不人都一上也很到说要去你会着没有看好自己这中大为来个"
    texts = []
    for _ in range(40):
        pieces = [rng.choice(patterns) if rng.random() < 0.4 else rng.choice(filler) for _ in range(60)]
        texts.append("".join(pieces))
    allowed = [Term("最佳实践", None)]
    lookup = Matcher(allowed, folding, (), runtime.matcher_index, runtime.matcher_prefixes)
    automaton = Matcher(allowed, folding, (), runtime.matcher_index, runtime.matcher_prefixes)
    automaton.SMALL_RUN = 0
    for text in texts:
        normal = NormalText.of(text, folding)
        found = lookup.find_normal(normal)
        assert found and found == automaton.find_normal(normal)
    assert lookup._automaton is None and automaton._automaton is not None


def test_every_match_of_a_lexicon_pattern_holds_its_anchor_and_one_of_its_gate():
    """A pattern runs only where its gate occurs and around its anchor: generated matches of
    every bundled pattern show that no match can lack them."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from oahandbook.engine.runtime import load_runtime

    patterns = [p for lexicon in load_runtime().lexicons for p in lexicon.patterns]
    assert sum(p[4] is not None for p in patterns) == len(patterns)  # every bundled pattern is gated

    @st.composite
    def matches(draw):
        _, source, anchor, _, gate = draw(st.sampled_from(patterns))
        return source, anchor, gate, draw(st.from_regex(source, fullmatch=True))

    @settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(matches())
    def holds(case):
        source, anchor, gate, text = case
        assert anchor is None or anchor in text, (source, text)
        assert any(g in text for g in gate), (source, gate, text)

    holds()


def test_a_pattern_behind_its_lead_finds_the_same_matches():
    """Patterns that open with a lookbehind or open alternatives run behind a lookahead of their
    possible first characters (faster): generated matches, embedded in text, are found alike."""
    import re

    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from oahandbook.engine.lexicons import with_lead
    from oahandbook.engine.runtime import load_runtime

    sources = [p[1] for lexicon in load_runtime().lexicons for p in lexicon.patterns]
    led = [s for s in sources if s.startswith("(?=[")]
    assert led  # some bundled patterns do run behind a lead
    originals = {s: s[s.index("])(?:") + 5 : -1] for s in led}

    @st.composite
    def cases(draw):
        source = draw(st.sampled_from(led))
        around = st.text(alphabet="的1二三十百元克加v，。 a每", max_size=6)
        return source, draw(around) + draw(st.from_regex(originals[source], fullmatch=True)) + draw(around)

    @settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
    @given(cases())
    def same(case):
        source, text = case
        expected = [m.span() for m in re.finditer(originals[source], text)]
        assert expected == [m.span() for m in re.finditer(source, text)], (source, text)

    same()
    assert with_lead("出[1-9几][把杆]") == "出[1-9几][把杆]"  # a literal first: the engine skips by itself
    assert with_lead("(?<!\\d)\\d+元") == "(?=[\\d])(?:(?<!\\d)\\d+元)"
    assert with_lead("(?:半套|包夜)\\d+") == "(?:半套|包夜)\\d+"  # alternatives of literals: likewise
    assert with_lead("(?:a?b|c)d") == "(?=[abc])(?:(?:a?b|c)d)"  # an optional first item: both starts


@pytest.mark.parametrize(
    ("source", "gate"),
    [
        ("(出售|收购)\\w?(银行卡|对公户)", ("银行卡", "对公户")),
        ("[日月][入赚]\\d+", ("日", "月")),
        ("(a|b)\\d长期", ("长期",)),
        ("a?b+c", ("b",)),
        ("(x|\\d)y", ("y",)),
        ("\\d+", None),
    ],
)
def test_a_gate_is_the_rarest_set_of_literals_every_match_contains(source, gate):
    from oahandbook.engine.lexicons import pattern_anchor

    assert pattern_anchor(source)[2] == gate


@pytest.mark.parametrize(
    ("text", "hits"),
    [
        ("有 da ma、bing du、K粉", ["bing du"]),  # Chinese punctuation parts the pinyin words
        ("有 dama, bingdu 加我", ["bingdu"]),  # ASCII punctuation next to a space does too
        ("作者邮箱：li.bingdu@qq.com", []),  # ASCII punctuation alone does not: one name
        ("usebingdunow", []),  # letters glue to letters
        ("in bingdu now", []),  # spaces alone do not part words either
    ],
)
def test_punctuation_parts_pinyin_words_but_names_stay_whole(text, hits):
    matcher = Matcher([Term("bingdu", "drugs")])
    assert [text[a:b] for _, a, b in matcher.find(NormalText.of(text))] == hits
