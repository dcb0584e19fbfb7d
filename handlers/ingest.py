"""Ingest one forwarded article: store the raw text first, then its facts, and say what was found."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from datetime import date

from claimwatch.digest.document import Document, bold, quote
from claimwatch.extract import Analysis, analyze
from claimwatch.handlers.article_text import problem_with, text_hash
from claimwatch.handlers.context import Context
from claimwatch.handlers.labels import format_value, metric_label, period_label
from claimwatch.handlers.types import Incoming, Reply
from claimwatch.storage.articles import NewArticle, Stored, store_article
from claimwatch.storage.facts import record_analysis_error, replace_analysis

log = logging.getLogger(__name__)
REFUSAL = "Sorry, you are not on this bot's list of contributors; nothing was stored. Ask its operator."


def publication_date(ctx: Context, incoming: Incoming) -> tuple[date, str]:
    """The forward's original date, else the date the sender gave, else the day received (in the zone)."""
    if incoming.forwarded_date is not None:
        return incoming.forwarded_date.astimezone(ctx.settings.zone).date(), "forward"
    if incoming.published is not None:
        return incoming.published, "sender"
    return incoming.received_at.astimezone(ctx.settings.zone).date(), "received"


def new_article(ctx: Context, incoming: Incoming, text: str) -> NewArticle:
    published, source = publication_date(ctx, incoming)
    return NewArticle(
        text=text, text_hash=text_hash(text), published=published, published_source=source,
        received_at=incoming.received_at, platform=incoming.platform, chat_id=incoming.chat_id,
        message_id=incoming.message_id, user_id=incoming.user_id, forwarded_from=incoming.forwarded_from,
        forwarded_date=incoming.forwarded_date, message_link=incoming.message_link,
    )


async def analyze_and_store(ctx: Context, article_id: int, text: str, published: date) -> Analysis | None:
    """Run the extractor off the event loop and write its facts in one transaction; None on failure."""
    try:
        analysis = await asyncio.to_thread(analyze, text, published)
    except Exception as exc:  # the article is already safe; reanalyze retries it
        log.exception("extractor failed on article %s", article_id)
        async with ctx.db.session() as session:
            await record_analysis_error(session, article_id, f"{type(exc).__name__}: {exc}")
        return None
    async with ctx.db.session() as session:
        await replace_analysis(session, article_id, analysis, ctx.clock())
    for hook in ctx.after_ingest:
        try:
            await hook(ctx, article_id, analysis)
        except Exception:  # a failing follower (an alert) never fails the ingest
            log.exception("after-ingest hook %s failed on article %s", hook, article_id)
    return analysis


@dataclass(frozen=True)
class Ingested:
    """The outcome of one ingest: where the text went and what was found (None: not analysed now)."""

    stored: Stored
    analysis: Analysis | None


async def ingest(ctx: Context, incoming: Incoming) -> Ingested:
    """Store the raw text in its own transaction, then analyse a new article and store its facts."""
    new = new_article(ctx, incoming, incoming.text)
    async with ctx.db.session() as session:
        stored = await store_article(session, new)
    if stored.status != "new":
        return Ingested(stored, None)
    return Ingested(stored, await analyze_and_store(ctx, stored.article_id, new.text, new.published))


async def handle(ctx: Context, incoming: Incoming) -> Reply:
    """Store a forwarded article and answer with its figures, regions and notable claims."""
    if not ctx.settings.is_allowed(incoming.platform, incoming.user_id):
        return Reply.text(REFUSAL, private=True)
    problem = problem_with(incoming.text)
    if problem:
        return Reply.text(problem)
    result = await ingest(ctx, incoming)
    if result.stored.status != "new":
        return Reply(status_document(result.stored))
    if result.analysis is None:
        return Reply.text(f"Stored as article #{result.stored.article_id}, but the analysis failed; "
                          "it will be retried by `claimwatch reanalyze`.")
    return Reply(found_document(f"Stored as article #{result.stored.article_id}", result.analysis))


def status_document(stored: Stored) -> Document:
    """Answer for a text or message seen before."""
    when = stored.first_seen.date().isoformat()
    if stored.status == "repeat":
        return Document.of(f"This message was already stored as article #{stored.article_id}.")
    source = f" from {stored.first_source}" if stored.first_source else ""
    return Document.of(
        f"Already known: article #{stored.article_id}{source}, first received {when}. "
        "Recorded this chat as another sighting; nothing new to extract."
    )


def found_document(heading: str, analysis: Analysis) -> Document:
    """What the extractor found, each figure with its period, week and quote."""
    doc = Document()
    head = doc.section()
    head.add(bold(heading), f" ({analysis.language}, published "
             f"{analysis.published.isoformat() if analysis.published else 'unknown'})")
    if not (analysis.statistics or analysis.regions or analysis.claims):
        head.add("No statistics, regions or claims found in it.")
        return doc
    if analysis.statistics:
        figures = doc.section("Figures")
        for s in analysis.statistics:
            where = f" in {s.region}" if s.region else ""
            week = f"week {s.week} " if s.week else ""
            figures.add(bold(f"{metric_label(s.metric)} {format_value(s.metric, s.value)}"),
                        f"{where} — {week}({period_label(s.period)}): ", quote(s.evidence.text))
    if analysis.regions:
        doc.section("Regions").add(", ".join(r.name for r in analysis.regions))
    notable = [c for c in analysis.claims if c.notable]
    if notable:
        claims = doc.section("Notable claims")
        for c in notable:
            place = f" ({c.region})" if c.region else ""
            reasons = f" — {', '.join(c.reasons)}" if c.reasons else ""
            claims.add(bold(f"{c.action.replace('_', ' ')}: {c.target or 'unknown target'}{place}"),
                       reasons, ": ", quote(c.evidence.text))
    return doc
