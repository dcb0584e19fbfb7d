"""A fake Slack Web API on loopback: the JSON shapes of the real one, every call recorded, faults on demand.

The real slack_sdk AsyncWebClient (base_url pointed here) and the real Bolt AsyncApp talk
to it over HTTP: Web API methods under /api/, the upload URLs files.getUploadURLExternal
hands out, slash-command response_urls, and a Socket Mode WebSocket. Tests read what the bot
sent from `calls`, queue faults for the next calls of a method (429 with Retry-After, API
errors such as not_in_channel, dropped connections), and `hold` a method to prove an
acknowledgement does not wait for the work behind it. Like Slack, it refuses messages with
more than 50 blocks or sections over 3000 characters, so a sloppy reply fails the test.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from tests.fakes import serve_on_loopback

BOT_TOKEN = "xoxb-1111-2222-ClaimWatchTestBotToken"
APP_TOKEN = "xapp-1-A0CLAIM-3333-ClaimWatchTestAppToken"
SIGNING_SECRET = "5ec7e75ec7e75ec7e75ec7e7f00dcafe"
BOT_USER_ID = "U0CLAIMBOT"
BOT_ID = "B0CLAIMBOT"
TEAM_ID = "T0CLAIM"
WORKSPACE_URL = "https://claimwatch-test.slack.com/"
MAX_BLOCKS = 50
SECTION_LIMIT = 3000

UPLOAD = "upload"  # the URL files.getUploadURLExternal hands out
RESPONSE_URL = "response_url"  # a slash command's response_url
SOCKET_ACK = "socket_ack"  # an envelope acknowledged over the Socket Mode WebSocket


@dataclass
class Call:
    """One request the bot made: the method (or UPLOAD / RESPONSE_URL / SOCKET_ACK) and its decoded body."""

    method: str
    params: dict[str, Any]
    body: bytes
    token: str | None
    received: float = field(default_factory=time.monotonic)
    answered: float | None = None


@dataclass(frozen=True)
class Fault:
    """What the next call of a method gets instead of success."""

    error: str = ""
    status: int = 200
    retry_after: int | None = None
    drop: bool = False


def rate_limited(retry_after: int = 1) -> Fault:
    return Fault("ratelimited", status=429, retry_after=retry_after)


def api_error(error: str) -> Fault:
    return Fault(error)


def dropped_connection() -> Fault:
    return Fault(drop=True)


def block_problem(blocks: Any) -> str | None:
    """Slack's invalid_blocks checks that matter here: the count and the section text length."""
    if not isinstance(blocks, list) or len(blocks) > MAX_BLOCKS:
        return "invalid_blocks"
    for block in blocks:
        text = block.get("text", {}) if block.get("type") == "section" else {}
        too_long = len(text.get("text", "")) > SECTION_LIMIT
        if text and (text.get("type") not in ("mrkdwn", "plain_text") or too_long):
            return "invalid_blocks"
    return None


