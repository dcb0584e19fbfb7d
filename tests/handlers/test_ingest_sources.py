"""/sources: what was stored lately, with dates and where each article came from."""

from __future__ import annotations

from datetime import UTC, datetime

from claimwatch.digest.render_text import render_text
from claimwatch.handlers.context import Context
from claimwatch.handlers.router import dispatch
from claimwatch.handlers.types import Incoming


def message(text: str, number: int, channel: str | None = None, chat: str = "c1") -> Incoming:
    return Incoming(platform="telegram", chat_id=chat, user_id="u1", message_id=str(number), text=text,
                    received_at=datetime(2023, 1, 14, 9, number, tzinfo=UTC), forwarded_from=channel,
                    forwarded_date=datetime(2023, 1, number, 8, 0, tzinfo=UTC) if channel else None)


async def sources(ctx: Context, arguments: str = "") -> str:
    reply = await dispatch(ctx, message(f"/sources {arguments}".strip(), 59))
    return render_text(reply.document)


async def test_no_articles_yet_says_how_to_add_one(ctx: Context) -> None:
    assert "No articles are stored yet" in await sources(ctx)


async def test_the_last_articles_newest_first_with_date_source_and_figures(ctx: Context) -> None:
    await dispatch(ctx, message("Islamic State claimed 16 attacks in 6 regions last week.", 3, "Naba Watch"))
    await dispatch(ctx, message("شن التنظيم 16 هجوما في 6 مناطق خلال الأسبوع الماضي", 4))
    await dispatch(ctx, message("شن التنظيم 16 هجوما في 6 مناطق خلال الأسبوع الماضي", 5, chat="c2"))
    lines = (await sources(ctx)).splitlines()
    assert lines[0] == "Last 2 articles stored"
    assert lines[1].startswith("#2 2023-01-14 — sent directly — 2 figures, forwarded 2 times: ")
    assert lines[2].startswith("#1 2023-01-03 — Naba Watch — 2 figures: ")
    assert "Islamic State claimed 16 attacks" in lines[2]


async def test_a_count_limits_the_list_and_nonsense_gets_the_usage(ctx: Context) -> None:
    for number in (1, 2, 3):
        await dispatch(ctx, message(f"Report {number}: Islamic State claimed {number} attacks.", number))
    assert (await sources(ctx, "2")).splitlines()[0] == "Last 2 articles stored"
    assert (await sources(ctx, "many")).startswith("Usage: /sources [COUNT]")
