"""Structural checks that keep the data, the code and the handbook honest."""

from __future__ import annotations

import re

from oahandbook.base.i18n import CATALOGUE, LANGS
from oahandbook.data.bundle import load_bundle
from oahandbook.data.registry import check_types

BUNDLE = load_bundle()


def test_every_check_type_is_used_by_a_rule_and_every_rule_names_one():
    used = {rule.check for rule in BUNDLE.rules.values()}
    assert used <= set(check_types())
    assert set(check_types()) <= used, f"unused check types: {set(check_types()) - used}"


def test_codes_follow_their_family():
    families: dict[str, tuple[str, str]] = {}
    for rule in BUNDLE.rules.values():
        assert re.fullmatch(r"[A-Z]{2}\d{2}", rule.code)
        key = rule.code[:2]
        families.setdefault(key, (rule.family.zh, rule.target))
        assert families[key] == (rule.family.zh, rule.target), f"{rule.code}: family differs from its prefix"


def test_automated_clauses_name_rules_and_manual_ones_none():
    for clause in BUNDLE.regulation.clauses():
        codes = BUNDLE.rules_for(clause.id)
        if clause.status == "automated":
            assert codes, clause.id
        if clause.status == "manual":
            assert not codes, clause.id


def test_privacy_and_secret_rules_cannot_be_waived():
    for rule in BUNDLE.rules.values():
        if rule.name.startswith(("privacy.resident-id", "privacy.bank-card")) or rule.code.startswith("SE"):
            assert not rule.waivable, rule.code


def test_message_catalogue_is_complete_and_placeholders_agree():
    for key, entry in CATALOGUE.items():
        assert set(entry) == set(LANGS), key
        fields = {lang: set(re.findall(r"{(\w+)", text)) for lang, text in entry.items()}
        assert fields["zh"] == fields["en"], key


def test_rule_messages_use_the_same_placeholders_in_both_languages():
    for rule in BUNDLE.rules.values():
        for text in (rule.message, *rule.messages.values()):
            assert set(re.findall(r"{(\w+)", text.zh)) == set(re.findall(r"{(\w+)", text.en)), rule.code
