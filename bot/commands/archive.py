"""The stored archive: reanalyze (recompute facts), export (facts with sources), refetch (failed links)."""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from tqdm import tqdm

from claimwatch.bot import app
from claimwatch.bot.cli import CommandError, arg, command, iso_date, run_async
from claimwatch.config.settings import Settings
from claimwatch.extract import EXTRACTOR_VERSION
from claimwatch.handlers.ingest import refetch
from claimwatch.handlers.reanalysis import BATCH_SIZE, ReanalysisSummary, articles_to_reanalyze, reanalyze
from claimwatch.storage.articles import links_to_refetch
from claimwatch.storage.corroboration import SourcedFact, sourced_facts

CSV_COLUMNS = (
    "week", "week_start", "period", "metric", "region", "value", "sources_agreeing", "conflicting_values",
    "article_id", "source", "url", "forwarded_from", "message_link", "published", "quote",
    "extractor_version",
)


def _summary_line(summary: ReanalysisSummary, newer: int) -> str:
    facts = summary.facts
    line = (f"reanalysed {summary.articles} articles with extractor {EXTRACTOR_VERSION}: facts "
            f"{facts.added} added, {facts.removed} removed, {facts.changed} changed, "
            f"{facts.unchanged} unchanged")
    if summary.failed:
        line += f"; {summary.failed} failed (kept with their error, retried next run)"
    if newer:
        line += f"; {newer} left alone (analysed by a newer extractor)"
    return line


@command(
    "reanalyze",
    arg("--since", type=iso_date, help="only articles published on or after this date (YYYY-MM-DD)"),
    arg("--batch-size", type=int, default=BATCH_SIZE,
        help=f"articles per transaction (default {BATCH_SIZE})"),
)
def reanalyze_command(args: argparse.Namespace, settings: Settings) -> int:
    """Recompute the facts of every article analysed by an older extractor, never analysed, or failed.

    Each batch is committed on its own: interrupted and run again, it resumes where it stopped."""
    if args.batch_size < 1:
        raise CommandError("--batch-size must be at least 1")

    async def run() -> str:
        async with app.open_context(settings) as ctx:
            todo, newer = await articles_to_reanalyze(ctx, args.since)
            with tqdm(total=len(todo), unit="article", file=sys.stderr, disable=not todo) as bar:
                summary = await reanalyze(ctx, todo, args.batch_size, on_article=lambda _id: bar.update())
            return _summary_line(summary, newer)

    print(run_async(run()))
    return 0


def _csv_row(item: SourcedFact) -> dict[str, Any]:
    fact, source = item.fact, item.source
    value: float | int = int(fact.value) if float(fact.value).is_integer() else fact.value
    return {
        "week": fact.week, "week_start": fact.week_start.isoformat() if fact.week_start else None,
        "period": fact.period, "metric": fact.metric, "region": fact.region, "value": value,
        "sources_agreeing": item.agreeing_sources,
        "conflicting_values": ";".join(f"{v:g}" for v in item.other_values),
        "article_id": fact.article_id, "source": source.name, "url": source.url,
        "forwarded_from": source.forwarded_from, "message_link": source.message_link,
        "published": source.published.isoformat(), "quote": fact.quote,
        "extractor_version": fact.extractor_version,
    }


def figures_json(items: list[SourcedFact]) -> list[dict[str, Any]]:
    """One object per figure (same metric, period, week, region and value), with all its sources."""
    figures: dict[tuple, dict[str, Any]] = {}
    for item in items:
        row = _csv_row(item)
        key = (row["metric"], row["period"], row["week"], row["region"], row["value"])
        if row["week"] is None:  # a figure without a week stands alone
            key = (*key, row["article_id"], len(figures))
        figure = figures.setdefault(key, {
            "metric": row["metric"], "period": row["period"], "week": row["week"],
            "week_start": row["week_start"], "region": row["region"], "value": row["value"],
            "conflicting_values": item.other_values, "sources": [],
        })
        figure["sources"].append({name: row[name] for name in (
            "article_id", "source", "url", "forwarded_from", "message_link", "published", "quote")})
    return list(figures.values())


@contextmanager
def _output(path: str | None) -> Iterator[TextIO]:
    if path is None or path == "-":
        yield sys.stdout
        return
    try:
        with Path(path).open("w", encoding="utf-8", newline="") as file:
            yield file
    except OSError as exc:
        raise CommandError(f"{path}: cannot write: {exc.strerror or exc}") from None


@command(
    "export",
    arg("--format", choices=["csv", "json"], default="csv", help="csv (one row per fact) or json (figures)"),
    arg("--since", type=iso_date, help="facts of the weeks from this date on (YYYY-MM-DD)"),
    arg("--region", help="only facts about this region (its English name, any case)"),
    arg("--output", metavar="FILE", help="write here instead of stdout"),
)
def export(args: argparse.Namespace, settings: Settings) -> int:
    """Write the stored facts with their sources (article, URL or forward origin, date, quote)."""

    async def load() -> list[SourcedFact]:
        async with app.open_context(settings) as ctx, ctx.db.session() as session:
            return await sourced_facts(session, args.since, args.region)

    items = run_async(load())
    with _output(args.output) as out:
        if args.format == "json":
            json.dump(figures_json(items), out, ensure_ascii=False, indent=2)
            out.write("\n")
        else:
            writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
            writer.writeheader()
            writer.writerows(_csv_row(item) for item in items)
    if args.output and args.output != "-":
        print(f"{len(items)} facts written to {args.output}", file=sys.stderr)
    return 0


@command("refetch")
def refetch_command(_args: argparse.Namespace, settings: Settings) -> int:
    """Retry every stored link whose page could not be fetched; exit status 1 while some still fail."""

    async def run() -> int:
        failures = 0
        async with app.open_context(settings) as ctx:
            async with ctx.db.session() as session:
                links = await links_to_refetch(session)
            if not links:
                print("no links wait for a retry")
            for article_id, url in links:
                result = await refetch(ctx, article_id, url)
                failures += result.error is not None
                if result.error:
                    print(f"#{article_id} {url}: still failing: {result.error}")
                elif result.merged:
                    print(f"#{article_id} {url}: fetched; the text was already article #{result.article_id}")
                else:
                    print(f"#{article_id} {url}: fetched, {result.facts} figures")
        return failures

    return 1 if run_async(run()) else 0
