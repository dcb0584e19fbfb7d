"""`claimwatch post-digest`: posts now through the configured platform, once per chat and week."""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime

import pytest

from claimwatch.bot.cli import main
from claimwatch.storage.db import Database
from claimwatch.storage.subscriptions import subscribe
from tests.bot.telegram_harness import fake_telegram
from tests.fakes.telegram_api import FakeTelegramApi, forbidden


async def post_digest(database_url: str, api: FakeTelegramApi, *arguments: str) -> tuple[int, str, str]:
    """Run the command as cron would, in its own process; exit status, stdout and stderr."""
    environment = {**os.environ, "CLAIMWATCH_DATABASE_URL": database_url, "TELEGRAM_BOT_TOKEN": api.token,
                   "TELEGRAM_API_BASE_URL": api.base_url}
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "claimwatch", "post-digest", *arguments, env=environment,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await process.communicate()
    return process.returncode, out.decode(), err.decode()


@pytest.fixture
async def subscribed(db: Database) -> None:
    async with db.session() as session:
        for chat in ("-1001", "-1002"):
            await subscribe(session, "telegram", chat, regions=[], when=None, created_by="admin",
                            now=datetime(2023, 1, 1, tzinfo=UTC))


async def test_posts_each_chat_once_however_often_it_runs(database_url: str, subscribed: None) -> None:
    async with fake_telegram() as api:
        status, out, _ = await post_digest(database_url, api, "--week", "2023-W02")
        again, out_again, _ = await post_digest(database_url, api, "--week", "2023w2")
    assert status == 0
    assert out.splitlines() == ["telegram:-1001: sent the digest of 2023-W02 (message 5000)",
                                "telegram:-1002: sent the digest of 2023-W02 (message 5001)"]
    assert again == 0
    assert "already posted" in out_again
    assert sorted(c.chat_id for c in api.sent("sendMessage")) == ["-1001", "-1002"]


async def test_one_chat_and_a_refusal(database_url: str, subscribed: None) -> None:
    async with fake_telegram() as api:
        api.inject("sendMessage", forbidden("Forbidden: bot was kicked from the supergroup chat"))
        status, out, _ = await post_digest(database_url, api, "--week=2023-W02", "--chat=telegram:-1002")
        unknown, _, err = await post_digest(database_url, api, "--chat", "telegram:-1003")
    assert status == 1
    assert out.strip() == ("telegram:-1002: the platform refuses this chat (Forbidden: bot was kicked from "
                           "the supergroup chat); its subscription is paused until /subscribe")
    assert unknown == 1
    assert err.strip() == ("claimwatch: telegram:-1003 has no active digest subscription here "
                           "(/subscriptions in that chat says why; /subscribe starts or resumes it)")
    assert api.sent("sendMessage") == []


def test_without_a_platform_it_says_how_to_set_one(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["post-digest"]) == 1
    assert "no platform is configured to post with: set TELEGRAM_BOT_TOKEN" in capsys.readouterr().err


def test_a_week_that_is_not_one_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["post-digest", "--week", "last tuesday"])
    assert "not an ISO week" in capsys.readouterr().err
