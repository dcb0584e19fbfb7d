"""A trend worded for a chat: a short table with bars, the extremes, the direction."""

from __future__ import annotations

from claimwatch.digest.document import Document, bold, code
from claimwatch.digest.labels import metric_name, number, phrase
from claimwatch.digest.trend import MOVING_AVERAGE_WEEKS, Trend
from claimwatch.digest.weeks import iso_week

BAR_WIDTH = 16


def bar(value: float | None, highest: float) -> str:
    """A bar of block characters in proportion to the highest value; one block at least for any value."""
    if not value or highest <= 0:
        return ""
    return "█" * max(1, round(value / highest * BAR_WIDTH))


def table_lines(trend: Trend) -> list[str]:
    """ "2023-W01    16 ████████" a week, "—" for a week without a figure."""
    highest = trend.highest.value if trend.highest else 0
    lines = []
    for point in trend.points:
        shown = number(point.value) if point.value is not None else "—"
        lines.append(f"{iso_week(point.week)} {shown:>6} {bar(point.value, highest)}".rstrip())
    return lines


def trend_title(trend: Trend, language: str, region_name: str | None = None) -> str:
    region = region_name or trend.region or phrase(language, "all_regions")
    return phrase(language, "trend_title", metric=metric_name(trend.metric, language), region=region,
                  first=iso_week(trend.points[0].week), last=iso_week(trend.points[-1].week))


def trend_document(trend: Trend, language: str = "en", region_name: str | None = None) -> Document:
    """The trend as a document; `region_name` is the region as the chat's language writes it."""
    doc = Document(language=language)
    table = doc.section(trend_title(trend, language, region_name))
    for line in table_lines(trend):
        table.add(code(line))
    summary = doc.section()
    if trend.highest and trend.lowest:
        summary.add(bold(phrase(language, "highest")), f": {number(trend.highest.value)} "
                    f"({iso_week(trend.highest.week)}) · ", bold(phrase(language, "lowest")),
                    f": {number(trend.lowest.value)} ({iso_week(trend.lowest.week)})")
    direction = phrase(language, trend.direction) if trend.direction else phrase(language, "unclear")
    if trend.slope_per_week is not None:
        direction += f" ({phrase(language, 'a_week', slope=f'{trend.slope_per_week:+.1f}')})"
    summary.add(bold(phrase(language, "direction")), f": {direction}")
    latest_average = trend.points[-1].moving_average
    if latest_average is not None:
        summary.add(bold(phrase(language, "average_now", weeks=MOVING_AVERAGE_WEEKS)),
                    f": {number(round(latest_average, 1))}")
    if trend.conflicts:
        weeks = phrase(language, "comma").join(
            f"{iso_week(p.week)} ({' / '.join(number(r.value) for r in p.figure.readings)})"
            for p in trend.conflicts
        )
        summary.add(f"{phrase(language, 'trend_conflicts')}: {weeks}")
    return doc
