"""Subscriptions: one per chat and kind, replaced by a second /subscribe, resumed when paused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from claimwatch.storage.db import Database
from claimwatch.storage.dialect import as_utc
from claimwatch.storage.subscriptions import (
    WeeklyTime,
    active_digest_subscriptions,
    is_watched_source,
    pause,
    subscribe,
    subscription_of,
    unsubscribe,
    unwatch_source,
    watch_source,
)

NOW = datetime(2023, 1, 10, 12, 0, tzinfo=UTC)


async def test_subscribing_again_replaces_the_schedule_resumes_and_keeps_the_start(db: Database) -> None:
    async with db.session() as session:
        first = await subscribe(session, "telegram", "-1", regions=["Sinai"], when=None, created_by="u1",
                                now=NOW)
        await pause(session, first.id, "Forbidden: bot was kicked", NOW)
    friday = WeeklyTime(4, "17:30", "Africa/Lagos")
    async with db.session() as session:
        again = await subscribe(session, "telegram", "-1", regions=["Borno"], when=friday, created_by="u2",
                                now=NOW + timedelta(days=2))
    assert again.id == first.id
    assert again.regions == ["Borno"]
    assert (again.weekday, again.time_of_day, again.timezone) == (4, "17:30", "Africa/Lagos")
    assert again.paused_reason is None
    assert as_utc(again.created_at) == NOW


async def test_paused_and_other_platform_subscriptions_are_not_active(db: Database) -> None:
    async with db.session() as session:
        kept = await subscribe(session, "telegram", "-1", regions=[], when=None, created_by=None, now=NOW)
        paused = await subscribe(session, "telegram", "-2", regions=[], when=None, created_by=None, now=NOW)
        await subscribe(session, "slack", "C1", regions=[], when=None, created_by=None, now=NOW)
        await pause(session, paused.id, "chat not found", NOW)
    async with db.session() as session:
        active = await active_digest_subscriptions(session, ["telegram"])
    assert [s.id for s in active] == [kept.id]


async def test_unsubscribe_removes_only_the_digest(db: Database) -> None:
    async with db.session() as session:
        await subscribe(session, "telegram", "-1", regions=[], when=None, created_by=None, now=NOW)
        await watch_source(session, "telegram", "-1", "u1", NOW)
    async with db.session() as session:
        assert await unsubscribe(session, "telegram", "-1") is True
        assert await unsubscribe(session, "telegram", "-1") is False
        assert await subscription_of(session, "telegram", "-1") is None
        assert await is_watched_source(session, "telegram", "-1") is True


async def test_watching_a_source_twice_is_one_watch(db: Database) -> None:
    async with db.session() as session:
        assert await is_watched_source(session, "telegram", "-5") is False
        assert await watch_source(session, "telegram", "-5", "u1", NOW) is True
        assert await watch_source(session, "telegram", "-5", "u2", NOW) is False
        assert await is_watched_source(session, "telegram", "-5") is True
        assert await unwatch_source(session, "telegram", "-5") is True
        assert await is_watched_source(session, "telegram", "-5") is False
