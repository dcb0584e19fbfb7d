"""Week-over-week arithmetic and what the digest says about it."""

from __future__ import annotations

from datetime import date

import pytest

from claimwatch.digest.model import FactRecord
from claimwatch.digest.render_text import render_text
from claimwatch.digest.weekly import build_digest, change_pct, changes_agree
from claimwatch.digest.weekly_document import digest_document
from claimwatch.digest.weeks import from_iso_week
from tests.digest.records import AMAQ, NABA_372, NABA_373, claim, fact

WEEK = from_iso_week("2023-W01")


def text_of(facts, claims=(), regions=None, language="en") -> str:
    return render_text(digest_document(build_digest(WEEK, facts, claims, regions), language))


def test_a_fall_shows_both_counts_and_the_change_as_reported_and_as_computed() -> None:
    digest = build_digest(WEEK, [
        fact("attacks", 16, "2023-W01"), fact("attacks", 23, "2022-W52", period="previous_week"),
        fact("change_pct", -30.5, "2023-W01"),
    ])
    assert digest.attacks.direction == "down"
    assert digest.attacks.computed_change == pytest.approx(-30.43, abs=0.01)
    assert not digest.attacks.change_mismatch
    text = render_text(digest_document(digest))
    assert "Attacks: 16 ↓ (week before: 23)" in text
    assert "Change: -30.5 % as reported, -30.4 % computed from 16 and 23" in text
    assert "mismatch" not in text


def test_a_rise_is_an_upward_arrow_and_a_positive_change() -> None:
    text = text_of([fact("attacks", 10, "2023-W01"), fact("attacks", 8, "2022-W52")])
    assert "Attacks: 10 ↑ (week before: 8)" in text
    assert "Change: +25 % computed from 10 and 8" in text


def test_a_week_with_zero_attacks_is_a_fall_of_a_hundred_percent() -> None:
    text = text_of([fact("attacks", 0, "2023-W01"), fact("attacks", 4, "2022-W52")])
    assert "Attacks: 0 ↓ (week before: 4)" in text
    assert "-100 % computed from 0 and 4" in text


def test_a_rise_from_a_week_of_zero_has_no_percentage() -> None:
    digest = build_digest(WEEK, [fact("attacks", 5, "2023-W01"), fact("attacks", 0, "2022-W52")])
    assert digest.attacks.computed_change is None
    assert "up from none computed from 5 and 0" in render_text(digest_document(digest))


def test_a_missing_previous_week_is_said_and_the_reported_change_cannot_be_checked() -> None:
    digest = build_digest(WEEK, [fact("attacks", 16, "2023-W01"), fact("change_pct", -30.5, "2023-W01")])
    assert digest.attacks.computed_change is None and digest.attacks.direction is None
    text = render_text(digest_document(digest))
    assert "Attacks: 16 (no figure for the week before)" in text
    assert "-30.5 % as reported, cannot be checked without the week before" in text


def test_a_reported_change_that_the_counts_contradict_is_flagged() -> None:
    text = text_of([fact("attacks", 16, "2023-W01"), fact("attacks", 23, "2022-W52"),
                    fact("change_pct", -10, "2023-W01")])
    assert "-10 % as reported, -30.4 % computed from 16 and 23 ⚠ mismatch" in text


@pytest.mark.parametrize(("reported", "computed", "agree"), [
    (-30.5, -30.43, True), (-30, -30.43, True), (-30.4, -30.43, True), (-31, -30.43, False),
    (-30.0, -29.6, True), (-30.0, -29.4, False), (-30.2, -30.43, False), (12.5, 12.5, True),
])
def test_a_reported_change_agrees_up_to_its_own_precision(reported, computed, agree) -> None:
    assert changes_agree(reported, computed) is agree


def test_change_pct_of_two_empty_weeks_is_no_change() -> None:
    assert change_pct(0, 0) == 0.0


def test_the_week_before_may_come_from_this_weeks_article() -> None:
    """al-Naba 373 gives 16 for its week and 23 for the week before: no other article is needed."""
    digest = build_digest(WEEK, [fact("attacks", 16, "2023-W01"),
                                 fact("attacks", 23, "2022-W52", period="previous_week")])
    assert digest.attacks.previous.value == 23
    assert not digest.conflicts


def test_the_same_figure_from_two_articles_is_one_figure_with_both_sources() -> None:
    digest = build_digest(WEEK, [fact("attacks", 16, "2023-W01"),
                                 fact("attacks", 16, "2023-W01", source=AMAQ)])
    assert not digest.conflicts
    assert [s.label for s in digest.attacks.current.sources] == ["Amaq Agency", "al-Naba 373"]
    text = render_text(digest_document(digest))
    assert "(Amaq Agency, 2023-01-13; al-Naba 373, 2023-01-12 <https://t.me/naba/373>)" in text


def test_a_conflict_shows_both_values_with_their_sources_and_quotes() -> None:
    digest = build_digest(WEEK, [
        fact("attacks", 16, "2023-W01"),
        fact("attacks", 23, "2022-W52", period="previous_week", quote="مقابل 23 هجومًا"),
        fact("attacks", 22, "2022-W52", source=NABA_372, quote="22 هجومًا"),
    ])
    assert [r.value for r in digest.conflicts[0].readings] == [23, 22]  # the later publication first
    text = render_text(digest_document(digest))
    conflicts = text.split("Conflicting figures")[1]
    assert "Attacks, 2022-W52" in conflicts
    assert "23 (al-Naba 373, 2023-01-12 <https://t.me/naba/373>): “\u2068مقابل 23 هجومًا\u2069”" in conflicts
    assert "22 (al-Naba 372, 2023-01-05): “\u206822 هجومًا\u2069”" in conflicts


