"""Weekly posts and spike alerts: claim, compose, send, record — the same for the scheduler and the CLI.

Every post is claimed in the database before anything is composed or sent (see
storage/posts.py), so any number of processes may run this at the same time and
each chat gets each week's post once. A process claims only posts for platforms
it has a transport for: a Telegram-only process leaves Slack chats to another.
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from tenacity import AsyncRetrying, retry_if_exception_type, stop_after_attempt, wait_exponential

from claimwatch.bot.transport import DeliveryRefused, Transport
from claimwatch.handlers.context import Context
from claimwatch.handlers.schedule import last_due, post_trigger, week_ended_before
from claimwatch.handlers.types import Reply
from claimwatch.handlers.weekly_post import compose_weekly_post
from claimwatch.storage.db import DatabaseUnavailable
from claimwatch.storage.dialect import as_utc
from claimwatch.storage.models import Subscription
from claimwatch.storage.posts import (
    CLAIM_LEASE,
    claim_post,
    mark_sent,
    record_failure,
    record_refusal,
    sent_posts,
)
from claimwatch.storage.subscriptions import active_digest_subscriptions, pause

log = logging.getLogger(__name__)
Outcome = Literal["sent", "taken", "refused", "failed"]


def claimer_name() -> str:
    """Who holds a claim, for the logs and digest_posts.claimed_by: host, process, instance."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


@dataclass(frozen=True)
class Delivery:
    """What became of one post: sent (with the platform's message id), taken by another, or not sent."""

    subscription_id: int
    chat: str  # "telegram:-1001234"
    week: str
    outcome: Outcome
    detail: str | None = None  # the message id, or why not


class Poster:
    """Posts for one process: the transports it runs, and a claimer name of its own."""

    def __init__(
        self, ctx: Context, transports: Sequence[Transport], claimer: str | None = None,
        lease: timedelta = CLAIM_LEASE,
    ) -> None:
        self.ctx = ctx
        self.transports = {transport.platform: transport for transport in transports}
        self.claimer = claimer or claimer_name()
        self.lease = lease

    @property
    def platforms(self) -> list[str]:
        return list(self.transports)

    @property
    def grace(self) -> timedelta:
        return timedelta(hours=self.ctx.settings.digest_grace_hours)

    def due_week(self, subscription: Subscription, now: datetime) -> str | None:
        """The week whose post is due at `now`: due within the grace period, and not before subscribing."""
        due = last_due(post_trigger(subscription, self.ctx.settings), now, self.grace)
        if due is None or due < as_utc(subscription.created_at):
            return None
        return week_ended_before(due)

    async def post_due(self) -> list[Delivery]:
        """Post every week that is due and not yet delivered; what a scheduler runs on each fire."""
        now = self.ctx.clock()
        async with self.ctx.db.session() as session:
            subscriptions = await active_digest_subscriptions(session, self.transports)
            due = [(s, week) for s in subscriptions if (week := self.due_week(s, now))]
            delivered = await sent_posts(session, ((s.id, week) for s, week in due))
        pending = [(s, week) for s, week in due if (s.id, week) not in delivered]
        return [await self.post_week(subscription, week) for subscription, week in pending]

    async def post_week(self, subscription: Subscription, week: str) -> Delivery:
        """Claim, compose and send one chat's post for one week; only the claimer sends."""
        chat = f"{subscription.platform}:{subscription.chat_id}"
        async with self.ctx.db.session() as session:
            now = self.ctx.clock()
            post_id = await claim_post(session, subscription.id, week, self.claimer, now, self.lease)
        if post_id is None:
            return Delivery(subscription.id, chat, week, "taken")
        try:
            digest, *charts = await compose_weekly_post(self.ctx, subscription, week)
            message_id = await self.transports[subscription.platform].post(subscription.chat_id, digest)
        except DeliveryRefused as refused:
            log.warning("%s refuses the weekly post, pausing its subscription: %s", chat, refused.reason)
            async with self.ctx.db.session() as session:
                await record_refusal(session, post_id, subscription.id, refused.reason, self.ctx.clock())
            return Delivery(subscription.id, chat, week, "refused", refused.reason)
        except Exception as exc:  # retried after the lease, while the week is still within the grace period
            log.exception("weekly post %s to %s failed", week, chat)
            async with self.ctx.db.session() as session:
                await record_failure(session, post_id, f"{type(exc).__name__}: {exc}")
            return Delivery(subscription.id, chat, week, "failed", str(exc))
        await self._mark_sent(post_id, message_id)
        log.info("posted the digest of %s to %s (message %s)", week, chat, message_id)
        await self._send_charts(subscription, charts)
        return Delivery(subscription.id, chat, week, "sent", message_id)

    async def _send_charts(self, subscription: Subscription, charts: list[Reply]) -> None:
        """The further charts of a delivered post: best effort, since the digest itself went out."""
        for chart in charts:
            try:
                if not await self.send_extra(subscription, chart):
                    return
            except Exception:
                log.exception("a trend chart for %s:%s failed", subscription.platform, subscription.chat_id)

    async def _mark_sent(self, post_id: int, message_id: str) -> None:
        """Record the send, retrying a database hiccup: an unrecorded send is repeated after the lease."""
        async for attempt in AsyncRetrying(
            retry=retry_if_exception_type(DatabaseUnavailable), stop=stop_after_attempt(5),
            wait=wait_exponential(max=10), reraise=True,
        ):
            with attempt:
                async with self.ctx.db.session() as session:
                    await mark_sent(session, post_id, message_id, self.ctx.clock())

    async def send_extra(self, subscription: Subscription, reply: Reply) -> bool:
        """Send a reply outside any claim (a spike alert, a post's further charts); True when sent.

        A refusing chat is paused as for a weekly post; other failures are logged and raised."""
        chat = f"{subscription.platform}:{subscription.chat_id}"
        try:
            await self.transports[subscription.platform].post(subscription.chat_id, reply)
        except DeliveryRefused as refused:
            log.warning("%s refuses posts, pausing its subscription: %s", chat, refused.reason)
            async with self.ctx.db.session() as session:
                await pause(session, subscription.id, refused.reason, self.ctx.clock())
            return False
        return True
