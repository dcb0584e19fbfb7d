"""The Telegram transport running for real (PTB's Application) against the fake Bot API on loopback.

Timings are shrunk so the suite stays fast: a one-second long poll, a short burst
window, and backoff in hundredths of a second. Everything else is the production code.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from claimwatch.bot.telegram import TelegramOptions, TelegramTransport
from claimwatch.bot.telegram_send import RetryPolicy
from claimwatch.handlers.context import Context
from tests.conftest import make_settings
from tests.fakes.telegram_api import Call, FakeTelegramApi, chat, user

ANALYST_ID = 1001
ANALYST = user(ANALYST_ID, "Layla", "layla_analyst")
ANALYST_CHAT = chat(ANALYST_ID)
TEAM_GROUP = chat(-1001200300400, "supergroup", "Sahel monitoring")
AMAQ = chat(-1001500600700, "channel", "Amaq Agency", "amaq_agency")
POSTED = datetime(2023, 1, 12, 18, 30, tzinfo=UTC)  # when the forwarded originals were first posted

FAST = TelegramOptions(
    burst_window=0.3,
    poll_timeout=1,
    request_timeout=3,
    retry=RetryPolicy(attempts=3, first_wait=0.01, max_wait=0.05),
)


@asynccontextmanager
async def fake_telegram() -> AsyncIterator[FakeTelegramApi]:
    api = FakeTelegramApi()
    await api.start()
    try:
        yield api
    finally:
        await api.stop()


def bot_context(ctx: Context, api: FakeTelegramApi, **settings: Any) -> Context:
    """The test's context with settings that point the bot at the fake."""
    values: dict[str, Any] = {"database_url": ctx.settings.database_url, "telegram_bot_token": api.token,
                              "telegram_api_base_url": api.base_url, **settings}
    return replace(ctx, settings=make_settings(**values))


@asynccontextmanager
async def running_bot(ctx: Context, api: FakeTelegramApi, options: TelegramOptions = FAST,
                      **settings: Any) -> AsyncIterator[TelegramTransport]:
    """A started transport, polling the fake; stopped (bursts answered) on exit."""
    transport = TelegramTransport(bot_context(ctx, api, **settings), options)
    await transport.start()
    try:
        yield transport
    finally:
        await transport.stop()


async def reply_to(api: FakeTelegramApi, message: dict[str, Any], kind: str = "message") -> Call:
    """Push a message and wait for the bot's next sendMessage: that answer."""
    before = len(api.sent("sendMessage"))
    await api.push(message, kind)
    return (await api.wait_for("sendMessage", before + 1))[before]
