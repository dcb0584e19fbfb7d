"""The engine, sessions and migrations for SQLite (embedded default) and PostgreSQL (scale path)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import asynccontextmanager
from typing import Any, TypeVar

from alembic import command
from alembic.config import Config
from sqlalchemy import create_engine as create_sync_engine
from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine

log = logging.getLogger(__name__)
SQLITE_BUSY_TIMEOUT_MS = 5000
T = TypeVar("T")


class DatabaseUnavailable(Exception):
    """The database cannot be reached or is locked; the message says which and where."""


def _sqlite_pragmas(busy_timeout_ms: int) -> Callable[[Any, Any], None]:
    """WAL lets readers work beside the writer; the busy timeout waits for a lock instead of failing.

    The driver's own transaction handling is switched off so that `_sqlite_begin` can open
    every transaction with BEGIN IMMEDIATE: two deferred transactions that both upgrade
    to writing deadlock and fail at once with "database is locked", whatever the timeout."""

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    return on_connect


def _sqlite_begin(connection: Connection) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def create_engine(
    url: str, sqlite_busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS, **kwargs: Any
) -> AsyncEngine:
    """An async engine with the pragmas and pool settings each backend needs."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        engine = create_async_engine(url, **kwargs)
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas(sqlite_busy_timeout_ms))
        event.listen(engine.sync_engine, "begin", _sqlite_begin)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 10)
    return create_async_engine(url, **kwargs)


def _sqlite_writer(url: str, busy_timeout_ms: int) -> Engine | None:
    """A synchronous engine on the same SQLite file for `Database.unit`; None for an in-memory database."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    engine = create_sync_engine(parsed.set(drivername="sqlite"), pool_size=1, max_overflow=0)
    event.listen(engine, "connect", _sqlite_pragmas(busy_timeout_ms))
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def describe(url: str) -> str:
    """The URL without its password, fit for a log line."""
    return make_url(url).render_as_string(hide_password=True)


def alembic_config(url: str) -> Config:
    """Alembic's config built in code, so migrations run from an installed package."""
    config = Config()
    config.set_main_option("script_location", "claimwatch.storage:migrations")
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


class Database:
    """One engine and its session factory; `session()` is the unit of work, `unit()` the fast one."""

    def __init__(self, url: str, sqlite_busy_timeout_ms: int = SQLITE_BUSY_TIMEOUT_MS,
                 **engine_kwargs: Any) -> None:
        self.url = url
        self.engine = create_engine(url, sqlite_busy_timeout_ms, **engine_kwargs)
        self.sessions = async_sessionmaker(self.engine, expire_on_commit=False)
        self._writer = _sqlite_writer(url, sqlite_busy_timeout_ms)
        self._writer_thread = ThreadPoolExecutor(1, "sqlite-writer") if self._writer else None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @asynccontextmanager
    async def session(self) -> AsyncIterator[AsyncSession]:
        """A session in a transaction, committed on success; connection faults become DatabaseUnavailable."""
        try:
            async with self.sessions() as session, session.begin():
                yield session
        except (OperationalError, DBAPIError, OSError) as exc:
            if isinstance(exc, DBAPIError) and not _is_connectivity_error(exc):
                raise
            raise DatabaseUnavailable(f"database {describe(self.url)} unavailable: {_reason(exc)}") from exc

    async def unit(self, work: Callable[..., T], *args: Any) -> T:
        """`work(connection, *args)` on a Core connection in one transaction, committed on success.

        For the hot path (ingest): no ORM session, and on SQLite the whole transaction runs
        as one call in a single writer thread on the standard driver, instead of aiosqlite's
        several thread hops per statement; one writer also means writers queue instead of
        sleeping in SQLite's busy handler. PostgreSQL runs `work` on the async connection."""
        try:
            if self._writer is None:
                async with self.engine.begin() as connection:
                    return await connection.run_sync(work, *args)
            loop = asyncio.get_running_loop()
            return await loop.run_in_executor(self._writer_thread, _in_transaction, self._writer, work, args)
        except (OperationalError, DBAPIError, OSError) as exc:
            if isinstance(exc, DBAPIError) and not _is_connectivity_error(exc):
                raise
            raise DatabaseUnavailable(f"database {describe(self.url)} unavailable: {_reason(exc)}") from exc

    async def upgrade(self) -> None:
        """Apply every Alembic migration not yet applied."""
        try:
            async with self.engine.begin() as connection:
                await connection.run_sync(_upgrade, alembic_config(self.url))
        except (OperationalError, DBAPIError, OSError) as exc:
            raise DatabaseUnavailable(f"cannot reach database {describe(self.url)}: {_reason(exc)}") from exc

    async def close(self) -> None:
        if self._writer is not None:  # its connection belongs to the writer thread
            await asyncio.get_running_loop().run_in_executor(self._writer_thread, self._writer.dispose)
            self._writer_thread.shutdown()
        await self.engine.dispose()


def _in_transaction(engine: Engine, work: Callable[..., T], args: tuple[Any, ...]) -> T:
    with engine.begin() as connection:
        return work(connection, *args)


def _upgrade(connection: Connection, config: Config) -> None:
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def _is_connectivity_error(exc: DBAPIError) -> bool:
    return exc.connection_invalidated or isinstance(exc, OperationalError) or "connect" in str(exc).lower()


def _reason(exc: BaseException) -> str:
    original = getattr(exc, "orig", None) or exc
    text = str(original).strip().splitlines()
    return text[0] if text else type(original).__name__
