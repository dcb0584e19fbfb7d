"""When to look for due posts: APScheduler fires, the database decides.

APScheduler 3 runs in memory here (AsyncIOScheduler, default MemoryJobStore) and the
jobs are added again at every start: its SQLAlchemyJobStore is synchronous, pickles
jobs and, by its own FAQ, cannot share jobs between processes. Sharing happens in the
database instead — each fire calls Poster.post_due, which claims every due
(subscription, week) row before sending — so any number of processes may fire.

Two jobs call it: CLAIMWATCH_DIGEST_CRON in CLAIMWATCH_TIMEZONE, so the bot's
schedule posts on the minute, and a frequent tick, for chats with their own day and
time, retries after a lease ran out, and the catch-up after downtime (the tick
also fires once at start). Whether something is due is decided on the context's
clock, so tests set the time instead of waiting for Monday.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import datetime, timedelta

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from claimwatch.bot.alerts import spike_alert_hook
from claimwatch.bot.posting import Poster
from claimwatch.bot.transport import Transport
from claimwatch.handlers.context import Context

log = logging.getLogger(__name__)
TICK = timedelta(minutes=1)


class DigestScheduler:
    """The two jobs of one process, and a count of how often they fired (for logs and tests)."""

    def __init__(self, ctx: Context, poster: Poster, tick: timedelta = TICK) -> None:
        self.ctx = ctx
        self.poster = poster
        self.tick = tick
        self.scheduler = AsyncIOScheduler(timezone=ctx.settings.zone)
        self.fires = 0
        self._pass = asyncio.Lock()

    def start(self) -> None:
        """Start and add both jobs (replacing any of the same id); the tick runs once right away."""
        settings = self.ctx.settings
        options = {"coalesce": True, "max_instances": 1, "replace_existing": True}
        self.scheduler.start()
        self.scheduler.add_job(
            self.fire, CronTrigger.from_crontab(settings.digest_cron, timezone=settings.zone),
            id="weekly-digest", name="weekly digest (CLAIMWATCH_DIGEST_CRON)", **options,
        )
        self.scheduler.add_job(
            self.fire, IntervalTrigger(seconds=self.tick.total_seconds(), timezone=settings.zone),
            id="due-posts-tick", name="due weekly posts", next_run_time=datetime.now(settings.zone),
            **options,
        )
        log.info("scheduler started: weekly digest at %r (%s), due posts checked every %s; claimer %s",
                 settings.digest_cron, settings.timezone, self.tick, self.poster.claimer)

    async def fire(self) -> None:
        """One pass over the due posts; skipped while the previous pass of this process still runs."""
        if self._pass.locked():
            return
        async with self._pass:
            self.fires += 1
            try:
                await self.poster.post_due()
            except Exception:  # the next fire tries again; the scheduler must keep running
                log.exception("posting the due weekly digests failed")

    async def stop(self) -> None:
        """No new fires, let the pass in hand finish its send, then shut APScheduler down."""
        if not self.scheduler.running:
            return
        self.scheduler.pause()
        async with self._pass:
            self.scheduler.shutdown(wait=False)


@asynccontextmanager
async def scheduled_posts(
    ctx: Context, transports: Sequence[Transport], tick: timedelta = TICK
) -> AsyncIterator[DigestScheduler]:
    """Weekly posts and spike alerts through the running transports, for as long as the block runs."""
    poster = Poster(ctx, transports)
    hook = spike_alert_hook(poster)
    ctx.after_ingest.append(hook)
    scheduler = DigestScheduler(ctx, poster, tick)
    scheduler.start()
    try:
        yield scheduler
    finally:
        await scheduler.stop()
        ctx.after_ingest.remove(hook)
