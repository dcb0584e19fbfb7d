"""The database stops mid-ingest: messages go to the spool, the user is told, the replay loses none.

SQLite is stopped by an exclusive lock another connection holds; PostgreSQL by a wrong
port, then the right one. Both behave the same for the user.
"""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from claimwatch.bot.app import open_context
from claimwatch.digest.render_text import render_text
from claimwatch.extract import EXTRACTOR_VERSION
from claimwatch.handlers.context import Context
from claimwatch.handlers.ingest import SPOOLED, handle, new_article, replay_spool
from claimwatch.handlers.spooled import to_record
from claimwatch.handlers.types import Incoming
from claimwatch.storage.articles import store_article
from claimwatch.storage.db import Database
from claimwatch.storage.models import Article, Sighting
from claimwatch.storage.spool import Spool
from tests.conftest import FixedClock, make_settings

TEXTS = [
    "Islamic State claimed 16 attacks in 6 regions last week, according to al-Naba.",
    "شن التنظيم 16 هجوما في 6 مناطق خلال الأسبوع الماضي، بحسب صحيفة النبأ.",
    "The group's weekly newspaper listed 9 attacks in Mozambique and Nigeria last week.",
]
QUICK_LOCK_TIMEOUT_MS = 200


def forward(number: int) -> Incoming:
    return Incoming(platform="telegram", chat_id="analysts", user_id="u1", message_id=str(number),
                    text=TEXTS[number - 1], received_at=datetime(2023, 1, 14, 9, number, tzinfo=UTC),
                    forwarded_from="Naba Watch", forwarded_date=datetime(2023, 1, 12, 8, 0, tzinfo=UTC))


@pytest.fixture
async def database(database_url: str) -> AsyncIterator[Database]:
    """A migrated database that gives up on a held lock quickly."""
    db = Database(database_url, sqlite_busy_timeout_ms=QUICK_LOCK_TIMEOUT_MS)
    await db.upgrade()
    yield db
    await db.close()


def context(db: Database, spool: Path) -> Context:
    return Context(settings=make_settings(database_url=db.url, spool_dir=spool), db=db, clock=FixedClock())


@contextmanager
def exclusive_lock(path: str) -> Iterator[None]:
    """Another program holding SQLite's write lock, as a long transaction or a backup would."""
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        other.execute("ROLLBACK")
        other.close()


@asynccontextmanager
async def outage(db: Database) -> AsyncIterator[Database]:
    """The database as the bot sees it while stopped: locked (SQLite) or unreachable (PostgreSQL)."""
    if db.is_sqlite:
        with exclusive_lock(make_url(db.url).database or ""):
            yield db
        return
    unreachable = Database(make_url(db.url).set(port=1).render_as_string(hide_password=False))
    try:
        yield unreachable
    finally:
        await unreachable.close()


async def stored_texts(db: Database) -> list[str]:
    async with db.session() as session:
        return list(await session.scalars(select(Article.text).order_by(Article.id)))


async def test_messages_sent_during_an_outage_are_saved_then_replayed_in_order(
    database: Database, tmp_path: Path
) -> None:
    ctx = context(database, tmp_path / "spool")
    await handle(ctx, forward(1))
    async with outage(database) as stopped:
        down = context(stopped, tmp_path / "spool")
        replies = [render_text((await handle(down, forward(n))).document) for n in (2, 3)]
        while_down = await replay_spool(down)
    assert replies == [SPOOLED, SPOOLED]
    assert while_down.replayed == 0
    assert await stored_texts(database) == TEXTS[:1]

    result = await replay_spool(ctx)
    assert (result.replayed, result.waiting) == (2, 0)
    assert await stored_texts(database) == TEXTS
    assert (await replay_spool(ctx)).replayed == 0
    again = render_text((await handle(ctx, forward(2))).document)
    assert again.startswith("Already stored: this message is article #2.")


async def test_an_article_stored_before_the_outage_gets_its_facts_from_the_replay(
    database: Database, tmp_path: Path
) -> None:
    """The raw text was committed, then the database stopped before the facts were written."""
    ctx = context(database, tmp_path / "spool")
    incoming = forward(1)
    async with database.session() as session:
        await store_article(session, new_article(ctx, incoming, incoming.text))
    await Spool(tmp_path / "spool").append(to_record(incoming))

    await replay_spool(ctx)
    async with database.session() as session:
        [article] = list(await session.scalars(select(Article)))
        sightings = await session.scalar(select(func.count()).select_from(Sighting))
    assert article.extractor_version == EXTRACTOR_VERSION
    assert article.analyzed_at is not None
    assert sightings == 1


async def test_the_bot_replays_the_spool_when_it_starts(database: Database, tmp_path: Path) -> None:
    async with outage(database) as stopped:
        await handle(context(stopped, tmp_path / "spool"), forward(1))
    settings = make_settings(database_url=database.url, spool_dir=tmp_path / "spool")
    async with open_context(settings) as started:
        assert await stored_texts(started.db) == TEXTS[:1]
