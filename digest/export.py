"""The digest and the trend as JSON-ready dicts: a stable format for scripts (documented in README).

Fields are only ever added, never renamed or removed, within a `format` version.
"""

from __future__ import annotations

from typing import Any

from claimwatch.digest.figures import Figure, Reading
from claimwatch.digest.model import Source
from claimwatch.digest.trend import Trend, TrendPoint
from claimwatch.digest.weekly import Comparison, NotableClaim, WeeklyDigest
from claimwatch.digest.weeks import iso_week, week_span

DIGEST_FORMAT = "claimwatch.digest/1"
TREND_FORMAT = "claimwatch.trend/1"


def _number(value: float | None) -> float | int | None:
    if value is None:
        return None
    return int(value) if float(value).is_integer() else round(value, 2)


def source_json(source: Source) -> dict[str, Any]:
    return {
        "label": source.label, "publication": source.publication, "number": source.number,
        "channel": source.channel, "published": source.published.isoformat(), "link": source.link,
        "url": source.url,
        "article_id": source.article_id,
    }


def _reading_json(reading: Reading) -> dict[str, Any]:
    return {"value": _number(reading.value), "quote": reading.quote, "reports": reading.reports,
            "sources": [source_json(s) for s in reading.sources]}


def _figure_json(figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    return {"value": _number(figure.value), "reports": figure.reports,
            "sources": [source_json(s) for s in figure.sources], "conflict": figure.is_conflict}


def comparison_json(comparison: Comparison) -> dict[str, Any]:
    """One metric this week and the week before, with the change as reported and as computed."""
    return {
        "metric": comparison.metric,
        "region": comparison.region,
        "current": _figure_json(comparison.current),
        "previous": _figure_json(comparison.previous),
        "direction": comparison.direction,
        "change_reported_pct": _number(reported.value) if (reported := comparison.reported_change) else None,
        "change_computed_pct": _number(comparison.computed_change),
        "change_mismatch": comparison.change_mismatch,
    }


def _claim_json(claim: NotableClaim) -> dict[str, Any]:
    return {"action": claim.action, "target": claim.target, "region": claim.region,
            "reasons": list(claim.reasons), "quote": claim.quote,
            "sources": [source_json(s) for s in claim.sources]}


def _conflict_json(figure: Figure) -> dict[str, Any]:
    return {"metric": figure.metric, "region": figure.region, "week": iso_week(figure.week),
            "readings": [_reading_json(r) for r in figure.readings]}


def digest_json(digest: WeeklyDigest) -> dict[str, Any]:
    """The whole digest; `readings` of a conflict list the value used first."""
    start, end = week_span(digest.week)
    return {
        "format": DIGEST_FORMAT,
        "week": iso_week(digest.week),
        "week_start": start.isoformat(),
        "week_end": end.isoformat(),
        "previous_week": iso_week(digest.previous_week),
        "has_data": digest.has_data,
        "attacks": comparison_json(digest.attacks),
        "regions": comparison_json(digest.regions),
        "casualties": [comparison_json(c) for c in digest.casualties],
        "by_region": [comparison_json(c) for c in (*digest.by_region, *digest.gone_quiet)],
        "notable_claims": [_claim_json(c) for c in digest.notable_claims],
        "conflicts": [_conflict_json(f) for f in digest.conflicts],
    }


def _point_json(point: TrendPoint) -> dict[str, Any]:
    return {"week": iso_week(point.week), "week_start": point.week.isoformat(), "value": _number(point.value),
            "moving_average": _number(point.moving_average),
            "conflict": bool(point.figure and point.figure.is_conflict)}


def _extreme_json(point: TrendPoint | None) -> dict[str, Any] | None:
    return {"week": iso_week(point.week), "value": _number(point.value)} if point else None


def trend_json(trend: Trend) -> dict[str, Any]:
    """The series oldest week first; weeks without a figure have "value": null."""
    return {
        "format": TREND_FORMAT,
        "region": trend.region,
        "metric": trend.metric,
        "weeks": len(trend.points),
        "first_week": iso_week(trend.points[0].week),
        "last_week": iso_week(trend.points[-1].week),
        "series": [_point_json(p) for p in trend.points],
        "highest": _extreme_json(trend.highest),
        "lowest": _extreme_json(trend.lowest),
        "direction": trend.direction,
        "slope_per_week": _number(trend.slope_per_week),
    }
