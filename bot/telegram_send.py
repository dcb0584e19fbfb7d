"""Sending a Reply to Telegram: HTML within the limits, the chart as a photo, transient faults retried.

Flood control (429) is PTB's AIORateLimiter's job: it waits retry_after, halting every
send meanwhile, and resends. What is left here are 5xx answers and timeouts, retried
with exponential backoff; a bad request or a refusal (403) is final.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from typing import TypeVar

from telegram import Bot, InputFile, LinkPreviewOptions, ReplyParameters
from telegram.constants import ParseMode
from telegram.error import BadRequest, ChatMigrated, Forbidden, NetworkError, TelegramError
from tenacity import AsyncRetrying, RetryCallState, retry_if_exception, stop_after_attempt, wait_exponential

from claimwatch.digest.render_telegram import render_telegram
from claimwatch.handlers.types import Reply

log = logging.getLogger(__name__)
T = TypeVar("T")
CAPTION_LIMIT = 1024
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)


@dataclass(frozen=True)
class RetryPolicy:
    """How often and how patiently to retry a call that failed with a 5xx or a timeout."""

    attempts: int = 4
    first_wait: float = 1.0
    max_wait: float = 30.0


def is_transient(exc: BaseException) -> bool:
    """5xx answers, timeouts and lost connections are worth another try; a bad request is not."""
    return isinstance(exc, NetworkError) and not isinstance(exc, BadRequest)


def is_refusal(exc: TelegramError) -> bool:
    """Telegram won't take posts in that chat: blocked, kicked, chat gone, or moved to a supergroup."""
    chat_gone = isinstance(exc, BadRequest) and "chat not found" in exc.message.lower()
    return isinstance(exc, Forbidden | ChatMigrated) or chat_gone


def chat_ref(chat_id: str) -> int | str:
    """Telegram's chat id: numeric ids as numbers (so group rate limits apply), "@channel" as is."""
    return int(chat_id) if chat_id.lstrip("-").isdigit() else chat_id


def _log_retry(what: str) -> Callable[[RetryCallState], None]:
    def before_sleep(state: RetryCallState) -> None:
        wait = state.next_action.sleep if state.next_action else 0.0
        log.warning("Telegram %s failed (%s); attempt %d, retrying in %.1fs",
                    what, state.outcome.exception() if state.outcome else "?", state.attempt_number, wait)
    return before_sleep


class TelegramSender:
    """Posts replies through one Bot; every call goes through the same retry policy."""

    def __init__(self, bot: Bot, policy: RetryPolicy) -> None:
        self.bot = bot
        self.policy = policy

    async def call(self, what: str, request: Callable[[], Awaitable[T]]) -> T:
        """`request()` retried on transient faults; the last fault propagates when attempts run out."""
        retrying = AsyncRetrying(
            retry=retry_if_exception(is_transient),
            stop=stop_after_attempt(self.policy.attempts),
            wait=wait_exponential(multiplier=self.policy.first_wait, max=self.policy.max_wait),
            before_sleep=_log_retry(what),
            reraise=True,
        )
        return await retrying(request)

    async def send(self, chat_id: str, reply: Reply, reply_to: int | None = None) -> int | None:
        """Post the reply (chart first, if any); the id of its first message, None when it says nothing."""
        chat = chat_ref(chat_id)
        first_id: int | None = None
        messages = [text for text in render_telegram(reply.document) if text.strip()]
        if reply.chart_png is not None:
            caption = render_telegram(reply.document, CAPTION_LIMIT)
            fits = len(caption) == 1
            chart = InputFile(reply.chart_png, filename=reply.chart_name)
            photo = await self.call("sendPhoto", partial(
                self.bot.send_photo, chat_id=chat, photo=chart,
                caption=(caption[0] or None) if fits else None, parse_mode=ParseMode.HTML,
                reply_parameters=_replying_to(reply_to)))
            if fits:
                return photo.message_id
            first_id, reply_to = photo.message_id, None
        for text in messages:
            sent = await self.call("sendMessage", partial(
                self.bot.send_message, chat_id=chat, text=text, parse_mode=ParseMode.HTML,
                link_preview_options=NO_PREVIEW, reply_parameters=_replying_to(reply_to)))
            first_id, reply_to = first_id or sent.message_id, None
        return first_id


def _replying_to(message_id: int | None) -> ReplyParameters | None:
    return ReplyParameters(message_id, allow_sending_without_reply=True) if message_id else None
