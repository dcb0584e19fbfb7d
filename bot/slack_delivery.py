"""A `Reply` into Slack Web API calls: Block Kit messages, ephemeral notes, response_url answers, charts.

Every text goes through render_slack/fallback_text, so article text is escaped and
mentions from articles are never live. Channels that refuse posts raise DeliveryRefused.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.async_handler import AsyncRetryHandler
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from claimwatch.bot.transport import DeliveryRefused
from claimwatch.digest.render_slack import fallback_text, render_slack
from claimwatch.handlers.types import Reply

log = logging.getLogger(__name__)

# Errors that say this channel will not take our posts, whatever we retry.
REFUSALS = frozenset({"not_in_channel", "channel_not_found", "is_archived", "restricted_action"})
RATE_LIMIT_RETRIES = 8  # each waits out Retry-After, so a burst delays posts but never drops them
CONNECTION_RETRIES = 3
CHART_NEEDS_MEMBERSHIP = "Invite me to this channel (`/invite @ClaimWatch`) to see the chart here."


def retry_handlers() -> list[AsyncRetryHandler]:
    """429s wait out Retry-After; dropped or refused connections are tried again with backoff."""
    return [
        AsyncRateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        AsyncConnectionErrorRetryHandler(max_retry_count=CONNECTION_RETRIES),
    ]


def message_fields(reply: Reply) -> dict[str, Any]:
    """Blocks plus the notification text, links not unfurled (articles link to many pages)."""
    blocks = render_slack(reply.document)
    return {"blocks": blocks or None, "text": fallback_text(reply.document),
            "unfurl_links": False, "unfurl_media": False}


def error_of(exc: SlackApiError) -> str:
    """Slack's error code ("not_in_channel"), or the HTTP status when the answer was not JSON."""
    data = exc.response.data if exc.response is not None else None
    if isinstance(data, dict):
        return str(data.get("error", "unknown_error"))
    return f"HTTP {exc.response.status_code}" if exc.response is not None else "no_response"


def refusal(exc: SlackApiError, channel: str) -> DeliveryRefused | None:
    """DeliveryRefused when Slack says the channel takes no posts from us; None for other errors."""
    error = error_of(exc)
    if error in REFUSALS:
        log.warning("slack: channel %s refuses posts (%s)", channel, error)
        return DeliveryRefused(channel, error)
    return None


@contextmanager
def refusals_raised(channel: str) -> Iterator[None]:
    """Turn Slack's refusals into DeliveryRefused; other API errors pass unchanged."""
    try:
        yield
    except SlackApiError as exc:
        refused = refusal(exc, channel)
        if refused is None:
            raise
        raise refused from exc


class SlackDelivery:
    """Posts replies with one Web API client; response_url answers share its HTTP session."""

    def __init__(self, client: AsyncWebClient) -> None:
        self.client = client
        self.session: aiohttp.ClientSession | None = None

    async def post(self, channel: str, reply: Reply, thread_ts: str | None = None) -> str:
        """A message (in a thread if given) and its chart; the message ts, or DeliveryRefused."""
        with refusals_raised(channel):
            response = await self.client.chat_postMessage(
                channel=channel, thread_ts=thread_ts, **message_fields(reply)
            )
            await self.upload_chart(channel, reply, thread_ts)
        return str(response["ts"])

    async def post_ephemeral(
        self, channel: str, user: str, reply: Reply, thread_ts: str | None = None
    ) -> None:
        """A note only `user` sees; charts are never attached to private replies."""
        with refusals_raised(channel):
            await self.client.chat_postEphemeral(
                channel=channel, user=user, thread_ts=thread_ts, **message_fields(reply)
            )

    async def upload_chart(self, channel: str, reply: Reply, thread_ts: str | None = None) -> None:
        """files_upload_v2 of the reply's chart into the channel, when it has one."""
        if not reply.chart_png:
            return
        title = next((s.title for s in reply.document.sections if s.title), reply.chart_name)
        await self.client.files_upload_v2(
            channel=channel, thread_ts=thread_ts, file=reply.chart_png, filename=reply.chart_name,
            title=title, alt_txt=title,
        )

    async def respond(self, response_url: str, channel: str, reply: Reply) -> None:
        """Answer a slash command through its response_url (seen by all unless private), then the chart."""
        webhook = AsyncWebhookClient(response_url, session=self.session, retry_handlers=retry_handlers())
        response_type = "ephemeral" if reply.private else "in_channel"
        answer = await webhook.send(response_type=response_type, **message_fields(reply))
        if answer.status_code != 200:
            log.warning("slack: response_url answer refused (%s %s)", answer.status_code, answer.body[:100])
        if reply.private or not reply.chart_png:
            return
        try:
            with refusals_raised(channel):
                await self.upload_chart(channel, reply)
        except DeliveryRefused:
            await webhook.send(response_type="ephemeral", text=CHART_NEEDS_MEMBERSHIP)
