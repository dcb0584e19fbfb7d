"""The console chat: the same handlers and database as the platforms, in a terminal or a pipe.

A message ends at a line holding only "." (or at the end of input); a line starting
with "/" on its own is a command; /quit leaves. When stdin is not a terminal the
same rules read it, so `claimwatch chat < file` works in scripts.
"""

from __future__ import annotations

import asyncio
import getpass
import itertools
import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from claimwatch.digest.render_text import render_text
from claimwatch.handlers.context import Context
from claimwatch.handlers.router import dispatch
from claimwatch.handlers.types import Incoming, Reply

END_OF_MESSAGE = "."
QUIT = {"/quit", "/exit"}
BANNER = ("ClaimWatch console. Paste an article and end it with a line holding only '.'; "
          "commands: /help, /digest, /trend REGION, /quit.")


class MessageReader:
    """Collects lines into messages: commands on their own line, articles up to a '.' line."""

    def __init__(self) -> None:
        self.buffer: list[str] = []

    def feed(self, raw: str) -> str | None:
        """The message this line completes, if any."""
        line = raw.rstrip("\r\n")
        if not self.buffer and line.strip().startswith("/"):
            return line.strip()
        if line.strip() == END_OF_MESSAGE:
            return self.flush()
        if self.buffer or line.strip():
            self.buffer.append(line)
        return None

    def flush(self) -> str | None:
        """The message in progress at the end of input."""
        message = "\n".join(self.buffer) if self.buffer else None
        self.buffer = []
        return message


class Console:
    """Reads messages from a stream, answers on another; charts are written next to the database."""

    platform = "console"

    def __init__(self, ctx: Context, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout,
                 chart_dir: Path = Path(".")) -> None:
        self.ctx = ctx
        self.stdin = stdin
        self.stdout = stdout
        self.chart_dir = chart_dir
        self.user = getpass.getuser()
        self.interactive = stdin.isatty()
        self._ids = itertools.count(1)
        self._session = time.time_ns()
        self.reader = MessageReader()

    def _incoming(self, text: str) -> Incoming:
        return Incoming(platform="console", chat_id="console", user_id=self.user,
                        message_id=f"{self._session}-{next(self._ids)}", text=text,
                        received_at=datetime.now(UTC), is_admin=True)

    def show(self, reply: Reply) -> None:
        self.stdout.write(render_text(reply.document) + "\n")
        if reply.chart_png:
            path = self.chart_dir / reply.chart_name
            path.write_bytes(reply.chart_png)
            self.stdout.write(f"(chart written to {path})\n")
        self.stdout.write("\n")
        self.stdout.flush()

    async def _next_line(self) -> str:
        if self.interactive:
            self.stdout.write("> " if not self.reader.buffer else "")
            self.stdout.flush()
        return await asyncio.to_thread(self.stdin.readline)

    async def serve(self) -> None:
        """Answer every message until /quit or the end of input."""
        if self.interactive:
            self.stdout.write(BANNER + "\n")
        while True:
            line = await self._next_line()
            message = self.reader.feed(line) if line else self.reader.flush()
            if message and message.split()[0].lower() in QUIT:
                return
            if message:
                self.show(await dispatch(self.ctx, self._incoming(message)))
            if not line:
                return
