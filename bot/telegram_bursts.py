"""Forward bursts: a long post arrives as several forwards in a row; they are one article, not several."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import timedelta

from claimwatch.bot.telegram_updates import Origin, merge_parts
from claimwatch.handlers.types import Incoming

log = logging.getLogger(__name__)

# The parts of one split post were first posted together; forwards of posts further apart are separate.
ORIGIN_SPREAD = timedelta(seconds=60)


@dataclass
class _Burst:
    origin: Origin
    parts: list[Incoming] = field(default_factory=list)
    timer: asyncio.TimerHandle | None = None

    def accepts(self, origin: Origin) -> bool:
        return origin.key == self.origin.key and abs(origin.date - self.origin.date) <= ORIGIN_SPREAD


class ForwardBursts:
    """Holds each sender's forwards until `window` seconds pass without another part from the same origin."""

    def __init__(self, window: float, on_article: Callable[[Incoming], Awaitable[None]]) -> None:
        self.window = window
        self.on_article = on_article
        self._open: dict[tuple[str, str], _Burst] = {}
        self._tasks: set[asyncio.Task[None]] = set()

    def add(self, part: Incoming, origin: Origin) -> None:
        """Join the sender's open burst from this origin, or close theirs and open a new one."""
        key = (part.chat_id, part.user_id)
        burst = self._open.get(key)
        if burst is not None and not burst.accepts(origin):
            self._close(key)
            burst = None
        if burst is None:
            burst = self._open[key] = _Burst(origin)
        burst.parts.append(part)
        if burst.timer is not None:
            burst.timer.cancel()
        burst.timer = asyncio.get_running_loop().call_later(self.window, self._close, key)

    def _close(self, key: tuple[str, str]) -> None:
        burst = self._open.pop(key, None)
        if burst is None:
            return
        if burst.timer is not None:
            burst.timer.cancel()
        task = asyncio.create_task(self.on_article(merge_parts(burst.parts)))
        self._tasks.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("answering a forwarded article failed", exc_info=task.exception())

    async def close_all(self) -> None:
        """Hand over every open burst now and wait until all are answered (at shutdown)."""
        for key in list(self._open):
            self._close(key)
        await asyncio.gather(*self._tasks, return_exceptions=True)
