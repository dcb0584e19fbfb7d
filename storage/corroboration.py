"""Facts seen from other articles: the same figure confirmed by a second source, or contradicted.

Facts stay one row per article, so reanalysing one article never touches another's;
"one fact with several sources" is computed here, by figure key (metric, period,
ISO week, region). Facts without a week are never compared: "81 days" is no figure
another article can confirm.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol
from urllib.parse import urlsplit

from sqlalchemy import and_, bindparam, func, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from claimwatch.storage.facts import FigureKey, figure_key, monday, week_start
from claimwatch.storage.models import Article, Fact

MAX_OTHER_FACTS = 500


class FigureLike(Protocol):
    """A figure as the extractor gives it (Statistic) or as stored (Fact)."""

    metric: str
    value: float
    period: str
    week: str | None
    region: str | None


@dataclass(frozen=True)
class SourceRef:
    """An article a figure comes from, named as an analyst would cite it."""

    article_id: int
    published: date
    name: str | None = None
    url: str | None = None
    forwarded_from: str | None = None
    message_link: str | None = None

    @property
    def label(self) -> str:
        """ "article #3 (al-Naba 373)", "article #3 (Naba Watch)", or "article #3"."""
        return f"article #{self.article_id} ({self.name})" if self.name else f"article #{self.article_id}"


@dataclass(frozen=True)
class Corroboration:
    """What other articles say about one figure: the same value, or another one."""

    agreeing: tuple[SourceRef, ...] = ()
    differing: tuple[tuple[SourceRef, float], ...] = ()


def source_name(publication: str | None, number: int | None, forwarded_from: str | None,
                url: str | None) -> str | None:
    """ "al-Naba 373", else the forwarding channel, else the site of a link."""
    if publication:
        return f"{publication} {number}" if number is not None else publication
    if forwarded_from:
        return forwarded_from
    return urlsplit(url).hostname if url else None


_SOURCE_COLUMNS = (Article.published, Article.source_publication, Article.source_number,
                   Article.forwarded_from, Article.url, Article.message_link)


def _source(article_id: int, published: date, publication: str | None, number: int | None,
            forwarded_from: str | None, url: str | None, message_link: str | None) -> SourceRef:
    return SourceRef(article_id, published, source_name(publication, number, forwarded_from, url), url,
                     forwarded_from, message_link)


def _same(a: float, b: float) -> bool:
    return abs(a - b) < 1e-9


_SAME_WEEKS_AND_METRICS = (
    select(Fact.article_id, Fact.metric, Fact.period, Fact.week, Fact.region, Fact.value, *_SOURCE_COLUMNS)
    .join(Article, Article.id == Fact.article_id)
    .where(Fact.article_id != bindparam("article_id"),
           Fact.week_start.in_(bindparam("weeks", expanding=True)),
           Fact.metric.in_(bindparam("metrics", expanding=True)))
    .order_by(Fact.article_id)
    .limit(MAX_OTHER_FACTS)
)


async def corroborate(
    session: AsyncSession, article_id: int, figures: Sequence[FigureLike]
) -> list[Corroboration]:
    """`compare` on a session's connection."""
    return await (await session.connection()).run_sync(compare, article_id, figures)


def compare(connection: Connection, article_id: int, figures: Sequence[FigureLike]) -> list[Corroboration]:
    """For each figure of an article, the other articles that give it the same or another value."""
    keyed = [f for f in figures if f.week]
    if not keyed:
        return [Corroboration() for _ in figures]
    rows = connection.execute(_SAME_WEEKS_AND_METRICS, {
        "article_id": article_id, "weeks": sorted({week_start(f.week) for f in keyed}),
        "metrics": sorted({f.metric for f in keyed}),
    })
    others: dict[FigureKey, dict[tuple[int, float], SourceRef]] = defaultdict(dict)
    for other_id, metric, period, week, region, value, *source in rows:
        others[figure_key(metric, period, week, region)][(other_id, value)] = _source(other_id, *source)
    return [_corroboration(f, others.get(figure_key(f.metric, f.period, f.week, f.region), {}))
            for f in figures]


