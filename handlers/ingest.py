"""Ingest one forwarded article: store the raw text first, then its facts, and say what was found.

Nothing is lost on the way: a link that cannot be fetched is stored as a link, an
extractor that fails leaves the article stored with the error, and a database that is
down or locked sends the message to the spool, replayed when the database is back.
"""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from sqlalchemy.engine import Connection

from claimwatch.digest.document import Document
from claimwatch.extract import Analysis, analyze
from claimwatch.handlers.article_text import problem_with, text_hash
from claimwatch.handlers.context import Context
from claimwatch.handlers.ingest_reply import (
    analysis_failed_document,
    found_document,
    known_document,
    link_failed_document,
)
from claimwatch.handlers.links import LinkError, fetch_page, only_link
from claimwatch.handlers.spooled import from_record, to_record
from claimwatch.handlers.types import Incoming, Reply
from claimwatch.storage.articles import (
    NewArticle,
    Stored,
    article_by_url,
    attach_fetched_text,
    record_fetch_error,
    store,
    texts_of,
)
from claimwatch.storage.corroboration import Corroboration, StoredFigure, compare, figures_of
from claimwatch.storage.db import DatabaseUnavailable
from claimwatch.storage.facts import record_analysis_error, write_first_analysis
from claimwatch.storage.spool import ReplayResult, Spool

log = logging.getLogger(__name__)
EXTRACTION_THREAD = ThreadPoolExecutor(max_workers=1, thread_name_prefix="extract")
"""One thread: the extractor is pure Python, so more threads only fight over the GIL and starve the loop."""
REFUSAL = "Sorry, you are not on this bot's list of contributors; nothing was stored. Ask its operator."
SPOOLED = ("The database is unavailable right now, so your message is saved in the spool and will be "
           "processed automatically as soon as the database is back. No need to send it again.")


def publication_date(ctx: Context, incoming: Incoming, page_date: date | None = None) -> tuple[date, str]:
    """The forward's original date, else the date the sender gave, else the page's, else the day received."""
    if incoming.forwarded_date is not None:
        return incoming.forwarded_date.astimezone(ctx.settings.zone).date(), "forward"
    if incoming.published is not None:
        return incoming.published, "sender"
    if page_date is not None:
        return page_date, "page"
    return incoming.received_at.astimezone(ctx.settings.zone).date(), "received"


def new_article(ctx: Context, incoming: Incoming, text: str, url: str | None = None,
                fetch_error: str | None = None, page_date: date | None = None) -> NewArticle:
    published, source = publication_date(ctx, incoming, page_date)
    return NewArticle(
        text=text, text_hash=text_hash(text), published=published, published_source=source,
        received_at=incoming.received_at, platform=incoming.platform, chat_id=incoming.chat_id,
        message_id=incoming.message_id, user_id=incoming.user_id, forwarded_from=incoming.forwarded_from,
        forwarded_date=incoming.forwarded_date, message_link=incoming.message_link, url=url,
        fetch_error=fetch_error,
    )


async def article_of(ctx: Context, incoming: Incoming) -> NewArticle:
    """The article a message carries: its text, or for a bare link the page's (fetched once per link)."""
    link = only_link(incoming.text)
    if link is None:
        return new_article(ctx, incoming, incoming.text)
    async with ctx.db.session() as session:
        known = await article_by_url(session, link)
    if known is not None and known.fetch_error is None:
        return new_article(ctx, incoming, known.text, url=link)
    try:
        page = await fetch_page(link, allow_private=ctx.settings.allow_private_links)
    except LinkError as exc:
        log.info("link not fetched: %s", exc)
        return new_article(ctx, incoming, link, url=link, fetch_error=str(exc))
    return new_article(ctx, incoming, page.text, url=link, page_date=page.published)


Known = tuple[StoredFigure, Corroboration]
Found = tuple[Analysis | None, list[Corroboration]]


@dataclass(frozen=True)
class Ingested:
    """The outcome of one ingest: where the text went, what was found, what other articles say."""

    stored: Stored
    analysis: Analysis | None
    corroboration: list[Corroboration] = field(default_factory=list)  # one per statistic of `analysis`
    known: list[Known] = field(default_factory=list)  # a text stored before
    analysis_failed: bool = False
    fetch_error: str | None = None
    url: str | None = None
    date_basis: str | None = None


async def ingest(ctx: Context, incoming: Incoming) -> Ingested:
    """Store the raw text in its own transaction, then analyse it unless that was done before."""
    new = await article_of(ctx, incoming)
    stored, known = await ctx.db.unit(_store_raw, new)
    running = _ANALYSING.get((id(ctx.db), stored.article_id)) if stored.needs_analysis else None
    if running is not None and await asyncio.shield(running):  # the same text, sent while we analysed it
        stored = replace(stored, needs_analysis=False)
        known = await ctx.db.unit(figures_of, stored.article_id)
    if not stored.needs_analysis:
        return Ingested(stored, None, known=known, fetch_error=new.fetch_error, url=new.url)
    analysis, seen = await _analyze_once(ctx, stored.article_id, new)
    return Ingested(stored, analysis, seen, analysis_failed=analysis is None, url=new.url,
                    date_basis=new.published_source)


_ANALYSING: dict[tuple[int, int], asyncio.Future[bool]] = {}
"""(database, article id) → whether the analysis succeeded, for the analyses this process is running."""


