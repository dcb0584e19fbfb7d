"""Telegram over python-telegram-bot's Application: long polling by default, a webhook for scale.

The transport only translates: an update becomes an `Incoming` for `dispatch`, and the
`Reply` becomes sendMessage/sendPhoto calls. What it decides itself is platform
business: which group messages are meant for the bot, when consecutive forwards are
one article, who is a chat admin, and that edits are not re-analysed (the reply says
so; the message as first sent is the record). A watched channel's own posts are
stored without an answer, so the bot never writes into a channel's feed unasked.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import logging
from dataclasses import dataclass, field
from functools import partial
from urllib.parse import urlparse

from aiohttp import web
from telegram import BotCommand, ChatMember, Document, Message, Update
from telegram.constants import ChatAction, ChatType
from telegram.error import Forbidden, TelegramError
from telegram.ext import AIORateLimiter, Application, CallbackContext, TypeHandler

from claimwatch.bot.telegram_bursts import ForwardBursts
from claimwatch.bot.telegram_send import RetryPolicy, TelegramSender, chat_ref, is_refusal
from claimwatch.bot.telegram_updates import (
    PLATFORM,
    addressed_to_other_bot,
    incoming_from,
    origin_of,
    text_of,
)
from claimwatch.bot.transport import DeliveryRefused
from claimwatch.config.settings import Settings
from claimwatch.digest.render_text import render_text
from claimwatch.handlers import channel_post
from claimwatch.handlers.commands import COMMANDS
from claimwatch.handlers.context import Context
from claimwatch.handlers.router import command_of, dispatch
from claimwatch.handlers.types import Incoming, Reply

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
ALLOWED_UPDATES = [Update.MESSAGE, Update.EDITED_MESSAGE, Update.CHANNEL_POST]
ADMIN_STATUSES = {ChatMember.OWNER, ChatMember.ADMINISTRATOR}
FAILED = "Sorry, I could not read that message; the error was logged."
EDITS_NOT_REANALYSED = ("Edits are not re-analysed: the message as first sent is what was stored. "
                        "To store a corrected text, send it again as a new message.")


class Unreadable(Exception):
    """A message whose content can't be read (a file too big, not text, or not downloadable)."""


@dataclass(frozen=True)
class TelegramOptions:
    """Timings and limits; the defaults suit Telegram, tests shrink them."""

    burst_window: float = 3.0  # seconds of quiet after a forward before its burst is one article
    poll_timeout: int = 30  # getUpdates long-poll seconds
    request_timeout: float = 20.0
    retry: RetryPolicy = field(default_factory=RetryPolicy)
    rate_limit_retries: int = 20  # 429s in a row before a send is given up
    max_document_bytes: int = 1_000_000


def file_url_of(base_url: str) -> str:
    """The file download base beside an API base: …/bot → …/file/bot (api.telegram.org, local servers)."""
    head, found, tail = base_url.rpartition("/bot")
    return f"{head}/file/bot{tail}" if found else base_url


def webhook_secret_of(settings: Settings) -> str:
    """TELEGRAM_WEBHOOK_SECRET, else one derived from the token, the same in every process of a deployment."""
    if settings.telegram_webhook_secret:
        return settings.telegram_webhook_secret
    token = (settings.telegram_bot_token or "").encode()
    return hmac.new(token, b"claimwatch telegram webhook", hashlib.sha256).hexdigest()


def build_application(settings: Settings, options: TelegramOptions) -> Application:
    """PTB's Application on TELEGRAM_API_BASE_URL, throttled to Telegram's limits (30/s, 20/min a group)."""
    assert settings.telegram_bot_token, "TelegramTransport needs TELEGRAM_BOT_TOKEN"
    builder = (
        Application.builder()
        .token(settings.telegram_bot_token)
        .base_url(settings.telegram_api_base_url)
        .base_file_url(file_url_of(settings.telegram_api_base_url))
        .rate_limiter(AIORateLimiter(max_retries=options.rate_limit_retries))
        .concurrent_updates(True)
        .connect_timeout(options.request_timeout)
        .read_timeout(options.request_timeout)
        .write_timeout(options.request_timeout)
        .get_updates_read_timeout(options.request_timeout)
    )
    if settings.telegram_webhook_url:
        builder = builder.updater(None)
    return builder.build()


