"""What differs between SQLite and PostgreSQL beyond plain SQL: the upsert statement, naive datetimes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert_for(session: AsyncSession, model: type) -> Any:
    """An INSERT that offers ON CONFLICT … RETURNING (SQLite ≥ 3.35, PostgreSQL) on the session's backend.

    Both dialects spell `on_conflict_do_update(index_elements, set_, where)` and
    `returning` alike, so callers write one statement for either database."""
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(model)
    return sqlite.insert(model)


def as_utc(value: datetime | None) -> datetime | None:
    """A stored time as an aware UTC datetime: SQLite hands back the naive UTC value it was given."""
    if value is None:
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def utc(value: datetime) -> datetime:
    """A time to store: UTC, so SQLite's text timestamps compare in the right order."""
    return value.astimezone(UTC)
