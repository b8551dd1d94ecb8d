"""The published text is the seed's regulation, character by character: nothing lost or invented."""

from __future__ import annotations

import re
from pathlib import Path

import opencc

from oahandbook.data.bundle import load_bundle

SEED = Path(__file__).parent / "fixtures" / "seed.txt"
# A parenthesised group holding Latin letters (with tone marks) and no digit: a pinyin gloss.
GLOSS = re.compile(r"\((?=[^()]*[a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü])[^()\d]*\)")
PUNCTUATION = str.maketrans({",": "，", "(": "（", ")": "）", ":": "：", ";": "；", "!": "！", "?": "？"})

EXPECTED_IDS = [
    "OA-1",
    "OA-2",
    "OA-2.1",
    "OA-2.1.1",
    "OA-2.1.2",
    "OA-2.2",
    "OA-2.2.1",
    "OA-2.2.2",
    "OA-2.2.3",
    "OA-2.3",
    "OA-2.3.1",
    "OA-2.3.2",
    "OA-2.3.3",
    "OA-2.4",
    "OA-3",
]


def normalised_seed() -> str:
    line = SEED.read_text(encoding="utf-8").splitlines()[6]
    line = GLOSS.sub("", line)
    return opencc.OpenCC("t2s").convert(line).translate(PUNCTUATION)


def published_text() -> str:
    regulation = load_bundle().regulation
    parts = [regulation.document.title.zh]
    for depth, node in regulation.walk():
        parts.append(f"{node.number}、{node.title.zh}" if depth == 0 else f"{node.number}{node.title.zh}")
        if node.text:
            parts.append(node.text)
    return "".join(parts)


def test_published_text_equals_the_seed_character_by_character():
    expected, actual = normalised_seed(), published_text()
    for index, (a, b) in enumerate(zip(expected, actual, strict=False)):
        assert a == b, (
            f"first difference at {index}: seed …{expected[index - 10 : index + 10]}… vs …{actual[index - 10 : index + 10]}…"
        )
    assert len(actual) == len(expected)


def test_no_gloss_or_traditional_character_is_left():
    text = published_text()
    assert not re.search(r"[A-Za-z]", text.replace("OA", ""))
    assert opencc.OpenCC("t2s").convert(text) == text
    assert "," not in text and "(" not in text


def test_every_part_of_the_seed_is_present_in_order():
    ids = [node.id for _, node in load_bundle().regulation.walk()]
    assert ids == EXPECTED_IDS


def test_clauses_carry_translation_guidance_status_and_version():
    bundle = load_bundle()
    for clause in bundle.regulation.clauses():
        assert clause.translation and clause.guidance.zh and clause.guidance.en, clause.id
        assert clause.status in ("automated", "partial", "manual")
        assert clause.since == "1.0"
    assert bundle.regulation.document.history[0].version == "1.0"
