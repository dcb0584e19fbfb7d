"""Many stored facts become one figure per metric, region and week, keeping every source.

Several articles giving the same value are one figure with several sources. Different
values are a conflict: the figure keeps every value with its own sources, and picks the
one most articles give (on a tie, the latest publication's, which is usually a revision).
A loader may send only the newest few facts of each value with the number of articles
behind it (FactRecord.reports), so a figure a hundred channels repeat stays cheap.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from claimwatch.digest.model import FactRecord, Source

FigureKey = tuple[str, str | None, date]  # metric, region (None: all regions), week


@dataclass(frozen=True)
class Reading:
    """One value for a figure with every article that gives it, newest first."""

    value: float
    sources: tuple[Source, ...]  # newest first; maybe only the newest few of `reports`
    quote: str
    periods: frozenset[str]
    reports: int  # how many articles give this value

    @property
    def latest(self) -> date:
        return self.sources[0].published


@dataclass(frozen=True)
class Figure:
    """A metric's value for a region (or all regions) and week, with the readings behind it."""

    metric: str
    region: str | None
    week: date
    readings: tuple[Reading, ...]  # the chosen reading first

    @property
    def value(self) -> float:
        return self.readings[0].value

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.readings[0].sources

    @property
    def reports(self) -> int:
        return self.readings[0].reports

    @property
    def is_conflict(self) -> bool:
        return len(self.readings) > 1


def _reading(value: float, facts: list[FactRecord]) -> Reading:
    newest_first = sorted(facts, key=lambda f: (f.source.published, f.source.article_id), reverse=True)
    sources: dict[int, Source] = {}
    for fact in newest_first:
        sources.setdefault(fact.source.article_id, fact.source)
    reports = max(len(sources), *(f.reports for f in facts))
    periods = frozenset(f.period for f in facts)
    return Reading(value, tuple(sources.values()), newest_first[0].quote, periods, reports)


def _preference(reading: Reading) -> tuple[int, date, bool]:
    return reading.reports, reading.latest, "reported_week" in reading.periods


def figure_of(key: FigureKey, facts: list[FactRecord]) -> Figure:
    """The figure the facts of one key make (facts must be non-empty)."""
    by_value: dict[float, list[FactRecord]] = defaultdict(list)
    for fact in facts:
        by_value[fact.value].append(fact)
    readings = sorted((_reading(v, fs) for v, fs in by_value.items()), key=_preference, reverse=True)
    metric, region, week = key
    return Figure(metric, region, week, tuple(readings))


def consolidate(facts: Iterable[FactRecord]) -> dict[FigureKey, Figure]:
    """Every figure the facts make, by (metric, region, week)."""
    grouped: dict[FigureKey, list[FactRecord]] = defaultdict(list)
    for fact in facts:
        grouped[(fact.metric, fact.region, fact.week)].append(fact)
    return {key: figure_of(key, group) for key, group in grouped.items()}
