"""The derived data of an article: facts, region mentions and claims, replaced as one unit."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from claimwatch.extract.model import Analysis
from claimwatch.storage.models import Article, ClaimRow, Fact, RegionMention


def week_start(iso_week: str | None) -> date | None:
    """Monday of an ISO week written "2023-W01"."""
    if not iso_week:
        return None
    year, _, week = iso_week.partition("-W")
    return date.fromisocalendar(int(year), int(week), 1)


def iso_week(day: date) -> str:
    """ISO week of a day, written "2023-W01"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass(frozen=True)
class Replaced:
    """How the facts of one article changed: what reanalysis reports."""

    added: int
    removed: int


def _fact_rows(article_id: int, analysis: Analysis) -> list[Fact]:
    return [
        Fact(
            article_id=article_id,
            metric=s.metric,
            value=float(s.value),
            period=s.period,
            week=s.week,
            week_start=week_start(s.week),
            region=s.region,
            evidence_start=s.evidence.start,
            evidence_end=s.evidence.end,
            quote=s.evidence.text,
            extractor_version=analysis.extractor_version,
        )
        for s in analysis.statistics
    ]


def _claim_rows(article_id: int, analysis: Analysis) -> list[ClaimRow]:
    reported = analysis.reported_week[0] if analysis.reported_week else None
    return [
        ClaimRow(
            article_id=article_id,
            actor=c.actor,
            action=c.action,
            target=c.target,
            region=c.region,
            notable=c.notable,
            reasons=list(c.reasons),
            week_start=reported,
            evidence_start=c.evidence.start,
            evidence_end=c.evidence.end,
            quote=c.evidence.text,
            extractor_version=analysis.extractor_version,
        )
        for c in analysis.claims
    ]


def _mention_rows(article_id: int, analysis: Analysis) -> list[RegionMention]:
    return [
        RegionMention(
            article_id=article_id,
            region=r.name,
            kind=r.kind,
            start=m.start,
            end=m.end,
            text=m.text[:256],
            extractor_version=analysis.extractor_version,
        )
        for r in analysis.regions
        for m in r.mentions
    ]


async def replace_analysis(
    session: AsyncSession, article_id: int, analysis: Analysis, analyzed_at: datetime
) -> Replaced:
    """Swap an article's derived rows for a new analysis and stamp the extractor version."""
    removed = (await session.execute(delete(Fact).where(Fact.article_id == article_id))).rowcount or 0
    await session.execute(delete(ClaimRow).where(ClaimRow.article_id == article_id))
    await session.execute(delete(RegionMention).where(RegionMention.article_id == article_id))
    facts = _fact_rows(article_id, analysis)
    session.add_all([*facts, *_claim_rows(article_id, analysis), *_mention_rows(article_id, analysis)])
    article = await session.get_one(Article, article_id)
    article.language = analysis.language
    article.extractor_version = analysis.extractor_version
    article.analysis_error = None
    article.analyzed_at = analyzed_at
    if analysis.source_issue:
        article.source_publication = analysis.source_issue.publication
        article.source_number = analysis.source_issue.number
    await session.flush()
    return Replaced(added=len(facts), removed=removed)


async def record_analysis_error(session: AsyncSession, article_id: int, error: str) -> None:
    """Keep the article and say why it has no facts; reanalyze picks it up later."""
    article = await session.get_one(Article, article_id)
    article.analysis_error = error[:2000]


async def facts_of(session: AsyncSession, article_id: int) -> list[Fact]:
    rows = await session.scalars(select(Fact).where(Fact.article_id == article_id).order_by(Fact.id))
    return list(rows)


async def claims_of(session: AsyncSession, article_id: int) -> list[ClaimRow]:
    rows = await session.scalars(
        select(ClaimRow).where(ClaimRow.article_id == article_id).order_by(ClaimRow.id)
    )
    return list(rows)
