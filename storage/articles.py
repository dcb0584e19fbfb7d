"""Articles and their sightings: stored once per normalised text, seen in any number of chats."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from claimwatch.storage.models import Article, Sighting

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


async def store_article(session: AsyncSession, new: NewArticle) -> Stored:
    """Store the raw text (idempotent on platform+chat+message and on the text hash)."""
    for _attempt in range(2):
        try:
            async with session.begin_nested():
                return await _store_once(session, new)
        except IntegrityError:  # a concurrent writer stored the same message or text first
            continue
    return await _store_once(session, new)


async def _store_once(session: AsyncSession, new: NewArticle) -> Stored:
    seen = await session.scalar(
        select(Sighting).where(
            Sighting.platform == new.platform, Sighting.chat_id == new.chat_id,
            Sighting.message_id == new.message_id,
        )
    )
    if seen is not None:
        article = await session.get_one(Article, seen.article_id)
        return Stored(article.id, "repeat", article.received_at, article.forwarded_from)
    article = await session.scalar(select(Article).where(Article.text_hash == new.text_hash))
    status: Status = "known"
    if article is None:
        status = "new"
        article = Article(
            text=new.text, text_hash=new.text_hash, published=new.published,
            published_source=new.published_source, received_at=new.received_at, platform=new.platform,
            chat_id=new.chat_id, message_id=new.message_id, user_id=new.user_id,
            forwarded_from=new.forwarded_from, message_link=new.message_link, url=new.url,
            fetch_error=new.fetch_error,
        )
        session.add(article)
        await session.flush()
    session.add(Sighting(
        article_id=article.id, platform=new.platform, chat_id=new.chat_id, message_id=new.message_id,
        user_id=new.user_id, forwarded_from=new.forwarded_from, forwarded_date=new.forwarded_date,
        received_at=new.received_at,
    ))
    await session.flush()
    return Stored(article.id, status, article.received_at, article.forwarded_from)


async def recent_articles(session: AsyncSession, limit: int = 10) -> list[Article]:
    """The last articles stored, newest first (for /sources)."""
    rows = await session.scalars(select(Article).order_by(Article.id.desc()).limit(limit))
    return list(rows)
