"""The claim on a weekly post: one winner, no reclaim once sent, takeover only after the lease."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from claimwatch.storage.db import Database
from claimwatch.storage.models import DigestPost, Subscription
from claimwatch.storage.posts import (
    claim_alert,
    claim_post,
    mark_sent,
    record_failure,
    record_refusal,
    release_alert,
    sent_posts,
)
from claimwatch.storage.subscriptions import subscribe

MONDAY = datetime(2023, 1, 16, 8, 0, tzinfo=UTC)
LEASE = timedelta(minutes=10)
WEEK = "2023-W02"


async def new_subscription(db: Database, chat: str = "-100") -> int:
    async with db.session() as session:
        row = await subscribe(session, "telegram", chat, regions=[], when=None, created_by="u1",
                              now=MONDAY - timedelta(days=30))
        return row.id


async def claim(db: Database, subscription_id: int, claimer: str, at: datetime) -> int | None:
    async with db.session() as session:
        return await claim_post(session, subscription_id, WEEK, claimer, at, LEASE)


@pytest.fixture
async def other_process(database_url: str, db: Database) -> AsyncIterator[Database]:
    """A second engine on the same database, as another bot process would have."""
    database = Database(database_url)
    yield database
    await database.close()


async def test_the_first_claim_wins_and_a_second_claimer_gets_nothing(db: Database) -> None:
    subscription = await new_subscription(db)
    first = await claim(db, subscription, "a", MONDAY)
    second = await claim(db, subscription, "b", MONDAY + timedelta(minutes=1))
    assert first is not None
    assert second is None


async def test_concurrent_claimers_on_two_engines_leave_exactly_one_winner(
    db: Database, other_process: Database
) -> None:
    subscription = await new_subscription(db)
    engines = [db, other_process] * 6
    results = await asyncio.gather(
        *(claim(engine, subscription, f"claimer-{n}", MONDAY) for n, engine in enumerate(engines))
    )
    assert sum(result is not None for result in results) == 1
    async with db.session() as session:
        rows = (await session.scalars(select(DigestPost))).all()
    assert len(rows) == 1


async def test_an_unsent_claim_is_taken_over_only_after_the_lease(db: Database) -> None:
    subscription = await new_subscription(db)
    crashed = await claim(db, subscription, "crashed", MONDAY)
    assert await claim(db, subscription, "b", MONDAY + LEASE - timedelta(seconds=1)) is None
    taken_over = await claim(db, subscription, "b", MONDAY + LEASE + timedelta(seconds=1))
    assert taken_over == crashed
    async with db.session() as session:
        row = await session.get_one(DigestPost, taken_over)
    assert row.claimed_by == "b"


async def test_a_sent_post_is_never_claimed_again(db: Database) -> None:
    subscription = await new_subscription(db)
    post = await claim(db, subscription, "a", MONDAY)
    async with db.session() as session:
        await mark_sent(session, post, "42", MONDAY + timedelta(seconds=2))
    assert await claim(db, subscription, "b", MONDAY + timedelta(days=3)) is None
    async with db.session() as session:
        row = await session.get_one(DigestPost, post)
        delivered = await sent_posts(session, [(subscription, WEEK), (subscription, "2023-W03")])
    assert row.platform_message_id == "42"
    assert delivered == {(subscription, WEEK)}


async def test_a_failed_send_keeps_its_error_and_is_retried_after_the_lease(db: Database) -> None:
    subscription = await new_subscription(db)
    post = await claim(db, subscription, "a", MONDAY)
    async with db.session() as session:
        await record_failure(session, post, "TimedOut: read timeout")
        row = await session.get_one(DigestPost, post)
        assert row.error == "TimedOut: read timeout"
    assert await claim(db, subscription, "a", MONDAY + timedelta(minutes=11)) == post


async def test_a_refusal_pauses_the_subscription_with_the_reason(db: Database) -> None:
    subscription = await new_subscription(db)
    post = await claim(db, subscription, "a", MONDAY)
    async with db.session() as session:
        await record_refusal(session, post, subscription, "Forbidden: bot was kicked", MONDAY)
    async with db.session() as session:
        row = await session.get_one(Subscription, subscription)
        posted = await session.get_one(DigestPost, post)
    assert row.paused_reason == "Forbidden: bot was kicked"
    assert row.paused_at is not None
    assert posted.sent_at is None
    assert "kicked" in posted.error


async def test_a_spike_alert_is_claimed_once_per_region_and_week(db: Database) -> None:
    subscription = await new_subscription(db)
    async with db.session() as session:
        first = await claim_alert(session, subscription, "Sinai", WEEK, 14)
        again = await claim_alert(session, subscription, "Sinai", WEEK, 15)
        other_region = await claim_alert(session, subscription, "Borno", WEEK, 9)
    assert first is not None
    assert again is None
    assert other_region is not None


async def test_a_released_alert_can_be_claimed_again(db: Database) -> None:
    subscription = await new_subscription(db)
    async with db.session() as session:
        alert = await claim_alert(session, subscription, "Sinai", WEEK, 14)
        await release_alert(session, alert)
        assert await claim_alert(session, subscription, "Sinai", WEEK, 14) is not None
