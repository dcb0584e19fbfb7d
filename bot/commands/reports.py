"""Reports from the command line: digest and trend, as the chats see them or as JSON for scripts."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from claimwatch.bot import app
from claimwatch.bot.cli import CommandError, arg, command, run_async
from claimwatch.config.settings import Settings
from claimwatch.digest.chart import trend_chart
from claimwatch.digest.document import Document
from claimwatch.digest.export import digest_json, trend_json
from claimwatch.digest.render_slack import fallback_text, render_slack
from claimwatch.digest.render_telegram import render_telegram
from claimwatch.digest.render_text import render_text
from claimwatch.digest.trend import Trend
from claimwatch.digest.trend_document import trend_document
from claimwatch.digest.weeks import WeekError, parse_week
from claimwatch.extract.regions import closest_regions, resolve_region
from claimwatch.handlers.context import Context
from claimwatch.handlers.digest import latest_data_week, latest_digest, load_digest, today, weekly_digest
from claimwatch.handlers.region_names import arabic_names
from claimwatch.handlers.trend import DEFAULT_WEEKS, LEAST_WEEKS, MOST_WEEKS, load_trend

MESSAGE_SEPARATOR = "<!-- next message -->"


def rendered(document: Document, output: str) -> str:
    """The document as text, Telegram HTML (messages separated by a comment line) or a Slack payload."""
    if output == "html":
        return f"\n{MESSAGE_SEPARATOR}\n".join(render_telegram(document))
    if output == "slack":
        payload = {"blocks": render_slack(document), "text": fallback_text(document)}
        return json.dumps(payload, ensure_ascii=False, indent=2)
    return render_text(document)


async def _digest_output(ctx: Context, args: argparse.Namespace) -> str:
    try:
        week = parse_week(args.week, today(ctx)) if args.week else None
    except WeekError as exc:
        raise CommandError(str(exc)) from None
    if args.format == "json":
        week = week or await latest_data_week(ctx)
        if week is None:
            raise CommandError("no figures are stored yet")
        return json.dumps(digest_json(await load_digest(ctx, week)), ensure_ascii=False, indent=2)
    reply = await (weekly_digest(ctx, week, args.lang) if week else latest_digest(ctx, args.lang))
    return rendered(reply.document, args.format)


@command(
    "digest",
    arg("--week", help="2023-W01, last, this, or a date in the week (default: the latest week with figures)"),
    arg("--format", choices=["text", "json", "html", "slack"], default="text",
        help="text; json (stable, see README); html (Telegram messages); slack (a chat.postMessage payload)"),
    arg("--lang", choices=["en", "ar"], default="en", help="language of the labels (default en)"),
)
def digest(args: argparse.Namespace, settings: Settings) -> int:
    """Print the weekly digest: attacks against the week before, regions, casualties, claims, conflicts."""
    async def produce() -> str:
        async with app.open_context(settings) as ctx:
            return await _digest_output(ctx, args)

    print(run_async(produce()))
    return 0


def _region(query: str | None) -> str | None:
    """The canonical region for what was typed; CommandError naming the closest ones when unknown."""
    if not query:
        return None
    region = resolve_region(query)
    if region is None:
        closest = closest_regions(query)
        hint = f"; closest names: {', '.join(closest)}" if closest else ""
        raise CommandError(f"unknown region {query!r}{hint}")
    return region


@command(
    "trend",
    arg("region", nargs="?", metavar="REGION", help="a region as articles name it (sinai, سيناء, ISWAP); "
        "none: all regions together"),
    arg("--weeks", type=int, default=DEFAULT_WEEKS, help=f"weeks to show, {LEAST_WEEKS}–{MOST_WEEKS} "
        f"(default {DEFAULT_WEEKS}), ending at the latest week with a figure"),
    arg("--format", choices=["text", "json"], default="text", help="text, or json (stable, see README)"),
    arg("--chart", metavar="FILE.png", type=Path, help="also write the chart as a PNG"),
    arg("--lang", choices=["en", "ar"], default="en", help="language of the labels (default en)"),
)
def trend(args: argparse.Namespace, settings: Settings) -> int:
    """Print a region's weekly attacks with the extremes and the direction; optionally write the chart."""
    if not LEAST_WEEKS <= args.weeks <= MOST_WEEKS:
        raise CommandError(f"--weeks must be from {LEAST_WEEKS} to {MOST_WEEKS}, not {args.weeks}")
    region = _region(args.region)

    async def produce() -> Trend | None:
        async with app.open_context(settings) as ctx:
            return await load_trend(ctx, region, args.weeks)

    series = run_async(produce())
    if series is None:
        raise CommandError(f"no attack figures are stored for {region or 'any region'}")
    arabic = arabic_names([region]).get(region, region) if region else None
    if args.chart:
        args.chart.write_bytes(trend_chart(series, (region, arabic) if region else None))
    if args.format == "json":
        print(json.dumps(trend_json(series), ensure_ascii=False, indent=2))
    else:
        print(render_text(trend_document(series, args.lang, arabic if args.lang == "ar" else None)))
    return 0
