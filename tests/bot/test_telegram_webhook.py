"""Webhook mode: updates POSTed to the shared HTTP server, each one checked for the secret token."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest

from claimwatch.bot.http import HttpServer
from claimwatch.bot.telegram import SECRET_HEADER, TelegramTransport
from claimwatch.handlers.context import Context
from tests.bot.telegram_harness import ANALYST, ANALYST_CHAT, FAST, bot_context, fake_telegram
from tests.fakes.telegram_api import FakeTelegramApi

WEBHOOK_URL = "https://claimwatch.example.org/telegram/updates"
SECRET = "s3cret-Token_for-the-hook"


@dataclass
class Webhook:
    api: FakeTelegramApi
    http: HttpServer
    session: aiohttp.ClientSession

    async def post(self, body: Any, secret: str | None) -> int:
        """POST a body as Telegram would; the HTTP status."""
        headers = {SECRET_HEADER: secret} if secret is not None else {}
        async with self.session.post(self.url("/telegram/updates"), json=body, headers=headers) as response:
            return response.status

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.http.port}{path}"

    def update(self, text: str) -> dict[str, Any]:
        return self.api.update_json(self.api.message(ANALYST_CHAT, ANALYST, text))


@asynccontextmanager
async def serving_webhook(ctx: Context, **settings: Any) -> AsyncIterator[Webhook]:
    """The transport in webhook mode on a shared HttpServer, as `claimwatch run` wires it."""
    async with fake_telegram() as api:
        bot_ctx = bot_context(ctx, api, telegram_webhook_url=WEBHOOK_URL, **settings)
        transport = TelegramTransport(bot_ctx, FAST)
        http = HttpServer(bot_ctx.db, 0, host="127.0.0.1")
        http.add_routes(transport.routes())
        await http.start()
        await transport.start()
        try:
            async with aiohttp.ClientSession() as session:
                yield Webhook(api, http, session)
        finally:
            await transport.stop()
            await http.stop()


async def test_webhook_mode_registers_the_hook_with_its_secret_and_does_not_poll(ctx: Context) -> None:
    async with (serving_webhook(ctx, telegram_webhook_secret=SECRET) as hook,
                hook.session.get(hook.url("/healthz")) as health):
        assert health.status == 200
    [registered] = hook.api.sent("setWebhook")
    assert (registered.params["url"], registered.params["secret_token"]) == (WEBHOOK_URL, SECRET)
    assert not hook.api.calls_of("getUpdates")


async def test_an_update_with_the_secret_is_answered(ctx: Context) -> None:
    async with serving_webhook(ctx, telegram_webhook_secret=SECRET) as hook:
        assert await hook.post(hook.update("/help"), SECRET) == 200
        [answer] = await hook.api.wait_for("sendMessage")
    assert answer.text.startswith("ClaimWatch")


@pytest.mark.parametrize("secret", ["not-the-secret", "", None], ids=["wrong", "empty", "missing"])
async def test_an_update_without_the_secret_is_refused_and_not_processed(
    ctx: Context, secret: str | None
) -> None:
    async with serving_webhook(ctx, telegram_webhook_secret=SECRET) as hook:
        assert await hook.post(hook.update("/help"), secret) == 403
        assert await hook.post(hook.update("/help"), SECRET) == 200  # the next, good one is answered…
        await hook.api.wait_for("sendMessage")
    assert len(hook.api.sent("sendMessage")) == 1  # …and it is the only answer


async def test_without_a_configured_secret_one_is_derived_and_enforced(ctx: Context) -> None:
    async with serving_webhook(ctx) as hook:
        [registered] = hook.api.sent("setWebhook")
        derived = registered.params["secret_token"]
        assert await hook.post(hook.update("/help"), "") == 403
        assert await hook.post(hook.update("/help"), derived) == 200
        await hook.api.wait_for("sendMessage")
    assert len(derived) >= 32 and hook.api.token.split(":")[1] not in derived


@pytest.mark.parametrize("body", [["not", "an", "update"], "text", {"no_update_id": True}],
                         ids=["list", "string", "no-update-id"])
async def test_a_body_that_is_no_update_is_a_400(ctx: Context, body: Any) -> None:
    async with serving_webhook(ctx, telegram_webhook_secret=SECRET) as hook:
        assert await hook.post(body, SECRET) == 400
        assert await hook.post(hook.update("/help"), SECRET) == 200
        await hook.api.wait_for("sendMessage")
