"""Only requests Slack signed are taken, and no token or secret reaches a log."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from claimwatch.bot.transport import DeliveryRefused
from claimwatch.handlers.context import Context
from claimwatch.handlers.types import Reply
from claimwatch.storage.models import Article
from tests.bot.slack_harness import TEAM_CHANNEL, SlackHarness, dm, running_slack, sign
from tests.bot.test_slack_events import ARTICLE
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, RESPONSE_URL, SIGNING_SECRET, api_error, rate_limited

STALE_SECONDS = 6 * 60  # Bolt accepts timestamps within five minutes


@pytest.fixture
async def slack(ctx: Context) -> AsyncIterator[SlackHarness]:
    async with running_slack(ctx) as harness:
        yield harness


async def stored_articles(ctx: Context) -> int:
    async with ctx.db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Article)) or 0)


@pytest.mark.parametrize(("secret", "skew"), [
    ("not-the-signing-secret", 0), (SIGNING_SECRET, -STALE_SECONDS), (SIGNING_SECRET, STALE_SECONDS),
], ids=["wrong-secret", "stale", "from-the-future"])
async def test_a_request_not_signed_by_slack_gets_401_and_touches_nothing(
    slack: SlackHarness, ctx: Context, secret: str, skew: int
) -> None:
    signing = {"secret": secret, "timestamp": int(time.time()) + skew}
    calls_at_start = len(slack.api.calls)
    event = await slack.send_event(dm(ARTICLE), **signing)
    command = await slack.send_command("/digest", "", **signing)
    await slack.transport.drain()
    assert (event.status, command.status) == (401, 401)
    assert slack.api.calls[calls_at_start:] == []
    assert await stored_articles(ctx) == 0


async def test_a_body_changed_after_signing_gets_401(slack: SlackHarness, ctx: Context) -> None:
    stamp = int(time.time())
    signed_for_another_body = sign(json.dumps({"type": "event_callback"}), stamp)
    body = json.dumps({"type": "event_callback", "event": dm(ARTICLE)})
    answer = await slack.post(body, "application/json", timestamp=stamp,
                              headers={"X-Slack-Signature": signed_for_another_body})
    assert answer.status == 401
    assert await stored_articles(ctx) == 0


async def test_an_unsigned_request_gets_401(slack: SlackHarness) -> None:
    unsigned = {"type": "event_callback", "event": dm(ARTICLE)}
    async with slack.session.post(slack.url, json=unsigned) as response:
        assert response.status == 401


async def test_slacks_url_check_is_answered_with_its_challenge(slack: SlackHarness) -> None:
    answer = await slack.post(json.dumps({"type": "url_verification", "challenge": "c4a11e9e", "token": "x"}),
                              "application/json")
    assert answer.status == 200
    assert json.loads(answer.body)["challenge"] == "c4a11e9e"


async def test_health_is_served_beside_the_slack_events(slack: SlackHarness) -> None:
    async with slack.session.get(f"http://127.0.0.1:{slack.http.port}/healthz") as response:
        assert response.status == 200


async def test_tokens_and_the_signing_secret_never_reach_a_log(
    ctx: Context, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with running_slack(ctx) as slack:
        await slack.send_event(dm(ARTICLE))
        await slack.api.wait_for("chat.postMessage")
        slack.api.fault(RESPONSE_URL, rate_limited(0))
        await slack.send_command("/digest", "")
        await slack.api.wait_for(RESPONSE_URL, count=2)
        await slack.send_event(dm(ARTICLE), secret="forged")
        slack.api.fault("chat.postMessage", api_error("not_in_channel"))
        with pytest.raises(DeliveryRefused):
            await slack.transport.post(TEAM_CHANNEL, Reply.text("weekly digest"))
    logged = caplog.text
    assert "chat.postMessage" in logged and "not_in_channel" in logged  # the calls were logged in detail
    for secret in (BOT_TOKEN, SIGNING_SECRET, APP_TOKEN, BOT_TOKEN.split("-")[-1]):
        assert secret not in logged