@dataclass(frozen=True)
class StoredFigure:
    """A fact of an article as stored, with the quote it came from."""

    metric: str
    value: float
    period: str
    week: str | None
    region: str | None
    quote: str


_MINE, _OTHER = aliased(Fact), aliased(Fact)
_FACTS_WITH_OTHERS = (
    select(_MINE.id, _MINE.metric, _MINE.value, _MINE.period, _MINE.week, _MINE.region, _MINE.quote,
           _OTHER.article_id, _OTHER.value, *_SOURCE_COLUMNS)
    .outerjoin(_OTHER, and_(_OTHER.metric == _MINE.metric, _OTHER.period == _MINE.period,
                            _OTHER.week_start == _MINE.week_start, _OTHER.article_id != _MINE.article_id,
                            _OTHER.region.is_not_distinct_from(_MINE.region)))
    .outerjoin(Article, Article.id == _OTHER.article_id)
    .where(_MINE.article_id == bindparam("article_id"))
    .order_by(_MINE.id, _OTHER.article_id)
)


async def stored_figures(session: AsyncSession, article_id: int) -> list[tuple[StoredFigure, Corroboration]]:
    """`figures_of` on a session's connection."""
    return await (await session.connection()).run_sync(figures_of, article_id)


def figures_of(connection: Connection, article_id: int) -> list[tuple[StoredFigure, Corroboration]]:
    """An article's stored facts with what other articles say about each: one self-join, one round trip."""
    rows = connection.execute(_FACTS_WITH_OTHERS, {"article_id": article_id})
    figures: dict[int, StoredFigure] = {}
    others: dict[int, dict[tuple[int, float], SourceRef]] = defaultdict(dict)
    for fact_id, metric, value, period, week, region, quote, other_id, other_value, *source in rows:
        figures.setdefault(fact_id, StoredFigure(metric, value, period, week, region, quote))
        if other_id is not None:
            others[fact_id][(other_id, other_value)] = _source(other_id, *source)
    return [(figure, _corroboration(figure, others[fact_id])) for fact_id, figure in figures.items()]


def _corroboration(figure: FigureLike, others: dict[tuple[int, float], SourceRef]) -> Corroboration:
    if not figure.week:
        return Corroboration()
    agreeing = [ref for (_, value), ref in others.items() if _same(value, figure.value)]
    agreeing_ids = {ref.article_id for ref in agreeing}
    differing = [(ref, value) for (_, value), ref in others.items()
                 if not _same(value, figure.value) and ref.article_id not in agreeing_ids]
    return Corroboration(tuple(agreeing), tuple(differing))


@dataclass
class SourcedFact:
    """One stored fact with its article, and how the other articles agree on its figure."""

    fact: Fact
    source: SourceRef
    agreeing_sources: int = 1
    other_values: list[float] = field(default_factory=list)


async def sourced_facts(
    session: AsyncSession, since: date | None = None, region: str | None = None
) -> list[SourcedFact]:
    """Every fact of weeks from `since` on (facts without a week: articles published since), oldest first."""
    query = (select(Fact, *_SOURCE_COLUMNS).join(Article, Article.id == Fact.article_id)
             .order_by(Fact.week_start, Fact.metric, Fact.region, Fact.article_id, Fact.id))
    if since is not None:
        query = query.where(or_(Fact.week_start >= monday(since),
                                and_(Fact.week_start.is_(None), Article.published >= since)))
    if region is not None:
        query = query.where(func.lower(Fact.region) == region.strip().lower())
    rows = await session.execute(query)
    result = [SourcedFact(fact, _source(fact.article_id, *source)) for fact, *source in rows]
    by_key: dict[FigureKey, list[SourcedFact]] = defaultdict(list)
    for item in result:
        if item.fact.week:
            f = item.fact
            by_key[figure_key(f.metric, f.period, f.week, f.region)].append(item)
    for group in by_key.values():
        for item in group:
            same = {g.fact.article_id for g in group if _same(g.fact.value, item.fact.value)}
            item.agreeing_sources = len(same)
            item.other_values = sorted({g.fact.value for g in group
                                        if not _same(g.fact.value, item.fact.value)})
    return result
