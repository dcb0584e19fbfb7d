from datetime import date

import pytest

from claimwatch.digest.weeks import WeekError, iso_week, last_complete_week, parse_week, weeks_ending

SATURDAY = date(2023, 1, 14)  # in 2023-W02


@pytest.mark.parametrize(("typed", "week"), [
    ("2023-W01", "2023-W01"), ("2023w1", "2023-W01"), ("last", "2023-W01"), ("this", "2023-W02"),
    ("2023-01-04", "2023-W01"), ("2020-W53", "2020-W53"), ("2023-01-01", "2022-W52"),
])
def test_a_week_is_understood_however_it_is_typed(typed: str, week: str) -> None:
    assert iso_week(parse_week(typed, SATURDAY)) == week


@pytest.mark.parametrize("typed", ["2023-W54", "2021-W53", "week 3", "yesterday", ""])
def test_a_week_that_is_not_one_is_refused_with_the_accepted_forms(typed: str) -> None:
    with pytest.raises(WeekError, match="2023-W01"):
        parse_week(typed, SATURDAY)


def test_the_last_complete_week_is_the_one_before_today() -> None:
    assert iso_week(last_complete_week(SATURDAY)) == "2023-W01"
    assert iso_week(last_complete_week(date(2023, 1, 9))) == "2023-W01"  # a Monday


def test_weeks_ending_run_oldest_first_across_a_year_end() -> None:
    weeks = weeks_ending(parse_week("2023-W02", SATURDAY), 4)
    assert [iso_week(w) for w in weeks] == ["2022-W51", "2022-W52", "2023-W01", "2023-W02"]