async def _analyze_once(ctx: Context, article_id: int, new: NewArticle) -> Found:
    """`analyze_and_store`, announced so that a copy of the text arriving meanwhile waits for it
    instead of running the extractor a second time (its claim on the article would fail anyway)."""
    key = (id(ctx.db), article_id)
    finished = _ANALYSING[key] = asyncio.get_running_loop().create_future()
    succeeded = False
    try:
        analysis, seen = await analyze_and_store(ctx, article_id, new.text, new.published)
        succeeded = analysis is not None
        return analysis, seen
    finally:
        if _ANALYSING.get(key) is finished:
            del _ANALYSING[key]
        finished.set_result(succeeded)


async def analyze_and_store(ctx: Context, article_id: int, text: str, published: date) -> Found:
    """Run the extractor off the event loop and write its facts in one transaction; None on failure."""
    try:
        loop = asyncio.get_running_loop()
        analysis = await loop.run_in_executor(EXTRACTION_THREAD, analyze, text, published)
    except Exception as exc:  # the article is already safe; reanalyze retries it
        log.exception("extractor failed on article %s", article_id)
        async with ctx.db.session() as session:
            await record_analysis_error(session, article_id, f"{type(exc).__name__}: {exc}")
        return None, []
    written, seen = await ctx.db.unit(_store_facts, article_id, analysis, ctx.clock())
    if written:
        await _run_hooks(ctx, article_id, analysis)
    return analysis, seen


def _store_raw(connection: Connection, new: NewArticle) -> tuple[Stored, list[Known]]:
    """The raw text's transaction; for a text stored before, also its figures and their other sources."""
    stored = store(connection, new)
    return stored, [] if stored.needs_analysis else figures_of(connection, stored.article_id)


def _store_facts(connection: Connection, article_id: int, analysis: Analysis,
                 analyzed_at: datetime) -> tuple[bool, list[Corroboration]]:
    """The facts' transaction: write them unless another writer did, and compare them with other articles."""
    written = write_first_analysis(connection, article_id, analysis, analyzed_at)
    return written, compare(connection, article_id, analysis.statistics)


async def _run_hooks(ctx: Context, article_id: int, analysis: Analysis) -> None:
    for hook in ctx.after_ingest:
        try:
            await hook(ctx, article_id, analysis)
        except Exception:  # a failing follower (an alert) never fails the ingest
            log.exception("after-ingest hook %s failed on article %s", hook, article_id)


async def handle(ctx: Context, incoming: Incoming) -> Reply:
    """Store a forwarded article and answer with its figures, regions and notable claims."""
    if not ctx.settings.is_allowed(incoming.platform, incoming.user_id):
        return Reply.text(REFUSAL, private=True)
    problem = problem_with(incoming.text)
    if problem:
        return Reply.text(problem)
    try:
        result = await ingest(ctx, incoming)
    except DatabaseUnavailable as exc:
        log.warning("database unavailable, message %s spooled: %s", incoming.message_id, exc)
        await Spool(ctx.settings.spool_dir).append(to_record(incoming))
        return Reply.text(SPOOLED)
    return Reply(reply_document(result))


def reply_document(result: Ingested) -> Document:
    """The answer for one ingest outcome."""
    stored = result.stored
    if result.fetch_error is not None:
        return link_failed_document(stored.article_id, result.url or "the link", result.fetch_error)
    if result.analysis_failed:
        return analysis_failed_document(stored.article_id)
    if result.analysis is None:
        return known_document(stored, result.known)
    heading = f"{'New article' if stored.status == 'new' else 'Article'} #{stored.article_id}"
    fetched = f"Text fetched from {result.url}." if result.url else None
    return found_document(heading, result.analysis, result.corroboration, status=fetched,
                          date_basis=result.date_basis)


async def replay_spool(ctx: Context) -> ReplayResult:
    """Ingest the messages spooled while the database was down, oldest first; safe to call any time."""
    async def consume(record: dict) -> None:
        await ingest(ctx, from_record(record))

    result = await Spool(ctx.settings.spool_dir).replay(consume)
    if result.replayed or result.rejected:
        log.info("spool replayed: %d ingested, %d rejected, %d waiting",
                 result.replayed, result.rejected, result.waiting)
    return result


@dataclass(frozen=True)
class Refetched:
    """One retried link: the article it ended in, or why it failed again."""

    article_id: int
    url: str
    error: str | None = None
    facts: int = 0
    merged: bool = False  # the page's text was already stored under another article


async def refetch(ctx: Context, article_id: int, url: str) -> Refetched:
    """Retry a link stored without its page; on success analyse the text like a new forward."""
    try:
        page = await fetch_page(url, allow_private=ctx.settings.allow_private_links)
    except LinkError as exc:
        async with ctx.db.session() as session:
            await record_fetch_error(session, article_id, str(exc))
        return Refetched(article_id, url, str(exc))
    async with ctx.db.session() as session:
        target = await attach_fetched_text(
            session, article_id, page.text, text_hash(page.text), page.published
        )
        [(_, text, published)] = await texts_of(session, [target])
    if target != article_id:
        return Refetched(target, url, merged=True)
    analysis, _seen = await analyze_and_store(ctx, target, text, published)
    if analysis is None:
        return Refetched(target, url, "fetched, but the analysis failed (see the log)")
    return Refetched(target, url, facts=len(analysis.statistics))
