"""`claimwatch reanalyze`, `export` and `refetch`: the archive kept right, taken out, and completed."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from claimwatch.bot.cli import main
from claimwatch.extract import EXTRACTOR_VERSION
from claimwatch.extract.model import Analysis, Span, Statistic
from claimwatch.handlers.context import Context
from claimwatch.handlers.ingest import handle
from claimwatch.handlers.reanalysis import articles_to_reanalyze, reanalyze
from claimwatch.handlers.types import Incoming
from claimwatch.storage.articles import NewArticle, store_article
from claimwatch.storage.db import Database
from claimwatch.storage.facts import store_first_analysis
from claimwatch.storage.models import Article, Fact
from tests.conftest import FixedClock, make_settings
from tests.handlers.link_pages import EN_PAGE, EN_SENTENCE, news_site

OLD_VERSION = "0.0.1"
NOW = datetime(2023, 1, 14, 9, 0, tzinfo=UTC)


def report(number: int) -> str:
    return f"Report {number}: Islamic State claimed 16 attacks in 6 regions last week."


def statistic(metric: str, value: float, week: str, region: str | None = None, quote: str = "") -> Statistic:
    quote = quote or f"{value:g} {metric}"
    return Statistic(metric, value, "reported_week", region, week, Span(0, len(quote), quote))


async def store(db: Database, name: str, text: str, *statistics: Statistic, version: str = OLD_VERSION,
                channel: str | None = None, url: str | None = None,
                published: date = date(2023, 1, 12)) -> int:
    """An article with the facts an (older) extractor once found in it."""
    async with db.session() as session:
        stored = await store_article(session, NewArticle(
            text=text, text_hash=f"hash-{name}", published=published, published_source="forward",
            received_at=NOW, platform="telegram", chat_id="c1", message_id=name, forwarded_from=channel,
            url=url,
        ))
        found = Analysis(language="en", published=published, extractor_version=version, statistics=statistics)
        await store_first_analysis(session, stored.article_id, found, NOW)
    return stored.article_id


async def seed_old_reports(db: Database, count: int) -> None:
    """Reports an older extractor misread: 15 attacks instead of 16, and no count of regions."""
    for number in range(1, count + 1):
        await store(db, str(number), report(number), statistic("attacks", 15, "2023-W01"))


async def facts_by_article(db: Database) -> dict[int, list[tuple[str, float, str]]]:
    async with db.session() as session:
        rows = await session.execute(select(Fact.article_id, Fact.metric, Fact.value, Fact.extractor_version)
                                     .order_by(Fact.article_id, Fact.metric))
    found: dict[int, list[tuple[str, float, str]]] = {}
    for article_id, metric, value, version in rows:
        found.setdefault(article_id, []).append((metric, value, version))
    return found


@pytest.fixture(autouse=True)
def restored_logging() -> Iterator[None]:
    """main() points the root logger at this test's captured stderr; later tests get theirs back."""
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers[:] = handlers
    root.setLevel(level)


class Interrupted(KeyboardInterrupt):
    """Ctrl-C arriving while the third article is being analysed."""


async def test_reanalyze_interrupted_resumes_and_never_duplicates(db: Database) -> None:
    await seed_old_reports(db, 5)
    ctx = Context(settings=make_settings(database_url=db.url), db=db, clock=FixedClock())
    progress: list[int] = []

    def interrupt_at_the_third(article_id: int) -> None:
        progress.append(article_id)
        if len(progress) == 3:
            raise Interrupted

    todo, _ = await articles_to_reanalyze(ctx)
    with pytest.raises(Interrupted):
        await reanalyze(ctx, todo, batch_size=2, on_article=interrupt_at_the_third)
    remaining, _ = await articles_to_reanalyze(ctx)
    summary = await reanalyze(ctx, remaining, batch_size=2)

    assert remaining == [3, 4, 5]  # the first batch was committed, the interrupted one was not
    facts = summary.facts
    assert (summary.articles, facts.changed, facts.added, facts.removed) == (3, 3, 3, 0)
    expected = [("attacks", 16, EXTRACTOR_VERSION), ("regions", 6, EXTRACTOR_VERSION)]
    assert await facts_by_article(db) == {n: expected for n in range(1, 6)}
    assert await articles_to_reanalyze(ctx) == ([], 0)


