"""What the application needs from a platform adapter (Telegram, Slack, console)."""

from __future__ import annotations

from typing import Protocol

from aiohttp import web

from claimwatch.handlers.types import Reply


class DeliveryRefused(Exception):
    """The platform will not take posts in this chat (blocked, kicked, archived): pause, don't retry."""

    def __init__(self, chat_id: str, reason: str) -> None:
        super().__init__(f"{chat_id}: {reason}")
        self.chat_id = chat_id
        self.reason = reason


class Transport(Protocol):
    """A running platform adapter."""

    platform: str

    def routes(self) -> list[web.RouteDef]:
        """HTTP routes this transport serves on the shared server (webhooks); may be empty."""
        ...

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def post(self, chat_id: str, reply: Reply) -> str:
        """Post unprompted (scheduled digests, alerts); the platform's message id, or DeliveryRefused."""
        ...
