"""Telegram end to end: PTB's Application polling the fake Bot API, our handlers and a real database."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from claimwatch.bot.telegram import EDITS_NOT_REANALYSED
from claimwatch.digest.document import Document
from claimwatch.extract.model import Analysis, Span, Statistic
from claimwatch.handlers.commands import COMMANDS
from claimwatch.handlers.context import Context
from claimwatch.handlers.ingest import REFUSAL
from claimwatch.handlers.subscribe import NOT_ADMIN
from claimwatch.handlers.types import Reply
from claimwatch.storage.facts import replace_analysis
from claimwatch.storage.models import Article
from claimwatch.storage.subscriptions import watch_source
from tests.bot.telegram_harness import (
    AMAQ,
    ANALYST,
    ANALYST_CHAT,
    ANALYST_ID,
    FAST,
    POSTED,
    TEAM_GROUP,
    fake_telegram,
    reply_to,
    running_bot,
)
from tests.fakes.telegram_api import (
    FakeTelegramApi,
    channel_origin,
    chat,
    chat_origin,
    hidden_user_origin,
    user,
    user_origin,
)

ARTICLE = (
    "النبأ – العدد 373: نفذ جنود الخلافة 16 هجومًا في 6 مناطق خلال الأسبوع الماضي، مقابل 23 هجومًا "
    "في 7 مناطق في الأسبوع الذي قبله. وفي سيناء قُتل 4 من عناصر الجيش <بحسب مصادر محلية> & أصيب آخرون."
)
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
async def api() -> AsyncIterator[FakeTelegramApi]:
    async with fake_telegram() as fake:
        yield fake


async def articles(ctx: Context) -> list[Article]:
    async with ctx.db.session() as session:
        return list(await session.scalars(select(Article).order_by(Article.id)))


def forward(api: FakeTelegramApi, text: str, origin: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return api.message(ANALYST_CHAT, ANALYST, text, forward_origin=origin, **fields)


async def test_start_registers_the_command_list_and_polls(ctx: Context, api: FakeTelegramApi) -> None:
    async with running_bot(ctx, api):
        await api.wait_for("getUpdates")
    [registered] = api.sent("setMyCommands")
    assert [c["command"] for c in registered.params["commands"]] == [c.name for c in COMMANDS]
    assert api.sent("deleteWebhook")
    assert not api.sent("setWebhook")


async def test_a_forwarded_arabic_article_is_stored_with_its_channel_and_date(
    ctx: Context, api: FakeTelegramApi
) -> None:
    message = forward(api, ARTICLE, channel_origin(AMAQ, 812, POSTED))
    async with running_bot(ctx, api):
        answer = await reply_to(api, message)
    assert answer.chat_id == str(ANALYST_ID)
    assert answer.params["parse_mode"] == "HTML"
    assert answer.params["reply_parameters"]["message_id"] == message["message_id"]
    assert "#1" in answer.text and "2023-01-12" in answer.text  # the original's date, not the day received
    [article] = await articles(ctx)
    assert article.text == ARTICLE
    assert article.forwarded_from == "Amaq Agency"
    assert article.message_link == "https://t.me/amaq_agency/812"
    assert (article.published, article.published_source) == (date(2023, 1, 12), "forward")


@pytest.mark.parametrize(("origin", "source", "link"), [
    (user_origin(user(77, "Abu Omar", "abuomar"), POSTED), "Abu Omar (@abuomar)", None),
    (hidden_user_origin("Ahmad K.", POSTED), "Ahmad K.", None),
    (chat_origin(chat(-1009, "supergroup", "Sahel Watch"), POSTED, "desk"), "Sahel Watch (desk)", None),
    (channel_origin(chat(-1001234567890, "channel", "Closed feed"), 55, POSTED), "Closed feed",
     "https://t.me/c/1234567890/55"),
], ids=["user", "hidden-user", "chat", "private-channel"])
async def test_every_kind_of_forward_origin_names_the_source(
    ctx: Context, api: FakeTelegramApi, origin: dict[str, Any], source: str, link: str | None
) -> None:
    async with running_bot(ctx, api):
        await reply_to(api, forward(api, ARTICLE, origin))
    [article] = await articles(ctx)
    assert (article.forwarded_from, article.message_link) == (source, link)
    assert article.published == POSTED.date()


async def test_a_post_split_over_three_forwards_is_one_article(ctx: Context, api: FakeTelegramApi) -> None:
    parts = [f"الجزء {n}: {ARTICLE}" for n in ("الأول", "الثاني", "الثالث")]
    async with running_bot(ctx, api):
        for offset, part in enumerate(parts):
            await api.push(forward(api, part, channel_origin(AMAQ, 900 + offset, POSTED)))
        await api.wait_for("sendMessage")
    assert len(api.sent("sendMessage")) == 1  # checked after stop: no other answer was pending
    [article] = await articles(ctx)
    assert article.text == "\n\n".join(parts)
    assert article.message_link == "https://t.me/amaq_agency/900"


async def test_forwards_of_other_channels_or_other_days_are_separate_articles(
    ctx: Context, api: FakeTelegramApi
) -> None:
    naba = chat(-1001999888777, "channel", "al-Naba", "naba_weekly")
    origins = [channel_origin(AMAQ, 1, POSTED), channel_origin(naba, 2, POSTED),
               channel_origin(AMAQ, 3, POSTED + timedelta(days=1))]
    async with running_bot(ctx, api):
        for number, origin in enumerate(origins):
            await api.push(forward(api, f"{number}: {ARTICLE}", origin))
        await api.wait_for("sendMessage", 3)
    assert [a.forwarded_from for a in await articles(ctx)] == ["Amaq Agency", "al-Naba", "Amaq Agency"]


async def test_stopping_answers_a_burst_still_open(ctx: Context, api: FakeTelegramApi) -> None:
    patient = replace(FAST, burst_window=60.0)
    async with running_bot(ctx, api, options=patient):
        await api.wait_delivered(await api.push(forward(api, ARTICLE, channel_origin(AMAQ, 5, POSTED))))
    assert len(api.sent("sendMessage")) == 1
    assert len(await articles(ctx)) == 1


async def test_the_caption_of_a_forwarded_photo_is_the_article(ctx: Context, api: FakeTelegramApi) -> None:
    photo = [{"file_id": "p1", "file_unique_id": "up1", "width": 90, "height": 90}]
    async with running_bot(ctx, api):
        await reply_to(api, api.message(ANALYST_CHAT, ANALYST, caption=ARTICLE, photo=photo,
                                        forward_origin=channel_origin(AMAQ, 7, POSTED)))
    [article] = await articles(ctx)
    assert article.text == ARTICLE


async def test_a_txt_document_is_read_after_its_caption(ctx: Context, api: FakeTelegramApi) -> None:
    document = api.add_file(("\ufeff" + ARTICLE).encode("utf-8"), "naba-373.txt")
    async with running_bot(ctx, api):
        await reply_to(api, api.message(ANALYST_CHAT, ANALYST, caption="al-Naba 373", document=document))
    [article] = await articles(ctx)
    assert article.text == f"al-Naba 373\n\n{ARTICLE}"


async def test_a_document_over_the_size_cap_is_refused_unread(ctx: Context, api: FakeTelegramApi) -> None:
    small = replace(FAST, max_document_bytes=100)
    document = api.add_file(b"x" * 250, "long.txt")
    async with running_bot(ctx, api, options=small):
        answer = await reply_to(api, api.message(ANALYST_CHAT, ANALYST, document=document))
    assert "250 bytes" in answer.text and "100 bytes" in answer.text
    assert not api.calls_of("getFile")
    assert await articles(ctx) == []


async def test_a_pdf_without_caption_gets_told_what_is_read(ctx: Context, api: FakeTelegramApi) -> None:
    document = api.add_file(b"%PDF-1.7", "report.pdf", "application/pdf")
    async with running_bot(ctx, api):
        answer = await reply_to(api, api.message(ANALYST_CHAT, ANALYST, document=document))
    assert "report.pdf" in answer.text and ".txt" in answer.text
    assert await articles(ctx) == []


async def test_a_stranger_is_refused_and_nothing_is_stored(ctx: Context, api: FakeTelegramApi) -> None:
    stranger = user(666, "Stranger")
    async with running_bot(ctx, api, allowed_users="telegram:1001"):
        answer = await reply_to(api, api.message(chat(666), stranger, ARTICLE))
    assert answer.text == REFUSAL
    assert await articles(ctx) == []


async def test_a_refusal_in_a_group_goes_to_the_sender_privately(ctx: Context, api: FakeTelegramApi) -> None:
    stranger = user(666, "Stranger")
    message = api.message(TEAM_GROUP, stranger, ARTICLE, forward_origin=channel_origin(AMAQ, 8, POSTED))
    async with running_bot(ctx, api, allowed_users="telegram:1001"):
        answer = await reply_to(api, message)
    assert (answer.chat_id, answer.text) == ("666", REFUSAL)
    assert "reply_parameters" not in answer.params


async def test_an_edit_is_answered_and_changes_nothing(ctx: Context, api: FakeTelegramApi) -> None:
    original = api.message(ANALYST_CHAT, ANALYST, ARTICLE)
    edited = {**original, "text": "16 became 61: " + ARTICLE, "edit_date": original["date"] + 60}
    async with running_bot(ctx, api):
        await reply_to(api, original)
        answer = await reply_to(api, edited, kind="edited_message")
    assert answer.text == EDITS_NOT_REANALYSED
    assert [a.text for a in await articles(ctx)] == [ARTICLE]


async def test_group_chatter_and_other_bots_commands_are_left_alone(
    ctx: Context, api: FakeTelegramApi
) -> None:
    async with running_bot(ctx, api):
        await api.push(api.message(TEAM_GROUP, ANALYST, "morning all, anything from Sinai?"))
        await api.push(api.message(TEAM_GROUP, ANALYST, "/help@SomeOtherBot"))
        answer = await reply_to(api, api.message(TEAM_GROUP, ANALYST, "/help@ClaimWatchTestBot"))
    assert answer.chat_id == str(TEAM_GROUP["id"]) and answer.text.startswith("ClaimWatch")
    assert len(api.sent("sendMessage")) == 1
    assert await articles(ctx) == []


async def test_a_watched_channels_posts_are_stored_without_an_answer(
    ctx: Context, api: FakeTelegramApi, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="claimwatch.bot.telegram")
    async with ctx.db.session() as session:
        await watch_source(session, "telegram", str(AMAQ["id"]), None, ctx.clock())
    unwatched = chat(-1004444, "channel", "Someone else's channel")
    async with running_bot(ctx, api):
        await api.push(api.message(unwatched, text="not ours: " + ARTICLE), "channel_post")
        watched = api.message(AMAQ, text=ARTICLE, sender_chat=AMAQ)
        await api.wait_delivered(await api.push(watched, "channel_post"))
    [article] = await articles(ctx)
    assert (article.text, article.forwarded_from) == (ARTICLE, "Amaq Agency")
    assert article.message_link == f"https://t.me/amaq_agency/{watched['message_id']}"
    assert not api.sent("sendMessage")
    assert f"post {watched['message_id']} of channel {AMAQ['id']}: New article #1" in caplog.text


async def test_a_command_posted_in_a_channel_is_answered_there(ctx: Context, api: FakeTelegramApi) -> None:
    async with running_bot(ctx, api):
        answer = await reply_to(api, api.message(AMAQ, text="/help", sender_chat=AMAQ), "channel_post")
    assert answer.chat_id == str(AMAQ["id"])
    assert not api.calls_of("getChatMember")  # only a channel's admins can post in it


@pytest.mark.parametrize(("status", "is_admin"), [("administrator", True), ("creator", True),
                                                  ("member", False)])
async def test_group_commands_carry_the_senders_admin_rights(
    ctx: Context, api: FakeTelegramApi, status: str, is_admin: bool
) -> None:
    api.members[(TEAM_GROUP["id"], ANALYST_ID)] = status
    async with running_bot(ctx, api):
        answer = await reply_to(api, api.message(TEAM_GROUP, ANALYST, "/subscribe"))
    assert (NOT_ADMIN not in answer.text) is is_admin
    [asked] = api.sent("getChatMember")
    assert (asked.params["chat_id"], asked.params["user_id"]) == (str(TEAM_GROUP["id"]), str(ANALYST_ID))


async def test_digest_command_answers_with_the_weeks_figures(ctx: Context, api: FakeTelegramApi) -> None:
    async with running_bot(ctx, api):
        await reply_to(api, forward(api, ARTICLE, channel_origin(AMAQ, 812, POSTED)))
        [article] = await articles(ctx)
        await seed_sinai_attacks(ctx, article.id)
        answer = await reply_to(api, api.message(ANALYST_CHAT, ANALYST, "/digest 2023-W01"))
    assert answer.params["parse_mode"] == "HTML"
    assert "2023-W01" in answer.text and "16" in answer.text and "23" in answer.text


async def seed_sinai_attacks(ctx: Context, article_id: int) -> None:
    """Figures for the stored article, as the extractor will find them (it doesn't yet)."""
    quote = Span(0, 10, ARTICLE[:10])
    figures = (Statistic("attacks", 16, "reported_week", "Sinai", "2023-W01", quote),
               Statistic("attacks", 23, "previous_week", "Sinai", "2022-W52", quote))
    analysis = Analysis(language="ar", published=date(2023, 1, 12), extractor_version="test",
                        statistics=figures)
    async with ctx.db.session() as session:
        await replace_analysis(session, article_id, analysis, ctx.clock())


async def test_trend_command_answers_with_a_chart(ctx: Context, api: FakeTelegramApi) -> None:
    async with running_bot(ctx, api):
        await reply_to(api, forward(api, ARTICLE, channel_origin(AMAQ, 812, POSTED)))
        [article] = await articles(ctx)
        await seed_sinai_attacks(ctx, article.id)
        await api.push(api.message(ANALYST_CHAT, ANALYST, "/trend sinai 4"))
        [photo] = await api.wait_for("sendPhoto")
    assert photo.files["photo"].startswith(b"\x89PNG")
    table = photo.text or api.sent("sendMessage")[-1].text
    assert "Sinai" in table and "16" in table and "23" in table


async def test_a_chart_whose_table_fits_is_one_photo_with_a_caption(
    ctx: Context, api: FakeTelegramApi
) -> None:
    table = Document.of("2023-W01  16", "2023-W02  23 <+43.8%>", title="Sinai — attacks per week")
    async with running_bot(ctx, api) as bot:
        message_id = await bot.post(str(TEAM_GROUP["id"]), Reply(table, chart_png=PNG))
    [photo] = api.sent("sendPhoto")
    assert photo.files["photo"] == PNG
    assert photo.text == "Sinai — attacks per week\n2023-W01  16\n2023-W02  23 <+43.8%>"
    assert "&lt;+43.8%&gt;" in photo.params["caption"]
    assert message_id.isdigit() and not api.sent("sendMessage")


async def test_a_chart_with_a_long_table_is_a_photo_then_the_table(
    ctx: Context, api: FakeTelegramApi
) -> None:
    rows = [f"2022-W{week:02d}  attacks {week * 3}  killed {week * 7}  wounded {week * 5}"
            for week in range(1, 41)]
    table = Document.of(*rows, title="West Africa — 40 weeks")
    async with running_bot(ctx, api) as bot:
        await bot.post(str(TEAM_GROUP["id"]), Reply(table, chart_png=PNG))
    [photo] = api.sent("sendPhoto")
    assert "caption" not in photo.params
    assert "".join(m.text for m in api.sent("sendMessage")).count("2022-W") == 40


BAD_INPUTS = {
    "nul-bytes": "16 attacks\x00\x00 in Sinai\x00",
    "60000-characters": "هجوم في سيناء " * 4300,
    "5000-emoji": "💥" * 5000,
    "unbalanced-html": "<b><i>16 attacks in <Sinai & Kabul</b> <a href='x'>",
    "unbalanced-markdown": "**16 attacks _in [Sinai](http://x.org `code",
    "javascript-link": "click [here](javascript:alert(1)) <a href=\"javascript:alert(1)\">16 attacks</a>",
}


@pytest.mark.parametrize("text", BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
async def test_bad_input_gets_a_clear_answer_and_the_bot_keeps_serving(
    ctx: Context, api: FakeTelegramApi, text: str
) -> None:
    entity = {"type": "text_link", "offset": 0, "length": 5, "url": "javascript:alert(1)"}
    async with running_bot(ctx, api):
        answer = await reply_to(api, api.message(ANALYST_CHAT, ANALYST, text, entities=[entity]))
        after = await reply_to(api, api.message(ANALYST_CHAT, ANALYST, "/help"))
    assert answer.text.strip() and answer.params["parse_mode"] == "HTML"  # parsed as Telegram parses it
    assert "<a href=\"javascript" not in answer.params["text"]
    assert after.text.startswith("ClaimWatch")
