"""/sources: the last articles stored, with their dates and where they came from."""

from __future__ import annotations

from claimwatch.digest.document import Document, Span, bold, link, quote
from claimwatch.handlers.context import Context
from claimwatch.handlers.types import Incoming, Reply
from claimwatch.storage.articles import ArticleSummary, recent_summaries
from claimwatch.storage.corroboration import source_name

DEFAULT_COUNT = 10
MAX_COUNT = 50
HEADLINE_CHARS = 90
USAGE = f"Usage: /sources [COUNT], COUNT from 1 to {MAX_COUNT} (default {DEFAULT_COUNT})."


def requested_count(text: str) -> int | None:
    """How many articles "/sources 20" asks for; None when the argument is not a count in range."""
    words = text.split()[1:]
    if not words:
        return DEFAULT_COUNT
    if len(words) == 1 and words[0].isdigit() and 1 <= int(words[0]) <= MAX_COUNT:
        return int(words[0])
    return None


def headline(text: str) -> str:
    """The first non-empty line, shortened: enough to recognise an article."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    return first if len(first) <= HEADLINE_CHARS else first[: HEADLINE_CHARS - 1].rstrip() + "…"


def summary_line(article: ArticleSummary) -> tuple[Span | str, ...]:
    """ "#12 2023-01-14 — Naba Watch — 5 figures, forwarded 2 times: “headline”"."""
    name = source_name(article.source_publication, article.source_number, article.forwarded_from, article.url)
    source: Span | str = link(name or article.url, article.url) if article.url else (name or "sent directly")
    figures = f"{article.facts} figure{'s' if article.facts != 1 else ''}"
    seen = f", forwarded {article.sightings} times" if article.sightings > 1 else ""
    problem = f" ({article.problem.splitlines()[0][:80]})" if article.problem else ""
    return (bold(f"#{article.article_id}"), f" {article.published.isoformat()} — ", source,
            f" — {figures}{seen}{problem}: ", quote(headline(article.headline)))


async def handle(ctx: Context, incoming: Incoming) -> Reply:
    """List the last articles stored (all chats), newest first."""
    count = requested_count(incoming.text)
    if count is None:
        return Reply.text(USAGE)
    async with ctx.db.session() as session:
        articles = await recent_summaries(session, count)
    if not articles:
        return Reply.text("No articles are stored yet. Forward one to me, or paste its text or link.")
    doc = Document()
    section = doc.section(f"Last {len(articles)} article{'s' if len(articles) != 1 else ''} stored")
    for article in articles:
        section.add(*summary_line(article))
    return Reply(doc)
