"""Labels: every action the extractor can report reads as words in both languages."""

from __future__ import annotations

import pytest

from claimwatch.digest.labels import action_name

EXTRACTOR_ACTIONS = ("attack", "bombing", "suicide_bombing", "assassination", "attempted_assassination",
                     "ambush", "kidnapping", "execution", "rocket", "mortar", "ied")


@pytest.mark.parametrize("action", EXTRACTOR_ACTIONS)
def test_every_claim_action_has_an_arabic_name(action: str) -> None:
    name = action_name(action, "ar")
    assert name != action
    assert all("\u0600" <= ch <= "\u06ff" or ch == " " for ch in name)


def test_english_names_are_words_not_identifiers() -> None:
    assert action_name("attempted_assassination", "en") == "attempted assassination"
    assert action_name("ied", "en") == "IED"
