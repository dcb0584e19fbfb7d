"""Telegram's faults injected in the fake Bot API (429, 403, 400, 500/502, timeouts); the token in logs."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from dataclasses import replace

import pytest

from claimwatch.bot.logs import configure_logging
from claimwatch.bot.posting import Poster
from claimwatch.bot.transport import DeliveryRefused
from claimwatch.handlers.context import Context
from claimwatch.handlers.types import Reply
from claimwatch.storage.subscriptions import subscribe, subscription_of
from tests.bot.telegram_harness import (
    ANALYST,
    ANALYST_CHAT,
    FAST,
    TEAM_GROUP,
    bot_context,
    fake_telegram,
    reply_to,
    running_bot,
)
from tests.fakes.telegram_api import (
    FakeTelegramApi,
    Fault,
    forbidden,
    server_error,
    slow,
    too_many_requests,
)

GROUP_ID = str(TEAM_GROUP["id"])


@pytest.fixture
async def api() -> AsyncIterator[FakeTelegramApi]:
    async with fake_telegram() as fake:
        yield fake


def help_request(api: FakeTelegramApi) -> dict[str, object]:
    return api.message(ANALYST_CHAT, ANALYST, "/help")


def statuses(api: FakeTelegramApi, method: str) -> list[int]:
    return [call.status for call in api.calls_of(method)]


async def test_a_429_is_waited_out_and_the_reply_resent(ctx: Context, api: FakeTelegramApi) -> None:
    api.inject("sendMessage", too_many_requests(retry_after=1))
    async with running_bot(ctx, api):
        answer = await reply_to(api, help_request(api))
    assert answer.text.startswith("ClaimWatch")
    assert statuses(api, "sendMessage") == [429, 200]


@pytest.mark.parametrize("status", [500, 502])
async def test_a_server_error_is_retried_with_backoff(
    ctx: Context, api: FakeTelegramApi, status: int, caplog: pytest.LogCaptureFixture
) -> None:
    api.inject("sendMessage", server_error(status))
    async with running_bot(ctx, api):
        answer = await reply_to(api, help_request(api))
    assert answer.text.startswith("ClaimWatch")
    assert statuses(api, "sendMessage") == [status, 200]
    assert "Telegram sendMessage failed" in caplog.text and "retrying" in caplog.text


async def test_a_timeout_is_retried(
    ctx: Context, api: FakeTelegramApi, caplog: pytest.LogCaptureFixture
) -> None:
    impatient = replace(FAST, request_timeout=0.5)
    api.inject("sendMessage", slow(1.0))
    async with running_bot(ctx, api, options=impatient):
        await reply_to(api, help_request(api))
    assert len(api.calls_of("sendMessage")) >= 2
    assert "Timed out" in caplog.text


async def test_when_retries_run_out_the_reply_is_given_up_and_the_bot_serves_on(
    ctx: Context, api: FakeTelegramApi, caplog: pytest.LogCaptureFixture
) -> None:
    api.inject("sendMessage", *[server_error(500)] * FAST.retry.attempts)
    async with running_bot(ctx, api):
        await api.push(help_request(api))
        await api.wait_calls("sendMessage", FAST.retry.attempts)
        answer = await reply_to(api, help_request(api))
    assert answer.text.startswith("ClaimWatch")
    assert statuses(api, "sendMessage") == [500] * FAST.retry.attempts + [200]
    assert "gave up replying to message" in caplog.text


async def test_polling_goes_on_after_a_bad_gateway(ctx: Context, api: FakeTelegramApi) -> None:
    api.inject("getUpdates", server_error(502))
    async with running_bot(ctx, api):
        answer = await reply_to(api, help_request(api))
    assert answer.text.startswith("ClaimWatch")
    assert statuses(api, "getUpdates")[0] == 502


async def test_a_blocked_reply_is_logged_and_the_bot_serves_on(
    ctx: Context, api: FakeTelegramApi, caplog: pytest.LogCaptureFixture
) -> None:
    api.inject("sendMessage", forbidden())
    async with running_bot(ctx, api):
        await api.push(help_request(api))
        answer = await reply_to(api, help_request(api))
    assert answer.text.startswith("ClaimWatch")
    assert statuses(api, "sendMessage") == [403, 200]  # a refusal is not retried
    assert "Telegram refused a reply" in caplog.text


@pytest.mark.parametrize("fault", [
    forbidden("Forbidden: bot was kicked from the supergroup chat"),
    Fault(400, "Bad Request: chat not found"),
], ids=["kicked", "chat-not-found"])
async def test_a_refused_post_raises_delivery_refused(
    ctx: Context, api: FakeTelegramApi, fault: Fault
) -> None:
    api.inject("sendMessage", fault)
    async with running_bot(ctx, api) as bot:
        with pytest.raises(DeliveryRefused) as refused:
            await bot.post(GROUP_ID, Reply.text("Weekly digest"))
        message_id = await bot.post(GROUP_ID, Reply.text("Weekly digest"))  # the transport still works
    assert refused.value.chat_id == GROUP_ID
    assert fault.description.split(": ", 1)[1] in refused.value.reason.lower()
    assert statuses(api, "sendMessage") == [fault.status, 200]
    assert message_id == str(api.sent("sendMessage")[0].result["message_id"])


async def test_a_403_on_the_weekly_post_pauses_the_subscription(ctx: Context, api: FakeTelegramApi) -> None:
    kicked = "Forbidden: bot was kicked from the supergroup chat"
    bot_ctx = bot_context(ctx, api)
    async with bot_ctx.db.session() as session:
        subscription = await subscribe(session, "telegram", GROUP_ID, regions=[], when=None,
                                       created_by="1001", now=ctx.clock())
    api.inject("sendMessage", forbidden(kicked))
    async with running_bot(ctx, api) as bot:
        delivery = await Poster(bot_ctx, [bot]).post_week(subscription, "2023-W01")
    assert (delivery.outcome, delivery.detail) == ("refused", kicked)
    async with ctx.db.session() as session:
        paused = await subscription_of(session, "telegram", GROUP_ID)
    assert paused is not None and paused.paused_reason == kicked


@pytest.fixture
def restored_logging() -> Iterator[None]:
    """configure_logging replaces the root handlers; put pytest's back afterwards."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    quiet = {name: logging.getLogger(name).level for name in ("httpx", "httpcore", "apscheduler.executors",
                                                              "aiohttp.access", "alembic")}
    yield
    root.handlers[:] = handlers
    root.setLevel(level)
    for name, old in quiet.items():
        logging.getLogger(name).setLevel(old)


async def test_the_token_never_reaches_a_log_line(
    ctx: Context, api: FakeTelegramApi, capsys: pytest.CaptureFixture[str], restored_logging: None
) -> None:
    configure_logging("DEBUG", [api.token])
    logging.getLogger("httpx").setLevel(logging.INFO)  # its request lines carry the token in the URL
    api.inject("getUpdates", server_error(502))
    api.inject("sendMessage", server_error(500))
    document = api.add_file(b"16 attacks in Sinai last week", "report.txt")
    async with running_bot(ctx, api):
        await reply_to(api, help_request(api))
        await reply_to(api, api.message(ANALYST_CHAT, ANALYST, document=document))
    logged = capsys.readouterr().err
    assert "/bot***/sendMessage" in logged and "/file/bot***/documents/" in logged  # URLs logged, redacted
    assert "Bad Gateway" in logged and "Internal Server Error" in logged  # the faults' tracebacks too
    assert api.token not in logged and api.token.split(":")[1] not in logged