class TelegramTransport:
    """One bot account: updates in (polling or webhook), replies and scheduled posts out."""

    platform = PLATFORM

    def __init__(self, ctx: Context, options: TelegramOptions | None = None) -> None:
        self.ctx = ctx
        self.options = options or TelegramOptions()
        self.webhook_url = ctx.settings.telegram_webhook_url
        self.webhook_secret = webhook_secret_of(ctx.settings)
        self.app = build_application(ctx.settings, self.options)
        self.app.add_handler(TypeHandler(Update, self._on_update))
        self.app.add_error_handler(self._on_error)
        self.sender = TelegramSender(self.app.bot, self.options.retry)
        self.bursts = ForwardBursts(self.options.burst_window, self._answer_article)

    # Lifecycle

    def routes(self) -> list[web.RouteDef]:
        """The webhook route on the shared HTTP server, in webhook mode."""
        if not self.webhook_url:
            return []
        return [web.post(urlparse(self.webhook_url).path or "/", self._on_webhook)]

    async def start(self) -> None:
        """getMe (a wrong token fails here), the command list, then polling or the webhook."""
        await self.app.initialize()
        await self._register_commands()
        if self.webhook_url:
            await self.sender.call("setWebhook", partial(
                self.app.bot.set_webhook, self.webhook_url, secret_token=self.webhook_secret,
                allowed_updates=ALLOWED_UPDATES))
        else:
            assert self.app.updater is not None
            await self.app.updater.start_polling(timeout=self.options.poll_timeout,
                                                 allowed_updates=ALLOWED_UPDATES)
        await self.app.start()
        log.info("Telegram bot @%s: %s", self.app.bot.username, "webhook" if self.webhook_url else "polling")

    async def stop(self) -> None:
        """Stop taking updates, answer what is in hand (open forward bursts too), close the client."""
        if self.app.updater is not None and self.app.updater.running:
            await self.app.updater.stop()
        if self.app.running:
            await self.app.stop()
        await self.bursts.close_all()
        await self.app.shutdown()

    async def post(self, chat_id: str, reply: Reply) -> str:
        """Post unprompted; DeliveryRefused when Telegram won't take posts in that chat any more.

        Any other TelegramError (5xx or timeouts past the retries) propagates: try again later."""
        try:
            message_id = await self.sender.send(chat_id, reply)
        except TelegramError as exc:
            if not is_refusal(exc):
                raise
            log.warning("Telegram refuses posts in chat %s: %s", chat_id, exc)
            raise DeliveryRefused(chat_id, str(exc)) from exc
        return str(message_id or "")

    async def _register_commands(self) -> None:
        commands = [BotCommand(command.name, command.description) for command in COMMANDS]
        try:
            await self.sender.call("setMyCommands", partial(self.app.bot.set_my_commands, commands))
        except TelegramError as exc:
            log.warning("could not register the command list with Telegram: %s", exc)

    # Updates in

    async def _on_webhook(self, request: web.Request) -> web.Response:
        """One update from Telegram; 403 unless it carries our secret token."""
        given = request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.webhook_secret.encode()):
            log.warning("Telegram webhook: refused an update with a wrong or missing secret token")
            return web.Response(status=403)
        try:
            body = await request.json()
            update = Update.de_json(body, self.app.bot) if isinstance(body, dict) else None
        except (ValueError, TypeError, KeyError) as exc:
            log.warning("Telegram webhook: the body is not an update: %s", exc)
            update = None
        if update is None:
            return web.Response(status=400)
        await self.app.update_queue.put(update)
        return web.Response()

    async def _on_update(self, update: Update, _context: CallbackContext) -> None:
        if update.edited_message is not None:
            await self._on_edit(update.edited_message)
        elif update.message is not None:
            await self._on_message(update.message)
        elif update.channel_post is not None:
            await self._on_channel_post(update.channel_post)

    async def _on_error(self, update: object, context: CallbackContext) -> None:
        """Log a failed update and tell its sender, so no message goes unanswered (channels excepted)."""
        if not isinstance(update, Update):
            log.error("Telegram: %s", context.error, exc_info=context.error)
            return
        log.error("Telegram update %s failed", update.update_id, exc_info=context.error)
        message = update.effective_message
        if message is not None and message.chat.type != ChatType.CHANNEL:
            await self._deliver(incoming_from(message, ""), Reply.text(FAILED), message.message_id)

    async def _on_message(self, message: Message) -> None:
        text = text_of(message)
        if command_of(text) is not None:
            await self._answer_command(message, text)
            return
        if not self._meant_for_bot(message):
            return
        try:
            text = await self._with_document(message, text)
        except Unreadable as exc:
            await self._deliver(incoming_from(message, text), Reply.text(str(exc)), message.message_id)
            return
        origin = origin_of(message)
        incoming = incoming_from(message, text)
        if origin is None:
            await self._answer_article(incoming)
        else:
            self.bursts.add(incoming, origin)

    async def _on_channel_post(self, post: Message) -> None:
        """Commands in a channel are answered there; other posts are articles if the channel is watched."""
        text = text_of(post)
        if command_of(text) is not None:
            await self._answer_command(post, text)
            return
        if not await channel_post.is_watched(self.ctx, PLATFORM, str(post.chat.id)):
            log.debug("ignored a post of unwatched channel %s", post.chat.id)
            return
        try:
            text = await self._with_document(post, text)
        except Unreadable as exc:
            log.warning("skipped post %s of channel %s: %s", post.message_id, post.chat.id, exc)
            return
        origin = origin_of(post)
        assert origin is not None  # a channel's post is its own origin
        self.bursts.add(incoming_from(post, text), origin)

    async def _on_edit(self, message: Message) -> None:
        text = text_of(message)
        if command_of(text) is None and self._meant_for_bot(message):
            await self._deliver(incoming_from(message, text), Reply.text(EDITS_NOT_REANALYSED),
                                message.message_id)

    def _meant_for_bot(self, message: Message) -> bool:
        """Everything in a private chat; in a group only forwards, .txt files and replies to the bot."""
        if message.chat.type == ChatType.PRIVATE:
            return True
        replied = message.reply_to_message
        to_bot = bool(replied and replied.from_user and replied.from_user.id == self.app.bot.id)
        text_file = message.document is not None and _is_text_file(message.document)
        return message.forward_origin is not None or text_file or to_bot

    async def _is_admin(self, message: Message) -> bool:
        """The sender administers this chat: always in a private chat or a channel (only admins post)."""
        if message.chat.type in (ChatType.PRIVATE, ChatType.CHANNEL):
            return True
        if message.sender_chat is not None:
            return message.sender_chat.id == message.chat.id  # an anonymous admin speaks as the group
        if message.from_user is None:
            return False
        try:
            member = await self.sender.call("getChatMember", partial(
                self.app.bot.get_chat_member, message.chat.id, message.from_user.id))
        except TelegramError as exc:
            log.warning("could not check admin rights in chat %s: %s", message.chat.id, exc)
            return False
        return member.status in ADMIN_STATUSES

    async def _with_document(self, message: Message, text: str) -> str:
        """The caption followed by an attached .txt file's content; Unreadable when it can't be read."""
        document = message.document
        if document is None:
            return text
        if not _is_text_file(document):
            if text:
                return text
            name = document.file_name or "this file"
            raise Unreadable(f"I read message text, captions and .txt files, not {name}; "
                             "paste the article's text or its link.")
        limit = self.options.max_document_bytes
        if (document.file_size or 0) > limit:
            raise Unreadable(f"The file is {document.file_size:,} bytes; I read .txt files up to "
                             f"{limit:,} bytes. Split it or send a link.")
        try:
            file = await self.sender.call("getFile", partial(self.app.bot.get_file, document.file_id))
            content = await self.sender.call("file download", file.download_as_bytearray)
        except TelegramError as exc:
            log.warning("could not download file %s: %s", document.file_id, exc)
            raise Unreadable("I could not download that file from Telegram; please send it again.") from exc
        body = bytes(content[:limit]).decode("utf-8-sig", errors="replace")
        return "\n\n".join(part for part in (text, body) if part)

    # Answers out

    async def _answer_command(self, message: Message, text: str) -> None:
        if addressed_to_other_bot(text, self.app.bot.username):
            return
        incoming = incoming_from(message, text, is_admin=await self._is_admin(message))
        await self._deliver(incoming, await dispatch(self.ctx, incoming), message.message_id)

    async def _answer_article(self, incoming: Incoming) -> None:
        """Ingest an article; answer in its chat, except in a watched channel, where it is only stored."""
        if incoming.chat_kind == "channel":
            reply = await dispatch(self.ctx, incoming)
            outcome = next(iter(render_text(reply.document).strip().splitlines()), "")
            log.info("post %s of channel %s: %s", incoming.message_id, incoming.chat_id, outcome)
            return
        with contextlib.suppress(TelegramError):
            await self.app.bot.send_chat_action(chat_ref(incoming.chat_id), ChatAction.TYPING)
        await self._deliver(incoming, await dispatch(self.ctx, incoming), int(incoming.message_id))

    async def _deliver(self, incoming: Incoming, reply: Reply, reply_to: int) -> None:
        """Send a reply; a private one from a group goes to the sender. Failures are logged, not raised."""
        to_sender = reply.private and incoming.chat_kind == "group"
        target = incoming.user_id if to_sender else incoming.chat_id
        try:
            await self.sender.send(target, reply, None if to_sender else reply_to)
        except Forbidden as exc:
            log.warning("Telegram refused a reply in chat %s: %s", target, exc)
        except TelegramError as exc:
            log.error("gave up replying to message %s in chat %s: %s", incoming.message_id, target, exc)


def _is_text_file(document: Document) -> bool:
    return document.mime_type == "text/plain" or (document.file_name or "").lower().endswith(".txt")
