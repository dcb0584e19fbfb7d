"""A local file that holds incoming messages while the database is down, so none is lost.

Each message is one JSON line, fsync'd before the user is told it is saved. Replay
first moves the pending file aside (new messages go to a fresh one meanwhile), then
feeds its lines in order; what the database refuses again stays for the next round,
a line that can never be processed goes to `rejected.jsonl` with the reason. The
consumer must be idempotent: a crash mid-replay processes some lines twice.

Files in the spool directory:
  incoming.jsonl          messages waiting, appended under an exclusive file lock
  replaying-<ns>.jsonl    a batch moved aside for replay, oldest first
  rejected.jsonl          lines that failed for a reason other than the database
"""

from __future__ import annotations

import asyncio
import fcntl
import json
import logging
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from claimwatch.storage.db import DatabaseUnavailable

log = logging.getLogger(__name__)

Record = dict[str, Any]
Consumer = Callable[[Record], Awaitable[object]]


@dataclass(frozen=True)
class ReplayResult:
    """What one replay did: lines processed, lines given up on, lines still waiting for the database."""

    replayed: int = 0
    rejected: int = 0
    waiting: int = 0


class Spool:
    """The spool in one directory; safe for several processes sharing it."""

    def __init__(self, directory: Path) -> None:
        self.directory = Path(directory)
        self.pending = self.directory / "incoming.jsonl"
        self.rejected = self.directory / "rejected.jsonl"

    async def append(self, record: Record) -> None:
        """Add a message durably: when this returns the line is on disk."""
        line = json.dumps(record, ensure_ascii=False, separators=(",", ":")) + "\n"
        await asyncio.to_thread(self._append_line, self.pending, line)

    def has_pending(self) -> bool:
        """Whether anything waits for replay (cheap: no file is read)."""
        if self.pending.exists() and self.pending.stat().st_size > 0:
            return True
        return any(self.directory.glob("replaying-*.jsonl")) if self.directory.exists() else False

    async def replay(self, consume: Consumer) -> ReplayResult:
        """Feed every waiting message to `consume`, oldest first; stop when the database is down again."""
        if not self.has_pending():
            return ReplayResult()
        with self._lock("replay.lock", blocking=False) as acquired:
            if not acquired:
                return ReplayResult()  # another process or task is replaying
            await asyncio.to_thread(self._move_pending_aside)
            total = ReplayResult()
            for batch in sorted(self.directory.glob("replaying-*.jsonl")):
                done = await self._replay_file(batch, consume)
                total = ReplayResult(total.replayed + done.replayed, total.rejected + done.rejected,
                                     total.waiting + done.waiting)
                if done.waiting:
                    break
            return total

    async def _replay_file(self, batch: Path, consume: Consumer) -> ReplayResult:
        lines = batch.read_text(encoding="utf-8").splitlines()
        replayed = rejected = 0
        for index, line in enumerate(lines):
            if not line.strip():
                continue
            try:
                await consume(json.loads(line))
            except DatabaseUnavailable as exc:
                log.warning("spool replay paused, database unavailable: %s", exc)
                await asyncio.to_thread(_rewrite, batch, lines[index:])
                return ReplayResult(replayed, rejected, len(lines) - index)
            except Exception as exc:  # a line that can never be processed must not block the others
                log.exception("spooled message rejected")
                await self._reject(line, exc)
                rejected += 1
                continue
            replayed += 1
        await asyncio.to_thread(batch.unlink)
        return ReplayResult(replayed, rejected, 0)

    async def _reject(self, line: str, exc: Exception) -> None:
        record = {"line": line, "error": f"{type(exc).__name__}: {exc}", "rejected_at": time.time()}
        entry = json.dumps(record, ensure_ascii=False) + "\n"
        await asyncio.to_thread(self._append_line, self.rejected, entry)

    def _append_line(self, path: Path, line: str) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        with self._lock("spool.lock", blocking=True):
            created = not path.exists()
            with path.open("a", encoding="utf-8") as file:
                file.write(line)
                file.flush()
                os.fsync(file.fileno())
            if created:
                _fsync_directory(self.directory)

    def _move_pending_aside(self) -> None:
        with self._lock("spool.lock", blocking=True):
            if self.pending.exists() and self.pending.stat().st_size > 0:
                self.pending.rename(self.directory / f"replaying-{time.time_ns():020d}.jsonl")
                _fsync_directory(self.directory)

    @contextmanager
    def _lock(self, name: str, blocking: bool) -> Iterator[bool]:
        """An exclusive lock on a file in the spool directory (flock: per open file, so per task too)."""
        self.directory.mkdir(parents=True, exist_ok=True)
        with (self.directory / name).open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | (0 if blocking else fcntl.LOCK_NB))
            except BlockingIOError:
                yield False
                return
            try:
                yield True
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _rewrite(path: Path, lines: list[str]) -> None:
    """Replace a file's content atomically: the lines still to do, nothing else."""
    temporary = path.with_suffix(".tmp")
    with temporary.open("w", encoding="utf-8") as file:
        file.write("".join(line + "\n" for line in lines))
        file.flush()
        os.fsync(file.fileno())
    temporary.replace(path)
    _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    """Make a new or renamed file's directory entry durable too."""
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
