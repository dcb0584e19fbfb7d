"""Slack: slack-bolt's AsyncApp over Socket Mode or HTTP (POST /slack/events), thin over the handlers.

Events and slash commands are acknowledged at once and answered from a background
task, so Slack's 3-second limit never depends on the database or the extractor.
Mode: SLACK_APP_TOKEN set → Socket Mode; otherwise HTTP, signatures checked by Bolt.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Coroutine
from typing import Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response, to_bolt_request
from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from claimwatch.bot.slack_delivery import SlackDelivery, error_of, retry_handlers
from claimwatch.bot.slack_text import (
    PLATFORM,
    incoming_from_command,
    incoming_from_message,
    is_article_message,
    is_direct_message,
)
from claimwatch.bot.transport import DeliveryRefused
from claimwatch.config.settings import SettingsError
from claimwatch.handlers.context import Context
from claimwatch.handlers.router import dispatch
from claimwatch.handlers.types import Reply

log = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
SLASH_COMMANDS = ("digest", "trend", "subscribe", "unsubscribe")
SEEN_EVENTS_KEPT = 10_000
# Answers run at most this many at a time: a burst of them would crowd the event loop and hold
# up the next acks (bench/slack_ack.py: p99 near 290 ms unbounded, 60-95 ms with 8).
ANSWERS_AT_ONCE = 8
HTTP_TIMEOUT_SECONDS = 30
DRAIN_SECONDS = 20
NOT_REACHABLE = ("I can't post in this conversation. Run /subscribe in a channel I'm in, "
                 "or in your direct messages with me.")
COMMAND_FAILED = "Something went wrong while answering that command; it was logged."
INVITE_FIRST = "This private channel is closed to me: `/invite @ClaimWatch` first, then /subscribe again."

Next = Callable[[], Awaitable[BoltResponse]]


class RecentIds:
    """The last `limit` ids seen, to recognise Slack redelivering an event already taken."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._ids: OrderedDict[str, None] = OrderedDict()

    def first_time(self, item: str) -> bool:
        """True the first time an id is offered; it is then remembered."""
        if item in self._ids:
            return False
        self._ids[item] = None
        if len(self._ids) > self.limit:
            self._ids.popitem(last=False)
        return True


def api_base(url: str) -> str:
    """slack_sdk joins method names onto the base, which therefore needs its trailing slash."""
    return url.rstrip("/") + "/"


