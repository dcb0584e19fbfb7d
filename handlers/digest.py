"""/digest [2023-W01|last|this]: a week's attacks against the week before, notable claims, conflicts.

Without a week it shows the latest week that has figures, and says so first when that
is not the last complete week (articles about a week arrive during the next one).
`weekly_digest` is also what the scheduler posts.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import Row

from claimwatch.digest.document import Document, Section
from claimwatch.digest.labels import phrase, span_of_week
from claimwatch.digest.model import ClaimRecord, FactRecord, Source
from claimwatch.digest.weekly import WeeklyDigest, build_digest
from claimwatch.digest.weekly_document import digest_document
from claimwatch.digest.weeks import ONE_WEEK, WeekError, iso_week, last_complete_week, monday, parse_week
from claimwatch.handlers.arguments import arguments_of
from claimwatch.handlers.context import Context
from claimwatch.handlers.lang import language_for
from claimwatch.handlers.region_names import names_for
from claimwatch.handlers.types import Incoming, Reply
from claimwatch.storage.reports import facts_of_weeks, latest_week, nearest_weeks, notable_claims_of_week

USAGE = "Usage: /digest, /digest last, /digest this, /digest 2023-W01 or /digest 2023-01-04 (its week)."


def source_of(row: Row) -> Source:
    return Source(row.article_id, row.published, row.publication, row.number, row.channel, row.link, row.url)


def fact_of(row: Row) -> FactRecord:
    return FactRecord(row.metric, row.value, row.period, row.week_start, row.region, row.quote,
                      source_of(row), row.reports)


def claim_of(row: Row) -> ClaimRecord:
    return ClaimRecord(row.action, row.target, row.region, tuple(row.reasons or ()), row.quote,
                       row.week_start, source_of(row), row.actor)


def today(ctx: Context) -> date:
    """The date now in the bot's time zone: weeks start on Monday there."""
    return ctx.clock().astimezone(ctx.settings.zone).date()


async def load_digest(ctx: Context, week: date, regions: Collection[str] | None = None) -> WeeklyDigest:
    """The digest of the week starting `week` (a Monday), from the facts of it and of the week before."""
    async with ctx.db.session() as session:
        facts = await facts_of_weeks(session, [week - ONE_WEEK, week])
        claims = await notable_claims_of_week(session, week)
    return build_digest(week, map(fact_of, facts), map(claim_of, claims), regions)


async def no_figures(ctx: Context, week: date, language: str) -> Document:
    """ "No figures stored for 2023-W05 …; nearest weeks with figures: 2023-W03 (before), …"."""
    async with ctx.db.session() as session:
        before, after = await nearest_weeks(session, week)
    if before is None and after is None:
        return Document.of(phrase(language, "nothing_stored"), language=language)
    nearest = [f"{iso_week(w)} ({phrase(language, side)})"
               for w, side in ((before, "before"), (after, "after")) if w is not None]
    return Document.of(phrase(language, "no_figures", week=iso_week(week), span=span_of_week(week, language)),
                       phrase(language, "nearest", weeks=", ".join(nearest)), language=language)


async def weekly_digest(
    ctx: Context, week: date, language: str = "en", regions: Collection[str] | None = None
) -> Reply:
    """The digest of one week as a reply, for /digest and for the weekly post.

    `regions` narrows the per-region lines, claims and conflicts (a subscription's regions).
    `extras["has_data"]` is False when the week has no figures: the reply then says so and
    names the nearest weeks that have some."""
    digest = await load_digest(ctx, week, regions)
    extras: dict[str, object] = {"week": iso_week(week), "has_data": digest.has_data}
    if not digest.has_data:
        return Reply(await no_figures(ctx, week, language), extras=extras)
    document = digest_document(digest, language, names_for(digest.regions_named, language))
    return Reply(document, extras=extras)


def _with_notice(reply: Reply, notice: str) -> Reply:
    """The reply with a first line saying which week it shows and why."""
    reply.document.sections.insert(0, Section().add(notice))
    return reply


async def latest_data_week(ctx: Context) -> date | None:
    """The latest week, up to the current one, that has a figure or a claim."""
    async with ctx.db.session() as session:
        return await latest_week(session, not_after=monday(today(ctx)))


async def latest_digest(ctx: Context, language: str = "en") -> Reply:
    """The digest of the latest week with figures, introduced when it is not the last complete week."""
    now = today(ctx)
    latest = await latest_data_week(ctx)
    if latest is None:
        return Reply(Document.of(phrase(language, "nothing_stored"), language=language))
    reply = await weekly_digest(ctx, latest, language)
    expected = last_complete_week(now)
    if latest > expected:
        return _with_notice(reply, phrase(language, "in_progress", week=iso_week(latest)))
    if latest < expected:
        return _with_notice(reply, phrase(language, "not_last_complete", expected=iso_week(expected),
                                          week=iso_week(latest)))
    return reply


async def handle(ctx: Context, incoming: Incoming) -> Reply:
    """Answer /digest with the week asked for, or the latest week with figures."""
    language = await language_for(ctx, incoming.platform, incoming.chat_id)
    argument = arguments_of(incoming.text)
    if not argument:
        return await latest_digest(ctx, language)
    try:
        week = parse_week(argument, today(ctx))
    except WeekError as exc:
        return Reply.text(f"{exc}.", USAGE)
    return await weekly_digest(ctx, week, language)
