"""Facts: written once per article, replaced as a unit, and compared across articles (sources, conflicts).

Analyses are built by hand here, so these rules hold whatever the extractor finds.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime

from sqlalchemy import func, select

from claimwatch.extract.model import Analysis, Span, Statistic
from claimwatch.storage.articles import NewArticle, store_article
from claimwatch.storage.corroboration import corroborate, sourced_facts, stored_figures
from claimwatch.storage.db import Database
from claimwatch.storage.facts import facts_of, replace_analysis, store_first_analysis, week_start
from claimwatch.storage.models import Article, Fact

NOW = datetime(2023, 1, 14, 9, 0, tzinfo=UTC)


def statistic(metric: str, value: float, week: str | None, period: str = "reported_week",
              region: str | None = None) -> Statistic:
    text = f"{value:g} {metric}"
    return Statistic(metric, value, period, region, week, Span(0, len(text), text))


def analysis(*statistics: Statistic, version: str = "0.1.0") -> Analysis:
    return Analysis(language="en", published=date(2023, 1, 12), extractor_version=version,
                    statistics=tuple(statistics))


async def stored_article(db: Database, name: str, forwarded_from: str | None = None) -> int:
    async with db.session() as session:
        stored = await store_article(session, NewArticle(
            text=f"article {name}", text_hash=f"hash-{name}", published=date(2023, 1, 12),
            published_source="forward", received_at=NOW, platform="telegram", chat_id="c",
            message_id=name, forwarded_from=forwarded_from,
        ))
    return stored.article_id


async def with_facts(db: Database, name: str, *statistics: Statistic, source: str | None = None) -> int:
    article_id = await stored_article(db, name, source)
    async with db.session() as session:
        await store_first_analysis(session, article_id, analysis(*statistics), NOW)
    return article_id


def test_week_53_starts_on_the_monday_before_new_year() -> None:
    assert week_start("2020-W53") == date(2020, 12, 28)
    assert week_start("2023-W01") == date(2023, 1, 2)


async def test_a_fact_in_week_53_is_stored_with_that_monday(db: Database) -> None:
    article_id = await with_facts(db, "a", statistic("attacks", 16, "2020-W53"))
    async with db.session() as session:
        [fact] = await facts_of(session, article_id)
    assert (fact.week, fact.week_start, fact.value) == ("2020-W53", date(2020, 12, 28), 16)


async def test_the_same_figure_from_two_articles_is_a_second_source(db: Database) -> None:
    first = await with_facts(db, "a", statistic("attacks", 16, "2023-W01"), source="Naba Watch")
    second = await stored_article(db, "b")
    async with db.session() as session:
        [seen] = await corroborate(session, second, [statistic("attacks", 16, "2023-W01")])
    assert [ref.article_id for ref in seen.agreeing] == [first]
    assert seen.agreeing[0].label == f"article #{first} (Naba Watch)"
    assert seen.differing == ()


async def test_another_value_for_the_same_figure_is_a_conflict(db: Database) -> None:
    first = await with_facts(db, "a", statistic("attacks", 16, "2023-W01"))
    second = await stored_article(db, "b")
    async with db.session() as session:
        [seen] = await corroborate(session, second, [statistic("attacks", 18, "2023-W01")])
    assert [(ref.article_id, value) for ref, value in seen.differing] == [(first, 16)]
    assert seen.agreeing == ()


async def test_other_week_period_or_region_is_another_figure(db: Database) -> None:
    await with_facts(db, "a", statistic("attacks", 16, "2023-W01"))
    second = await stored_article(db, "b")
    others = [statistic("attacks", 18, "2023-W02"), statistic("attacks", 18, "2023-W01", "previous_week"),
              statistic("attacks", 18, "2023-W01", region="Sinai"), statistic("killed", 18, "2023-W01"),
              statistic("attacks", 18, None, "other")]
    async with db.session() as session:
        seen = await corroborate(session, second, others)
    assert all(not s.agreeing and not s.differing for s in seen)


async def test_an_article_is_analysed_once_however_many_ingests_race(db: Database) -> None:
    article_id = await stored_article(db, "a")

    found = analysis(statistic("attacks", 16, "2023-W01"))

    async def write() -> bool:
        async with db.session() as session:
            return await store_first_analysis(session, article_id, found, NOW)

    results = await asyncio.gather(*(write() for _ in range(4)))
    assert results.count(True) == 1
    async with db.session() as session:
        assert len(await facts_of(session, article_id)) == 1


async def test_replacing_reports_added_removed_and_changed_facts(db: Database) -> None:
    article_id = await with_facts(db, "a", statistic("attacks", 16, "2023-W01"),
                                  statistic("regions", 6, "2023-W01"), statistic("killed", 3, "2023-W01"))
    newer = analysis(statistic("attacks", 16, "2023-W01"), statistic("regions", 7, "2023-W01"),
                     statistic("wounded", 5, "2023-W01"), version="0.2.0")
    async with db.session() as session:
        replaced = await replace_analysis(session, article_id, newer, NOW)
    async with db.session() as session:
        facts = await facts_of(session, article_id)
        version = await session.scalar(select(Article.extractor_version).where(Article.id == article_id))
    assert (replaced.added, replaced.removed, replaced.changed, replaced.unchanged) == (1, 1, 1, 1)
    assert sorted((f.metric, f.value) for f in facts) == [("attacks", 16), ("regions", 7), ("wounded", 5)]
    assert version == "0.2.0"


async def test_export_rows_carry_sources_agreement_and_conflicts(db: Database) -> None:
    a = await with_facts(db, "a", statistic("attacks", 16, "2023-W01", region="Sinai"), source="Channel A")
    b = await with_facts(db, "b", statistic("attacks", 16, "2023-W01", region="Sinai"))
    c = await with_facts(db, "c", statistic("attacks", 18, "2023-W01", region="Sinai"))
    await with_facts(db, "d", statistic("attacks", 4, "2022-W40", region="Sinai"),
                     statistic("attacks", 9, "2023-W01"))
    async with db.session() as session:
        rows = await sourced_facts(session, since=date(2023, 1, 4), region="sinai")
        total = await session.scalar(select(func.count()).select_from(Fact))
    assert total == 5
    by_article = {row.fact.article_id: row for row in rows}
    assert set(by_article) == {a, b, c}
    assert by_article[a].source.name == "Channel A"
    assert (by_article[a].agreeing_sources, by_article[a].other_values) == (2, [18])
    assert (by_article[c].agreeing_sources, by_article[c].other_values) == (1, [16])


async def test_an_articles_stored_figures_come_with_what_others_say(db: Database) -> None:
    in_sinai = statistic("killed", 3, "2023-W01", region="Sinai")
    await with_facts(db, "a", statistic("attacks", 16, "2023-W01"), in_sinai, source="Channel A")
    await with_facts(db, "b", statistic("attacks", 18, "2023-W01"), in_sinai)
    everywhere = statistic("killed", 3, "2023-W01")
    third = await with_facts(db, "c", statistic("attacks", 16, "2023-W01"), everywhere)
    async with db.session() as session:
        figures = await stored_figures(session, third)
    [(attacks, on_attacks), (killed, on_killed)] = figures
    assert (attacks.metric, attacks.value, attacks.quote) == ("attacks", 16, "16 attacks")
    assert [ref.label for ref in on_attacks.agreeing] == ["article #1 (Channel A)"]
    assert [(ref.article_id, value) for ref, value in on_attacks.differing] == [(2, 18)]
    assert (killed.region, on_killed.agreeing, on_killed.differing) == (None, (), ())  # Sinai's is another
