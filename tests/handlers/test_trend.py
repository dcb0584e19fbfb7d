"""/trend as a user sees it: a region however it is typed, a table, a chart, or the closest names."""

from __future__ import annotations

import io
from datetime import date

from PIL import Image

from claimwatch.digest.render_text import render_text
from claimwatch.digest.weeks import ONE_WEEK, from_iso_week, iso_week, weeks_ending
from claimwatch.handlers.context import Context
from tests.handlers.stored_figures import Figure, store
from tests.handlers.test_digest import ask

SINAI = [3, 5, 2, None, 6, 4, 7, 1, 3, 5, 8, 6, 9, 4]  # 2022-W40 … 2023-W01


async def store_series(ctx: Context, region: str, values: list[int | None], last: str = "2023-W01") -> None:
    for value, week in zip(values, weeks_ending(from_iso_week(last), len(values)), strict=True):
        if value is not None:
            await store(ctx.db, week + ONE_WEEK, [Figure("attacks", value, iso_week(week), region)],
                        publication="al-Naba", number=week.toordinal() % 1000)


async def test_the_trend_is_a_table_of_twelve_weeks_ending_at_the_regions_latest_week(ctx) -> None:
    await store_series(ctx, "Sinai", SINAI)
    await store_series(ctx, "Iraq", [40, 50], last="2023-W02")
    reply = await ask(ctx, "/trend sinai")
    lines = render_text(reply.document).splitlines()
    assert lines[0] == "Attacks per week — Sinai, 2022-W42 to 2023-W01"
    assert lines[1:5] == ["2022-W42      2 ████", "2022-W43      —", "2022-W44      6 ███████████",
                          "2022-W45      4 ███████"]
    assert lines[12] == "2023-W01      4 ███████"
    assert "Highest: 9 (2022-W52) · Lowest: 1 (2022-W47)" in lines
    assert lines[-2].startswith("Direction: ")
    assert lines[-1] == "4-week average now: 6.8"


async def test_the_trend_comes_with_a_wide_png_chart(ctx) -> None:
    await store_series(ctx, "Sinai", SINAI)
    reply = await ask(ctx, "/trend sinai")
    image = Image.open(io.BytesIO(reply.chart_png))
    assert image.format == "PNG" and image.size[0] >= 1000
    assert reply.chart_name == "trend-sinai-2023-W01.png"


async def test_arabic_names_aliases_and_a_number_of_weeks_find_the_same_region(ctx) -> None:
    await store_series(ctx, "Sinai", SINAI)
    await store_series(ctx, "West Africa", [2, 4, 6])
    arabic = render_text((await ask(ctx, "/trend سيناء 4")).document)
    assert arabic.splitlines()[0] == "Attacks per week — Sinai, 2022-W50 to 2023-W01"
    assert len(arabic.split("\n\n")[0].splitlines()) == 1 + 4
    for typed in ('/trend "West Africa" 26', "/trend ISWAP 26", "/trend “West Africa” 26"):
        text = render_text((await ask(ctx, typed)).document)
        assert text.splitlines()[0] == "Attacks per week — West Africa, 2022-W28 to 2023-W01", typed


async def test_an_unknown_region_gets_the_closest_names(ctx) -> None:
    text = render_text((await ask(ctx, "/trend Sinaii")).document)
    assert text.splitlines() == ["I don't know a region called “Sinaii”.",
                                 "Closest names: Sinai, Sinjar, South Sinai, North Sinai, Katsina."]


async def test_a_known_region_without_figures_says_so(ctx) -> None:
    reply = await ask(ctx, "/trend kabul")
    assert render_text(reply.document) == "No weekly attack figures are stored for Kabul yet."
    assert reply.chart_png is None


async def test_without_a_region_the_trend_is_the_total_of_all_regions(ctx) -> None:
    await store(ctx.db, date(2023, 1, 12), [Figure("attacks", 16, "2023-W01"),
                                            Figure("attacks", 23, "2022-W52", period="previous_week")])
    text = render_text((await ask(ctx, "/trend")).document)
    assert text.splitlines()[0] == "Attacks per week — all regions, 2022-W42 to 2023-W01"
    assert "2023-W01     16" in text


async def test_a_number_of_weeks_out_of_range_gets_the_usage(ctx) -> None:
    text = render_text((await ask(ctx, "/trend sinai 1000")).document)
    assert text.startswith("Usage: /trend REGION [WEEKS]") and "from 2 to 260" in text


async def test_an_arabic_chat_gets_arabic_labels_and_the_arabic_region_name(ctx) -> None:
    await store_series(ctx, "Sinai", SINAI)
    await ask(ctx, "/lang ar")
    text = render_text((await ask(ctx, "/trend sinai")).document)
    assert text.splitlines()[0].startswith("\u200fالهجمات أسبوعيًا — سيناء، من")
