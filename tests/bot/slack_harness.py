"""The Slack transport running for real in HTTP mode on loopback, and requests signed as Slack signs them.

Bolt verifies signatures itself; the tests sign with the v0 scheme computed here
(HMAC-SHA256 of "v0:{timestamp}:{body}" with the signing secret), so a bug on
either side shows up as a 401.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import aiohttp

from claimwatch.bot.http import HttpServer
from claimwatch.bot.slack import EVENTS_PATH, SlackTransport
from claimwatch.handlers.context import Context
from tests.conftest import make_settings
from tests.fakes.slack_api import BOT_TOKEN, BOT_USER_ID, SIGNING_SECRET, TEAM_ID, FakeSlackApi

ANALYST = "U0ANALYST"
DM_CHANNEL = "D0ANALYST"
TEAM_CHANNEL = "C0MONITOR"
FIRST_TS = 1673689200  # 2023-01-14 09:40 UTC, a Saturday

_event_ids = itertools.count(1)


def sign(body: str, timestamp: int, secret: str = SIGNING_SECRET) -> str:
    """Slack's v0 request signature."""
    base = f"v0:{timestamp}:{body}".encode()
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def dm(text: str, ts: str = f"{FIRST_TS}.000100", **extra: Any) -> dict[str, Any]:
    """A message.im event from the analyst."""
    return {"type": "message", "channel": DM_CHANNEL, "user": ANALYST, "text": text, "ts": ts,
            "event_ts": ts, "channel_type": "im", **extra}


def mention(text: str, ts: str = f"{FIRST_TS}.000200", **extra: Any) -> dict[str, Any]:
    """An app_mention event in the team channel."""
    return {"type": "app_mention", "channel": TEAM_CHANNEL, "user": ANALYST,
            "text": f"<@{BOT_USER_ID}> {text}", "ts": ts, "event_ts": ts, **extra}


def event_callback(event: dict[str, Any], event_id: str | None = None) -> dict[str, Any]:
    return {"token": "unused", "team_id": TEAM_ID, "api_app_id": "A0CLAIM", "type": "event_callback",
            "event": event, "event_id": event_id or f"Ev{next(_event_ids):08d}", "event_time": FIRST_TS,
            "authorizations": [{"team_id": TEAM_ID, "user_id": BOT_USER_ID, "is_bot": True}]}


@dataclass(frozen=True)
class Answer:
    """Slack's view of one request: the HTTP status, the body, and when the answer came back."""

    status: int
    body: str
    sent: float
    received: float

    @property
    def elapsed_ms(self) -> float:
        return (self.received - self.sent) * 1000


@dataclass
class SlackHarness:
    api: FakeSlackApi
    transport: SlackTransport
    http: HttpServer
    session: aiohttp.ClientSession

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.http.port}{EVENTS_PATH}"

    async def post(self, body: str, content_type: str, *, secret: str = SIGNING_SECRET,
                   timestamp: int | None = None, headers: dict[str, str] | None = None) -> Answer:
        """POST a body signed with `secret` at `timestamp` (now by default), as Slack does."""
        stamp = int(time.time()) if timestamp is None else timestamp
        signed = {"Content-Type": content_type, "X-Slack-Request-Timestamp": str(stamp),
                  "X-Slack-Signature": sign(body, stamp, secret), **(headers or {})}
        sent = time.monotonic()
        async with self.session.post(self.url, data=body.encode(), headers=signed) as response:
            text = await response.text()
            return Answer(response.status, text, sent, time.monotonic())

    async def send_event(self, event: dict[str, Any], event_id: str | None = None,
                         retry_num: int | None = None, **signing: Any) -> Answer:
        headers = {"X-Slack-Retry-Num": str(retry_num), "X-Slack-Retry-Reason": "http_timeout"} \
            if retry_num is not None else {}
        body = json.dumps(event_callback(event, event_id))
        return await self.post(body, "application/json", headers=headers, **signing)

    async def send_command(self, command: str, text: str = "", *, channel_id: str = TEAM_CHANNEL,
                           channel_name: str = "monitoring", user_id: str = ANALYST,
                           response_key: str = "1", **signing: Any) -> Answer:
        form = {"token": "unused", "team_id": TEAM_ID, "team_domain": "claimwatch-test",
                "channel_id": channel_id, "channel_name": channel_name, "user_id": user_id,
                "user_name": "analyst", "command": command, "text": text, "api_app_id": "A0CLAIM",
                "is_enterprise_install": "false", "response_url": self.api.response_url(response_key),
                "trigger_id": f"{FIRST_TS}.{response_key}.trigger"}
        return await self.post(urlencode(form), "application/x-www-form-urlencoded", **signing)


@asynccontextmanager
async def running_slack(ctx: Context, **settings: Any) -> AsyncIterator[SlackHarness]:
    """The fake Slack API, the transport in HTTP mode on the shared server (port 0), and a client."""
    api = FakeSlackApi()
    await api.start()
    slack_settings = make_settings(database_url=ctx.settings.database_url, slack_bot_token=BOT_TOKEN,
                                   slack_signing_secret=SIGNING_SECRET, slack_api_url=api.api_url, **settings)
    transport = SlackTransport(Context(settings=slack_settings, db=ctx.db, clock=ctx.clock))
    http = HttpServer(ctx.db, port=0, host="127.0.0.1")
    http.add_routes(transport.routes())
    await http.start()
    await transport.start()
    try:
        async with aiohttp.ClientSession() as session:
            yield SlackHarness(api, transport, http, session)
    finally:
        await transport.stop()
        await http.stop()
        await api.stop()
