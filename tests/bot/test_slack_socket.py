"""Socket Mode: the same app over the WebSocket Slack opens with apps.connections.open, no public URL."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest

from claimwatch.bot.slack import SlackTransport
from claimwatch.handlers.context import Context
from tests.bot.slack_harness import DM_CHANNEL, FIRST_TS, TEAM_CHANNEL, dm, event_callback
from tests.bot.test_slack_events import ARTICLE
from tests.conftest import make_settings
from tests.fakes.slack_api import APP_TOKEN, BOT_TOKEN, RESPONSE_URL, SOCKET_ACK, FakeSlackApi


@dataclass
class SocketSlack:
    api: FakeSlackApi
    transport: SlackTransport


@pytest.fixture
async def slack(ctx: Context, caplog: pytest.LogCaptureFixture) -> AsyncIterator[SocketSlack]:
    caplog.set_level(logging.DEBUG)
    api = FakeSlackApi()
    await api.start()
    settings = make_settings(database_url=ctx.settings.database_url, slack_bot_token=BOT_TOKEN,
                             slack_app_token=APP_TOKEN, slack_api_url=api.api_url)
    transport = SlackTransport(Context(settings=settings, db=ctx.db, clock=ctx.clock))
    assert transport.routes() == []
    await transport.start()
    try:
        await api.wait_for_socket()
        yield SocketSlack(api, transport)
    finally:
        await transport.stop()
        await api.stop()


def envelope(kind: str, envelope_id: str, payload: dict[str, Any], retry_attempt: int = 0) -> dict[str, Any]:
    return {"envelope_id": envelope_id, "type": kind, "payload": payload, "retry_attempt": retry_attempt,
            "retry_reason": "timeout" if retry_attempt else "",
            "accepts_response_payload": kind != "events_api"}


async def test_a_dm_over_the_socket_is_acknowledged_and_answered_in_its_thread(
    slack: SocketSlack, caplog: pytest.LogCaptureFixture
) -> None:
    await slack.api.push_envelope(envelope("events_api", "env-1", event_callback(dm(ARTICLE))))
    [ack] = await slack.api.wait_for(SOCKET_ACK)
    [reply] = await slack.api.wait_for("chat.postMessage")
    assert ack.params["envelope_id"] == "env-1"
    assert (reply.params["channel"], reply.params["thread_ts"]) == (DM_CHANNEL, f"{FIRST_TS}.000100")
    assert {c.token for c in slack.api.calls_to("apps.connections.open")} == {APP_TOKEN}
    assert "env-1" in caplog.text  # the socket traffic was logged, and without the tokens
    assert APP_TOKEN not in caplog.text and BOT_TOKEN not in caplog.text


async def test_a_redelivered_envelope_is_acknowledged_but_not_answered_again(
    slack: SocketSlack,
) -> None:
    event = event_callback(dm(ARTICLE), event_id="Ev0SOCKET")
    await slack.api.push_envelope(envelope("events_api", "env-1", event))
    await slack.api.wait_for("chat.postMessage")
    await slack.api.push_envelope(envelope("events_api", "env-2", event, retry_attempt=1))
    acks = await slack.api.wait_for(SOCKET_ACK, count=2)
    await slack.transport.drain()
    assert [a.params["envelope_id"] for a in acks] == ["env-1", "env-2"]
    assert len(slack.api.calls_to("chat.postMessage")) == 1


async def test_a_slash_command_over_the_socket_is_answered_through_its_response_url(
    slack: SocketSlack,
) -> None:
    command = {"command": "/digest", "text": "", "channel_id": TEAM_CHANNEL, "channel_name": "monitoring",
               "user_id": "U0ANALYST", "team_id": "T0CLAIM", "trigger_id": "t1",
               "response_url": slack.api.response_url("socket")}
    await slack.api.push_envelope(envelope("slash_commands", "env-cmd", command))
    [ack] = await slack.api.wait_for(SOCKET_ACK)
    [answer] = await slack.api.wait_for(RESPONSE_URL)
    assert ack.params["envelope_id"] == "env-cmd"
    assert answer.params["response_type"] == "in_channel"
