"""Fixtures shared by the whole suite: settings isolated from the machine, and databases.

`database_url` is parametrised over SQLite (always) and PostgreSQL (when
CLAIMWATCH_TEST_POSTGRES_URL is set; one migrated database per run, emptied before each test).
"""

from __future__ import annotations

import asyncio
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


@pytest.fixture(scope="session")
def postgres_test_database() -> Iterator[str]:
    """One migrated PostgreSQL database for the whole run, dropped at the end."""
    if not POSTGRES_URL:
        pytest.skip("CLAIMWATCH_TEST_POSTGRES_URL is not set")
    name = f"cw_test_{uuid.uuid4().hex[:12]}"
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    asyncio.run(_admin(POSTGRES_URL, f'CREATE DATABASE "{name}"'))
    asyncio.run(_migrate(url))
    yield url
    asyncio.run(_admin(POSTGRES_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _migrate(url: str) -> None:
    database = Database(url)
    try:
        await database.upgrade()
    finally:
        await database.close()


_EMPTY_ALL_TABLES = """
SET session_replication_role = replica;
DO $$ DECLARE name text; BEGIN
  FOR name IN SELECT tablename FROM pg_tables
      WHERE schemaname = 'public' AND tablename <> 'alembic_version' LOOP
    EXECUTE format('DELETE FROM %I', name);
  END LOOP;
  FOR name IN SELECT sequencename FROM pg_sequences WHERE schemaname = 'public' LOOP
    EXECUTE format('ALTER SEQUENCE %I RESTART', name);
  END LOOP;
END $$;
"""
"""DELETE rather than TRUNCATE: on a handful of rows it is many times faster; FK triggers are skipped."""


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database of each backend: a new SQLite file, or the run's PostgreSQL database emptied."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    url = request.getfixturevalue("postgres_test_database")
    asyncio.run(_admin(url, _EMPTY_ALL_TABLES))
    return url


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
