"""What the digest reads: stored figures and claims with where they came from, as plain values.

Storage loads these; the digest never touches the database, so it can be tested and
benchmarked on lists built by hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Source:
    """The article a figure came from, named the way an analyst cites it."""

    article_id: int
    published: date
    publication: str | None = None  # "al-Naba"
    number: int | None = None  # issue 373
    channel: str | None = None  # the channel a forward came from
    link: str | None = None  # the original message, where the platform gives one
    url: str | None = None  # the web page a link-only message pointed to

    @property
    def label(self) -> str:
        """ "al-Naba 373", else the forwarding channel, else the site of its link, else "article #12"."""
        if self.publication:
            return f"{self.publication} {self.number}" if self.number is not None else self.publication
        if self.channel:
            return self.channel
        site = urlsplit(self.url).hostname if self.url else None
        return site or f"article #{self.article_id}"

    @property
    def target(self) -> str | None:
        """Where a reference to this source leads: the original message, else the article's page."""
        return self.link or self.url


@dataclass(frozen=True)
class FactRecord:
    """One stored statistic: `week` is the Monday of the week it describes."""

    metric: str
    value: float
    period: str  # reported_week, previous_week, other
    week: date
    region: str | None
    quote: str
    source: Source
    reports: int = 1  # articles giving this value, when the loader sends only the newest few of them


@dataclass(frozen=True)
class ClaimRecord:
    """One stored claim of a specific attack in the week starting `week`."""

    action: str
    target: str | None
    region: str | None
    reasons: tuple[str, ...]
    quote: str
    week: date
    source: Source
    actor: str | None = None
