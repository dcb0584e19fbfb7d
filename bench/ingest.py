"""Ingest throughput: forwards per second through the ingest handler, SQLite and PostgreSQL.

    python bench/ingest.py [CORPUS_DIR] [--forwards N] [--postgres URL]

Feeds N forwards through `handlers.ingest.handle` (allowlist, storage, extraction,
facts, corroboration, the reply document), half of them new articles and half
duplicates forwarded again in another chat. New articles are the corpus texts (the
dev corpus by default; synthetic articles when it is absent) with a line that makes
each text unique, forwarded on successive weeks so figures spread over weeks as a
real archive's do. Runs SQLite with 1 and 8 concurrent workers in one process (SQLite
has one writer), and PostgreSQL (`--postgres`, else CLAIMWATCH_BENCH_POSTGRES_URL or
CLAIMWATCH_TEST_POSTGRES_URL; a scratch database is created and dropped) with 1 worker,
then with 8 workers spread over one bot *process* per core (2 processes of 4 workers
on 2 cores), each with its own event loop and engine, all feeding the same database:
DESIGN.md's scale path of several bot processes, since one Python process is bound to
one core by the GIL. CPU is summed over those processes.
Targets: 300 forwards/s on SQLite, 1,000 on PostgreSQL with 8 workers.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from threading import Barrier

from scratch import scratch_postgres

from claimwatch.config.settings import Settings
from claimwatch.extract import analyze
from claimwatch.handlers.context import Context
from claimwatch.handlers.ingest import handle
from claimwatch.handlers.types import Incoming
from claimwatch.storage.db import Database

DEFAULT_CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
SYNTHETIC = [
    "Islamic State claimed {n} attacks in {r} regions last week, against {p} attacks the week before.",
    "شن التنظيم {n} هجوما في {r} مناطق خلال الأسبوع الماضي، مقارنة بـ {p} هجوما في الأسبوع الذي سبقه.",
    "The group's weekly newspaper reported {n} attacks in West Africa and Mozambique last week, "
    "killing {r} soldiers, after {p} attacks the week before.",
]
WORKER_COUNTS = (1, 8)
SQLITE_TARGET, POSTGRES_TARGET = 300, 1000


def corpus_texts(corpus: Path) -> list[str]:
    """The corpus articles, or synthetic ones in their style when there is no corpus."""
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))] if corpus.is_dir() else []
    if texts:
        return texts
    return [t.format(n=10 + i, r=3 + i % 5, p=20 - i) for i in range(12) for t in SYNTHETIC]


def forwards(texts: list[str], count: int) -> Iterator[Incoming]:
    """New articles and, after each, the same text forwarded again from another chat."""
    start = datetime(2023, 1, 5, 9, 0, tzinfo=UTC)
    for number in range(count):
        original = number - number % 2
        week = original // 2 // len(texts)
        text = f"{texts[original // 2 % len(texts)]}\n\n(bench copy {original})"
        yield Incoming(
            platform="telegram", chat_id=f"bench-{number % 2}", user_id="bench", message_id=str(number),
            text=text, received_at=start + timedelta(weeks=week, minutes=number),
            forwarded_from="Bench Channel", forwarded_date=start + timedelta(weeks=week),
        )


Rate = tuple[float, float]
"""Forwards per second, and CPU milliseconds the bot process(es) spent per forward (all threads)."""


async def run(url: str, messages: list[Incoming], workers: int, spool: Path, processes: bool = False) -> Rate:
    """Throughput over a fresh, migrated database: `workers` tasks in this process, or a process each."""
    db = Database(url)
    try:
        await db.upgrade()
    finally:
        await db.close()
    if processes:
        elapsed, cpu = await asyncio.to_thread(in_processes, url, messages, workers, spool)
    else:
        elapsed, cpu = await feed(url, messages, workers, spool)
    if any(spool.glob("*.jsonl")):
        raise SystemExit("the spool was used: the database refused writes during the bench")
    return len(messages) / elapsed, cpu * 1000 / len(messages)


async def feed(url: str, messages: list[Incoming], workers: int, spool: Path,
               ready: Barrier | None = None) -> tuple[float, float]:
    """Wall and CPU seconds this process takes to ingest `messages` with `workers` concurrent tasks."""
    db = Database(url)
    ctx = Context(settings=Settings(_env_file=None, database_url=url, spool_dir=spool), db=db)
    queue = iter(messages)

    async def worker() -> None:
        for incoming in queue:
            await handle(ctx, incoming)

    try:
        if ready is not None:  # one of several processes: warm up, then start with the others
            await handle(ctx, replace(messages[0], message_id=f"warm-up {os.getpid()}",
                                      text=f"{messages[0].text} (warm-up {os.getpid()})"))
            ready.wait(timeout=120)
        started, cpu = time.perf_counter(), time.process_time()
        await asyncio.gather(*(worker() for _ in range(workers)))
        return time.perf_counter() - started, time.process_time() - cpu
    finally:
        await db.close()


def in_processes(url: str, messages: list[Incoming], workers: int, spool: Path) -> tuple[float, float]:
    """Wall seconds, and CPU seconds summed over processes, of `workers` concurrent workers spread
    over one bot process per core (more processes only fight over the cores).

    DESIGN.md's scale path: several bot processes against one PostgreSQL. Each has its own
    event loop and engine, and warms up on one forward of its own before the clock starts;
    a new article and its duplicate go to the same process."""
    count = min(workers, os.cpu_count() or 1)
    tasks = [workers // count + (i < workers % count) for i in range(count)]
    shares = [[m for k, m in enumerate(messages) if k // 2 % count == i] for i in range(count)]
    spawn = multiprocessing.get_context("spawn")
    with spawn.Manager() as manager, ProcessPoolExecutor(count, mp_context=spawn) as pool:
        ready = manager.Barrier(count + 1)
        done = [pool.submit(bot_process, url, share, n, spool, ready)
                for share, n in zip(shares, tasks, strict=True)]
        ready.wait(timeout=120)
        started = time.perf_counter()
        cpu = sum(future.result() for future in done)
        return time.perf_counter() - started, cpu


def bot_process(url: str, messages: list[Incoming], workers: int, spool: Path, ready: Barrier) -> float:
    """One bot process; the CPU seconds it spent on its share."""
    return asyncio.run(feed(url, messages, workers, spool, ready))[1]


async def postgres_rate(base: str, messages: list[Incoming], workers: int, spool: Path) -> Rate:
    """Throughput on a scratch database; more than one worker means that many bot processes."""
    async with scratch_postgres(base) as url:
        return await run(url, messages, workers, spool, processes=workers > 1)


async def bench(messages: list[Incoming], postgres: str | None) -> list[tuple[str, int, Rate | None]]:
    results: list[tuple[str, int, Rate | None]] = []
    with tempfile.TemporaryDirectory() as scratch:
        for workers in WORKER_COUNTS:
            url = f"sqlite+aiosqlite:///{Path(scratch) / f'bench-{workers}.db'}"
            results.append(("SQLite", workers, await run(url, messages, workers, Path(scratch) / "spool")))
        for workers in WORKER_COUNTS:
            spool = Path(scratch) / "spool"
            rate = await postgres_rate(postgres, messages, workers, spool) if postgres else None
            results.append(("PostgreSQL", workers, rate))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--forwards", type=int, default=2000)
    parser.add_argument("--postgres", default=os.environ.get("CLAIMWATCH_BENCH_POSTGRES_URL")
                        or os.environ.get("CLAIMWATCH_TEST_POSTGRES_URL"))
    args = parser.parse_args(argv)
    texts = corpus_texts(args.corpus)
    analyze(texts[0])  # loads the gazetteer and lexicon before the clock starts
    messages = list(forwards(texts, args.forwards))
    print(f"{len(messages)} forwards ({len(texts)} texts, half duplicates from another chat); "
          f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f} at start")
    for backend, workers, rate in asyncio.run(bench(messages, args.postgres)):
        target = SQLITE_TARGET if backend == "SQLite" else POSTGRES_TARGET
        figure = f"{rate[0]:6,.0f} forwards/s, {rate[1]:4.1f} ms CPU each" if rate else "skipped (no URL)"
        print(f"{backend:<10} {workers} worker{'s' if workers > 1 else ' '}: {figure}  (target {target:,}/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
