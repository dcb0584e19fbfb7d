"""Storing articles: round trip and idempotency, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from claimwatch.storage.articles import NewArticle, store_article
from claimwatch.storage.db import Database
from claimwatch.storage.models import Article, Sighting

TEXT = "أعلن التنظيم عن 12 هجوما في ولاية غرب إفريقيا خلال الأسبوع الماضي."


def article(chat: str = "c1", message: str = "m1", text: str = TEXT, text_hash: str = "h1") -> NewArticle:
    return NewArticle(
        text=text, text_hash=text_hash, published=date(2023, 1, 14), published_source="forward",
        received_at=datetime(2023, 1, 15, tzinfo=UTC), platform="telegram", chat_id=chat, message_id=message,
        forwarded_from="Channel A",
    )


async def count(db: Database, model: type) -> int:
    async with db.session() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def test_round_trip_keeps_the_raw_text_exactly(db: Database) -> None:
    async with db.session() as session:
        stored = await store_article(session, article())
    async with db.session() as session:
        row = await session.get_one(Article, stored.article_id)
    assert stored.status == "new"
    assert row.text == TEXT
    assert row.published == date(2023, 1, 14)
    assert row.forwarded_from == "Channel A"


async def test_same_message_twice_is_one_article_one_sighting(db: Database) -> None:
    async with db.session() as session:
        first = await store_article(session, article())
    async with db.session() as session:
        again = await store_article(session, article())
    assert again.status == "repeat"
    assert again.article_id == first.article_id
    assert await count(db, Article) == 1
    assert await count(db, Sighting) == 1


async def test_same_text_in_two_chats_is_one_article_two_sightings(db: Database) -> None:
    async with db.session() as session:
        first = await store_article(session, article(chat="c1"))
    async with db.session() as session:
        second = await store_article(session, article(chat="c2"))
    assert (first.status, second.status) == ("new", "known")
    assert second.article_id == first.article_id
    assert await count(db, Article) == 1
    assert await count(db, Sighting) == 2


async def test_concurrent_forwards_of_one_text_store_it_once(db: Database) -> None:
    async def forward(chat: str) -> str:
        async with db.session() as session:
            return (await store_article(session, article(chat=chat))).status

    statuses = await asyncio.gather(*(forward(f"chat{i}") for i in range(6)))
    assert sorted(statuses).count("new") == 1
    assert await count(db, Article) == 1
    assert await count(db, Sighting) == 6
