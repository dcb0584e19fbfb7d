"""The derived data of an article: facts, region mentions and claims, written and replaced as one unit.

Rows go in with one bulk INSERT per table, not one round trip per fact: ingest speed
depends on it. Reanalysis replaces the rows of a whole batch of articles at once.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession

from claimwatch.extract.model import Analysis
from claimwatch.storage.models import Article, ClaimRow, Fact, RegionMention

FigureKey = tuple[str, str, str | None, str | None]
"""What makes two facts the same figure: metric, period, ISO week, region."""


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


def monday(day: date) -> date:
    """The Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


def figure_key(metric: str, period: str, week: str | None, region: str | None) -> FigureKey:
    return (metric, period, week, region)


@dataclass(frozen=True)
class Replaced:
    """How the facts of some articles changed: what reanalysis reports."""

    added: int = 0
    removed: int = 0
    changed: int = 0
    unchanged: int = 0

    def __add__(self, other: Replaced) -> Replaced:
        return Replaced(self.added + other.added, self.removed + other.removed,
                        self.changed + other.changed, self.unchanged + other.unchanged)


def _fact_values(article_id: int, analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {"article_id": article_id, "metric": s.metric, "value": float(s.value), "period": s.period,
         "week": s.week, "week_start": week_start(s.week), "region": s.region,
         "evidence_start": s.evidence.start, "evidence_end": s.evidence.end, "quote": s.evidence.text,
         "extractor_version": analysis.extractor_version}
        for s in analysis.statistics
    ]


def _claim_values(article_id: int, analysis: Analysis) -> list[dict[str, Any]]:
    reported = analysis.reported_week[0] if analysis.reported_week else None
    return [
        {"article_id": article_id, "actor": c.actor, "action": c.action, "target": c.target,
         "region": c.region, "notable": c.notable, "reasons": list(c.reasons), "week_start": reported,
         "evidence_start": c.evidence.start, "evidence_end": c.evidence.end, "quote": c.evidence.text,
         "extractor_version": analysis.extractor_version}
        for c in analysis.claims
    ]


def _mention_values(article_id: int, analysis: Analysis) -> list[dict[str, Any]]:
    return [
        {"article_id": article_id, "region": r.name, "kind": r.kind, "start": m.start, "end": m.end,
         "text": m.text[:256], "extractor_version": analysis.extractor_version}
        for r in analysis.regions
        for m in r.mentions
    ]


def _stamp(analysis: Analysis, analyzed_at: datetime) -> dict[str, Any]:
    """The article columns an analysis sets."""
    stamp: dict[str, Any] = {
        "language": analysis.language, "extractor_version": analysis.extractor_version,
        "analysis_error": None, "analyzed_at": analyzed_at,
    }
    if analysis.source_issue:
        stamp["source_publication"] = analysis.source_issue.publication[:64]
        stamp["source_number"] = analysis.source_issue.number
    return stamp


_FACTS, _CLAIMS, _MENTIONS = (insert(model.__table__) for model in (Fact, ClaimRow, RegionMention))
_CLAIM_FIRST_ANALYSIS = update(Article.__table__).where(
    Article.__table__.c.id == bindparam("claimed_id"), Article.__table__.c.analyzed_at.is_(None)
)


def _insert_rows(connection: Connection, analyses: Mapping[int, Analysis]) -> int:
    """Bulk-insert the derived rows of every analysis; the number of facts written."""
    facts: list[dict[str, Any]] = []
    claims: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    for article_id, analysis in analyses.items():
        facts += _fact_values(article_id, analysis)
        claims += _claim_values(article_id, analysis)
        mentions += _mention_values(article_id, analysis)
    for table, rows in ((_FACTS, facts), (_CLAIMS, claims), (_MENTIONS, mentions)):
        if rows:
            connection.execute(table, rows)
    return len(facts)


