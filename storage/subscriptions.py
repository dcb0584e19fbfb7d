"""Which chats receive the weekly digest (kind "digest") and which channels feed the bot (kind "source")."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from claimwatch.storage.dialect import insert_for, utc
from claimwatch.storage.models import Subscription

DIGEST = "digest"
SOURCE = "source"


@dataclass(frozen=True)
class WeeklyTime:
    """A chat's own posting time: weekday (0 = Monday) and "HH:MM" in `timezone` (None: the bot's zone)."""

    weekday: int
    time_of_day: str
    timezone: str | None = None


async def subscribe(
    session: AsyncSession,
    platform: str,
    chat_id: str,
    *,
    regions: Sequence[str],
    when: WeeklyTime | None,
    created_by: str | None,
    now: datetime,
) -> Subscription:
    """Create or replace a chat's digest subscription; subscribing again also resumes a paused one.

    One upsert, so two admins typing /subscribe at once leave one row, not an error.
    created_at is kept on a re-subscribe: a resumed chat still gets the week it missed."""
    schedule = {
        "regions": list(regions),
        "weekday": when.weekday if when else None,
        "time_of_day": when.time_of_day if when else None,
        "timezone": when.timezone if when else None,
        "paused_reason": None,
        "paused_at": None,
    }
    statement = insert_for(session, Subscription).values(
        platform=platform, chat_id=chat_id, kind=DIGEST, created_by=created_by, created_at=utc(now),
        **schedule,
    )
    upsert = statement.on_conflict_do_update(
        index_elements=["platform", "chat_id", "kind"], set_=schedule
    ).returning(Subscription)
    rows = await session.scalars(upsert, execution_options={"populate_existing": True})
    return rows.one()


async def unsubscribe(session: AsyncSession, platform: str, chat_id: str) -> bool:
    """Stop a chat's digest; False when it had none. Its post history goes with it."""
    result = await session.execute(
        delete(Subscription).where(
            Subscription.platform == platform, Subscription.chat_id == chat_id, Subscription.kind == DIGEST
        )
    )
    return bool(result.rowcount)


async def subscription_of(
    session: AsyncSession, platform: str, chat_id: str, kind: str = DIGEST
) -> Subscription | None:
    return await session.scalar(
        select(Subscription).where(
            Subscription.platform == platform, Subscription.chat_id == chat_id, Subscription.kind == kind
        )
    )


async def active_digest_subscriptions(
    session: AsyncSession, platforms: Collection[str], chat_id: str | None = None
) -> list[Subscription]:
    """Digest subscriptions not paused, on the platforms this process can post to (optionally one chat)."""
    query = select(Subscription).where(
        Subscription.kind == DIGEST,
        Subscription.paused_reason.is_(None),
        Subscription.platform.in_(list(platforms)),
    )
    if chat_id is not None:
        query = query.where(Subscription.chat_id == chat_id)
    return list(await session.scalars(query.order_by(Subscription.id)))


def follows(subscription: Subscription, region: str) -> bool:
    """Whether a subscription covers a region: no regions listed means all of them."""
    return not subscription.regions or region in subscription.regions


async def pause(session: AsyncSession, subscription_id: int, reason: str, now: datetime) -> None:
    """Stop posting to a chat the platform refuses, keeping the reason to show in /subscriptions."""
    await session.execute(
        update(Subscription)
        .where(Subscription.id == subscription_id)
        .values(paused_reason=reason[:1000], paused_at=utc(now))
    )


async def watch_source(
    session: AsyncSession, platform: str, chat_id: str, created_by: str | None, now: datetime
) -> bool:
    """Ingest a channel's own posts from now on; False when it was already watched."""
    statement = insert_for(session, Subscription).values(
        platform=platform, chat_id=chat_id, kind=SOURCE, regions=[], created_by=created_by,
        created_at=utc(now),
    )
    inserted = await session.execute(
        statement.on_conflict_do_nothing(index_elements=["platform", "chat_id", "kind"]).returning(
            Subscription.id
        )
    )
    return inserted.scalar_one_or_none() is not None


async def unwatch_source(session: AsyncSession, platform: str, chat_id: str) -> bool:
    """Stop ingesting a channel's posts; False when it was not watched."""
    result = await session.execute(
        delete(Subscription).where(
            Subscription.platform == platform, Subscription.chat_id == chat_id, Subscription.kind == SOURCE
        )
    )
    return bool(result.rowcount)


async def is_watched_source(session: AsyncSession, platform: str, chat_id: str) -> bool:
    """Whether a channel's own posts are articles to ingest (an admin typed /watch there)."""
    return await subscription_of(session, platform, chat_id, SOURCE) is not None
