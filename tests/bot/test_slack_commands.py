"""Slash commands over HTTP mode: acknowledged before any work, answered through the response_url."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime

import pytest

from claimwatch.bot.slack import INVITE_FIRST, NOT_REACHABLE
from claimwatch.bot.slack_delivery import CHART_NEEDS_MEMBERSHIP
from claimwatch.extract.model import Analysis, Span, Statistic
from claimwatch.handlers.context import Context
from claimwatch.handlers.subscribe import NOT_ADMIN
from claimwatch.storage.articles import NewArticle, store_article
from claimwatch.storage.facts import store_first_analysis
from tests.bot.slack_harness import ANALYST, TEAM_CHANNEL, SlackHarness, running_slack
from tests.fakes.slack_api import RESPONSE_URL, UPLOAD, api_error

ACK_PATIENCE = 10  # seconds before a test gives up on an ack that waits for the work behind it
CREATOR = "U0CREATOR"
WORKSPACE_ADMIN = "U0ADMIN"
STORED_AT = datetime(2023, 1, 12, tzinfo=UTC)


@pytest.fixture
async def slack(ctx: Context) -> AsyncIterator[SlackHarness]:
    async with running_slack(ctx) as harness:
        harness.api.channels[TEAM_CHANNEL] = {"id": TEAM_CHANNEL, "name": "monitoring", "is_channel": True,
                                              "is_private": False, "is_member": True, "creator": CREATOR}
        harness.api.users.update({
            ANALYST: {"id": ANALYST, "is_admin": False, "is_owner": False},
            CREATOR: {"id": CREATOR, "is_admin": False, "is_owner": False},
            WORKSPACE_ADMIN: {"id": WORKSPACE_ADMIN, "is_admin": True, "is_owner": False},
        })
        yield harness


async def store_sinai_attacks(ctx: Context, quote: str = "16 attacks in Sinai") -> None:
    """Two weeks of attack figures for Sinai, stored as the ingest would store them."""
    for week, value in (("2022-W52", 23), ("2023-W01", 16)):
        async with ctx.db.session() as session:
            stored = await store_article(session, NewArticle(
                text=f"{quote} ({week})", text_hash=f"hash-{week}", published=date(2023, 1, 12),
                published_source="forward", received_at=STORED_AT, platform="slack",
                chat_id=TEAM_CHANNEL, message_id=week))
            evidence = Span(0, len(quote), quote)
            statistic = Statistic("attacks", value, "reported_week", "Sinai", week, evidence)
            analysis = Analysis(language="en", published=date(2023, 1, 12), extractor_version="test",
                                statistics=(statistic,))
            await store_first_analysis(session, stored.article_id, analysis, STORED_AT)


@pytest.mark.parametrize(("command", "text"), [
    ("/digest", "2023-W01"), ("/trend", "sinai 8"), ("/subscribe", ""), ("/unsubscribe", ""),
])
async def test_a_command_is_acknowledged_before_its_answer_is_posted(
    slack: SlackHarness, record_property: pytest.RecordProperty, command: str, text: str
) -> None:
    slack.api.hold(RESPONSE_URL)  # the answer cannot complete until released: an ack waiting for it hangs
    ack = await asyncio.wait_for(slack.send_command(command, text), ACK_PATIENCE)
    record_property(f"{command} ack ms", round(ack.elapsed_ms, 1))
    assert (ack.status, ack.body) == (200, "")
    slack.api.release(RESPONSE_URL)
    [answer] = await slack.api.wait_for(RESPONSE_URL)
    assert answer.answered is not None and answer.answered > ack.received
    assert answer.params["response_type"] in ("in_channel", "ephemeral")
    assert answer.params["text"] and answer.params["blocks"]


async def test_digest_answer_is_for_everyone_in_the_channel(slack: SlackHarness) -> None:
    await slack.send_command("/digest", "2023-W01")
    [answer] = await slack.api.wait_for(RESPONSE_URL)
    assert answer.params["response_type"] == "in_channel"


async def test_a_trend_chart_is_uploaded_to_the_channel_the_command_came_from(
    slack: SlackHarness, ctx: Context
) -> None:
    await store_sinai_attacks(ctx)
    await slack.send_command("/trend", "sinai 8")
    [answer] = await slack.api.wait_for(RESPONSE_URL)
    [completion] = await slack.api.wait_for("files.completeUploadExternal")
    [upload] = slack.api.calls_to(UPLOAD)
    assert answer.params["response_type"] == "in_channel"
    assert "Sinai" in answer.params["text"]
    assert upload.body.startswith(b"\x89PNG")
    assert completion.params["channel_id"] == TEAM_CHANNEL


async def test_a_chart_for_a_channel_the_bot_is_not_in_comes_with_a_note(
    slack: SlackHarness, ctx: Context
) -> None:
    await store_sinai_attacks(ctx)
    slack.api.fault("files.completeUploadExternal", api_error("not_in_channel"))
    await slack.send_command("/trend", "sinai 8")
    [_answer, note] = await slack.api.wait_for(RESPONSE_URL, count=2)
    assert (note.params["response_type"], note.params["text"]) == ("ephemeral", CHART_NEEDS_MEMBERSHIP)


async def test_quotes_in_a_digest_are_never_posted_live(slack: SlackHarness, ctx: Context) -> None:
    await store_sinai_attacks(ctx, quote="<!channel> 16 attacks <@U0VICTIM> in Sinai <#C0GENERAL>")
    await slack.send_command("/digest", "2023-W01")
    [answer] = await slack.api.wait_for(RESPONSE_URL)
    for live in ("<!channel>", "<@U0VICTIM>", "<#C0GENERAL>"):
        assert live not in answer.body.decode()


async def test_subscribe_in_a_public_channel_joins_it_so_the_weekly_post_can_reach_it(
    slack: SlackHarness,
) -> None:
    slack.api.channels[TEAM_CHANNEL]["is_member"] = False
    await slack.send_command("/subscribe", "", user_id=ANALYST, response_key="analyst")
    await slack.api.wait_for(RESPONSE_URL)
    assert slack.api.calls_to("conversations.join") == []  # not theirs to decide: the bot stays out
    await slack.send_command("/subscribe", "", user_id=CREATOR, response_key="creator")
    await slack.api.wait_for(RESPONSE_URL, count=2)
    [join] = slack.api.calls_to("conversations.join")
    assert join.params["channel"] == TEAM_CHANNEL


async def test_subscribe_in_a_private_channel_without_the_bot_asks_for_an_invitation(
    slack: SlackHarness,
) -> None:
    slack.api.channels[TEAM_CHANNEL].update(is_private=True, is_member=False)
    await slack.send_command("/subscribe", "", user_id=CREATOR)
    [answer] = await slack.api.wait_for(RESPONSE_URL)
    assert answer.params["response_type"] == "ephemeral"
    assert INVITE_FIRST.split(":")[0] in answer.params["text"]
    assert slack.api.calls_to("conversations.join") == []


async def test_subscribe_in_a_dm_between_people_says_where_it_works(slack: SlackHarness) -> None:
    await slack.send_command("/subscribe", "", channel_id="D0BETWEENUS", channel_name="directmessage")
    [answer] = await slack.api.wait_for(RESPONSE_URL)
    assert answer.params["response_type"] == "ephemeral"
    assert NOT_REACHABLE.split(".")[0] in answer.params["text"]


async def test_only_the_channel_creator_or_a_workspace_admin_manages_its_subscription(
    slack: SlackHarness,
) -> None:
    for key, user in enumerate((ANALYST, CREATOR, WORKSPACE_ADMIN)):
        await slack.send_command("/unsubscribe", "", user_id=user, response_key=str(key))
    answers = await slack.api.wait_for(RESPONSE_URL, count=3)
    refused = {a.params["key"]: NOT_ADMIN in a.params["text"] for a in answers}
    assert refused == {"0": True, "1": False, "2": False}
