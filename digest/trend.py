"""A region's weekly series: values, a moving average, the extremes and which way it goes."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from claimwatch.digest.figures import Figure, consolidate
from claimwatch.digest.model import FactRecord
from claimwatch.digest.weeks import weeks_ending

MOVING_AVERAGE_WEEKS = 4
TrendDirection = Literal["rising", "falling", "flat"]


@dataclass(frozen=True)
class TrendPoint:
    """One week of the series; `figure` is None when no article gives the week a figure."""

    week: date
    figure: Figure | None
    moving_average: float | None

    @property
    def value(self) -> float | None:
        return self.figure.value if self.figure else None


@dataclass(frozen=True)
class Trend:
    """The series for one region (None: all regions together) and one metric, oldest week first."""

    region: str | None
    metric: str
    points: tuple[TrendPoint, ...]
    direction: TrendDirection | None  # None: too few weeks with figures to tell
    slope_per_week: float | None

    @property
    def known(self) -> list[TrendPoint]:
        return [p for p in self.points if p.figure is not None]

    @property
    def highest(self) -> TrendPoint | None:
        return max(self.known, key=lambda p: (p.value, p.week), default=None)

    @property
    def lowest(self) -> TrendPoint | None:
        return min(self.known, key=lambda p: (p.value, -p.week.toordinal()), default=None)

    @property
    def conflicts(self) -> list[TrendPoint]:
        return [p for p in self.known if p.figure.is_conflict]


def moving_averages(values: list[float | None], window: int = MOVING_AVERAGE_WEEKS) -> list[float | None]:
    """Trailing mean over `window` weeks of the weeks that have a value; None until half of it has one."""
    averages: list[float | None] = []
    for end in range(len(values)):
        present = [v for v in values[max(0, end - window + 1): end + 1] if v is not None]
        averages.append(sum(present) / len(present) if len(present) >= (window + 1) // 2 else None)
    return averages


def slope(values: list[float | None]) -> float | None:
    """Least-squares change per week over the weeks that have a value; None with fewer than three."""
    points = [(x, y) for x, y in enumerate(values) if y is not None]
    if len(points) < 3:
        return None
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread


def direction_of(values: list[float | None]) -> tuple[TrendDirection | None, float | None]:
    """Rising or falling when the fitted line moves by at least one unit and a tenth of the mean."""
    per_week = slope(values)
    if per_week is None:
        return None, None
    present = [v for v in values if v is not None]
    movement = per_week * (len(values) - 1)
    if abs(movement) < max(1.0, 0.1 * sum(present) / len(present)):
        return "flat", per_week
    return ("rising" if movement > 0 else "falling"), per_week


def build_trend(
    region: str | None, facts: Iterable[FactRecord], last_week: date, weeks: int, metric: str = "attacks"
) -> Trend:
    """The `weeks` weeks ending with `last_week` for one region; facts of other keys are ignored."""
    figures = consolidate(f for f in facts if f.metric == metric and f.region == region)
    span = weeks_ending(last_week, weeks)
    found = [figures.get((metric, region, week)) for week in span]
    values = [f.value if f else None for f in found]
    direction, per_week = direction_of(values)
    points = tuple(
        TrendPoint(week, figure, average)
        for week, figure, average in zip(span, found, moving_averages(values), strict=True)
    )
    return Trend(region, metric, points, direction, per_week)
