"""A region's weekly series: gaps, extremes, direction, moving average, and its table."""

from __future__ import annotations

from claimwatch.digest.render_text import render_text
from claimwatch.digest.trend import Trend, build_trend, direction_of, moving_averages
from claimwatch.digest.trend_document import trend_document
from claimwatch.digest.weeks import from_iso_week, iso_week
from tests.digest.records import AMAQ, fact, weekly_series

LAST = from_iso_week("2023-W10")


def sinai(values: list[float | None], region: str | None = "Sinai") -> Trend:
    return weekly_series(values, LAST, region)


def test_the_series_covers_the_weeks_asked_for_with_gaps_where_no_article_gives_a_figure() -> None:
    trend = sinai([5, None, 9, 4])
    assert [iso_week(p.week) for p in trend.points] == ["2023-W07", "2023-W08", "2023-W09", "2023-W10"]
    assert [p.value for p in trend.points] == [5, None, 9, 4]


def test_other_regions_and_metrics_do_not_leak_into_the_series() -> None:
    facts = [fact("attacks", 5, "2023-W10", "Sinai"), fact("attacks", 50, "2023-W10", "Iraq"),
             fact("killed", 7, "2023-W10", "Sinai"), fact("attacks", 60, "2023-W10")]
    assert [p.value for p in build_trend("Sinai", facts, LAST, 1).points] == [5]
    assert [p.value for p in build_trend(None, facts, LAST, 1).points] == [60]


def test_extremes_are_the_highest_and_lowest_weeks_with_a_figure() -> None:
    trend = sinai([5, None, 9, 1, 4])
    assert (trend.highest.value, iso_week(trend.highest.week)) == (9, "2023-W08")
    assert (trend.lowest.value, iso_week(trend.lowest.week)) == (1, "2023-W09")


def test_direction_rising_falling_flat_or_unknown() -> None:
    assert direction_of([1, 2, 4, 5, 7, 8])[0] == "rising"
    assert direction_of([9, 8, 6, 5, 3, 2])[0] == "falling"
    assert direction_of([5, 6, 5, 5, 6, 5])[0] == "flat"
    assert direction_of([5, None, None, 9]) == (None, None)


def test_the_moving_average_ignores_weeks_without_a_figure_and_waits_for_half_a_window() -> None:
    assert moving_averages([4, None, 8, 2, 6]) == [None, None, 6.0, 14 / 3, 16 / 3]


def test_a_conflicting_week_uses_the_majority_value_and_is_named_in_the_table() -> None:
    week = iso_week(LAST)
    facts = [fact("attacks", 5, week, "Sinai"), fact("attacks", 7, week, "Sinai", source=AMAQ),
             fact("attacks", 5, week, "Sinai", source=AMAQ.__class__(5, LAST, channel="Nashir"))]
    trend = build_trend("Sinai", facts, LAST, 1)
    assert trend.points[0].value == 5
    assert "2023-W10 (5 / 7)" in render_text(trend_document(trend))


def test_the_table_shows_each_week_with_a_bar_and_the_summary() -> None:
    text = render_text(trend_document(sinai([2, None, 8, 4, 6, 8, 10, 12])))
    lines = text.splitlines()
    assert lines[0] == "Attacks per week — Sinai, 2023-W03 to 2023-W10"
    assert lines[1] == "2023-W03      2 ███"
    assert lines[2] == "2023-W04      —"
    assert lines[8] == "2023-W10     12 ████████████████"
    assert "Highest: 12 (2023-W10) · Lowest: 2 (2023-W03)" in text
    assert "Direction: rising (+1.2 a week)" in text
    assert "4-week average now: 9" in text


def test_the_arabic_table_keeps_week_names_and_numbers_left_to_right() -> None:
    text = render_text(trend_document(sinai([2, 3, 4]), "ar", "سيناء"))
    assert text.splitlines()[0] == (
        "\u200fالهجمات أسبوعيًا — سيناء، من \u20662023-W08\u2069 إلى \u20662023-W10\u2069")
    assert "\u200f\u20662023-W10\u2069      \u20664\u2069 ████████████████" in text
