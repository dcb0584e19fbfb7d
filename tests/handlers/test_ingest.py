"""Forwarding an article: stored first, dated by the rules, known across chats, never lost."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from claimwatch.digest.render_text import render_text
from claimwatch.extract import EXTRACTOR_VERSION
from claimwatch.handlers import ingest as ingest_module
from claimwatch.handlers.context import Context
from claimwatch.handlers.ingest import REFUSAL, handle
from claimwatch.handlers.reanalysis import articles_to_reanalyze, reanalyze
from claimwatch.handlers.types import Incoming
from claimwatch.storage.db import Database
from claimwatch.storage.models import Article, Sighting
from tests.conftest import FixedClock, make_settings

ARABIC = "شن التنظيم 16 هجوما في 6 مناطق خلال الأسبوع الماضي، بحسب صحيفة النبأ."
ENGLISH = "Islamic State claimed 16 attacks in 6 regions last week, according to al-Naba."
RECEIVED = datetime(2023, 1, 14, 9, 0, tzinfo=UTC)


def forward(text: str = ARABIC, chat: str = "c1", message: str = "m1", user: str = "u1",
            **fields: object) -> Incoming:
    values: dict = {"forwarded_from": "Naba Watch", "received_at": RECEIVED} | fields
    return Incoming(platform="telegram", chat_id=chat, user_id=user, message_id=message, text=text, **values)


async def answer(ctx: Context, incoming: Incoming) -> str:
    return render_text((await handle(ctx, incoming)).document)


async def count(db: Database, model: type) -> int:
    async with db.session() as session:
        return await session.scalar(select(func.count()).select_from(model))


async def only_article(db: Database) -> Article:
    async with db.session() as session:
        [article] = list(await session.scalars(select(Article)))
    return article


async def test_a_new_article_is_stored_exactly_and_analysed(ctx: Context) -> None:
    reply = await answer(ctx, forward(ARABIC))
    article = await only_article(ctx.db)
    assert reply.startswith(f"New article #{article.id} (ar, published")
    assert article.text == ARABIC
    assert article.extractor_version == EXTRACTOR_VERSION
    assert article.analysis_error is None


@pytest.mark.parametrize(
    ("fields", "published", "basis"),
    [
        ({"forwarded_date": datetime(2021, 1, 7, 22, 0, tzinfo=UTC), "published": date(2021, 1, 1)},
         date(2021, 1, 7), "forward"),
        ({"published": date(2021, 1, 1)}, date(2021, 1, 1), "sender"),
        ({}, date(2023, 1, 14), "received"),
    ],
)
async def test_publication_date_is_the_forwards_then_the_senders_then_the_day_received(
    ctx: Context, fields: dict, published: date, basis: str
) -> None:
    await handle(ctx, forward(**fields))
    article = await only_article(ctx.db)
    assert (article.published, article.published_source) == (published, basis)


async def test_the_day_received_is_counted_in_the_configured_time_zone(
    db: Database, clock: FixedClock
) -> None:
    kabul = Context(settings=make_settings(database_url=db.url, timezone="Asia/Kabul"), db=db, clock=clock)
    late_evening_utc = datetime(2020, 12, 31, 20, 0, tzinfo=UTC)  # already 2021-01-01 00:30 in Kabul
    reply = await answer(kabul, forward(received_at=late_evening_utc))
    assert (await only_article(db)).published == date(2021, 1, 1)
    assert "published 2021-01-01, the day received" in reply


async def test_the_same_text_from_another_chat_is_one_article_two_sightings(ctx: Context) -> None:
    first = await answer(ctx, forward(ARABIC, chat="analysts"))
    reworded_spacing = ARABIC.replace(" ", "  ").replace("هجوما", "هجومـا")  # doubled spaces and a tatweel
    second = await answer(ctx, forward(reworded_spacing, chat="editors", forwarded_from="Other Channel"))
    assert first.startswith("New article #1")
    assert second.startswith("Already known: article #1 from Naba Watch, first received 2023-01-14.")
    assert "recorded as another sighting" in second
    assert (await count(ctx.db, Article), await count(ctx.db, Sighting)) == (1, 2)


async def test_a_copy_sent_while_the_original_is_analysed_waits_instead_of_analysing_again(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    analysed: list[str] = []

    def counting_extractor(text: str, published: date | None) -> object:
        analysed.append(text)
        return ingest_module_analyze(text, published)

    ingest_module_analyze = ingest_module.analyze
    monkeypatch.setattr(ingest_module, "analyze", counting_extractor)
    replies = await asyncio.gather(answer(ctx, forward(ENGLISH, chat="analysts")),
                                   answer(ctx, forward(ENGLISH, chat="editors")))
    known, new = sorted(replies)  # either may reach the database first
    assert analysed == [ENGLISH]
    assert new.startswith("New article #1")
    assert known.startswith("Already known: article #1 from Naba Watch")
    assert "attacks 16" in known
    assert (await count(ctx.db, Article), await count(ctx.db, Sighting)) == (1, 2)


async def test_the_same_message_twice_is_stored_once(ctx: Context) -> None:
    await handle(ctx, forward())
    again = await answer(ctx, forward())
    assert again.startswith("Already stored: this message is article #1.")
    assert (await count(ctx.db, Article), await count(ctx.db, Sighting)) == (1, 1)


async def test_a_sender_not_on_the_list_is_refused_and_nothing_is_stored(
    db: Database, clock: FixedClock
) -> None:
    settings = make_settings(database_url=db.url, allowed_users="telegram:42")
    listed = Context(settings=settings, db=db, clock=clock)
    refusal = await handle(listed, forward(user="7"))
    accepted = await answer(listed, forward(user="42", message="m2"))
    assert render_text(refusal.document) == REFUSAL
    assert refusal.private
    assert accepted.startswith("New article #1")
    assert await count(db, Article) == 1


async def test_a_message_with_no_article_in_it_is_answered_and_not_stored(ctx: Context) -> None:
    reply = await answer(ctx, forward("  \n "))
    assert "The message is empty" in reply
    assert await count(ctx.db, Article) == 0


async def test_an_extractor_exception_never_loses_the_article(
    ctx: Context, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The extractor is made to fail (fault injection); reanalyze later finishes the article."""
    def broken_extractor(text: str, published: date | None) -> None:
        raise RuntimeError("regex engine exploded")

    with monkeypatch.context() as patched:
        patched.setattr(ingest_module, "analyze", broken_extractor)
        reply = await answer(ctx, forward(ENGLISH))
    failed = await only_article(ctx.db)
    assert "Stored as article #1, but the analysis failed" in reply
    assert failed.text == ENGLISH
    assert failed.analysis_error == "RuntimeError: regex engine exploded"

    todo, _newer = await articles_to_reanalyze(ctx)
    summary = await reanalyze(ctx, todo)
    repaired = await only_article(ctx.db)
    assert (todo, summary.articles) == ([failed.id], 1)
    assert repaired.analysis_error is None
    assert repaired.extractor_version == EXTRACTOR_VERSION
