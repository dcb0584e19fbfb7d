"""Weekly posts: exactly once per chat and week with several schedulers, after crashes, refusals, downtime.

Time is the context's clock, set by hand; APScheduler fires for real (every second),
but what is due is decided on the clock, so no test waits for Monday.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from claimwatch.bot.posting import Poster
from claimwatch.bot.scheduler import DigestScheduler
from claimwatch.digest.render_text import render_text
from claimwatch.handlers.context import Context
from claimwatch.storage.db import Database
from claimwatch.storage.models import DigestPost, Subscription
from claimwatch.storage.posts import CLAIM_LEASE
from claimwatch.storage.subscriptions import WeeklyTime, subscribe
from tests.bot.recording_platform import KICKED, RecordingPlatform, statistic, store_figures
from tests.bot.telegram_harness import fake_telegram
from tests.conftest import FixedClock, make_settings
from tests.fakes.telegram_api import FakeTelegramApi

MONDAY_8 = datetime(2023, 1, 16, 8, 0, tzinfo=UTC)  # 2023-W03 begins; the week just ended is 2023-W02
SECOND = timedelta(seconds=1)
REPOSITORY = Path(__file__).resolve().parents[2]


class ProcessCrashed(BaseException):
    """The process dies mid-send (kill -9, power cut): nothing after the claim runs."""


class CrashingPlatform(RecordingPlatform):
    async def post(self, chat_id: str, reply: object) -> str:
        raise ProcessCrashed


async def subscribe_chat(db: Database, chat: str, regions: Sequence[str] = (), when: WeeklyTime | None = None,
                         since: datetime = MONDAY_8 - timedelta(days=20)) -> Subscription:
    async with db.session() as session:
        return await subscribe(session, "telegram", chat, regions=regions, when=when, created_by="admin",
                               now=since)


async def until(condition: Callable[[], bool]) -> None:
    """Let the real schedulers fire until the condition holds."""
    for _ in range(1200):
        if condition():
            return
        await asyncio.sleep(0.05)
    raise AssertionError("the schedulers did not fire often enough")


async def posts_in_db(db: Database) -> list[tuple[int, str, bool]]:
    async with db.session() as session:
        rows = await session.scalars(select(DigestPost).order_by(DigestPost.subscription_id, DigestPost.week))
        return [(row.subscription_id, row.week, row.sent_at is not None) for row in rows]


def context(db: Database, clock: FixedClock) -> Context:
    return Context(make_settings(database_url=db.url), db, clock)


@pytest.mark.timeout(180)  # real seconds between fires, on a machine that may be busy
async def test_two_schedulers_firing_every_second_post_each_chat_once_a_week(
    database_url: str, db: Database, clock: FixedClock, capsys: pytest.CaptureFixture[str]
) -> None:
    clock.now = MONDAY_8 + 30 * SECOND
    chats = {"-1": await subscribe_chat(db, "-1"),
             "-2": await subscribe_chat(db, "-2", ["Sinai"]),
             "-3": await subscribe_chat(db, "-3", when=WeeklyTime(0, "07:30", "Africa/Lagos"))}
    platform = RecordingPlatform()
    other_process = Database(database_url)
    schedulers = [DigestScheduler(context(engine, clock), Poster(context(engine, clock), [platform], f"p{n}"),
                                  tick=SECOND) for n, engine in enumerate((db, other_process))]
    for scheduler in schedulers:
        scheduler.start()
    try:
        await until(lambda: all(s.fires >= 3 for s in schedulers))
        clock.now = MONDAY_8 + timedelta(days=7, seconds=30)
        fired = [s.fires for s in schedulers]
        await until(lambda: all(s.fires >= f + 3 for s, f in zip(schedulers, fired, strict=True)))
    finally:
        for scheduler in schedulers:
            await scheduler.stop()
        await other_process.close()
    assert sorted(platform.chats()) == ["-1", "-1", "-2", "-2", "-3", "-3"]
    weeks = ("2023-W02", "2023-W03")
    assert await posts_in_db(db) == [(s.id, week, True) for s in chats.values() for week in weeks]
    with capsys.disabled():
        print(f"\nrace: 2 schedulers, {sum(s.fires for s in schedulers)} fires, "
              f"{len(chats)} subscriptions x 2 weeks, {len(platform.posts)} posts")


async def test_a_crash_between_claim_and_send_is_recovered_after_the_lease(
    db: Database, clock: FixedClock
) -> None:
    clock.now = MONDAY_8
    await subscribe_chat(db, "-1")
    with pytest.raises(ProcessCrashed):
        await Poster(context(db, clock), [CrashingPlatform()], "crashed").post_due()
    platform = RecordingPlatform()
    survivor = Poster(context(db, clock), [platform], "survivor")
    clock.now = MONDAY_8 + timedelta(minutes=1)
    assert [d.outcome for d in await survivor.post_due()] == ["taken"]
    assert platform.posts == []
    clock.now = MONDAY_8 + CLAIM_LEASE + timedelta(minutes=1)
    assert [d.outcome for d in await survivor.post_due()] == ["sent"]
    clock.now += timedelta(minutes=30)
    assert await survivor.post_due() == []
    assert platform.chats() == ["-1"]


async def test_a_refused_chat_is_paused_with_the_reason_and_others_still_get_their_post(
    db: Database, clock: FixedClock
) -> None:
    clock.now = MONDAY_8
    await subscribe_chat(db, "-1")
    gone = await subscribe_chat(db, "-2")
    platform = RecordingPlatform(refuse=frozenset({"-2"}))
    poster = Poster(context(db, clock), [platform], "p0")
    outcomes = {d.chat: d.outcome for d in await poster.post_due()}
    assert outcomes == {"telegram:-1": "sent", "telegram:-2": "refused"}
    async with db.session() as session:
        paused = await session.get_one(Subscription, gone.id)
    assert paused.paused_reason == KICKED
    clock.now += CLAIM_LEASE * 2
    assert await poster.post_due() == []
    assert platform.chats() == ["-1"]


async def test_a_region_filtered_chat_gets_its_regions_digest_and_chart(
    db: Database, clock: FixedClock
) -> None:
    await store_figures(db, "w01", date(2023, 1, 9), statistic(8, "2023-W01", "Sinai"),
                        statistic(5, "2023-W01", "Borno"))
    await store_figures(db, "w02", date(2023, 1, 16), statistic(14, "2023-W02", "Sinai"),
                        statistic(9, "2023-W02", "Borno"))
    await subscribe_chat(db, "-sinai", ["Sinai"])
    await subscribe_chat(db, "-all")
    clock.now = MONDAY_8
    platform = RecordingPlatform()
    await Poster(context(db, clock), [platform], "p0").post_due()
    posts = {chat: reply for chat, reply in platform.posts}
    sinai, everything = render_text(posts["-sinai"].document), render_text(posts["-all"].document)
    assert "Sinai" in sinai and "14" in sinai
    assert "Borno" not in sinai
    assert "Borno" in everything and "Sinai" in everything
    assert "following Sinai" in sinai
    assert posts["-sinai"].chart_png.startswith(b"\x89PNG")
    assert "sinai" in posts["-sinai"].chart_name


@pytest.mark.timeout(120)
async def test_after_downtime_the_missed_week_is_posted_once_at_start(
    db: Database, clock: FixedClock
) -> None:
    await subscribe_chat(db, "-1", since=MONDAY_8 - timedelta(days=60))
    clock.now = MONDAY_8 + timedelta(hours=6)  # down since before Christmas, back on Monday afternoon
    platform = RecordingPlatform()
    ctx = context(db, clock)
    scheduler = DigestScheduler(ctx, Poster(ctx, [platform], "p0"), tick=SECOND)
    scheduler.start()
    try:
        await until(lambda: scheduler.fires >= 3)
    finally:
        await scheduler.stop()
    assert platform.chats() == ["-1"]
    assert [week for _, week, _ in await posts_in_db(db)] == ["2023-W02"]


async def test_a_week_whose_grace_period_has_passed_is_skipped(db: Database, clock: FixedClock) -> None:
    await subscribe_chat(db, "-1")
    clock.now = MONDAY_8 + timedelta(hours=24, minutes=1)
    platform = RecordingPlatform()
    assert await Poster(context(db, clock), [platform], "p0").post_due() == []
    clock.now = MONDAY_8 + timedelta(days=7)
    assert [d.week for d in await Poster(context(db, clock), [platform], "p0").post_due()] == ["2023-W03"]


async def test_a_chat_that_subscribes_after_the_hour_starts_next_week(
    db: Database, clock: FixedClock
) -> None:
    await subscribe_chat(db, "-1", since=MONDAY_8 + timedelta(hours=2))
    clock.now = MONDAY_8 + timedelta(hours=2, minutes=5)
    poster = Poster(context(db, clock), [RecordingPlatform()], "p0")
    assert await poster.post_due() == []
    clock.now = MONDAY_8 + timedelta(days=7)
    assert [d.week for d in await poster.post_due()] == ["2023-W03"]


async def test_a_chats_own_day_and_time_count_in_its_zone(db: Database, clock: FixedClock) -> None:
    await subscribe_chat(db, "-1", when=WeeklyTime(4, "17:30", "Africa/Lagos"))  # 16:30 UTC
    poster = Poster(context(db, clock), [RecordingPlatform()], "p0")
    clock.now = datetime(2023, 1, 20, 16, 29, tzinfo=UTC)
    assert await poster.post_due() == []
    clock.now = datetime(2023, 1, 20, 16, 31, tzinfo=UTC)
    assert [d.week for d in await poster.post_due()] == ["2023-W02"]


async def test_a_process_without_the_chats_platform_leaves_its_post_alone(
    db: Database, clock: FixedClock
) -> None:
    await subscribe_chat(db, "-1")
    clock.now = MONDAY_8
    assert await Poster(context(db, clock), [RecordingPlatform("slack")], "slack-only").post_due() == []
    assert await posts_in_db(db) == []


async def bot_processes(
    count: int, database_url: str, api: FakeTelegramApi, now: datetime, fires: int
) -> tuple[list[int], str]:
    """Run `count` bot processes at once until each fired `fires` times; how often each fired, their logs."""
    environment = {**os.environ, "PYTHONPATH": str(REPOSITORY)}
    arguments = [database_url, api.base_url, api.token, now.isoformat(), str(fires)]
    processes = [await asyncio.create_subprocess_exec(
        sys.executable, "-m", "tests.bot.scheduler_process", *arguments, env=environment,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE) for _ in range(count)]
    outputs = await asyncio.gather(*(process.communicate() for process in processes))
    for process, (_, errors) in zip(processes, outputs, strict=True):
        assert process.returncode == 0, errors.decode()
    logs = "\n".join(errors.decode() for _, errors in outputs)
    return [json.loads(out.decode().splitlines()[-1])["fires"] for out, _ in outputs], logs


@pytest.mark.timeout(240)  # two interpreters importing matplotlib and PTB, on a busy CI machine
async def test_two_bot_processes_post_each_chat_once_through_the_bot_api(
    database_url: str, db: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    await store_figures(db, "w01", date(2023, 1, 9), statistic(16, "2023-W01", None),
                        statistic(8, "2023-W01", "Sinai"), statistic(5, "2023-W01", "Borno"))
    await store_figures(db, "w02", date(2023, 1, 16), statistic(23, "2023-W02", None),
                        statistic(14, "2023-W02", "Sinai"), statistic(9, "2023-W02", "Borno"))
    chats = {"-1001": [], "-1002": ["Sinai"], "-1003": ["Borno", "Sinai"]}
    for chat, regions in chats.items():
        await subscribe_chat(db, chat, regions)
    async with fake_telegram() as api:
        fires, logs = await bot_processes(2, database_url, api, MONDAY_8 + 30 * SECOND, fires=4)
    photos = {chat: len(api.sent("sendPhoto", chat)) for chat in chats}
    assert photos == {"-1001": 1, "-1002": 1, "-1003": 2}, logs  # a chart per followed region, or one for all
    digests = [c for c in api.sent("sendMessage") + api.sent("sendPhoto")
               if "Weekly digest 2023-W02" in (c.params.get("text") or c.params.get("caption") or "")]
    assert sorted(c.chat_id for c in digests) == sorted(chats)
    assert [sent for _, _, sent in await posts_in_db(db)] == [True, True, True]
    with capsys.disabled():
        print(f"\nrace: 2 processes, {sum(fires)} fires, {len(chats)} subscriptions, "
              f"{len(digests)} digests posted ({sum(photos.values())} charts)")


async def test_a_week_without_figures_yet_carries_the_week_before_saying_so(
    db: Database, clock: FixedClock
) -> None:
    await store_figures(db, "w01", date(2023, 1, 12), statistic(23, "2023-W01", None))
    await store_figures(db, "w02", date(2023, 1, 19), statistic(16, "2023-W02", None))
    await subscribe_chat(db, "-1")
    clock.now = MONDAY_8 + timedelta(days=7)  # 2023-W03 just ended; its figures come out on Thursday
    platform = RecordingPlatform()
    assert [d.week for d in await Poster(context(db, clock), [platform], "p0").post_due()] == ["2023-W03"]
    lines = render_text(platform.posts[0][1].document).splitlines()
    assert lines[0] == ("No figures yet for 2023-W03, the last complete week; "
                        "this is 2023-W02, the latest week with figures.")
    assert lines[2].startswith("Weekly digest 2023-W02")
