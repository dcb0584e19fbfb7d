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
from claimwatch.bot.transport import Transport
from claimwatch.config.settings import Settings
from claimwatch.handlers.context import Context
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
        yield Context(settings=settings, db=db)
    finally:
        await db.close()


def build_transports(ctx: Context) -> list[Transport]:
    """Every platform whose credentials are set."""
    return []


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
    started: list[Transport] = []
    try:
        for transport in transports:
            await transport.start()
            started.append(transport)
            log.info("%s transport started", transport.platform)
        await stop.wait()
    finally:
        log.info("shutting down")
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
