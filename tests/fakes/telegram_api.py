"""A fake Telegram Bot API on loopback: the real one's JSON shapes, every call recorded, faults on demand.

The real python-telegram-bot `Application` talks to it over HTTP exactly as it talks to
api.telegram.org. Tests push Update JSON into a queue that getUpdates long-polls, read
what the bot sent from `calls`, and queue faults (429 with retry_after, 403, 500/502,
slow answers) for the next calls of a method. Like Telegram, it refuses HTML it could
not parse and texts over the length limits, so a sloppy reply fails the test.
"""

from __future__ import annotations

import asyncio
import html
import itertools
import json
import re
from collections import defaultdict, deque
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from aiohttp import web

from tests.fakes import serve_on_loopback

TOKEN = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz"
BOT_USERNAME = "ClaimWatchTestBot"
MESSAGE_LIMIT = 4096
CAPTION_LIMIT = 1024

_JSON_PARAMETERS = {"reply_parameters", "link_preview_options", "reply_markup", "allowed_updates",
                    "commands", "entities", "caption_entities", "scope"}
_TRUE_METHODS = {"setMyCommands", "deleteWebhook", "setWebhook", "sendChatAction", "answerCallbackQuery"}
_TELEGRAM_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a",
                  "code", "pre", "blockquote", "tg-emoji"}
_HTML_TOKEN = re.compile(
    r"<(/?)([a-zA-Z][a-zA-Z-]*)((?:\s[^<>]*)?)>|&(?:lt|gt|amp|quot|#\d+|#x[0-9a-fA-F]+);|[<>&]")
_HREF = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)')""")


class BotApiError(Exception):
    """An error answer, in the Bot API's shape."""

    def __init__(self, status: int, description: str, parameters: dict[str, Any] | None = None) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.parameters = parameters

    def response(self) -> web.Response:
        body: dict[str, Any] = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = self.parameters
        return web.json_response(body, status=self.status)


@dataclass(frozen=True)
class Fault:
    """What the next call of a method gets: an error, or (status None) the normal answer after `delay`."""

    status: int | None
    description: str = ""
    retry_after: int | None = None
    delay: float = 0.0


def too_many_requests(retry_after: int = 1) -> Fault:
    return Fault(429, f"Too Many Requests: retry after {retry_after}", retry_after=retry_after)


def forbidden(description: str = "Forbidden: bot was blocked by the user") -> Fault:
    return Fault(403, description)


def server_error(status: int = 500) -> Fault:
    return Fault(status, "Internal Server Error" if status == 500 else "Bad Gateway")


def slow(seconds: float) -> Fault:
    return Fault(None, delay=seconds)


@dataclass
class Call:
    """One request the bot made: its form parameters (JSON ones decoded), uploaded files, and our status."""

    method: str
    params: dict[str, Any]
    files: dict[str, bytes] = field(default_factory=dict)
    status: int = 200
    result: Any = None  # what the fake answered, e.g. the sent Message

    @property
    def ok(self) -> bool:
        return self.status == 200

    @property
    def chat_id(self) -> str:
        return str(self.params.get("chat_id"))

    @property
    def text(self) -> str:
        """What the user reads: the text or caption with its HTML parsed away."""
        markup = self.params.get("text") or self.params.get("caption") or ""
        return telegram_html_text(markup) if self.params.get("parse_mode") == "HTML" else markup


def telegram_html_text(markup: str) -> str:
    """The visible text of Telegram HTML, or BotApiError(400) where Telegram would refuse to parse it."""
    stack: list[str] = []
    position = 0
    visible: list[str] = []
    for match in _HTML_TOKEN.finditer(markup):
        visible.append(markup[position:match.start()])
        position = match.end()
        token = match.group(0)
        if token in "<>&":
            raise BotApiError(400, f"Bad Request: can't parse entities: bare {token!r} at {match.start()}")
        if token.startswith("&"):
            visible.append(html.unescape(token))
            continue
        closing, tag, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if tag not in _TELEGRAM_TAGS:
            raise BotApiError(400, f"Bad Request: can't parse entities: unsupported start tag \"{tag}\"")
        if closing:
            if not stack or stack.pop() != tag:
                raise BotApiError(400, f"Bad Request: can't parse entities: unexpected end tag \"{tag}\"")
            continue
        if tag == "a":
            href = _HREF.search(attributes or "")
            url = html.unescape((href.group(1) or href.group(2) or "") if href else "")
            if not url.lower().startswith(("http://", "https://", "tg://", "mailto:")):
                raise BotApiError(400, f"Bad Request: can't parse entities: unsupported URL {url!r}")
        stack.append(tag)
    if stack:
        raise BotApiError(400, f"Bad Request: can't parse entities: can't find end tag for \"{stack[-1]}\"")
    visible.append(markup[position:])
    return "".join(visible)


