"""What a transport hands to a handler and what it gets back; no platform types here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from claimwatch.digest.document import Document


@dataclass(frozen=True)
class Incoming:
    """One message from any platform, already translated by its transport."""

    platform: str
    chat_id: str
    user_id: str
    message_id: str
    text: str
    received_at: datetime
    forwarded_from: str | None = None
    forwarded_date: datetime | None = None
    urls: tuple[str, ...] = ()
    published: date | None = None  # a date the sender gave explicitly (CLI --published)
    chat_kind: str = "private"  # private, group, channel
    is_admin: bool = False  # the sender administers this chat (for /subscribe, /watch)
    message_link: str | None = None  # a link back to the original message, where the platform has one


@dataclass
class Reply:
    """What to answer: a document, maybe a chart image, and whether only the sender should see it."""

    document: Document
    chart_png: bytes | None = None
    chart_name: str = "chart.png"
    private: bool = False
    extras: dict[str, object] = field(default_factory=dict)

    @classmethod
    def text(cls, *lines: str, title: str | None = None, private: bool = False) -> Reply:
        """A reply of plain lines."""
        return cls(Document.of(*lines, title=title), private=private)
