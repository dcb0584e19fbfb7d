"""Fixtures shared by the whole suite: settings isolated from the machine, and databases.

`database_url` is parametrised over SQLite (always) and PostgreSQL (when
CLAIMWATCH_TEST_POSTGRES_URL is set; each test gets a database of its own).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from claimwatch.config.settings import Settings
from claimwatch.handlers.context import Context
from claimwatch.storage.db import Database

POSTGRES_URL = os.environ.get("CLAIMWATCH_TEST_POSTGRES_URL")
_ISOLATED_PREFIXES = ("CLAIMWATCH_", "TELEGRAM_", "SLACK_")


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test sees the developer's tokens, database or .env file."""
    for name in list(os.environ):
        if name.startswith(_ISOLATED_PREFIXES) and name != "CLAIMWATCH_TEST_POSTGRES_URL":
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)


async def _admin(url: str, statement: str) -> None:
    import asyncpg

    parsed = make_url(url).set(drivername="postgresql")
    connection = await asyncpg.connect(parsed.render_as_string(hide_password=False))
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """A fresh, empty database of each backend."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
        return
    if not POSTGRES_URL:
        pytest.skip("CLAIMWATCH_TEST_POSTGRES_URL is not set")
    name = f"cw_test_{uuid.uuid4().hex[:12]}"
    await _admin(POSTGRES_URL, f'CREATE DATABASE "{name}"')
    try:
        yield make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    finally:
        await _admin(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """A migrated database."""
    database = Database(database_url)
    await database.upgrade()
    yield database
    await database.close()


def make_settings(**overrides: object) -> Settings:
    """Settings from keyword arguments only: no environment, no .env."""
    return Settings(_env_file=None, **overrides)


class FixedClock:
    """A clock tests move by hand."""

    def __init__(self, now: datetime | None = None) -> None:
        self.now = now or datetime(2023, 1, 14, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock()


@pytest.fixture
def ctx(db: Database, clock: FixedClock) -> Iterator[Context]:
    """A handler context on a migrated database of each backend."""
    yield Context(settings=make_settings(database_url=db.url), db=db, clock=clock)
