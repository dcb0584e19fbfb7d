"""Spike alerts: sent once per chat, region and week to the chats that follow the region."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from claimwatch.bot.alerts import spike_alert_hook
from claimwatch.bot.posting import Poster
from claimwatch.bot.scheduler import scheduled_posts
from claimwatch.digest.render_text import render_text
from claimwatch.digest.spikes import SpikeRule
from claimwatch.digest.weeks import iso_week
from claimwatch.extract.model import Analysis
from claimwatch.handlers.context import Context
from claimwatch.handlers.router import dispatch
from claimwatch.handlers.types import Incoming
from claimwatch.storage.db import Database
from claimwatch.storage.subscriptions import subscribe
from tests.bot.recording_platform import RecordingPlatform, statistic, store_figures
from tests.conftest import FixedClock

THURSDAY = datetime(2023, 1, 19, 12, 0, tzinfo=UTC)  # in 2023-W03: 2023-W02 is last week
RULE = SpikeRule(history_weeks=8, factor=2, minimum_attacks=5, minimum_history_weeks=3, max_age_weeks=1)
QUIET_WEEKS = [3, 4, 2, 3, 5, 4, 3, 3]  # 2022-W46 … 2023-W01, median 3
ARTICLE = "أعلن تنظيم الدولة مسؤوليته عن 14 هجوما في ولاية سيناء خلال الأسبوع الماضي."


async def sinai_figure(
    ctx: Context, name: str, attacks: float, week: str = "2023-W02"
) -> tuple[int, Analysis]:
    """Store an article giving Sinai's attacks for a week; what the ingest hands its hooks."""
    return await store_figures(ctx.db, name, date(2023, 1, 18), statistic(attacks, week, "Sinai"))


@pytest.fixture
async def followers(db: Database, clock: FixedClock) -> dict[str, int]:
    """Sinai's quiet recent weeks, and chats following Sinai, everything, and Borno only."""
    first = date(2022, 11, 14)
    history = [statistic(value, iso_week(first + timedelta(weeks=n)), "Sinai")
               for n, value in enumerate(QUIET_WEEKS)]
    await store_figures(db, "history", date(2023, 1, 8), *history)
    clock.now = THURSDAY
    ids = {}
    async with db.session() as session:
        for chat, regions in (("-sinai", ["Sinai"]), ("-all", []), ("-borno", ["Borno"])):
            row = await subscribe(session, "telegram", chat, regions=regions, when=None, created_by="admin",
                                  now=THURSDAY - timedelta(days=30))
            ids[chat] = row.id
    return ids


async def test_a_spike_alerts_the_chats_following_the_region_once(
    ctx: Context, followers: dict[str, int]
) -> None:
    platform = RecordingPlatform()
    hook = spike_alert_hook(Poster(ctx, [platform], "p0"), RULE)
    await hook(ctx, *await sinai_figure(ctx, "spike", 14))
    assert sorted(platform.chats()) == ["-all", "-sinai"]
    assert render_text(platform.posts[0][1].document).splitlines()[:2] == [
        "⚠ Spike in Sinai",
        "14 attacks in the week 2023-W02 (9–15 Jan 2023), more than 2× the median of 3 "
        "over the 8 weeks before with a figure.",
    ]
    await hook(ctx, *await sinai_figure(ctx, "again", 15))
    assert len(platform.posts) == 2


async def test_figures_within_the_range_or_of_old_weeks_raise_no_alert(
    ctx: Context, followers: dict[str, int]
) -> None:
    platform = RecordingPlatform()
    hook = spike_alert_hook(Poster(ctx, [platform], "p0"), RULE)
    await hook(ctx, *await sinai_figure(ctx, "calm", 6))
    await hook(ctx, *await sinai_figure(ctx, "archive", 40, week="2022-W45"))
    assert platform.posts == []


async def test_a_refused_alert_pauses_the_chat(ctx: Context, followers: dict[str, int]) -> None:
    platform = RecordingPlatform(refuse=frozenset({"-sinai"}))
    hook = spike_alert_hook(Poster(ctx, [platform], "p0"), RULE)
    await hook(ctx, *await sinai_figure(ctx, "spike", 14))
    assert platform.chats() == ["-all"]
    assert "Paused" in render_text((await dispatch(ctx, Incoming(
        platform="telegram", chat_id="-sinai", user_id="1", message_id="m", text="/subscriptions",
        received_at=THURSDAY))).document)


async def test_a_forwarded_article_sets_off_the_alert_while_the_bot_runs(
    ctx: Context, followers: dict[str, int]
) -> None:
    platform = RecordingPlatform()
    forward = Incoming(platform="telegram", chat_id="analysts", user_id="7", message_id="f1", text=ARTICLE,
                       received_at=THURSDAY, forwarded_from="al-Naba", forwarded_date=THURSDAY)
    async with scheduled_posts(ctx, [platform], tick=timedelta(hours=1)):
        await dispatch(ctx, forward)
        await dispatch(ctx, replace(forward, message_id="f2", text=ARTICLE + " (repost)"))
    assert sorted(platform.chats()) == ["-all", "-sinai"]
    assert ctx.after_ingest == []
