"""/trend REGION [WEEKS]: a region's weekly attacks, as a short table and a chart.

The series ends at the latest week with a figure for that region, so a region the
articles mention rarely still shows its last known weeks. Without a region it is the
attack total of all regions.
"""

from __future__ import annotations

import asyncio
import re

from claimwatch.digest.chart import trend_chart
from claimwatch.digest.document import Document
from claimwatch.digest.labels import phrase
from claimwatch.digest.trend import Trend, build_trend
from claimwatch.digest.trend_document import trend_document
from claimwatch.digest.weeks import ONE_WEEK, iso_week, monday
from claimwatch.extract.regions import closest_regions, resolve_region
from claimwatch.handlers.arguments import arguments_of, words_of
from claimwatch.handlers.context import Context
from claimwatch.handlers.digest import fact_of, today
from claimwatch.handlers.lang import language_for
from claimwatch.handlers.region_names import arabic_names
from claimwatch.handlers.types import Incoming, Reply
from claimwatch.storage.reports import latest_region_week, region_facts

DEFAULT_WEEKS = 12
LEAST_WEEKS, MOST_WEEKS = 2, 260
METRIC = "attacks"


class RequestError(ValueError):
    """The arguments are not REGION [WEEKS]."""


def parse_request(argument: str) -> tuple[str, int]:
    """(region as typed, weeks) from ' "West Africa" 26 '; a trailing number is the count of weeks."""
    words = words_of(argument)
    weeks = DEFAULT_WEEKS
    if words and words[-1].isdecimal():
        weeks = int(words.pop())
        if not LEAST_WEEKS <= weeks <= MOST_WEEKS:
            raise RequestError(f"weeks out of range: {weeks}")
    return " ".join(words), weeks


async def load_trend(ctx: Context, region: str | None, weeks: int, metric: str = METRIC) -> Trend | None:
    """The `weeks` weeks up to the region's latest week with a figure; None when it has none."""
    async with ctx.db.session() as session:
        last = await latest_region_week(session, region, metric, not_after=monday(today(ctx)))
        if last is None:
            return None
        rows = await region_facts(session, region, metric, last - ONE_WEEK * (weeks - 1), last)
    return build_trend(region, map(fact_of, rows), last, weeks, metric)


def chart_name(trend: Trend) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", (trend.region or "all regions").lower()).strip("-")
    return f"trend-{slug}-{iso_week(trend.points[-1].week)}.png"


async def trend_reply(ctx: Context, region: str | None, weeks: int, language: str = "en") -> Reply:
    """The trend of a canonical region (None: all regions) as a table and a chart."""
    trend = await load_trend(ctx, region, weeks)
    english = region or phrase("en", "all_regions")
    arabic = arabic_names([region]).get(region, english) if region else phrase("ar", "all_regions")
    shown = arabic if language == "ar" else english
    if trend is None:
        return Reply(Document.of(phrase(language, "no_series", region=shown), language=language))
    chart = await asyncio.to_thread(trend_chart, trend, (english, arabic))
    return Reply(trend_document(trend, language, shown), chart_png=chart, chart_name=chart_name(trend))


def _unknown_region(query: str, language: str) -> Reply:
    closest = closest_regions(query)
    hint = (phrase(language, "closest", names=", ".join(closest)) if closest
            else phrase(language, "no_close_names"))
    return Reply(Document.of(phrase(language, "unknown_region", query=query), hint, language=language))


async def handle(ctx: Context, incoming: Incoming) -> Reply:
    """Answer /trend with the region's weekly series, or the closest region names."""
    language = await language_for(ctx, incoming.platform, incoming.chat_id)
    try:
        query, weeks = parse_request(arguments_of(incoming.text))
    except RequestError:
        usage = phrase(language, "trend_usage", least=LEAST_WEEKS, most=MOST_WEEKS, default=DEFAULT_WEEKS)
        return Reply(Document.of(usage, language=language))
    if not query:
        return await trend_reply(ctx, None, weeks, language)
    region = resolve_region(query)
    if region is None:
        return _unknown_region(query, language)
    return await trend_reply(ctx, region, weeks, language)
