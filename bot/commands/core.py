"""Running the bot: run, chat, db upgrade."""

from __future__ import annotations

import argparse

from claimwatch.bot import app
from claimwatch.bot.cli import arg, command, run_async
from claimwatch.bot.console import Console
from claimwatch.config.settings import Settings
from claimwatch.storage.db import Database, describe


@command("run")
def run(_args: argparse.Namespace, settings: Settings) -> int:
    """Start every platform whose credentials are set, the HTTP server and the scheduler.

    With no platform configured it says how to set one and opens the console chat."""
    run_async(app.run(settings))
    return 0


@command("chat")
def chat(_args: argparse.Namespace, settings: Settings) -> int:
    """Talk to the bot in this terminal (or pipe messages in): end an article with a line holding '.'."""
    async def serve() -> None:
        async with app.open_context(settings) as ctx:
            await Console(ctx).serve()

    run_async(serve())
    return 0


@command("db", arg("action", choices=["upgrade"], help="upgrade: apply the pending migrations"))
def db(_args: argparse.Namespace, settings: Settings) -> int:
    """Manage the database schema (Alembic migrations)."""
    async def upgrade() -> None:
        database = Database(settings.database_url)
        try:
            await database.upgrade()
        finally:
            await database.close()

    run_async(upgrade())
    print(f"database {describe(settings.database_url)} is up to date")
    return 0
