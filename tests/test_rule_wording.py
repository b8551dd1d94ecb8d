"""Rule texts speak to editors: a message or fix that names a setting of .oahandbook.yaml says
what the setting does and where the file is (an editor does not know what 「配置的
allow_contacts」 is, nor that someone else keeps it)."""

from __future__ import annotations

import re

import pytest

from oahandbook import load_data

DATA = load_data()
# Settings with a name no editor would guess; "include", "policy" … are also plain English words.
KEYS = ("allow_contacts", "allow_terms", "allow_hosts", "account_files", "min_severity", "handbook_url")
# The organisation's policy (what .oahandbook.yaml may change), not the platform's own numbers,
# which the handbook's platform page gives and nobody edits.
POLICY = [f.id for f in DATA.platform.policy]


def texts(rule):
    yield "message", rule.message
    for key, message in (rule.messages or {}).items():
        yield f"messages.{key}", message
    yield "fix", rule.fix
    yield "why", rule.why


@pytest.mark.parametrize("code", sorted(DATA.rules))
def test_a_setting_named_to_an_editor_says_what_it_does_and_where(code):
    rule = DATA.rules[code]
    for where, text in texts(rule):
        for lang in ("zh", "en"):
            words = getattr(text, lang)
            assert not re.search(r"配置(的|中的?) ?[a-z_]+|in the config\b", words), (code, where, lang, words)
            for key in KEYS:
                if re.search(rf"\b{key}\b", words):
                    assert ".oahandbook.yaml" in words, (code, where, lang, key)
                    # the first mention is followed by what the setting is, in brackets
                    assert re.search(rf"\b{key}\b ?[（(]", words), (code, where, lang, key)
            for fact in POLICY:
                if fact in words and where != "why":
                    assert ".oahandbook.yaml" in words and "policy" in words, (code, where, lang, fact)