def timestamp(when: datetime) -> int:
    return int(when.timestamp())


def user(user_id: int = 1001, first_name: str = "Analyst", username: str | None = None) -> dict[str, Any]:
    """A User object."""
    body: dict[str, Any] = {"id": user_id, "is_bot": False, "first_name": first_name}
    if username:
        body["username"] = username
    return body


def chat(chat_id: int, kind: str = "private", title: str | None = None,
         username: str | None = None) -> dict[str, Any]:
    """A Chat object: private (the id is the user's), group, supergroup or channel."""
    body: dict[str, Any] = {"id": chat_id, "type": kind}
    if kind == "private":
        body["first_name"] = "Analyst"
    else:
        body["title"] = title or f"Chat {chat_id}"
    if username:
        body["username"] = username
    return body


def channel_origin(channel: dict[str, Any], message_id: int, when: datetime) -> dict[str, Any]:
    """forward_origin of a channel post."""
    return {"type": "channel", "chat": channel, "message_id": message_id, "date": timestamp(when)}


def user_origin(sender: dict[str, Any], when: datetime) -> dict[str, Any]:
    return {"type": "user", "sender_user": sender, "date": timestamp(when)}


def hidden_user_origin(name: str, when: datetime) -> dict[str, Any]:
    return {"type": "hidden_user", "sender_user_name": name, "date": timestamp(when)}


def chat_origin(sender_chat: dict[str, Any], when: datetime, signature: str | None = None) -> dict[str, Any]:
    body = {"type": "chat", "sender_chat": sender_chat, "date": timestamp(when)}
    if signature:
        body["author_signature"] = signature
    return body


def _member(user_body: dict[str, Any], status: str) -> dict[str, Any]:
    body: dict[str, Any] = {"status": status, "user": user_body}
    if status == "creator":
        body["is_anonymous"] = False
    if status == "administrator":
        body.update({right: True for right in (
            "can_be_edited", "can_manage_chat", "can_delete_messages", "can_manage_video_chats",
            "can_restrict_members", "can_promote_members", "can_change_info", "can_invite_users",
            "can_post_stories", "can_edit_stories", "can_delete_stories", "can_post_messages",
            "can_edit_messages", "can_pin_messages")}, is_anonymous=False)
    if status == "kicked":
        body["until_date"] = 0
    return body


