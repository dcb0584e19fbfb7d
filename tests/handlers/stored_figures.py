"""Articles with facts and claims written straight into the database, for the digest and trend tests."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from claimwatch.digest.weeks import from_iso_week
from claimwatch.storage.db import Database
from claimwatch.storage.models import Article, ClaimRow, Fact

_ids = itertools.count(1)


@dataclass
class Figure:
    metric: str
    value: float
    week: str
    region: str | None = None
    period: str = "reported_week"
    quote: str = "16 هجومًا في 6 مناطق"


@dataclass
class Claim:
    target: str
    region: str | None
    week: str
    reasons: list[str] = field(default_factory=lambda: ["capital"])
    quote: str = "the attack on the ministry"
    notable: bool = True


def _fact(article_id: int, figure: Figure) -> Fact:
    return Fact(article_id=article_id, metric=figure.metric, value=figure.value, period=figure.period,
                week=figure.week, week_start=from_iso_week(figure.week), region=figure.region,
                evidence_start=0, evidence_end=1, quote=figure.quote, extractor_version="test")


def _claim(article_id: int, claim: Claim) -> ClaimRow:
    return ClaimRow(article_id=article_id, actor="Islamic State", action="attack", target=claim.target,
                    region=claim.region, notable=claim.notable, reasons=claim.reasons,
                    week_start=from_iso_week(claim.week), evidence_start=0, evidence_end=1, quote=claim.quote,
                    extractor_version="test")


async def store(db: Database, published: date, figures: list[Figure], claims: list[Claim] = (), *,
                publication: str | None = None, number: int | None = None, channel: str | None = None,
                link: str | None = None) -> int:
    """One article with its figures and claims; returns its id."""
    serial = next(_ids)
    async with db.session() as session:
        article = Article(
            text=f"article {serial}", text_hash=f"{serial:064d}", published=published,
            published_source="forward", received_at=datetime(2023, 1, 20, tzinfo=UTC), platform="telegram",
            chat_id="-100", message_id=str(serial), forwarded_from=channel, message_link=link,
            source_publication=publication, source_number=number,
        )
        session.add(article)
        await session.flush()
        session.add_all([_fact(article.id, f) for f in figures] + [_claim(article.id, c) for c in claims])
        return article.id