class SlackTransport:
    """One workspace, one bot token; Socket Mode or HTTP as the settings say."""

    platform = PLATFORM

    def __init__(self, ctx: Context) -> None:
        settings = ctx.settings
        self.ctx = ctx
        self.app_token = settings.slack_app_token
        self.client = AsyncWebClient(
            token=settings.slack_bot_token, base_url=api_base(settings.slack_api_url),
            retry_handlers=retry_handlers(),
        )
        self.delivery = SlackDelivery(self.client)
        self.app = AsyncApp(client=self.client, signing_secret=settings.slack_signing_secret or "")
        self.workspace_url: str | None = None
        self._seen_events = RecentIds(SEEN_EVENTS_KEPT)
        self._work: set[asyncio.Task[None]] = set()
        self._answer_slots = asyncio.Semaphore(ANSWERS_AT_ONCE)
        self._socket: AsyncSocketModeHandler | None = None
        self._connecting: asyncio.Task[None] | None = None
        self._register_listeners()

    @property
    def socket_mode(self) -> bool:
        return bool(self.app_token)

    def routes(self) -> list[web.RouteDef]:
        """Events, commands and interactivity on one URL in HTTP mode; nothing in Socket Mode."""
        return [] if self.socket_mode else [web.post(EVENTS_PATH, self._handle_http)]

    async def start(self) -> None:
        """Check the token, then connect the socket (Socket Mode) or wait for requests (HTTP)."""
        await self._learn_workspace()
        session = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_SECONDS))
        self.client.session = self.delivery.session = session
        if self.socket_mode:
            await self._check_app_token()
            self._socket = AsyncSocketModeHandler(self.app, self.app_token)
            # slack_sdk retries the connection until it holds; in a task, so a shutdown never waits on it
            self._connecting = asyncio.create_task(self._socket.connect_async())
        log.info("slack: %s", "Socket Mode" if self.socket_mode else f"HTTP mode at {EVENTS_PATH}")

    async def stop(self) -> None:
        """Disconnect, let answers in flight finish (briefly), close the HTTP session."""
        if self._socket is not None:
            await self._socket.close_async()
        if self._connecting is not None:
            self._connecting.cancel()
            await asyncio.gather(self._connecting, return_exceptions=True)
        await self.drain(DRAIN_SECONDS)
        await self._close_session()

    async def _close_session(self) -> None:
        if self.delivery.session is not None:
            await self.delivery.session.close()
        self.client.session = self.delivery.session = None

    async def post(self, chat_id: str, reply: Reply) -> str:
        """A scheduled post or alert: the message ts, or DeliveryRefused for a channel that refuses us."""
        return await self.delivery.post(chat_id, reply)

    async def drain(self, timeout: float | None = None) -> None:
        """Wait for the answers in flight; those still running after `timeout` are cancelled."""
        while self._work:
            _done, pending = await asyncio.wait(set(self._work), timeout=timeout)
            if pending:
                log.warning("slack: cancelling %d answers still running at shutdown", len(pending))
                for task in pending:
                    task.cancel()
                await asyncio.gather(*pending, return_exceptions=True)
                return

    async def _learn_workspace(self) -> None:
        """auth.test: a wrong token stops the start with one clear line; the URL gives message links."""
        try:
            identity = await self.client.auth_test()
        except SlackApiError as exc:
            raise SettingsError(f"SLACK_BOT_TOKEN: Slack refused it ({error_of(exc)})") from None
        except aiohttp.ClientError as exc:
            log.warning("slack: auth.test failed (%s); carrying on without message links", type(exc).__name__)
            return
        self.workspace_url = identity.get("url")

    async def _check_app_token(self) -> None:
        """apps.connections.open once: slack_sdk would retry a refused app token forever."""
        try:
            await self.client.apps_connections_open(app_token=self.app_token)
        except SlackApiError as exc:
            await self._close_session()
            raise SettingsError(f"SLACK_APP_TOKEN: Slack refused it ({error_of(exc)})") from None

    async def _handle_http(self, request: web.Request) -> web.Response:
        bolt_response = await self.app.async_dispatch(await to_bolt_request(request))
        return await to_aiohttp_response(bolt_response)

    def _register_listeners(self) -> None:
        self.app.middleware(self._skip_redelivered_events)
        self.app.event("message")(self._on_message)
        self.app.event("app_mention")(self._on_mention)
        for name in SLASH_COMMANDS:
            self.app.command(f"/{name}")(self._on_command)

    async def _skip_redelivered_events(
        self, body: dict[str, Any], req: AsyncBoltRequest, next: Next
    ) -> BoltResponse:
        """Slack redelivers events it thinks we missed (X-Slack-Retry-Num); each event_id is answered once."""
        event_id = body.get("event_id")
        if event_id and not self._seen_events.first_time(event_id):
            retry = req.headers.get("x-slack-retry-num", ["?"])[0]
            log.info("slack: event %s delivered again (retry %s); already taken", event_id, retry)
            return BoltResponse(status=200, body="")
        return await next()

    async def _on_message(self, event: dict[str, Any], context: AsyncBoltContext) -> None:
        """A direct message to the bot; in channels the bot only hears mentions."""
        if event.get("channel_type") == "im" and is_article_message(event):
            self._spawn(self._answer_message(event, context.bot_user_id))

    async def _on_mention(self, event: dict[str, Any], context: AsyncBoltContext) -> None:
        """A mention in a channel; one in a DM (ids D…) already came as a direct message."""
        if is_article_message(event) and not event.get("channel", "").startswith("D"):
            self._spawn(self._answer_message(event, context.bot_user_id))

    async def _on_command(self, ack: AsyncAck, command: dict[str, Any]) -> None:
        """Acknowledge at once (Slack allows 3 s); the answer follows through the response_url."""
        await ack()
        self._spawn(self._answer_command(command))

    async def _answer_message(self, event: dict[str, Any], bot_user_id: str | None) -> None:
        """Dispatch a DM or mention and answer in its thread (privately to the sender when asked)."""
        incoming = incoming_from_message(event, bot_user_id, self.workspace_url)
        reply = await dispatch(self.ctx, incoming)
        thread_ts = event.get("thread_ts") or event["ts"]
        if reply.private and incoming.chat_kind != "private":
            await self.delivery.post_ephemeral(incoming.chat_id, incoming.user_id, reply, thread_ts)
        else:
            await self.delivery.post(incoming.chat_id, reply, thread_ts)

    async def _answer_command(self, command: dict[str, Any]) -> None:
        """Dispatch the command and answer through its response_url; a failure still gets an answer."""
        try:
            reply = await self._command_reply(command)
        except Exception:
            log.exception("slack: %s failed", command["command"])
            reply = Reply.text(COMMAND_FAILED, private=True)
        await self.delivery.respond(command["response_url"], command["channel_id"], reply)

    async def _command_reply(self, command: dict[str, Any]) -> Reply:
        name = command["command"].lstrip("/")
        obstacle, is_admin = None, is_direct_message(command)
        if name in ("subscribe", "unsubscribe"):
            obstacle, is_admin = await self._subscription_access(command, join=name == "subscribe")
        if obstacle:
            return Reply.text(obstacle, private=True)
        return await dispatch(self.ctx, incoming_from_command(command, self.ctx.clock(), is_admin))

    async def _subscription_access(self, command: dict[str, Any], join: bool) -> tuple[str | None, bool]:
        """What keeps the weekly post from this channel (joining a public one if asked), and whether the
        user may decide: in a DM with the bot the user, else the channel's creator or a workspace admin."""
        channel_id, user_id = command["channel_id"], command["user_id"]
        try:
            channel = (await self.client.conversations_info(channel=channel_id))["channel"]
        except SlackApiError as exc:
            if error_of(exc) == "channel_not_found":
                return NOT_REACHABLE, False
            raise
        if channel.get("is_im"):
            return None, True
        if join and not channel.get("is_member") and channel.get("is_private"):
            return INVITE_FIRST, False
        is_admin = channel.get("creator") == user_id or await self._is_workspace_admin(user_id)
        if join and not channel.get("is_member") and is_admin:
            await self.client.conversations_join(channel=channel_id)
        return None, is_admin

    async def _is_workspace_admin(self, user_id: str) -> bool:
        try:
            user = (await self.client.users_info(user=user_id))["user"]
        except SlackApiError as exc:
            log.warning("slack: users.info failed (%s); %s counts as no admin", error_of(exc), user_id)
            return False
        return bool(user.get("is_admin") or user.get("is_owner"))

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(self._logged(work))
        self._work.add(task)
        task.add_done_callback(self._work.discard)

    async def _logged(self, work: Coroutine[Any, Any, None]) -> None:
        """Run one answer; a failure is logged, never left as an unretrieved task exception."""
        try:
            async with self._answer_slots:
                await work
        except DeliveryRefused:
            return  # the delivery logged the refusal; nothing else to do for an answer
        except Exception:
            log.exception("slack: answering failed")