class FakeTelegramApi:
    """The Bot API at http://127.0.0.1:<port>/bot<token>/<method>, files at /file/bot<token>/<path>."""

    def __init__(self, token: str = TOKEN, username: str = BOT_USERNAME) -> None:
        self.token = token
        self.bot_id = int(token.split(":", 1)[0])
        self.username = username
        self.calls: list[Call] = []
        self.members: dict[tuple[int, int], str] = {}
        self.files: dict[str, bytes] = {}
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._updates: list[dict[str, Any]] = []
        self._confirmed = 0  # getUpdates' offset: every update below it reached the bot
        self._closing = False
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(5000)
        self._file_ids = itertools.count(1)
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def base_url(self) -> str:
        """What TELEGRAM_API_BASE_URL is set to in tests."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def start(self) -> None:
        app = web.Application(client_max_size=60 * 1024 * 1024)
        app.router.add_route("*", "/bot{token}/{method}", self._api)
        app.router.add_get("/file/bot{token}/{path:.+}", self._file)
        self._runner, self.port = await serve_on_loopback(app)

    async def stop(self) -> None:
        """Answer pending long polls at once, then close."""
        self._closing = True
        await self._notify()
        if self._runner is not None:
            await self._runner.cleanup()

    # What tests do

    async def push(self, message: dict[str, Any], kind: str = "message") -> int:
        """Queue an update (kind: message, edited_message, channel_post…) for getUpdates; its update_id."""
        update_id = next(self._update_ids)
        self._updates.append({"update_id": update_id, kind: message})
        await self._notify()
        return update_id

    def update_json(self, message: dict[str, Any], kind: str = "message") -> dict[str, Any]:
        """An update with a fresh id, for posting to a webhook instead of queueing."""
        return {"update_id": next(self._update_ids), kind: message}

    def message(self, in_chat: dict[str, Any], sender: dict[str, Any] | None = None, text: str | None = None,
                when: datetime | None = None, **fields: Any) -> dict[str, Any]:
        """A Message object with a fresh message_id; `fields` adds forward_origin, caption, document…"""
        body: dict[str, Any] = {"message_id": next(self._message_ids), "chat": in_chat,
                                "date": timestamp(when or datetime(2023, 1, 14, 9, 0, tzinfo=UTC))}
        if sender is not None:
            body["from"] = sender
        if text is not None:
            body["text"] = text
        body.update(fields)
        return body

    def add_file(self, content: bytes, file_name: str, mime_type: str = "text/plain") -> dict[str, Any]:
        """Store a file for getFile and download; its Document object."""
        file_id = f"file-{next(self._file_ids)}"
        self.files[file_id] = content
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_name": file_name,
                "mime_type": mime_type, "file_size": len(content)}

    def inject(self, method: str, *faults: Fault) -> None:
        """The next calls of `method` get these faults, one each, in order."""
        self._faults[method].extend(faults)

    def calls_of(self, method: str) -> list[Call]:
        """Every call of `method`, failed ones included."""
        return [c for c in self.calls if c.method == method]

    def sent(self, method: str, chat_id: int | str | None = None) -> list[Call]:
        """The successful calls of `method`, optionally to one chat."""
        return [c for c in self.calls if c.method == method and c.ok
                and (chat_id is None or c.chat_id == str(chat_id))]

    async def wait_delivered(self, update_id: int, timeout: float = 10.0) -> None:
        """Wait until the bot confirmed an update (a later getUpdates offset): it is in PTB's hands."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: self._confirmed > update_id), timeout)

    async def wait_calls(self, method: str, count: int, timeout: float = 10.0) -> list[Call]:
        """Wait until `method` was answered `count` times, failures included."""
        async with self._changed:
            answered = self._changed.wait_for(lambda: len(self.calls_of(method)) >= count)
            await asyncio.wait_for(answered, timeout)
        return self.calls_of(method)

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10.0) -> list[Call]:
        """Wait until `count` calls of `method` succeeded; those calls."""
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(self.sent(method)) >= count), timeout)
        return self.sent(method)

    # The server

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        call = Call(method, {})
        try:
            if request.match_info["token"] != self.token:
                raise BotApiError(401, "Unauthorized")
            call.params, call.files = await self._read_form(request)
            self.calls.append(call)
            await self._apply_fault(method)
            call.result = await self._answer(call)
        except BotApiError as error:
            call.status = error.status
            await self._notify()
            return error.response()
        await self._notify()
        return web.json_response({"ok": True, "result": call.result})

    async def _read_form(self, request: web.Request) -> tuple[dict[str, Any], dict[str, bytes]]:
        params: dict[str, Any] = {}
        files: dict[str, bytes] = {}
        form = await request.post()
        for name, value in form.items():
            if isinstance(value, web.FileField):
                files[name] = value.file.read()
            elif name in _JSON_PARAMETERS:
                params[name] = json.loads(str(value))
            else:
                params[name] = str(value)
        return params, files

    async def _apply_fault(self, method: str) -> None:
        if not self._faults[method]:
            return
        fault = self._faults[method].popleft()
        await asyncio.sleep(fault.delay)
        if fault.status is not None:
            parameters = {"retry_after": fault.retry_after} if fault.retry_after is not None else None
            raise BotApiError(fault.status, fault.description, parameters)

    async def _answer(self, call: Call) -> Any:
        answers = {"getMe": self._get_me, "getUpdates": self._get_updates, "sendMessage": self._send_message,
                   "sendPhoto": self._send_photo, "getFile": self._get_file,
                   "getChatMember": self._get_chat_member,
                   "getChatAdministrators": self._get_chat_administrators}
        if call.method in _TRUE_METHODS:
            return True
        if call.method not in answers:
            raise BotApiError(404, "Not Found: method not found")
        return await answers[call.method](call.params, call.files)

    async def _get_me(self, _params: dict[str, Any], _files: dict[str, bytes]) -> dict[str, Any]:
        return {"id": self.bot_id, "is_bot": True, "first_name": "ClaimWatch", "username": self.username,
                "can_join_groups": True, "can_read_all_group_messages": False,
                "supports_inline_queries": False}

    async def _get_updates(self, params: dict[str, Any], _files: dict[str, bytes]) -> list[dict[str, Any]]:
        offset = int(params.get("offset", 0))
        limit = int(params.get("limit", 100))
        self._confirmed = max(self._confirmed, offset)
        await self._notify()
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates and float(params.get("timeout", 0)) > 0:
            async with self._changed:
                arrived = self._changed.wait_for(lambda: bool(self._updates) or self._closing)
                try:
                    await asyncio.wait_for(arrived, float(params["timeout"]))
                except TimeoutError:
                    return []
        return self._updates[:limit]

    def _sent_message(self, chat_id: str, **content: Any) -> dict[str, Any]:
        numeric = int(chat_id) if chat_id.lstrip("-").isdigit() else 0
        kind = "private" if numeric > 0 else "supergroup"
        in_chat = chat(numeric, kind, username=None if numeric else chat_id.lstrip("@"))
        return {"message_id": next(self._message_ids), "date": timestamp(datetime.now(UTC)),
                "chat": in_chat, "from": {"id": self.bot_id, "is_bot": True, "first_name": "ClaimWatch",
                                          "username": self.username}, **content}

    @staticmethod
    def _visible(params: dict[str, Any], key: str) -> str:
        text = params.get(key, "")
        return telegram_html_text(text) if params.get("parse_mode", "").upper() == "HTML" else text

    async def _send_message(self, params: dict[str, Any], _files: dict[str, bytes]) -> dict[str, Any]:
        text = self._visible(params, "text")
        if not text.strip():
            raise BotApiError(400, "Bad Request: message text is empty")
        if len(text) > MESSAGE_LIMIT:
            raise BotApiError(400, "Bad Request: message is too long")
        return self._sent_message(params["chat_id"], text=text)

    async def _send_photo(self, params: dict[str, Any], files: dict[str, bytes]) -> dict[str, Any]:
        if "photo" not in files:
            raise BotApiError(400, "Bad Request: there is no photo in the request")
        caption = self._visible(params, "caption")
        if len(caption) > CAPTION_LIMIT:
            raise BotApiError(400, "Bad Request: message caption is too long")
        photo = [{"file_id": "photo-1", "file_unique_id": "uphoto-1", "width": 800, "height": 450,
                  "file_size": len(files["photo"])}]
        return self._sent_message(params["chat_id"], photo=photo, **({"caption": caption} if caption else {}))

    async def _get_file(self, params: dict[str, Any], _files: dict[str, bytes]) -> dict[str, Any]:
        file_id = params["file_id"]
        if file_id not in self.files:
            raise BotApiError(400, "Bad Request: invalid file_id")
        return {"file_id": file_id, "file_unique_id": f"u{file_id}", "file_size": len(self.files[file_id]),
                "file_path": f"documents/{file_id}.txt"}

    async def _file(self, request: web.Request) -> web.Response:
        file_id = request.match_info["path"].removeprefix("documents/").removesuffix(".txt")
        if request.match_info["token"] != self.token or file_id not in self.files:
            return web.Response(status=404)
        return web.Response(body=self.files[file_id])

    async def _get_chat_member(self, params: dict[str, Any], _files: dict[str, bytes]) -> dict[str, Any]:
        chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
        return _member(user(user_id), self.members.get((chat_id, user_id), "member"))

    async def _get_chat_administrators(self, params: dict[str, Any],
                                       _files: dict[str, bytes]) -> list[dict[str, Any]]:
        chat_id = int(params["chat_id"])
        return [_member(user(user_id), status) for (in_chat, user_id), status in self.members.items()
                if in_chat == chat_id and status in ("creator", "administrator")]
