"""Claims on unprompted posts, so each goes out once however many schedulers run.

A weekly post is one digest_posts row per subscription and week. A scheduler
claims it with a single INSERT … ON CONFLICT DO UPDATE … WHERE … RETURNING: the
row is inserted, or taken over only when it is unsent and its claim older than
the lease; the statement returns the row's id to the one claimer that won and
nothing to everyone else. Only the claimer sends, then marks the row sent. A
claimer that dies before sending leaves an unsent row that another scheduler
takes over once the lease has run out.

Spike alerts are one spike_alerts row per subscription, region and week, claimed
by an INSERT … ON CONFLICT DO NOTHING: at most once.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from claimwatch.storage.dialect import insert_for, utc
from claimwatch.storage.models import DigestPost, SpikeAlert
from claimwatch.storage.subscriptions import pause

CLAIM_LEASE = timedelta(minutes=10)  # far longer than one send, which the transports time out in seconds


async def claim_post(
    session: AsyncSession,
    subscription_id: int,
    week: str,
    claimer: str,
    now: datetime,
    lease: timedelta = CLAIM_LEASE,
) -> int | None:
    """The claimed row's id when this claimer may send the week's post; None when another has it."""
    claimed_at = utc(now)
    statement = insert_for(session, DigestPost).values(
        subscription_id=subscription_id, week=week, claimed_by=claimer, claimed_at=claimed_at
    )
    takeover = statement.on_conflict_do_update(
        index_elements=["subscription_id", "week"],
        set_={"claimed_by": claimer, "claimed_at": claimed_at, "error": None},
        where=DigestPost.sent_at.is_(None) & (DigestPost.claimed_at < claimed_at - lease),
    ).returning(DigestPost.id)
    return (await session.execute(takeover)).scalar_one_or_none()


async def mark_sent(session: AsyncSession, post_id: int, message_id: str, now: datetime) -> None:
    """Record the delivered post and the platform's id for it; from here on nobody claims it again."""
    await session.execute(
        update(DigestPost)
        .where(DigestPost.id == post_id)
        .values(sent_at=utc(now), platform_message_id=message_id, error=None)
    )


async def record_failure(session: AsyncSession, post_id: int, error: str) -> None:
    """Keep why a send failed; the claim stays, so the post is retried once its lease runs out."""
    await session.execute(
        update(DigestPost)
        .where(DigestPost.id == post_id, DigestPost.sent_at.is_(None))
        .values(error=error[:2000])
    )


async def record_refusal(
    session: AsyncSession, post_id: int, subscription_id: int, reason: str, now: datetime
) -> None:
    """The platform refuses the chat for good (bot removed, channel gone): pause it with the reason."""
    await record_failure(session, post_id, f"refused: {reason}")
    await pause(session, subscription_id, reason, now)


async def sent_posts(session: AsyncSession, keys: Iterable[tuple[int, str]]) -> set[tuple[int, str]]:
    """Which (subscription id, week) pairs are already delivered: a tick skips them without writing."""
    wanted = set(keys)
    if not wanted:
        return set()
    rows = await session.execute(
        select(DigestPost.subscription_id, DigestPost.week).where(
            DigestPost.subscription_id.in_({subscription_id for subscription_id, _ in wanted}),
            DigestPost.week.in_({week for _, week in wanted}),
            DigestPost.sent_at.is_not(None),
        )
    )
    return wanted & {(subscription_id, week) for subscription_id, week in rows}


async def latest_post(session: AsyncSession, subscription_id: int) -> DigestPost | None:
    """The subscription's most recent weekly post row, sent or not (for /subscriptions)."""
    return await session.scalar(
        select(DigestPost)
        .where(DigestPost.subscription_id == subscription_id)
        .order_by(DigestPost.week.desc())
        .limit(1)
    )


async def claim_alert(
    session: AsyncSession, subscription_id: int, region: str, week: str, attacks: float
) -> int | None:
    """The new alert row's id when nobody has alerted this chat to this region's week yet."""
    statement = insert_for(session, SpikeAlert).values(
        subscription_id=subscription_id, region=region, week=week, value=attacks
    )
    inserted = await session.execute(
        statement.on_conflict_do_nothing(index_elements=["subscription_id", "region", "week"]).returning(
            SpikeAlert.id
        )
    )
    return inserted.scalar_one_or_none()


async def mark_alert_sent(session: AsyncSession, alert_id: int, now: datetime) -> None:
    await session.execute(update(SpikeAlert).where(SpikeAlert.id == alert_id).values(sent_at=utc(now)))


async def release_alert(session: AsyncSession, alert_id: int) -> None:
    """Give up an alert whose send failed, so the next article on that region and week tries again."""
    await session.execute(delete(SpikeAlert).where(SpikeAlert.id == alert_id, SpikeAlert.sent_at.is_(None)))
