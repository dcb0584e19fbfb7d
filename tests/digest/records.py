"""Facts and claims built by hand for the pure digest tests."""

from __future__ import annotations

from datetime import date

from claimwatch.digest.model import ClaimRecord, FactRecord, Source
from claimwatch.digest.trend import Trend, build_trend
from claimwatch.digest.weeks import from_iso_week, iso_week, weeks_ending

NABA_373 = Source(373, date(2023, 1, 12), "al-Naba", 373, link="https://t.me/naba/373")
NABA_372 = Source(372, date(2023, 1, 5), "al-Naba", 372)
AMAQ = Source(900, date(2023, 1, 13), channel="Amaq Agency")


def fact(metric: str, value: float, week: str, region: str | None = None, period: str = "reported_week",
         source: Source = NABA_373, quote: str = "16 هجومًا في 6 مناطق") -> FactRecord:
    return FactRecord(metric, value, period, from_iso_week(week), region, quote, source)


def claim(target: str, region: str | None, week: str, reasons: tuple[str, ...] = ("capital",),
          source: Source = AMAQ, quote: str = "the attack on the ministry") -> ClaimRecord:
    return ClaimRecord("attack", target, region, reasons, quote, from_iso_week(week), source)


def weekly_series(values: list[float | None], last: date, region: str | None = "Sinai") -> Trend:
    """The trend of `values`, one a week up to the week starting `last`; None is a week without a figure."""
    weeks = weeks_ending(last, len(values))
    facts = [fact("attacks", value, iso_week(week), region)
             for value, week in zip(values, weeks, strict=True) if value is not None]
    return build_trend(region, facts, last, len(values))
