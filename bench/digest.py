"""Digest and trend latency over a large archive, SQLite and PostgreSQL.

    python bench/digest.py [--facts 1000000] [--runs 200] [--postgres URL] [--sqlite FILE]

Fills a fresh database with FACTS facts over 10 years and 60 regions: each week some
forty articles give the week's totals (attacks, regions, casualties, change) and
twenty regions' attack counts, for their week and the week before, mostly agreeing
with one another and sometimes not (conflicts), plus notable claims. Rows go in with
executemany on SQLite and COPY on PostgreSQL, through the real migrated schema.
Then times what a user waits for, without the network: /digest of a random week
(queries, comparison, wording, Telegram HTML) and /trend of a random region over
12 weeks (queries, series, table); the chart's drawing is timed apart, as it does
not touch the database. PostgreSQL uses `--postgres`, else CLAIMWATCH_BENCH_POSTGRES_URL
or CLAIMWATCH_TEST_POSTGRES_URL; a scratch database is created and dropped.
Target: p95 ≤ 100 ms for digest and trend on both.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from scratch import scratch_postgres
from sqlalchemy.engine import make_url

from claimwatch.config.settings import Settings
from claimwatch.digest.chart import trend_chart
from claimwatch.digest.render_telegram import render_telegram
from claimwatch.digest.render_text import render_text
from claimwatch.digest.trend_document import trend_document
from claimwatch.digest.weeks import ONE_WEEK, iso_week
from claimwatch.handlers.context import Context
from claimwatch.handlers.digest import weekly_digest
from claimwatch.handlers.trend import load_trend
from claimwatch.storage.db import Database

FIRST_WEEK = date(2014, 1, 6)
WEEKS = 522  # ten years
REGIONS = [f"Region {n:02d}" for n in range(1, 61)]
REGIONS_PER_ARTICLE = 20
TOTALS = ("attacks", "regions", "killed", "wounded")
FACTS_PER_ARTICLE = 2 * (len(TOTALS) + REGIONS_PER_ARTICLE) + 1
TARGET_MS = 100
RECEIVED = datetime(2024, 1, 1, tzinfo=UTC)

ARTICLE_COLUMNS = ("id", "text", "text_hash", "language", "published", "published_source", "received_at",
                   "platform", "chat_id", "message_id", "forwarded_from", "message_link",
                   "source_publication", "source_number")
FACT_COLUMNS = ("article_id", "metric", "value", "period", "week", "week_start", "region", "evidence_start",
                "evidence_end", "quote", "extractor_version")
CLAIM_COLUMNS = ("article_id", "actor", "action", "target", "region", "notable", "reasons", "week_start",
                 "evidence_start", "evidence_end", "quote", "extractor_version")


@dataclass
class Archive:
    articles: list[tuple]
    facts: list[tuple]
    claims: list[tuple]


def _facts_of_article(rng: random.Random, article_id: int, week: date, truth: dict) -> Iterator[tuple]:
    """The totals and twenty regions' attacks for the article's week and the week before."""
    for period, about in (("reported_week", week), ("previous_week", week - ONE_WEEK)):
        keys = [(metric, None) for metric in TOTALS]
        keys += [("attacks", region) for region in rng.sample(REGIONS, REGIONS_PER_ARTICLE)]
        for metric, region in keys:
            value = truth.setdefault((metric, region, about), rng.randint(0, 40 if region is None else 9))
            if rng.random() < 0.03:
                value += 1  # a conflicting report
            yield (article_id, metric, float(value), period, iso_week(about), about, region, 0, 40,
                   f"{value} {metric} — quote of article {article_id}", "bench")
    yield (article_id, "change_pct", -12.5, "reported_week", iso_week(week), week, None, 0, 20,
           "a 12.5% drop", "bench")


def generate(total_facts: int, seed: int = 7) -> Archive:
    """Articles, facts (exactly `total_facts`) and claims of ten years; deterministic for a seed."""
    rng = random.Random(seed)
    archive = Archive([], [], [])
    truth: dict = {}
    article_id = 0
    articles = -(-total_facts // FACTS_PER_ARTICLE)  # spread evenly over the weeks
    for week_number in range(WEEKS):
        week = FIRST_WEEK + ONE_WEEK * week_number
        for _ in range((week_number + 1) * articles // WEEKS - week_number * articles // WEEKS):
            article_id += 1
            published = week + ONE_WEEK + timedelta(days=rng.randint(0, 3))
            archive.articles.append((
                article_id, f"bench article {article_id}", f"{article_id:064x}", "ar", published, "forward",
                RECEIVED, "telegram", "-100", str(article_id), "Bench Channel",
                f"https://t.me/bench/{article_id}", "al-Naba", article_id % 1000,
            ))
            archive.facts.extend(_facts_of_article(rng, article_id, week, truth))
            if rng.random() < 0.3:
                archive.claims.append((
                    article_id, "Islamic State", "attack", f"target {article_id}", rng.choice(REGIONS),
                    True, json.dumps(["capital"]), week, 0, 30, "the attack on the ministry", "bench",
                ))
            if len(archive.facts) >= total_facts:
                del archive.facts[total_facts:]
                return archive
    return archive


def _sqlite_value(value: object) -> object:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, date):
        return value.isoformat()
    return value


def fill_sqlite(path: str, archive: Archive) -> None:
    """Bulk rows straight through sqlite3, in the storage formats SQLAlchemy reads back."""
    connection = sqlite3.connect(path)
    try:
        for table, columns, rows in (("articles", ARTICLE_COLUMNS, archive.articles),
                                     ("facts", FACT_COLUMNS, archive.facts),
                                     ("claims", CLAIM_COLUMNS, archive.claims)):
            marks = ", ".join("?" * len(columns))
            connection.executemany(
                f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
                ([_sqlite_value(v) for v in row] for row in rows),
            )
        connection.commit()
    finally:
        connection.close()


async def fill_postgres(url: str, archive: Archive) -> None:
    """Bulk rows by COPY, then VACUUM ANALYZE as autovacuum would after a load this size."""
    import asyncpg

    connection = await asyncpg.connect(make_url(url).set(drivername="postgresql").render_as_string(False))
    try:
        for table, columns, rows in (("articles", ARTICLE_COLUMNS, archive.articles),
                                     ("facts", FACT_COLUMNS, archive.facts),
                                     ("claims", CLAIM_COLUMNS, archive.claims)):
            await connection.copy_records_to_table(table, records=rows, columns=list(columns))
        await connection.execute("SELECT setval('articles_id_seq', (SELECT max(id) FROM articles))")
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()


def percentile(samples: list[float], share: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


async def timed(runs: int, action: Callable[[int], Awaitable[object]]) -> list[float]:
    """Milliseconds of each run after three warm-up runs."""
    for run in range(3):
        await action(run)
    samples = []
    for run in range(runs):
        start = time.perf_counter()
        await action(run)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def measure(url: str, runs: int) -> dict[str, list[float]]:
    """Digest and trend latencies on a filled database."""
    db = Database(url)
    ctx = Context(settings=Settings(_env_file=None, CLAIMWATCH_DATABASE_URL=url), db=db,
                  clock=lambda: datetime.combine(FIRST_WEEK + ONE_WEEK * WEEKS, datetime.min.time(), UTC))
    rng = random.Random(11)
    weeks = [FIRST_WEEK + ONE_WEEK * rng.randrange(1, WEEKS) for _ in range(runs + 3)]
    regions = [rng.choice(REGIONS) for _ in range(runs + 3)]

    async def digest(run: int) -> None:
        render_telegram((await weekly_digest(ctx, weeks[run])).document)

    async def trend(run: int) -> None:
        render_text(trend_document(await load_trend(ctx, regions[run], 12)))

    try:
        results = {"digest": await timed(runs, digest), "trend": await timed(runs, trend)}
        series = await load_trend(ctx, regions[0], 12)
        results["chart (no database)"] = await timed(min(runs, 20), lambda _: asyncio.to_thread(
            trend_chart, series, (regions[0], regions[0])))
        return results
    finally:
        await db.close()


async def prepared_sqlite(path: Path, archive: Archive) -> str:
    url = f"sqlite+aiosqlite:///{path}"
    db = Database(url)
    await db.upgrade()
    await db.close()
    fill_sqlite(str(path), archive)
    return url


def report(backend: str, fill_seconds: float, results: dict[str, list[float]]) -> None:
    print(f"{backend}: filled in {fill_seconds:.0f} s")
    for name, samples in results.items():
        p50, p95 = percentile(samples, 0.5), percentile(samples, 0.95)
        verdict = "  ok" if p95 <= TARGET_MS else f"  OVER {TARGET_MS} ms"
        verdict = "" if name.startswith("chart") else verdict
        print(f"  {name:<20} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   max {max(samples):7.1f} ms{verdict}")


async def bench(args: argparse.Namespace) -> None:
    started = time.perf_counter()
    archive = generate(args.facts)
    seconds = time.perf_counter() - started
    print(f"{len(archive.facts):,} facts, {len(archive.articles):,} articles, {len(archive.claims):,} "
          f"claims, {WEEKS} weeks, {len(REGIONS)} regions (generated in {seconds:.0f} s)")
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(args.sqlite) if args.sqlite else Path(scratch) / "digest-bench.db"
        path.unlink(missing_ok=True)
        started = time.perf_counter()
        url = await prepared_sqlite(path, archive)
        report("SQLite", time.perf_counter() - started, await measure(url, args.runs))
    postgres = args.postgres or os.environ.get("CLAIMWATCH_BENCH_POSTGRES_URL") or os.environ.get(
        "CLAIMWATCH_TEST_POSTGRES_URL")
    if not postgres:
        print("PostgreSQL: skipped (set --postgres or CLAIMWATCH_BENCH_POSTGRES_URL)")
        return
    async with scratch_postgres(postgres) as url:
        started = time.perf_counter()
        db = Database(url)
        await db.upgrade()
        await db.close()
        await fill_postgres(url, archive)
        report("PostgreSQL", time.perf_counter() - started, await measure(url, args.runs))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000, help="facts to store (default 1,000,000)")
    parser.add_argument("--runs", type=int, default=200, help="timed runs of each report (default 200)")
    parser.add_argument("--postgres", help="a PostgreSQL URL to create the scratch database on")
    parser.add_argument("--sqlite", help="keep the SQLite archive in this file (default: a temporary one)")
    asyncio.run(bench(parser.parse_args(argv)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
