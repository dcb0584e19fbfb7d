"""What every handler may use: settings, the database, and a clock tests can set."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from claimwatch.config.settings import Settings
from claimwatch.storage.db import Database

if TYPE_CHECKING:
    from claimwatch.extract.model import Analysis

AfterIngest = Callable[["Context", int, "Analysis"], Awaitable[None]]


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    """Shared by all handlers of one process."""

    settings: Settings
    db: Database
    clock: Callable[[], datetime] = field(default=utc_now)
    after_ingest: list[AfterIngest] = field(default_factory=list)  # e.g. spike alerts, wired by bot/