class FakeSlackApi:
    """Serve with `start()`; point SLACK_API_URL at `api_url`."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.channels: dict[str, dict[str, Any]] = {}
        self.users: dict[str, dict[str, Any]] = {}
        self.port = 0
        self._faults: dict[str, deque[Fault]] = defaultdict(deque)
        self._holds: dict[str, asyncio.Event] = {}
        self._changed = asyncio.Condition()
        self._ids = itertools.count(1)
        self._sockets: list[web.WebSocketResponse] = []
        self._runner: web.AppRunner | None = None

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/"

    def response_url(self, key: str) -> str:
        return f"http://127.0.0.1:{self.port}/response/{key}"

    async def start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/api/{method}", self._api)
        app.router.add_post("/upload/{file_id}", self._upload)
        app.router.add_post("/response/{key}", self._response_url)
        app.router.add_get("/socket", self._socket)
        self._runner, self.port = await serve_on_loopback(app)

    async def stop(self) -> None:
        for event in self._holds.values():
            event.set()
        for socket in self._sockets:
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    # --- what tests use -------------------------------------------------------------------------

    def fault(self, method: str, *faults: Fault) -> None:
        """The next calls of `method` get these faults, in order; later calls succeed."""
        self._faults[method].extend(faults)

    def hold(self, method: str) -> None:
        """Calls of `method` are recorded on arrival but not answered until `release`."""
        self._holds[method] = asyncio.Event()

    def release(self, method: str) -> None:
        self._holds.pop(method).set()

    def calls_to(self, method: str) -> list[Call]:
        return [c for c in self.calls if c.method == method]

    def outgoing_texts(self) -> list[str]:
        """Every body the bot sent, decoded: what an injection check must search."""
        return [c.body.decode("utf-8", "replace") for c in self.calls if c.method != UPLOAD]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 10) -> list[Call]:
        """The first `count` calls of `method`, once they have been answered."""
        def arrived() -> bool:
            return sum(1 for c in self.calls_to(method) if c.answered is not None) >= count

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(arrived), timeout)
        return self.calls_to(method)[:count]

    async def push_envelope(self, envelope: dict[str, Any]) -> None:
        """Send a Socket Mode envelope to every connected client."""
        for socket in self._sockets:
            await socket.send_json(envelope)

    async def wait_for_socket(self, timeout: float = 10) -> None:
        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: bool(self._sockets)), timeout)

    # --- the server ---------------------------------------------------------------------------

    async def _record(self, method: str, request: web.Request, params: dict[str, Any], body: bytes) -> Call:
        token = request.headers.get("Authorization", "").removeprefix("Bearer ") or None
        call = Call(method, params, body, token)
        self.calls.append(call)
        await self._notify()
        return call

    async def _notify(self) -> None:
        async with self._changed:
            self._changed.notify_all()

    async def _answer(
        self, call: Call, request: web.Request, answer: dict[str, Any] | None
    ) -> web.StreamResponse:
        """Wait out a hold, apply a queued fault, else send `answer`; the call is marked answered."""
        hold = self._holds.get(call.method)
        if hold is not None:
            await hold.wait()
        fault = self._faults[call.method].popleft() if self._faults[call.method] else None
        if fault is not None and fault.drop:
            assert request.transport is not None
            request.transport.close()
        elif fault is not None:
            headers = {"Retry-After": str(fault.retry_after)} if fault.retry_after is not None else {}
            answer_response = web.json_response({"ok": False, "error": fault.error}, status=fault.status,
                                                headers=headers)
        else:
            answer_response = web.json_response(answer) if answer is not None else web.Response(text="ok")
        call.answered = time.monotonic()
        await self._notify()
        if fault is not None and fault.drop:
            raise web.HTTPServiceUnavailable()  # never reaches the client: the connection is gone
        return answer_response

    async def _api(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        body = await request.read()
        if request.content_type == "application/json":
            params = json.loads(body or b"{}")
        else:
            params = {**request.query, **await request.post()}
        call = await self._record(method, request, params, body)
        return await self._answer(call, request, self._result(method, call))

    def _result(self, method: str, call: Call) -> dict[str, Any]:
        expected = APP_TOKEN if method == "apps.connections.open" else BOT_TOKEN
        if call.token != expected:
            return {"ok": False, "error": "invalid_auth"}
        handler = getattr(self, "_" + method.replace(".", "_"), None)
        if handler is None:
            return {"ok": False, "error": "unknown_method"}
        return handler(call.params)

    def _auth_test(self, _params: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": WORKSPACE_URL, "team": "ClaimWatch Test", "user": "claimwatch",
                "team_id": TEAM_ID, "user_id": BOT_USER_ID, "bot_id": BOT_ID, "is_enterprise_install": False}

    def _message_problem(self, params: dict[str, Any]) -> str | None:
        if not params.get("channel"):
            return "channel_not_found"
        blocks = params.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if not params.get("text") and not blocks:
            return "no_text"
        return block_problem(blocks) if blocks is not None else None

    def _chat_postMessage(self, params: dict[str, Any]) -> dict[str, Any]:
        problem = self._message_problem(params)
        if problem:
            return {"ok": False, "error": problem}
        ts = f"1700000000.{next(self._ids):06d}"
        return {"ok": True, "channel": params["channel"], "ts": ts,
                "message": {"type": "message", "text": params.get("text", ""), "bot_id": BOT_ID, "ts": ts}}

    def _chat_postEphemeral(self, params: dict[str, Any]) -> dict[str, Any]:
        problem = self._message_problem(params) or (None if params.get("user") else "user_not_in_channel")
        if problem:
            return {"ok": False, "error": problem}
        return {"ok": True, "message_ts": f"1700000000.{next(self._ids):06d}"}

    def _files_getUploadURLExternal(self, params: dict[str, Any]) -> dict[str, Any]:
        if not params.get("filename") or not str(params.get("length", "")).isdigit():
            return {"ok": False, "error": "invalid_arguments"}
        file_id = f"F{next(self._ids):08d}"
        return {"ok": True, "file_id": file_id, "upload_url": f"http://127.0.0.1:{self.port}/upload/{file_id}"}

    def _files_completeUploadExternal(self, params: dict[str, Any]) -> dict[str, Any]:
        files = params.get("files")
        files = json.loads(files) if isinstance(files, str) else files
        uploaded = {c.params["file_id"] for c in self.calls_to(UPLOAD)}
        if not files or any(f["id"] not in uploaded for f in files):
            return {"ok": False, "error": "file_not_found"}
        return {"ok": True, "files": [{"id": f["id"], "title": f.get("title")} for f in files]}

    def _conversations_info(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self.channels.get(str(params.get("channel")))
        return {"ok": True, "channel": channel} if channel else {"ok": False, "error": "channel_not_found"}

    def _conversations_join(self, params: dict[str, Any]) -> dict[str, Any]:
        channel = self.channels.get(str(params.get("channel")))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        if channel.get("is_private"):
            return {"ok": False, "error": "method_not_supported_for_channel_type"}
        channel["is_member"] = True
        return {"ok": True, "channel": channel}

    def _users_info(self, params: dict[str, Any]) -> dict[str, Any]:
        user = self.users.get(str(params.get("user")))
        return {"ok": True, "user": user} if user else {"ok": False, "error": "user_not_found"}

    def _apps_connections_open(self, _params: dict[str, Any]) -> dict[str, Any]:
        return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}

    async def _upload(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        call = await self._record(UPLOAD, request, {"file_id": request.match_info["file_id"]}, body)
        return await self._answer(call, request, None)

    async def _response_url(self, request: web.Request) -> web.StreamResponse:
        body = await request.read()
        params = json.loads(body)
        params["key"] = request.match_info["key"]
        call = await self._record(RESPONSE_URL, request, params, body)
        problem = block_problem(params["blocks"]) if "blocks" in params else None
        if problem:
            call.answered = time.monotonic()
            await self._notify()
            return web.Response(status=400, text=problem)
        return await self._answer(call, request, None)

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        await socket.send_json({"type": "hello", "num_connections": 1,
                                "connection_info": {"app_id": "A0CLAIM"}, "debug_info": {"host": "fake"}})
        await self._notify()
        async for message in socket:
            if message.type == WSMsgType.TEXT:
                data = message.data.encode()
                call = await self._record(SOCKET_ACK, request, json.loads(data), data)
                call.answered = call.received
                await self._notify()
        self._sockets.remove(socket)
        return socket
