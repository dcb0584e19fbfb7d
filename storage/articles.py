"""Articles and their sightings: stored once per normalised text, seen in any number of chats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import Any, Literal

from sqlalchemy import bindparam, delete, func, literal, or_, select, union_all, update
from sqlalchemy.dialects.postgresql import insert as postgresql_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncSession

from claimwatch.storage.models import Article, Fact, Sighting

Status = Literal["new", "known", "repeat"]


@dataclass(frozen=True)
class NewArticle:
    """A message's article as the ingest handler hands it to storage."""

    text: str
    text_hash: str
    published: date
    published_source: str
    received_at: datetime
    platform: str
    chat_id: str
    message_id: str
    user_id: str | None = None
    forwarded_from: str | None = None
    forwarded_date: datetime | None = None
    message_link: str | None = None
    url: str | None = None
    fetch_error: str | None = None


@dataclass(frozen=True)
class Stored:
    """Where an incoming article ended up: a new row, a known text, or a message seen before."""

    article_id: int
    status: Status
    first_seen: datetime
    first_source: str | None
    needs_analysis: bool = False  # stored before, but its facts never written (spooled mid-ingest)


async def store_article(session: AsyncSession, new: NewArticle) -> Stored:
    """`store` on a session's connection."""
    return await (await session.connection()).run_sync(store, new)


def store(connection: Connection, new: NewArticle) -> Stored:
    """Store the raw text (idempotent on platform+chat+message and on the text hash).

    Prebuilt Core statements, INSERT … ON CONFLICT DO NOTHING rather than ORM flushes
    in a savepoint: ingest runs this for every forward. Three statements for a new
    article, two for a known one; a concurrent writer of the same message or text makes
    us read its row instead of failing."""
    statements = _statements(connection.dialect.name)
    for _attempt in range(3):
        stored = _store_once(connection, statements, new)
        if stored is not None:
            return stored
    raise RuntimeError(f"could not store message {new.message_id}: its rows keep changing under us")


_ARTICLES, _SIGHTINGS = Article.__table__, Sighting.__table__
_STATE = (_ARTICLES.c.id, _ARTICLES.c.received_at, _ARTICLES.c.forwarded_from, _ARTICLES.c.analyzed_at,
          _ARTICLES.c.analysis_error, _ARTICLES.c.fetch_error)
_LOOKUP = union_all(
    select(literal(True).label("repeat"), *_STATE)
    .join(_SIGHTINGS, _SIGHTINGS.c.article_id == _ARTICLES.c.id)
    .where(_SIGHTINGS.c.platform == bindparam("platform"), _SIGHTINGS.c.chat_id == bindparam("chat_id"),
           _SIGHTINGS.c.message_id == bindparam("message_id")),
    select(literal(False).label("repeat"), *_STATE).where(_ARTICLES.c.text_hash == bindparam("text_hash")),
)
_ARTICLE_COLUMNS = ("text", "text_hash", "published", "published_source", "received_at", "platform",
                    "chat_id", "message_id", "user_id", "forwarded_from", "message_link", "url",
                    "fetch_error")
_SIGHTING_COLUMNS = ("platform", "chat_id", "message_id", "user_id", "forwarded_from", "forwarded_date",
                     "received_at")


@cache
def _statements(dialect: str) -> tuple[Any, Any]:
    """INSERT … ON CONFLICT DO NOTHING RETURNING id for articles and sightings, in this dialect."""
    insert = postgresql_insert if dialect == "postgresql" else sqlite_insert
    return (insert(_ARTICLES).on_conflict_do_nothing().returning(_ARTICLES.c.id),
            insert(_SIGHTINGS).on_conflict_do_nothing().returning(_SIGHTINGS.c.id))


def _store_once(connection: Connection, statements: tuple[Any, Any], new: NewArticle) -> Stored | None:
    """The outcome, or None when a concurrent writer got in between and the lookup must be redone."""
    insert_article, insert_sighting = statements
    rows = connection.execute(_LOOKUP, {
        "platform": new.platform, "chat_id": new.chat_id, "message_id": new.message_id,
        "text_hash": new.text_hash,
    }).all()
    sighting = {name: getattr(new, name) for name in _SIGHTING_COLUMNS}
    if any(row.repeat for row in rows):
        return _stored(next(row for row in rows if row.repeat), "repeat")
    if rows:
        added = connection.scalar(insert_sighting, {"article_id": rows[0].id, **sighting})
        return _stored(rows[0], "known") if added is not None else None
    article_id = connection.scalar(insert_article, {c: getattr(new, c) for c in _ARTICLE_COLUMNS})
    if article_id is None:
        return None
    if connection.scalar(insert_sighting, {"article_id": article_id, **sighting}) is None:
        return None
    return Stored(article_id, "new", new.received_at, new.forwarded_from,
                  needs_analysis=new.fetch_error is None)