async def test_articles_of_a_newer_extractor_are_left_alone(db: Database) -> None:
    await store(db, "new", report(1), statistic("attacks", 16, "2023-W01"), version="99.0")
    ctx = Context(settings=make_settings(database_url=db.url), db=db, clock=FixedClock())
    assert await articles_to_reanalyze(ctx) == ([], 1)


def with_database(database_url: str, work: Callable[[Database], Awaitable[None]]) -> None:
    """Run `work` on a migrated database from a sync test (the CLI runs its own event loop)."""
    async def run() -> None:
        db = Database(database_url)
        await db.upgrade()
        try:
            await work(db)
        finally:
            await db.close()

    asyncio.run(run())


def test_reanalyze_command_prints_a_summary_and_a_rerun_does_nothing(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", database_url)
    with_database(database_url, lambda db: seed_old_reports(db, 2))
    assert main(["reanalyze", "--since", "2023-01-01"]) == 0
    first = capsys.readouterr().out
    assert main(["reanalyze"]) == 0
    second = capsys.readouterr().out
    assert first.strip() == (f"reanalysed 2 articles with extractor {EXTRACTOR_VERSION}: "
                             "facts 2 added, 0 removed, 2 changed, 0 unchanged")
    assert second.startswith("reanalysed 0 articles")


async def seed_for_export(db: Database) -> None:
    quote = "16 هجوما في سيناء"
    await store(db, "a", "a", statistic("attacks", 16, "2023-W01", "Sinai", quote), channel="Sinai Watch")
    await store(db, "b", "b", statistic("attacks", 18, "2023-W01", "Sinai"), url="https://example.org/b")
    await store(db, "c", "c", statistic("attacks", 4, "2022-W40", "Iraq"), published=date(2022, 10, 13))


def test_export_csv_has_every_fact_with_its_source_and_conflicts(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", database_url)
    with_database(database_url, seed_for_export)
    assert main(["export", "--format", "csv", "--since", "2023-01-01"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["region"], r["value"], r["article_id"]) for r in rows] == [("Sinai", "16", "1"),
                                                                          ("Sinai", "18", "2")]
    first, second = rows
    assert [first[c] for c in ("week", "week_start", "period")] == ["2023-W01", "2023-01-02", "reported_week"]
    assert [first[c] for c in ("source", "quote", "published")] == ["Sinai Watch", "16 هجوما في سيناء",
                                                                    "2023-01-12"]
    assert (first["sources_agreeing"], first["conflicting_values"]) == ("1", "18")
    assert (second["url"], second["source"]) == ("https://example.org/b", "example.org")


def test_export_json_to_a_file_groups_sources_by_figure(
    database_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", database_url)
    with_database(database_url, seed_for_export)
    output = tmp_path / "facts.json"
    assert main(["export", "--format", "json", "--region", "iraq", "--output", str(output)]) == 0
    [figure] = json.loads(output.read_text(encoding="utf-8"))
    assert [figure[k] for k in ("metric", "value", "week", "region")] == ["attacks", 4, "2022-W40", "Iraq"]
    assert [s["article_id"] for s in figure["sources"]] == [3]
    assert figure["sources"][0]["published"] == "2022-10-13"


def test_refetch_completes_a_link_that_failed_before(
    database_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", database_url)
    monkeypatch.setenv("CLAIMWATCH_ALLOW_PRIVATE_LINKS", "true")
    with news_site() as site:
        url = site.url("/later")

        async def forward_the_link(db: Database) -> None:
            settings = make_settings(database_url=database_url, allow_private_links=True)
            ctx = Context(settings=settings, db=db, clock=FixedClock())
            await handle(ctx, Incoming(platform="telegram", chat_id="c1", user_id="u1", message_id="1",
                                       text=url, received_at=NOW))

        with_database(database_url, forward_the_link)
        assert main(["refetch"]) == 1
        still_failing = capsys.readouterr().out
        site.pages["/later"] = (200, "text/html", EN_PAGE)
        assert main(["refetch"]) == 0
        fetched = capsys.readouterr().out
    assert still_failing == f"#1 {url}: still failing: The site answered 404 Not Found.\n"
    assert fetched == f"#1 {url}: fetched, 2 figures\n"

    articles: list[Article] = []

    async def load(db: Database) -> None:
        async with db.session() as session:
            articles.extend(await session.scalars(select(Article)))

    with_database(database_url, load)
    [article] = articles
    assert article.fetch_error is None
    assert EN_SENTENCE in article.text
