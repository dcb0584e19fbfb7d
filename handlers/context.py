"""What every handler may use: settings, the database, and a clock tests can set."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from claimwatch.config.settings import Settings
from claimwatch.storage.db import Database


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Context:
    """Shared by all handlers of one process."""

    settings: Settings
    db: Database
    clock: Callable[[], datetime] = field(default=utc_now)
