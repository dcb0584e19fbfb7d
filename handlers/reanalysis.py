"""Recompute facts when the extractor improves: articles are the record, facts are derived.

Work goes in batches, each committed on its own, and an article leaves the to-do list
the moment its new facts are committed (its extractor version is the current one).
So an interrupted run loses at most one batch of work, a rerun resumes where it
stopped, and no fact is ever written twice: each batch replaces its articles' rows.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from claimwatch.extract import EXTRACTOR_VERSION, Analysis, analyze
from claimwatch.handlers.context import Context
from claimwatch.storage.articles import analysis_candidates, texts_of
from claimwatch.storage.facts import Replaced, record_analysis_error, replace_analyses

log = logging.getLogger(__name__)
BATCH_SIZE = 100


@dataclass(frozen=True)
class ReanalysisSummary:
    """What a run did; `facts` counts added, removed, changed and unchanged facts."""

    articles: int = 0
    failed: int = 0
    facts: Replaced = field(default_factory=Replaced)


def is_older(found: str | None, current: str = EXTRACTOR_VERSION) -> bool:
    """Whether facts made by extractor `found` should be remade by `current` (None: never analysed)."""
    if found is None:
        return True
    try:
        return _numbers(found) < _numbers(current)
    except ValueError:  # not dotted numbers: any other version is worth redoing
        return found != current


def _numbers(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


async def articles_to_reanalyze(ctx: Context, since: date | None = None) -> tuple[list[int], int]:
    """Ids of articles whose facts are missing, failed or older, and how many a newer extractor made."""
    async with ctx.db.session() as session:
        candidates = await analysis_candidates(session, EXTRACTOR_VERSION, since)
    todo = [article_id for article_id, found, failed in candidates if failed or is_older(found)]
    return todo, len(candidates) - len(todo)


async def reanalyze(ctx: Context, ids: list[int], batch_size: int = BATCH_SIZE,
                    on_article: Callable[[int], None] = lambda _id: None) -> ReanalysisSummary:
    """Recompute the facts of these articles, one committed batch at a time."""
    summary = ReanalysisSummary()
    for start in range(0, len(ids), batch_size):
        batch = ids[start:start + batch_size]
        async with ctx.db.session() as session:
            texts = await texts_of(session, batch)
        analyses, errors = await _analyse(texts, on_article)
        async with ctx.db.session() as session:
            facts = await replace_analyses(session, analyses, ctx.clock())
            for article_id, error in errors.items():
                await record_analysis_error(session, article_id, error)
        summary = ReanalysisSummary(summary.articles + len(analyses), summary.failed + len(errors),
                                    summary.facts + facts)
    return summary


async def _analyse(
    texts: list[tuple[int, str, date]], on_article: Callable[[int], None]
) -> tuple[dict[int, Analysis], dict[int, str]]:
    """The analyses of a batch, and the error of each article the extractor failed on."""
    analyses: dict[int, Analysis] = {}
    errors: dict[int, str] = {}
    for article_id, text, published in texts:
        try:
            analyses[article_id] = await asyncio.to_thread(analyze, text, published)
        except Exception as exc:  # one bad article never stops the run; it keeps its error
            log.exception("extractor failed on article %s", article_id)
            errors[article_id] = f"{type(exc).__name__}: {exc}"
        on_article(article_id)
    return analyses, errors
