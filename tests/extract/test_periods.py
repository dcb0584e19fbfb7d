"""Weeks: "last week" is the week before the publication week; markers place figures in time."""

from __future__ import annotations

from datetime import date

import pytest

from claimwatch.extract.anchors import WordIndex
from claimwatch.extract.normalize import normalize
from claimwatch.extract.periods import (
    OTHER,
    PREVIOUS,
    REPORTED,
    document_period,
    find_markers,
    iso_week,
    reported_week,
    week_of,
)
from claimwatch.extract.segments import segment


def markers(text: str) -> list[tuple[str, bool, bool]]:
    norm = normalize(text).text
    return [(m.kind, m.compared, m.relative) for m in find_markers(norm, WordIndex(segment(norm)))]


def test_iso_week_labels_the_monday_to_sunday_week() -> None:
    assert iso_week(date(2023, 1, 2)) == "2023-W01"
    assert iso_week(date(2023, 1, 1)) == "2022-W52"


def test_reported_week_is_the_week_before_publication() -> None:
    assert reported_week(date(2023, 1, 14)) == (date(2023, 1, 2), date(2023, 1, 8))
    assert reported_week(date(2023, 1, 9)) == (date(2023, 1, 2), date(2023, 1, 8))


def test_week_of_each_period() -> None:
    published = date(2023, 1, 14)
    assert week_of(REPORTED, published) == "2023-W01"
    assert week_of(PREVIOUS, published) == "2022-W52"
    assert week_of(OTHER, published) is None
    assert week_of(REPORTED, None) is None


@pytest.mark.parametrize(("text", "kind"), [
    ("خلال الأسبوع الماضي", "last"), ("last week", "last"), ("في الأسبوع قبل الماضي", "previous"),
    ("بالأسبوع السابق له", "previous"), ("the week before", "previous"), ("the previous week", "previous"),
    ("خلال هذا الأسبوع", "current"), ("this week", "current"), ("الأسبوع الجاري", "current"),
    ("خلال عام 2022م", "other"), ("in 2021", "other"), ("over the past 81 days", "other"),
    ("خلال 45 يوما", "other"), ("since 2009", "other"), ("between January 1 and March 17", "other"),
    ("في النصف الأول من العام", "other"), ("on average", "other"), ("on Thursday", "weekday"),
    ("مساء الجمعة", "weekday"),
])
def test_marker_kinds(text: str, kind: str) -> None:
    assert markers(text)[0][0] == kind


def test_last_week_after_a_comparison_is_marked_compared() -> None:
    assert markers("تراجعت الهجمات مقارنة بالأسبوع الماضي")[0] == ("last", True, False)
    assert markers("attacks fell compared with last week")[0] == ("last", True, False)


def test_a_week_followed_by_a_relative_clause_governs_what_follows() -> None:
    assert markers("الأسبوع الماضي الذي نفذ فيه التنظيم 20 هجوما")[0] == ("last", False, True)


def test_a_number_without_a_year_word_is_not_a_year() -> None:
    assert markers("نفذ التنظيم 2019 هجوما") == []


def test_document_period_follows_the_first_marker() -> None:
    norm = normalize("Over the past year the group claimed 500 attacks; last week it claimed 9.").text
    assert document_period(find_markers(norm, WordIndex(segment(norm)))) == OTHER
    assert document_period([]) == REPORTED
