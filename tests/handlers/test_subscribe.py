"""/subscribe, /unsubscribe, /subscriptions and /watch through the router, as a transport calls them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from claimwatch.digest.render_text import render_text
from claimwatch.handlers.context import Context
from claimwatch.handlers.router import dispatch
from claimwatch.handlers.types import Incoming, Reply
from claimwatch.storage.subscriptions import is_watched_source, pause, subscription_of
from tests.conftest import FixedClock, make_settings

GROUP = Incoming(platform="telegram", chat_id="-1001", user_id="42", message_id="m1", text="",
                 received_at=datetime(2023, 1, 14, 9, 0, tzinfo=UTC), chat_kind="group", is_admin=True)


async def send(ctx: Context, text: str, **changes: object) -> str:
    reply = await dispatch(ctx, replace(GROUP, text=text, **changes))
    return render_text(reply.document)


async def reply_to(ctx: Context, text: str, **changes: object) -> Reply:
    return await dispatch(ctx, replace(GROUP, text=text, **changes))


async def stored(ctx: Context, chat_id: str = "-1001"):
    async with ctx.db.session() as session:
        return await subscription_of(session, "telegram", chat_id)


async def test_subscribe_follows_all_regions_on_the_bots_schedule(ctx: Context) -> None:
    text = await send(ctx, "/subscribe")
    assert "Subscribed." in text
    assert "on the bot's schedule (0 8 * * mon, UTC), following all regions" in text
    assert "Next post: Monday 16 January 2023, 08:00 UTC — the digest of 2023-W02." in text
    subscription = await stored(ctx)
    assert subscription.regions == []
    assert subscription.weekday is None
    assert subscription.created_by == "42"


async def test_quoted_and_unquoted_region_names_day_time_and_zone(ctx: Context) -> None:
    text = await send(ctx, '/subscribe@ClaimWatchBot sinai “west africa” fri 17:30 Africa/Lagos')
    subscription = await stored(ctx)
    assert subscription.regions == ["Sinai", "West Africa"]
    schedule = (subscription.weekday, subscription.time_of_day, subscription.timezone)
    assert schedule == (4, "17:30", "Africa/Lagos")
    assert "every Friday at 17:30 (Africa/Lagos)" in text
    assert "Next post: Friday 20 January 2023, 17:30 WAT — the digest of 2023-W02." in text


async def test_words_of_one_region_are_joined_and_commas_separate(ctx: Context) -> None:
    await send(ctx, "/subscribe west africa, sinai 7:05")
    subscription = await stored(ctx)
    assert subscription.regions == ["West Africa", "Sinai"]
    assert (subscription.weekday, subscription.time_of_day, subscription.timezone) == (0, "07:05", None)


async def test_day_time_and_zone_come_in_any_order(ctx: Context) -> None:
    await send(ctx, "/subscribe 18:00 utc Sunday")
    subscription = await stored(ctx)
    assert (subscription.regions, subscription.weekday, subscription.time_of_day) == ([], 6, "18:00")
    assert subscription.timezone == "UTC"


async def test_an_unknown_region_is_refused_with_suggestions_and_nothing_is_stored(ctx: Context) -> None:
    text = await send(ctx, "/subscribe sinia")
    assert "I don't know the region “sinia”. Did you mean: Sinai" in text
    assert "Usage: /subscribe" in text
    assert await stored(ctx) is None


async def test_a_time_that_is_not_one_is_refused(ctx: Context) -> None:
    text = await send(ctx, "/subscribe mon 25:00")
    assert "25:00 is not a time of day" in text
    assert await stored(ctx) is None


async def test_in_a_group_only_admins_subscribe_and_the_refusal_is_private(ctx: Context) -> None:
    reply = await reply_to(ctx, "/subscribe", is_admin=False)
    assert reply.private
    assert "Only an admin" in render_text(reply.document)
    assert await stored(ctx) is None
    assert "Only an admin" in await send(ctx, "/unsubscribe", chat_kind="channel", is_admin=False)


async def test_in_a_private_chat_anyone_subscribes_themselves(ctx: Context) -> None:
    text = await send(ctx, "/subscribe", chat_kind="private", is_admin=False, chat_id="42")
    assert "Subscribed." in text
    assert await stored(ctx, "42") is not None


async def test_subscriptions_shows_schedule_and_why_a_chat_is_paused(ctx: Context) -> None:
    assert "No weekly digest here." in await send(ctx, "/subscriptions")
    await send(ctx, "/subscribe sinai")
    async with ctx.db.session() as session:
        await pause(session, (await stored(ctx)).id, "Forbidden: bot was kicked from the group chat",
                    datetime(2023, 1, 16, 8, 0, tzinfo=UTC))
    text = await send(ctx, "/subscriptions", is_admin=False)
    assert "following Sinai" in text
    assert "Paused since 2023-01-16: Forbidden: bot was kicked from the group chat." in text
    await send(ctx, "/subscribe sinai")
    assert "Next post: Monday 16 January 2023" in await send(ctx, "/subscriptions")


async def test_unsubscribe_stops_and_says_so_when_there_was_nothing(ctx: Context) -> None:
    await send(ctx, "/subscribe")
    assert "Unsubscribed" in await send(ctx, "/unsubscribe")
    assert await stored(ctx) is None
    assert "has no digest subscription" in await send(ctx, "/unsubscribe")


async def test_watch_marks_a_channel_as_a_source_until_watch_off(ctx: Context) -> None:
    assert "Watching" in await send(ctx, "/watch", chat_kind="channel")
    assert "already watched" in await send(ctx, "/watch", chat_kind="channel")
    async with ctx.db.session() as session:
        assert await is_watched_source(session, "telegram", "-1001")
    assert "posts are ingested" in await send(ctx, "/subscriptions")
    assert "Stopped" in await send(ctx, "/watch off", chat_kind="channel")
    async with ctx.db.session() as session:
        assert not await is_watched_source(session, "telegram", "-1001")


async def test_watch_needs_an_admin_who_may_feed_the_bot_and_a_channel_or_group(
    ctx: Context, clock: FixedClock
) -> None:
    assert "for channels and groups" in await send(ctx, "/watch", chat_kind="private")
    assert "Only an admin" in await send(ctx, "/watch", is_admin=False)
    settings = make_settings(database_url=ctx.db.url, CLAIMWATCH_ALLOWED_USERS="telegram:7")
    strict = Context(settings, ctx.db, clock)
    assert "Only the bot's contributors" in await send(strict, "/watch")
    async with ctx.db.session() as session:
        assert not await is_watched_source(session, "telegram", "-1001")
