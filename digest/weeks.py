"""ISO weeks (Monday to Sunday) as the digest names them: "2023-W01", "last", "this", a date.

A week is carried as the date of its Monday, the form storage indexes (Fact.week_start).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

ONE_WEEK = timedelta(days=7)
_ISO_WEEK = re.compile(r"^(\d{4})-?W(\d{1,2})$", re.IGNORECASE)


class WeekError(ValueError):
    """A week a user typed that is not one; the message says what is accepted."""


def monday(day: date) -> date:
    """The Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


def iso_week(week_start: date) -> str:
    """ "2023-W01" for the week starting 2023-01-02."""
    year, week, _ = week_start.isocalendar()
    return f"{year}-W{week:02d}"


def from_iso_week(text: str) -> date:
    """The Monday of "2023-W01" (also "2023W1", "2023-w01")."""
    match = _ISO_WEEK.match(text.strip())
    if not match:
        raise WeekError(f"not an ISO week: {text!r} (write it like 2023-W01)")
    year, week = int(match.group(1)), int(match.group(2))
    try:
        return date.fromisocalendar(year, week, 1)
    except ValueError:
        raise WeekError(f"{year} has no week {week}") from None


def parse_week(text: str, today: date) -> date:
    """The week a user means: "this", "last", "2023-W01" or a date inside the week (2023-01-04)."""
    word = text.strip().lower()
    if word in ("this", "current", "هذا"):
        return monday(today)
    if word in ("last", "previous", "الماضي", "السابق"):
        return monday(today) - ONE_WEEK
    try:
        return monday(date.fromisoformat(word))
    except ValueError:
        pass
    try:
        return from_iso_week(word)
    except WeekError:
        raise WeekError(f"not a week: {text!r}; use 2023-W01, a date (2023-01-04), last or this") from None


def last_complete_week(today: date) -> date:
    """The Monday of the latest week that has ended by `today`."""
    return monday(today) - ONE_WEEK


def week_span(week_start: date) -> tuple[date, date]:
    """Monday and Sunday of the week."""
    return week_start, week_start + timedelta(days=6)


def weeks_ending(last: date, count: int) -> list[date]:
    """The `count` consecutive weeks that end with the week starting `last`, oldest first."""
    return [last - ONE_WEEK * back for back in range(count - 1, -1, -1)]