def _stored(row: Any, status: Status) -> Stored:
    unanalysed = row.analyzed_at is None and row.analysis_error is None and row.fetch_error is None
    return Stored(row.id, status, row.received_at, row.forwarded_from, needs_analysis=unanalysed)


async def recent_articles(session: AsyncSession, limit: int = 10) -> list[Article]:
    """The last articles stored, newest first."""
    rows = await session.scalars(select(Article).order_by(Article.id.desc()).limit(limit))
    return list(rows)


@dataclass(frozen=True)
class ArticleSummary:
    """One line of /sources: an article without its full text, and how much it gave."""

    article_id: int
    published: date
    published_source: str
    received_at: datetime
    headline: str
    forwarded_from: str | None
    url: str | None
    source_publication: str | None
    source_number: int | None
    facts: int
    sightings: int
    problem: str | None


HEADLINE_CHARS = 300


async def recent_summaries(session: AsyncSession, limit: int = 10) -> list[ArticleSummary]:
    """The last articles stored, newest first, with their fact and sighting counts, in one query."""
    facts = select(func.count()).where(Fact.article_id == Article.id).scalar_subquery()
    sightings = select(func.count()).where(Sighting.article_id == Article.id).scalar_subquery()
    rows = await session.execute(
        select(Article.id, Article.published, Article.published_source, Article.received_at,
               func.substr(Article.text, 1, HEADLINE_CHARS), Article.forwarded_from, Article.url,
               Article.source_publication, Article.source_number, facts, sightings,
               func.coalesce(Article.fetch_error, Article.analysis_error))
        .order_by(Article.id.desc()).limit(limit)
    )
    return [ArticleSummary(*row) for row in rows]


async def article_by_url(session: AsyncSession, url: str) -> Article | None:
    """The first article stored from this link, if any."""
    return await session.scalar(select(Article).where(Article.url == url).order_by(Article.id).limit(1))


async def record_fetch_error(session: AsyncSession, article_id: int, error: str) -> None:
    await session.execute(update(Article).where(Article.id == article_id).values(fetch_error=error[:2000]))


async def attach_fetched_text(
    session: AsyncSession, article_id: int, text: str, text_hash: str, page_published: date | None
) -> int:
    """Give a link-only article the text fetched at last; the id the text now lives under.

    When that text is already stored (someone forwarded it meanwhile), the link's
    sightings move to that article and the empty one goes: one text, one article."""
    existing = await session.scalar(
        select(Article.id).where(Article.text_hash == text_hash, Article.id != article_id)
    )
    if existing is not None:
        await session.execute(
            update(Sighting).where(Sighting.article_id == article_id).values(article_id=existing)
        )
        await session.execute(delete(Article).where(Article.id == article_id))
        return existing
    values: dict[str, object] = {"text": text, "text_hash": text_hash, "fetch_error": None}
    article = await session.get_one(Article, article_id)
    if page_published is not None and article.published_source == "received":
        values.update(published=page_published, published_source="page")
    await session.execute(update(Article).where(Article.id == article_id).values(**values))
    return article_id


async def links_to_refetch(session: AsyncSession) -> list[tuple[int, str]]:
    """(id, url) of every article whose page could not be fetched, oldest first."""
    rows = await session.execute(
        select(Article.id, Article.url).where(Article.fetch_error.is_not(None), Article.url.is_not(None))
        .order_by(Article.id)
    )
    return [(article_id, url) for article_id, url in rows]


async def analysis_candidates(
    session: AsyncSession, version: str, since: date | None
) -> list[tuple[int, str | None, bool]]:
    """(id, extractor version, failed) of articles with text whose facts are missing, failed or of another
    extractor version, in id order."""
    query = (
        select(Article.id, Article.extractor_version, Article.analysis_error.is_not(None))
        .where(Article.fetch_error.is_(None),
               or_(Article.extractor_version.is_(None), Article.extractor_version != version,
                   Article.analysis_error.is_not(None)))
        .order_by(Article.id)
    )
    if since is not None:
        query = query.where(Article.published >= since)
    return [(article_id, found, bool(failed)) for article_id, found, failed in await session.execute(query)]


async def texts_of(session: AsyncSession, ids: list[int]) -> list[tuple[int, str, date]]:
    """(id, text, published) of these articles, in id order."""
    rows = await session.execute(
        select(Article.id, Article.text, Article.published).where(Article.id.in_(ids)).order_by(Article.id)
    )
    return [(article_id, text, published) for article_id, text, published in rows]