def test_the_value_most_articles_give_is_the_one_used() -> None:
    third = NABA_372.__class__(901, date(2023, 1, 10), channel="Nashir")
    digest = build_digest(WEEK, [fact("attacks", 16, "2023-W01", source=NABA_372),
                                 fact("attacks", 16, "2023-W01", source=third),
                                 fact("attacks", 18, "2023-W01", source=AMAQ)])
    assert digest.attacks.current.value == 16
    assert digest.conflicts[0].readings[1].value == 18


def test_a_count_of_articles_sent_with_the_newest_facts_decides_and_is_shown() -> None:
    many = FactRecord("attacks", 16, "reported_week", WEEK, None, "16", AMAQ, reports=6)
    digest = build_digest(WEEK, [many, fact("attacks", 18, "2023-W01"), fact("attacks", 18, "2023-W01",
                                                                             source=NABA_372)])
    assert [(r.value, r.reports) for r in digest.conflicts[0].readings] == [(16, 6), (18, 2)]
    assert "Attacks: 16 (no figure for the week before) (Amaq Agency, 2023-01-13; +5 more)" in render_text(
        digest_document(digest))


def test_regions_casualties_and_attacks_per_region_with_arrows() -> None:
    text = text_of([
        fact("regions", 6, "2023-W01"), fact("regions", 7, "2022-W52"), fact("killed", 12, "2023-W01"),
        fact("attacks", 5, "2023-W01", "Sinai"), fact("attacks", 3, "2022-W52", "Sinai"),
        fact("attacks", 4, "2023-W01", "West Africa"), fact("attacks", 6, "2022-W52", "West Africa"),
        fact("attacks", 2, "2023-W01", "Mozambique"), fact("attacks", 2, "2022-W52", "Kabul"),
        fact("attacks", 1, "2023-W01", "Iraq"), fact("attacks", 1, "2022-W52", "Iraq"),
    ])
    assert "Regions: 6 ↓ (week before: 7)" in text
    assert "Killed: 12 (no figure for the week before)" in text
    by_region = text.split("Attacks by region")[1]
    lines = [line.split(" (al-Naba")[0] for line in by_region.splitlines()[1:]]
    assert lines == ["Sinai: 5 ↑ (3)", "West Africa: 4 ↓ (6)", "Mozambique: 2 (—)", "Iraq: 1 = (1)",
                     "Reported the week before, not this week: Kabul (2)"]


def test_notable_claims_are_merged_across_articles_with_all_their_reasons() -> None:
    claims = [claim("Foreign Ministry headquarters", "Kabul", "2023-W01", ("government ministry",)),
              claim("foreign ministry headquarters", "Kabul", "2023-W01", ("capital",), source=NABA_373)]
    digest = build_digest(WEEK, [fact("attacks", 16, "2023-W01")], claims)
    assert len(digest.notable_claims) == 1
    text = render_text(digest_document(digest))
    assert ("attack: Foreign Ministry headquarters (Kabul) — government ministry, capital: "
            "“the attack on the ministry” (Amaq Agency, 2023-01-13; al-Naba 373") in text


def test_a_subscription_narrows_regions_claims_and_conflicts_but_not_the_totals() -> None:
    facts = [fact("attacks", 16, "2023-W01"), fact("attacks", 5, "2023-W01", "Sinai"),
             fact("attacks", 4, "2023-W01", "West Africa"),
             fact("attacks", 9, "2023-W01", "West Africa", source=AMAQ)]
    claims = [claim("a church", "West Africa", "2023-W01"), claim("a barracks", "Sinai", "2023-W01")]
    digest = build_digest(WEEK, facts, claims, regions=["Sinai"])
    assert digest.attacks.current.value == 16
    assert [c.region for c in digest.by_region] == ["Sinai"]
    assert [c.target for c in digest.notable_claims] == ["a barracks"]
    assert digest.conflicts == ()
    assert "Regions followed: Sinai" in render_text(digest_document(digest))


def test_a_week_without_figures_or_claims_has_no_data() -> None:
    assert not build_digest(WEEK, [fact("attacks", 4, "2022-W52")]).has_data
    assert build_digest(WEEK, [], [claim("a church", "Sinai", "2023-W01")]).has_data


def test_arabic_labels_keep_quotes_and_numbers_as_written() -> None:
    text = text_of([fact("attacks", 16, "2023-W01", quote="sixteen attacks"), fact("attacks", 23, "2022-W52"),
                    fact("attacks", 5, "2023-W01", "Sinai")], language="ar")
    assert "الهجمات: \u206616\u2069 ↓ (الأسبوع السابق: \u206623\u2069)" in text
    assert "\u2068Sinai\u2069: \u20665\u2069 ↑" not in text  # no arrow without the week before
    assert "\u2068Sinai\u2069: \u20665\u2069 (—)" in text
    assert all(line.startswith("\u200f") for line in text.splitlines() if line)


def test_arabic_region_names_are_used_when_given() -> None:
    digest = build_digest(WEEK, [fact("attacks", 5, "2023-W01", "Sinai")])
    text = render_text(digest_document(digest, "ar", {"Sinai": "سيناء"}))
    assert "سيناء: \u20665\u2069 (—)" in text
