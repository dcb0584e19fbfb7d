"""/digest as a user sees it: the week's figures, the week before, sources, conflicts, missing weeks."""

from __future__ import annotations

from datetime import UTC, date, datetime

from claimwatch.digest.render_slack import render_slack
from claimwatch.digest.render_telegram import render_telegram
from claimwatch.digest.render_text import render_text
from claimwatch.digest.weeks import from_iso_week
from claimwatch.handlers.context import Context
from claimwatch.handlers.digest import weekly_digest
from claimwatch.handlers.router import dispatch
from claimwatch.handlers.types import Incoming, Reply
from tests.handlers.stored_figures import Claim, Figure, store

HOSTILE = "<b>*bold*</b> <!channel> @everyone"


def message(text: str, chat: str = "-100") -> Incoming:
    return Incoming(platform="telegram", chat_id=chat, user_id="7", message_id="1", text=text,
                    received_at=datetime(2023, 1, 14, 9, tzinfo=UTC))


async def ask(ctx: Context, text: str, chat: str = "-100") -> Reply:
    return await dispatch(ctx, message(text, chat))


async def store_naba_373(ctx: Context) -> None:
    """al-Naba 373 (published in 2023-W02) on 2023-W01, and an Amaq post repeating its count."""
    await store(ctx.db, date(2023, 1, 12), [
        Figure("attacks", 16, "2023-W01"), Figure("attacks", 23, "2022-W52", period="previous_week"),
        Figure("regions", 6, "2023-W01"), Figure("regions", 7, "2022-W52", period="previous_week"),
        Figure("change_pct", -30.5, "2023-W01"), Figure("killed", 12, "2023-W01"),
        Figure("attacks", 5, "2023-W01", "Sinai"), Figure("attacks", 3, "2022-W52", "Sinai", "previous_week"),
        Figure("attacks", 4, "2023-W01", "West Africa"),
        Figure("attacks", 6, "2022-W52", "West Africa", "previous_week"),
    ], [Claim("Foreign Ministry headquarters", "Kabul", "2023-W01", ["government ministry", "capital"],
              quote=HOSTILE)], publication="al-Naba", number=373, link="https://t.me/naba/373")
    await store(ctx.db, date(2023, 1, 13), [Figure("attacks", 16, "2023-W01")], channel="Amaq Agency")


async def test_the_digest_compares_the_latest_week_with_the_one_before_and_cites_each_figure(ctx) -> None:
    await store_naba_373(ctx)
    text = render_text((await ask(ctx, "/digest")).document)
    lines = text.splitlines()
    assert lines[0] == "Weekly digest 2023-W01 (2–8 Jan 2023)"
    assert lines[1] == ("Attacks: 16 ↓ (week before: 23) (Amaq Agency, 2023-01-13; "
                        "al-Naba 373, 2023-01-12 <https://t.me/naba/373>)")
    assert lines[2].startswith("Change: -30.5 % as reported, -30.4 % computed from 16 and 23")
    assert lines[3].startswith("Regions: 6 ↓ (week before: 7)")
    assert "Killed: 12 (no figure for the week before)" in text
    assert "Sinai: 5 ↑ (3)" in text and "West Africa: 4 ↓ (6)" in text
    assert "attack: Foreign Ministry headquarters (Kabul) — government ministry, capital" in text


async def test_on_telegram_sources_link_to_the_original_message_and_quotes_are_escaped(ctx) -> None:
    await store_naba_373(ctx)
    html = "\n".join(render_telegram((await ask(ctx, "/digest 2023-W01")).document))
    assert '<a href="https://t.me/naba/373">al-Naba 373, 2023-01-12</a>' in html
    assert "&lt;b&gt;*bold*&lt;/b&gt; &lt;!channel&gt;" in html and "<b>*bold*" not in html
    blocks = render_slack((await ask(ctx, "/digest 2023-W01")).document)
    slack = "\n".join(block["text"]["text"] for block in blocks)
    assert "<!channel>" not in slack and "@\u2060everyone" in slack


