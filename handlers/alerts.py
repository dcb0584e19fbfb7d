"""Which spikes a newly stored article sets off, and the alert a chat reads for one.

Only an article's regional attack figures for recent weeks are checked (an archive
being ingested raises no alarms), against the region's series as the digest and
/trend see it: the same consolidation of several articles into one figure per week.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncSession

from claimwatch.digest.spikes import Spike, SpikeRule, find_spike, is_recent, spike_document
from claimwatch.digest.trend import build_trend
from claimwatch.digest.weeks import ONE_WEEK, from_iso_week
from claimwatch.extract.model import Analysis
from claimwatch.handlers.context import Context
from claimwatch.handlers.digest import fact_of, today
from claimwatch.handlers.lang import language_for
from claimwatch.handlers.region_names import names_for
from claimwatch.handlers.types import Reply
from claimwatch.storage.reports import region_facts

METRIC = "attacks"


def regional_weeks(analysis: Analysis) -> list[tuple[str, date]]:
    """(region, Monday) of every regional attack figure the article gives, once each."""
    found = {(s.region, from_iso_week(s.week)) for s in analysis.statistics
             if s.metric == METRIC and s.region and s.week}
    return sorted(found)


async def spike_of(session: AsyncSession, region: str, week: date, rule: SpikeRule) -> Spike | None:
    """Whether the region's stored figure for the week breaks out of the weeks before it."""
    first = week - ONE_WEEK * rule.history_weeks
    rows = await region_facts(session, region, METRIC, first, week)
    trend = build_trend(region, map(fact_of, rows), week, rule.history_weeks + 1, METRIC)
    *earlier, current = trend.points
    if current.figure is None:
        return None
    return find_spike(region, week, current.figure.value, [p.value for p in earlier], rule,
                      current.figure.sources)


async def spikes_after(ctx: Context, analysis: Analysis, rule: SpikeRule) -> list[Spike]:
    """The spikes an article's figures (already stored) set off."""
    now = today(ctx)
    recent = [(region, week) for region, week in regional_weeks(analysis) if is_recent(week, now, rule)]
    if not recent:
        return []
    async with ctx.db.session() as session:
        found = [await spike_of(session, region, week, rule) for region, week in recent]
    return [spike for spike in found if spike is not None]


async def alert_reply(ctx: Context, spike: Spike, rule: SpikeRule, platform: str, chat_id: str) -> Reply:
    """The alert in the chat's language, the region under its Arabic name in Arabic chats."""
    language = await language_for(ctx, platform, chat_id)
    shown = names_for([spike.region], language).get(spike.region)
    return Reply(spike_document(spike, rule, language, shown))