async def store_first_analysis(
    session: AsyncSession, article_id: int, analysis: Analysis, analyzed_at: datetime
) -> bool:
    """`write_first_analysis` on a session's connection."""
    connection = await session.connection()
    return await connection.run_sync(write_first_analysis, article_id, analysis, analyzed_at)


def write_first_analysis(connection: Connection, article_id: int, analysis: Analysis,
                         analyzed_at: datetime) -> bool:
    """Write the facts of an article never analysed; False when another writer analysed it first.

    The conditional UPDATE is the claim: on PostgreSQL it locks the row, so of two
    concurrent ingests of one article only the first writes facts."""
    claimed = connection.execute(_CLAIM_FIRST_ANALYSIS, {"claimed_id": article_id,
                                                         **_stamp(analysis, analyzed_at)})
    if claimed.rowcount != 1:
        return False
    _insert_rows(connection, {article_id: analysis})
    return True


async def replace_analyses(
    session: AsyncSession, analyses: Mapping[int, Analysis], analyzed_at: datetime
) -> Replaced:
    """Swap the derived rows of several articles for new analyses; say what changed."""
    ids = list(analyses)
    if not ids:
        return Replaced()
    await session.execute(
        update(Article), [{"id": article_id, **_stamp(a, analyzed_at)} for article_id, a in analyses.items()]
    )
    old = await session.execute(
        select(Fact.article_id, Fact.metric, Fact.period, Fact.week, Fact.region, Fact.value)
        .where(Fact.article_id.in_(ids))
    )
    before: dict[int, list[tuple[FigureKey, float]]] = defaultdict(list)
    for article_id, metric, period, week, region, value in old:
        before[article_id].append((figure_key(metric, period, week, region), value))
    for model in (Fact, ClaimRow, RegionMention):
        await session.execute(delete(model).where(model.article_id.in_(ids)))
    await (await session.connection()).run_sync(_insert_rows, analyses)
    total = Replaced()
    for article_id, analysis in analyses.items():
        after = [(figure_key(s.metric, s.period, s.week, s.region), float(s.value))
                 for s in analysis.statistics]
        total += _difference(before[article_id], after)
    return total


async def replace_analysis(
    session: AsyncSession, article_id: int, analysis: Analysis, analyzed_at: datetime
) -> Replaced:
    """Swap one article's derived rows for a new analysis and stamp the extractor version."""
    return await replace_analyses(session, {article_id: analysis}, analyzed_at)


def _difference(
    before: Iterable[tuple[FigureKey, float]], after: Iterable[tuple[FigureKey, float]]
) -> Replaced:
    """Facts kept, changed in value (same figure), dropped and new, counted as multisets."""
    old, new = Counter(before), Counter(after)
    unchanged = old & new
    old_left, new_left = old - unchanged, new - unchanged
    old_keys = Counter(key for (key, _value), n in old_left.items() for _ in range(n))
    new_keys = Counter(key for (key, _value), n in new_left.items() for _ in range(n))
    changed = sum((old_keys & new_keys).values())
    return Replaced(
        added=sum(new_left.values()) - changed, removed=sum(old_left.values()) - changed,
        changed=changed, unchanged=sum(unchanged.values()),
    )


async def record_analysis_error(session: AsyncSession, article_id: int, error: str) -> None:
    """Keep the article and say why it has no facts; reanalyze picks it up later."""
    await session.execute(update(Article).where(Article.id == article_id).values(analysis_error=error[:2000]))


async def facts_of(session: AsyncSession, article_id: int) -> list[Fact]:
    rows = await session.scalars(select(Fact).where(Fact.article_id == article_id).order_by(Fact.id))
    return list(rows)


async def claims_of(session: AsyncSession, article_id: int) -> list[ClaimRow]:
    rows = await session.scalars(
        select(ClaimRow).where(ClaimRow.article_id == article_id).order_by(ClaimRow.id)
    )
    return list(rows)
