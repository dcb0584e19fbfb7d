"""The reads behind /digest and /trend: a week's facts and claims with their sources, a region's series.

Every query is a range on an index that leads with the week (facts and claims by
week_start) or with the region (facts by region, metric, week_start), so the digest
and the trend cost the same however many years the archive holds. Rows come back as
named tuples whose fields are listed on each function; the handlers turn them into
the digest's records.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlalchemy import ColumnElement, Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from claimwatch.storage.models import Article, ClaimRow, Fact

NEWEST_SOURCES = 3  # facts kept of each value of a figure: its newest articles; the rest are counted
_SOURCE_COLUMNS = (
    Article.id.label("article_id"), Article.published, Article.source_publication.label("publication"),
    Article.source_number.label("number"), Article.forwarded_from.label("channel"),
    Article.message_link.label("link"), Article.url,
)


def _newest_facts(*conditions: ColumnElement[bool]) -> Select:
    """Facts matching `conditions`, one per article and value of a figure, the newest NEWEST_SOURCES kept.

    A figure a hundred channels repeat costs three rows, not a hundred: `reports` carries how
    many articles give the value. The grouping and ranking read only the covering index
    ix_facts_week_figure (or ix_facts_region_week and the rows); quotes and sources are looked
    up for the kept rows alone. Columns: metric, region, week_start, value, period
    (reported_week when the article gives the value for its own week), reports, quote and
    the source columns."""
    per_article = (
        select(Fact.week_start, Fact.metric, Fact.region, Fact.value, Fact.article_id,
               func.max(Fact.period).label("period"),  # reported_week > previous_week > other
               func.min(Fact.id).label("fact_id"))
        .where(*conditions)
        .group_by(Fact.week_start, Fact.metric, Fact.region, Fact.value, Fact.article_id)
        .subquery()
    )
    fact = per_article.c
    value_of_figure = (fact.week_start, fact.metric, fact.region, fact.value)
    newest_first = (Article.published.desc(), Article.id.desc())
    whole_partition = (None, None)  # the same window as the ranking, so both come from one sort
    ranked = (
        select(fact.metric, fact.region, fact.week_start, fact.value, fact.period, fact.fact_id,
               fact.article_id,
               func.row_number().over(partition_by=value_of_figure, order_by=newest_first).label("newness"),
               func.count().over(partition_by=value_of_figure, order_by=newest_first, rows=whole_partition)
               .label("reports"))
        .join(Article, Article.id == fact.article_id)
        .subquery()
    )
    kept = ranked.c
    return (
        select(kept.metric, kept.region, kept.week_start, kept.value, kept.period, kept.reports, Fact.quote,
               *_SOURCE_COLUMNS)
        .join(Fact, Fact.id == kept.fact_id)
        .join(Article, Article.id == kept.article_id)
        .where(kept.newness <= NEWEST_SOURCES)
    )


async def facts_of_weeks(session: AsyncSession, weeks: Sequence[date]) -> Sequence[Row]:
    """The facts of those weeks, as _newest_facts describes."""
    return (await session.execute(_newest_facts(Fact.week_start.in_(list(weeks))))).all()


async def notable_claims_of_week(session: AsyncSession, week: date) -> Sequence[Row]:
    """The week's notable claims: actor, action, target, region, reasons, quote, week_start and the source
    columns."""
    query = (
        select(ClaimRow.actor, ClaimRow.action, ClaimRow.target, ClaimRow.region, ClaimRow.reasons,
               ClaimRow.quote, ClaimRow.week_start, *_SOURCE_COLUMNS)
        .join(Article, Article.id == ClaimRow.article_id)
        .where(ClaimRow.week_start == week, ClaimRow.notable.is_(True))
    )
    return (await session.execute(query)).all()


async def latest_week(session: AsyncSession, not_after: date) -> date | None:
    """The latest week up to `not_after` that has a fact or a claim."""
    found = [
        await session.scalar(select(func.max(Fact.week_start)).where(Fact.week_start <= not_after)),
        await session.scalar(select(func.max(ClaimRow.week_start)).where(ClaimRow.week_start <= not_after)),
    ]
    return max((week for week in found if week is not None), default=None)


async def nearest_weeks(session: AsyncSession, week: date) -> tuple[date | None, date | None]:
    """The nearest weeks before and after `week` that have a fact or a claim."""
    before = [
        await session.scalar(select(func.max(Fact.week_start)).where(Fact.week_start < week)),
        await session.scalar(select(func.max(ClaimRow.week_start)).where(ClaimRow.week_start < week)),
    ]
    after = [
        await session.scalar(select(func.min(Fact.week_start)).where(Fact.week_start > week)),
        await session.scalar(select(func.min(ClaimRow.week_start)).where(ClaimRow.week_start > week)),
    ]
    return (max((w for w in before if w), default=None), min((w for w in after if w), default=None))


def _region_is(region: str | None) -> ColumnElement[bool]:
    return Fact.region.is_(None) if region is None else Fact.region == region


async def latest_region_week(
    session: AsyncSession, region: str | None, metric: str, not_after: date
) -> date | None:
    """The latest week up to `not_after` with a figure of `metric` for the region (None: all regions)."""
    query = select(func.max(Fact.week_start)).where(
        _region_is(region), Fact.metric == metric, Fact.week_start <= not_after
    )
    return await session.scalar(query)


async def region_facts(
    session: AsyncSession, region: str | None, metric: str, first: date, last: date
) -> Sequence[Row]:
    """The region's facts of `metric` from week `first` to week `last`, as _newest_facts describes."""
    conditions = (_region_is(region), Fact.metric == metric, Fact.week_start.between(first, last))
    return (await session.execute(_newest_facts(*conditions))).all()
