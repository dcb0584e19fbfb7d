"""Wiring: settings → database → context → transports, HTTP server and scheduler; orderly shutdown."""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from claimwatch.bot.console import Console
from claimwatch.bot.http import HttpServer
from claimwatch.bot.scheduler import scheduled_posts
from claimwatch.bot.transport import Transport
from claimwatch.config.settings import Settings
from claimwatch.handlers.context import Context
from claimwatch.handlers.ingest import replay_spool
from claimwatch.storage.db import Database, describe

log = logging.getLogger(__name__)

NO_PLATFORM = """No platform is configured, so ClaimWatch opens the console chat on {database}.
To connect a platform, set its credentials and run `claimwatch run` again:
  Telegram: TELEGRAM_BOT_TOKEN=123456:ABC…  (from @BotFather)
  Slack:    SLACK_BOT_TOKEN=xoxb-… and SLACK_APP_TOKEN=xapp-… (Socket Mode)
            or SLACK_BOT_TOKEN=xoxb-… and SLACK_SIGNING_SECRET=… (HTTP mode)
"""


@asynccontextmanager
async def open_context(settings: Settings) -> AsyncIterator[Context]:
    """A context on a migrated database, closed on exit; DatabaseUnavailable if it can't be reached."""
    db = Database(settings.database_url)
    try:
        await db.upgrade()
        ctx = Context(settings=settings, db=db)
        await replay_spooled_messages(ctx)
        yield ctx
    finally:
        await db.close()


SPOOL_REPLAY_SECONDS = 30.0


async def replay_spooled_messages(ctx: Context, every: float | None = None) -> None:
    """Ingest what the spool kept during a database outage: once, or every `every` seconds until cancelled."""
    while True:
        try:
            await replay_spool(ctx)
        except Exception:  # a replay that fails now is retried on the next round
            log.exception("spool replay failed")
        if every is None:
            return
        await asyncio.sleep(every)


def build_transports(ctx: Context) -> list[Transport]:
    """Every platform whose credentials are set."""
    transports: list[Transport] = []
    if ctx.settings.telegram_enabled:
        from claimwatch.bot.telegram import TelegramTransport

        transports.append(TelegramTransport(ctx))
    if ctx.settings.slack_enabled:
        from claimwatch.bot.slack import SlackTransport

        transports.append(SlackTransport(ctx))
    return transports


async def serve_platforms(ctx: Context, transports: list[Transport]) -> None:
    """Run the transports and the HTTP server until SIGINT/SIGTERM."""
    http = HttpServer(ctx.db, ctx.settings.http_port)
    for transport in transports:
        http.add_routes(transport.routes())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await http.start()
    replayer = asyncio.create_task(replay_spooled_messages(ctx, every=SPOOL_REPLAY_SECONDS))
    started: list[Transport] = []
    try:
        for transport in transports:
            await transport.start()
            started.append(transport)
            log.info("%s transport started", transport.platform)
        async with scheduled_posts(ctx, started):  # weekly posts and spike alerts: bot/scheduler.py
            await stop.wait()
    finally:
        log.info("shutting down")
        replayer.cancel()
        for transport in reversed(started):
            await transport.stop()
        await http.stop()


async def run(settings: Settings) -> None:
    """`claimwatch run`: the configured platforms, or the console chat when there are none."""
    async with open_context(settings) as ctx:
        transports = build_transports(ctx)
        if not transports:
            sys.stderr.write(NO_PLATFORM.format(database=describe(settings.database_url)))
            await Console(ctx).serve()
            return
        await serve_platforms(ctx, transports)