async def test_the_digest_says_first_when_the_latest_week_is_not_the_last_complete_one(ctx, clock) -> None:
    await store_naba_373(ctx)
    clock.now = datetime(2023, 1, 25, 9, tzinfo=UTC)  # 2023-W04: the last complete week is W03
    lines = render_text((await ask(ctx, "/digest")).document).splitlines()
    assert lines[0] == ("No figures yet for 2023-W03, the last complete week; "
                        "this is 2023-W01, the latest week with figures.")
    assert lines[2].startswith("Weekly digest 2023-W01")


async def test_a_week_without_figures_names_the_nearest_weeks_that_have_some(ctx) -> None:
    await store_naba_373(ctx)
    await store(ctx.db, date(2022, 12, 8), [Figure("attacks", 9, "2022-W48")], channel="Nashir")
    text = render_text((await ask(ctx, "/digest 2022-W50")).document)
    assert text == ("No figures stored for 2022-W50 (12–18 Dec 2022).\n"
                    "Nearest weeks with figures: 2022-W48 (before), 2022-W52 (after).")


async def test_last_and_this_week_are_relative_to_today(ctx) -> None:
    await store_naba_373(ctx)
    assert render_text((await ask(ctx, "/digest last")).document).startswith("Weekly digest 2023-W01")
    this = render_text((await ask(ctx, "/digest this")).document)
    assert this.startswith("No figures stored for 2023-W02") and "2023-W01 (before)" in this


async def test_a_week_known_only_from_the_next_weeks_article_has_a_digest(ctx) -> None:
    await store_naba_373(ctx)
    text = render_text((await ask(ctx, "/digest 2022-W52")).document)
    assert "Attacks: 23 (no figure for the week before) (al-Naba 373, 2023-01-12" in text


async def test_different_values_for_one_figure_are_shown_with_both_sources(ctx) -> None:
    await store_naba_373(ctx)
    await store(ctx.db, date(2023, 1, 5), [Figure("attacks", 22, "2022-W52", quote="22 هجومًا")],
                publication="al-Naba", number=372)
    text = render_text((await ask(ctx, "/digest 2023-W01")).document)
    conflicts = text.split("Conflicting figures (the first value is the one used above)\n")[1]
    assert conflicts.splitlines() == [
        "Attacks, 2022-W52",
        "  23 (al-Naba 373, 2023-01-12 <https://t.me/naba/373>): “\u206816 هجومًا في 6 مناطق\u2069”",
        "  22 (al-Naba 372, 2023-01-05): “\u206822 هجومًا\u2069”",
    ]


async def test_a_figure_many_channels_repeat_names_the_newest_two_and_counts_the_rest(ctx) -> None:
    for day in range(9, 14):
        await store(ctx.db, date(2023, 1, day), [Figure("attacks", 16, "2023-W01")], channel=f"channel {day}")
    text = render_text((await ask(ctx, "/digest 2023-W01")).document)
    assert ("Attacks: 16 (no figure for the week before) (channel 13, 2023-01-13; channel 12, 2023-01-12; "
            "+3 more)") in text


async def test_an_empty_archive_says_to_forward_articles_first(ctx) -> None:
    text = render_text((await ask(ctx, "/digest")).document)
    assert text == "No figures are stored yet: forward articles to me, then ask again."


async def test_a_week_that_is_not_one_gets_the_usage(ctx) -> None:
    text = render_text((await ask(ctx, "/digest next tuesday")).document)
    assert "not a week: 'next tuesday'" in text and "Usage: /digest" in text


async def test_the_weekly_post_can_be_narrowed_to_regions_and_worded_in_arabic(ctx) -> None:
    await store_naba_373(ctx)
    reply = await weekly_digest(ctx, from_iso_week("2023-W01"), "ar", regions=["Sinai"])
    text = render_text(reply.document)
    assert reply.extras == {"week": "2023-W01", "has_data": True}
    assert "المناطق المتابعة: سيناء" in text
    assert "سيناء: \u20665\u2069 ↑ (\u20663\u2069)" in text
    assert "غرب" not in text and "Kabul" not in text and "كابل" not in text


async def test_the_weekly_post_of_an_empty_week_says_so(ctx) -> None:
    reply = await weekly_digest(ctx, from_iso_week("2023-W01"))
    assert reply.extras == {"week": "2023-W01", "has_data": False}
    assert render_text(reply.document) == "No figures are stored yet: forward articles to me, then ask again."
