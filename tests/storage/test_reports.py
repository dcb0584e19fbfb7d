"""The digest's reads: each value of a figure once per article, its newest sources, how many there are."""

from __future__ import annotations

from datetime import date

from claimwatch.digest.weeks import from_iso_week
from claimwatch.storage.db import Database
from claimwatch.storage.reports import (
    NEWEST_SOURCES,
    facts_of_weeks,
    latest_region_week,
    latest_week,
    nearest_weeks,
    region_facts,
)
from tests.handlers.stored_figures import Claim, Figure, store

W01, W52 = from_iso_week("2023-W01"), from_iso_week("2022-W52")


async def test_a_value_many_articles_give_comes_back_as_its_newest_sources_and_a_count(db: Database) -> None:
    for day in range(5, 10):
        await store(db, date(2023, 1, day), [Figure("attacks", 16, "2023-W01")], channel=f"channel {day}")
    await store(db, date(2023, 1, 4), [Figure("attacks", 18, "2023-W01")], channel="late count")
    async with db.session() as session:
        rows = await facts_of_weeks(session, [W52, W01])
    sixteen = [r for r in rows if r.value == 16]
    assert len(sixteen) == NEWEST_SOURCES == 3
    assert {r.reports for r in sixteen} == {5}
    assert sorted((r.published for r in sixteen), reverse=True) == [date(2023, 1, d) for d in (9, 8, 7)]
    [eighteen] = [r for r in rows if r.value == 18]
    assert (eighteen.reports, eighteen.channel, eighteen.week_start) == (1, "late count", W01)


async def test_an_article_giving_a_figure_twice_counts_once_as_its_own_weeks_figure(db: Database) -> None:
    await store(db, date(2023, 1, 12), [Figure("attacks", 16, "2023-W01", period="previous_week"),
                                        Figure("attacks", 16, "2023-W01", quote="again: 16 attacks")],
                publication="al-Naba", number=373, link="https://t.me/naba/373")
    async with db.session() as session:
        [row] = await facts_of_weeks(session, [W01])
    assert (row.reports, row.period, row.publication, row.number, row.link) == (
        1, "reported_week", "al-Naba", 373, "https://t.me/naba/373")


async def test_only_the_weeks_asked_for_are_read(db: Database) -> None:
    await store(db, date(2023, 1, 12), [Figure("attacks", 16, "2023-W01"), Figure("attacks", 9, "2022-W50")])
    async with db.session() as session:
        assert [r.value for r in await facts_of_weeks(session, [W52, W01])] == [16]


async def test_latest_and_nearest_weeks_count_facts_and_claims(db: Database) -> None:
    await store(db, date(2022, 12, 8), [Figure("attacks", 9, "2022-W48")])
    await store(db, date(2023, 1, 12), [], [Claim("a church", "Sinai", "2023-W01")])
    await store(db, date(2023, 3, 1), [Figure("attacks", 2, "2023-W08")])
    async with db.session() as session:
        assert await latest_week(session, not_after=from_iso_week("2023-W05")) == W01
        assert await nearest_weeks(session, from_iso_week("2022-W50")) == (from_iso_week("2022-W48"), W01)
        assert await nearest_weeks(session, from_iso_week("2023-W09")) == (from_iso_week("2023-W08"), None)


async def test_a_regions_series_keeps_to_the_region_metric_and_weeks(db: Database) -> None:
    await store(db, date(2023, 1, 12), [
        Figure("attacks", 5, "2023-W01", "Sinai"), Figure("attacks", 3, "2022-W52", "Sinai", "previous_week"),
        Figure("killed", 7, "2023-W01", "Sinai"), Figure("attacks", 8, "2023-W01", "Iraq"),
        Figure("attacks", 16, "2023-W01"), Figure("attacks", 1, "2022-W40", "Sinai"),
    ])
    async with db.session() as session:
        sinai = await region_facts(session, "Sinai", "attacks", W52, W01)
        totals = await region_facts(session, None, "attacks", W52, W01)
        assert await latest_region_week(session, "Sinai", "attacks", not_after=W01) == W01
        assert await latest_region_week(session, "Kabul", "attacks", not_after=W01) is None
    assert sorted((r.week_start, r.value) for r in sinai) == [(W52, 3), (W01, 5)]
    assert [(r.region, r.value) for r in totals] == [(None, 16)]
