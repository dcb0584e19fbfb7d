"""Messages to the bot over HTTP mode: DMs and mentions ingested and answered in their thread, once."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from sqlalchemy import func, select

from claimwatch.handlers.context import Context
from claimwatch.storage.models import Article, Sighting
from tests.bot.slack_harness import (
    ANALYST,
    DM_CHANNEL,
    FIRST_TS,
    TEAM_CHANNEL,
    SlackHarness,
    dm,
    mention,
    running_slack,
)
from tests.fakes.slack_api import BOT_ID, BOT_USER_ID, WORKSPACE_URL

ARTICLE = ("نشرت صحيفة النبأ حصادها الأسبوعي، وقالت إن مقاتليها شنوا 16 هجوما في 6 مناطق خلال الأسبوع "
           "الماضي، مقابل 23 هجوما في 7 مناطق في الأسبوع الذي سبقه.")
INJECTIONS = ("<!channel>", "<!here>", "<!everyone>", f"<@{ANALYST}>", "<@U0VICTIM>", "<#C0GENERAL",
              "<!subteam^")


@pytest.fixture
async def slack(ctx: Context) -> AsyncIterator[SlackHarness]:
    async with running_slack(ctx) as harness:
        yield harness


async def articles(ctx: Context) -> list[Article]:
    async with ctx.db.session() as session:
        return list(await session.scalars(select(Article).order_by(Article.id)))


async def sightings(ctx: Context) -> int:
    async with ctx.db.session() as session:
        return int(await session.scalar(select(func.count()).select_from(Sighting)) or 0)


async def test_dm_arabic_article_is_stored_and_answered_in_its_thread(
    slack: SlackHarness, ctx: Context
) -> None:
    ack = await slack.send_event(dm(ARTICLE))
    assert ack.status == 200
    [reply] = await slack.api.wait_for("chat.postMessage")
    assert reply.params["channel"] == DM_CHANNEL
    assert reply.params["thread_ts"] == f"{FIRST_TS}.000100"
    assert reply.params["blocks"] and all(b["type"] == "section" for b in reply.params["blocks"])
    assert "article" in reply.params["text"].lower()
    [article] = await articles(ctx)
    assert article.text == ARTICLE
    assert (article.platform, article.chat_id) == ("slack", DM_CHANNEL)
    assert article.message_id == f"{FIRST_TS}.000100"
    assert article.message_link == f"{WORKSPACE_URL}archives/{DM_CHANNEL}/p{FIRST_TS}000100"
    assert article.published.isoformat() == "2023-01-14"


async def test_mention_in_a_channel_is_ingested_without_the_mention_and_answered_in_the_thread(
    slack: SlackHarness, ctx: Context
) -> None:
    await slack.send_event(mention(ARTICLE, thread_ts=f"{FIRST_TS}.000001"))
    [reply] = await slack.api.wait_for("chat.postMessage")
    assert (reply.params["channel"], reply.params["thread_ts"]) == (TEAM_CHANNEL, f"{FIRST_TS}.000001")
    [article] = await articles(ctx)
    assert article.text == ARTICLE
    assert article.chat_id == TEAM_CHANNEL


async def test_slack_markup_is_stored_as_the_reader_saw_it(slack: SlackHarness, ctx: Context) -> None:
    await slack.send_event(dm(f"{ARTICLE} &lt;b&gt; Q&amp;A <https://example.org/naba|al-Naba 373> <!here>"))
    await slack.api.wait_for("chat.postMessage")
    [article] = await articles(ctx)
    assert article.text == f"{ARTICLE} <b> Q&A al-Naba 373 @here"


async def test_a_retried_event_is_answered_and_stored_once(slack: SlackHarness, ctx: Context) -> None:
    first = await slack.send_event(dm(ARTICLE), event_id="Ev0RETRIED")
    retry = await slack.send_event(dm(ARTICLE), event_id="Ev0RETRIED", retry_num=1)
    assert (first.status, retry.status) == (200, 200)
    await slack.api.wait_for("chat.postMessage")
    await slack.transport.drain()
    assert len(slack.api.calls_to("chat.postMessage")) == 1
    assert await sightings(ctx) == 1


@pytest.mark.parametrize("event", [
    dm(ARTICLE, subtype="message_changed"),
    dm(ARTICLE, subtype="channel_join"),
    dm(ARTICLE, subtype="bot_message", bot_id="B0OTHER"),
    dm(ARTICLE, bot_id=BOT_ID, user=BOT_USER_ID),
    dm(ARTICLE, channel="C0PUBLIC", channel_type="channel"),
    mention(ARTICLE, channel=DM_CHANNEL),
], ids=["edit", "join", "other-bot", "own-message", "channel-message", "mention-in-a-dm"])
async def test_edits_joins_bots_and_own_messages_are_ignored(
    slack: SlackHarness, ctx: Context, event: dict[str, object]
) -> None:
    assert (await slack.send_event(event)).status == 200
    await slack.transport.drain()
    assert slack.api.calls_to("chat.postMessage") == []
    assert await articles(ctx) == []


async def test_help_in_a_dm_lists_the_commands(slack: SlackHarness, ctx: Context) -> None:
    await slack.send_event(dm("help"))
    [reply] = await slack.api.wait_for("chat.postMessage")
    assert "/digest" in reply.params["text"]
    assert await articles(ctx) == []


async def test_mentions_and_broadcasts_in_an_article_are_never_posted_live(
    slack: SlackHarness, ctx: Context
) -> None:
    hostile = (f"<!channel> <!here> <!everyone> <@U0VICTIM|victim> <#C0GENERAL|general> "
               f"&lt;!channel&gt; &lt;@U0VICTIM&gt; <!subteam^S0TEAM|@analysts> {ARTICLE} *bold* _it_")
    await slack.send_event(dm(hostile))
    await slack.api.wait_for("chat.postMessage")
    [article] = await articles(ctx)
    seen = "@channel @here @everyone @victim #general <!channel> <@U0VICTIM> @analysts"
    assert article.text.startswith(seen)
    for body in slack.api.outgoing_texts():
        for live in INJECTIONS:
            assert live not in body


def shared(author: str, ts: str) -> dict[str, object]:
    """A DM that shares a message from a news channel ("Share message"), with no comment of its own."""
    original = {"is_share": True, "is_msg_unfurl": True, "author_name": author, "channel_name": "naba-feed",
                "text": ARTICLE, "ts": f"{FIRST_TS - 86400}.000900"}
    return dm("", ts=ts, attachments=[original])


async def test_a_shared_message_is_ingested_with_its_author_and_date(
    slack: SlackHarness, ctx: Context
) -> None:
    await slack.send_event(shared("Amaq", f"{FIRST_TS}.000300"))
    await slack.api.wait_for("chat.postMessage")
    [article] = await articles(ctx)
    assert (article.text, article.forwarded_from) == (ARTICLE, "Amaq")
    assert article.published.isoformat() == "2023-01-13"


async def test_a_hostile_name_echoed_back_is_shown_not_acted_on(slack: SlackHarness) -> None:
    await slack.send_event(shared("<!channel> Amaq <@U0VICTIM>", f"{FIRST_TS}.000300"))
    await slack.api.wait_for("chat.postMessage")
    await slack.send_event(shared("someone else", f"{FIRST_TS}.000400"))
    [_, second] = await slack.api.wait_for("chat.postMessage", count=2)
    assert "&lt;!channel&gt; Amaq &lt;@U0VICTIM&gt;" in second.params["blocks"][0]["text"]["text"]
    for body in slack.api.outgoing_texts():
        for live in INJECTIONS:
            assert live not in body
