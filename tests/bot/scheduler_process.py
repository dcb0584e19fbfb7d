"""One bot process for the race test: the real Telegram transport and scheduler, on a clock fixed by argument.

`python -m tests.bot.scheduler_process DATABASE_URL API_BASE_URL TOKEN NOW FIRES` starts the
transport against the fake Bot API, runs the scheduler (ticking every second) until it
has fired FIRES times, and prints how many times it fired as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
from dataclasses import replace
from datetime import datetime, timedelta

from claimwatch.bot.scheduler import scheduled_posts
from claimwatch.bot.telegram import TelegramTransport
from claimwatch.handlers.context import Context
from claimwatch.storage.db import Database
from tests.bot.telegram_harness import FAST
from tests.conftest import FixedClock, make_settings


async def run(database_url: str, api_base_url: str, token: str, now: datetime, fires: int) -> int:
    db = Database(database_url)
    settings = make_settings(database_url=database_url, telegram_bot_token=token,
                             telegram_api_base_url=api_base_url)
    ctx = Context(settings, db, FixedClock(now))
    transport = TelegramTransport(ctx, replace(FAST, request_timeout=30))  # patient on a loaded machine
    await transport.start()
    try:
        async with scheduled_posts(ctx, [transport], tick=timedelta(seconds=1)) as scheduler:
            while scheduler.fires < fires:
                await asyncio.sleep(0.05)
            return scheduler.fires
    finally:
        await transport.stop()
        await db.close()


if __name__ == "__main__":
    url, base, token, now, fires = sys.argv[1:6]
    fired = asyncio.run(run(url, base, token, datetime.fromisoformat(now), int(fires)))
    print(json.dumps({"fires": fired}))
