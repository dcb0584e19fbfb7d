"""What a forward is answered: each figure with its ISO week, second sources, conflicts.

These run the real extractor on sentences whose figures are unambiguous.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from claimwatch.digest.render_text import render_text
from claimwatch.handlers.context import Context
from claimwatch.handlers.ingest import handle
from claimwatch.handlers.types import Incoming
from claimwatch.storage.models import Fact

ENGLISH = "Islamic State claimed 16 attacks in 6 regions last week, according to al-Naba."
ARABIC = "شن التنظيم 16 هجوما في 6 مناطق خلال الأسبوع الماضي، بحسب صحيفة النبأ."
SAME_FIGURES = "Its weekly newspaper said the group carried out 16 attacks in 6 regions last week."
OTHER_COUNT = "The group said it carried out 18 attacks in 6 regions last week."
THURSDAY_OF_2023_W02 = datetime(2023, 1, 12, 8, 0, tzinfo=UTC)


def forward(text: str, chat: str = "c1", message: str = "m1", channel: str = "Channel A",
            sent: datetime = THURSDAY_OF_2023_W02) -> Incoming:
    return Incoming(platform="telegram", chat_id=chat, user_id="u1", message_id=message, text=text,
                    received_at=datetime(2023, 1, 14, 9, 0, tzinfo=UTC), forwarded_from=channel,
                    forwarded_date=sent)


async def answer(ctx: Context, incoming: Incoming) -> str:
    return render_text((await handle(ctx, incoming)).document)


async def facts(ctx: Context) -> list[tuple[int, str, float, str | None, date | None]]:
    async with ctx.db.session() as session:
        rows = await session.execute(
            select(Fact.article_id, Fact.metric, Fact.value, Fact.week, Fact.week_start).order_by(Fact.id)
        )
    return [tuple(row) for row in rows]


@pytest.mark.parametrize("text", [ENGLISH, ARABIC], ids=["en", "ar"])
async def test_last_week_across_new_year_is_iso_week_53(ctx: Context, text: str) -> None:
    """Published Thursday 2021-01-07 (2021-W01): "last week" is 2020-W53, which starts 2020-12-28."""
    reply = await answer(ctx, forward(text, sent=datetime(2021, 1, 7, 10, 0, tzinfo=UTC)))
    assert "published 2021-01-07, the forwarded original's date" in reply
    assert "attacks 16 — week 2020-W53 (reported week)" in reply
    assert "regions 6 — week 2020-W53 (reported week)" in reply
    assert (1, "attacks", 16, "2020-W53", date(2020, 12, 28)) in await facts(ctx)


async def test_regions_and_notable_claims_are_listed(ctx: Context) -> None:
    text = ("Islamic State claimed 16 attacks in Mozambique last week, and claimed the attack on the "
            "Foreign Ministry headquarters in Kabul.")
    reply = await answer(ctx, forward(text))
    assert "attacks 16 in Mozambique — week 2023-W01 (reported week)" in reply
    assert "Regions\nMozambique, Kabul" in reply
    assert "Notable claims\nattack: the Foreign Ministry headquarters (Kabul)" in reply


async def test_a_second_article_with_the_same_figures_is_a_second_source(ctx: Context) -> None:
    await handle(ctx, forward(ENGLISH))
    reply = await answer(ctx, forward(SAME_FIGURES, chat="c2", channel="Channel B"))
    assert reply.startswith("New article #2")
    assert "Adds a second source to 2 figures already stored." in reply
    assert "attacks 16 — week 2023-W01 (reported week) — also reported by article #1 (Channel A)" in reply
    assert len(await facts(ctx)) == 4  # a row per article and figure: reanalysing one leaves the other alone


async def test_a_different_value_is_a_conflict_and_both_are_kept(ctx: Context) -> None:
    await handle(ctx, forward(ENGLISH))
    reply = await answer(ctx, forward(OTHER_COUNT, chat="c2", channel="Channel B"))
    assert "1 figure differs from what is stored (both kept)" in reply
    assert ("attacks 18 — week 2023-W01 (reported week) — differs from article #1 (Channel A): 16 vs 18 here"
            in reply)
    attacks = [(article, value) for article, metric, value, *_week in await facts(ctx) if metric == "attacks"]
    assert attacks == [(1, 16), (2, 18)]


async def test_an_article_known_from_another_chat_shows_the_figures_already_stored(ctx: Context) -> None:
    await handle(ctx, forward(ARABIC, chat="c1"))
    reply = await answer(ctx, forward(ARABIC, chat="c2", channel="Channel B"))
    assert reply.startswith("Already known: article #1 from Channel A")
    assert "attacks 16 — week 2023-W01 (reported week)" in reply
    assert len(await facts(ctx)) == 2
