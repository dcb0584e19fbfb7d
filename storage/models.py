"""Tables. Articles are the record and are kept forever; facts are derived and recomputable."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

ID = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    """Declarative base shared by the models and Alembic's autogenerate."""


class Article(Base):
    """One article's raw text, stored once however many chats forward it."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    text: Mapped[str] = mapped_column(Text)
    text_hash: Mapped[str] = mapped_column(String(64), unique=True)
    language: Mapped[str | None] = mapped_column(String(8))
    published: Mapped[date] = mapped_column(Date, index=True)
    published_source: Mapped[str] = mapped_column(String(16))  # forward, sender, received
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))
    forwarded_from: Mapped[str | None] = mapped_column(String(256))
    message_link: Mapped[str | None] = mapped_column(String(512))
    url: Mapped[str | None] = mapped_column(String(2048), index=True)  # a link-only message's link
    fetch_error: Mapped[str | None] = mapped_column(Text)
    source_publication: Mapped[str | None] = mapped_column(String(64))
    source_number: Mapped[int | None] = mapped_column(Integer)
    extractor_version: Mapped[str | None] = mapped_column(String(32), index=True)
    analysis_error: Mapped[str | None] = mapped_column(Text)
    analyzed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class Sighting(Base):
    """A message that carried an article: the same text forwarded in two chats is two sightings."""

    __tablename__ = "sightings"
    __table_args__ = (UniqueConstraint("platform", "chat_id", "message_id", name="uq_sighting_message"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    message_id: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[str | None] = mapped_column(String(64))
    forwarded_from: Mapped[str | None] = mapped_column(String(256))
    forwarded_date: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    received_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Fact(Base):
    """One statistic of one article, resolved to its ISO week."""

    __tablename__ = "facts"
    __table_args__ = (
        Index("ix_facts_week_metric", "week_start", "metric", "period"),
        Index("ix_facts_region_week", "region", "metric", "week_start"),
        Index("ix_facts_week_figure", "week_start", "metric", "region", "value", "article_id", "period",
              "id"),  # covers the digest's grouping (storage/reports.py)
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    metric: Mapped[str] = mapped_column(String(24))
    value: Mapped[float] = mapped_column(Float)
    period: Mapped[str] = mapped_column(String(16))
    week: Mapped[str | None] = mapped_column(String(8))  # "2023-W01"
    week_start: Mapped[date | None] = mapped_column(Date)
    region: Mapped[str | None] = mapped_column(String(128))
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(32))


class RegionMention(Base):
    """Where an article names a gazetteer region."""

    __tablename__ = "region_mentions"
    __table_args__ = (Index("ix_region_mentions_region", "region", "article_id"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    region: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str | None] = mapped_column(String(32))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(256))
    extractor_version: Mapped[str] = mapped_column(String(32))


class ClaimRow(Base):
    """An attack an article reports, flagged notable or not."""

    __tablename__ = "claims"
    __table_args__ = (Index("ix_claims_week", "week_start", "notable"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"), index=True)
    actor: Mapped[str | None] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(32))
    target: Mapped[str | None] = mapped_column(Text)
    region: Mapped[str | None] = mapped_column(String(128))
    notable: Mapped[bool] = mapped_column(Boolean)
    reasons: Mapped[list[str]] = mapped_column(JSON)
    week_start: Mapped[date | None] = mapped_column(Date)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    quote: Mapped[str] = mapped_column(Text)
    extractor_version: Mapped[str] = mapped_column(String(32))


class ChatSetting(Base):
    """Per-chat preferences (the digest's label language)."""

    __tablename__ = "chat_settings"

    platform: Mapped[str] = mapped_column(String(16), primary_key=True)
    chat_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), default="en")


class Subscription(Base):
    """A chat that receives the weekly digest (kind "digest") or whose posts are ingested (kind "source")."""

    __tablename__ = "subscriptions"
    __table_args__ = (UniqueConstraint("platform", "chat_id", "kind", name="uq_subscription_chat_kind"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    platform: Mapped[str] = mapped_column(String(16))
    chat_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16), default="digest")
    regions: Mapped[list[str]] = mapped_column(JSON, default=list)
    weekday: Mapped[int | None] = mapped_column(Integer)  # 0 = Monday; None = CLAIMWATCH_DIGEST_CRON
    time_of_day: Mapped[str | None] = mapped_column(String(5))  # "08:00" in the chat's zone
    timezone: Mapped[str | None] = mapped_column(String(64))
    created_by: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    paused_reason: Mapped[str | None] = mapped_column(Text)
    paused_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))


class DigestPost(Base):
    """The claim on one weekly post: a unique row per subscription and week, so it goes out once."""

    __tablename__ = "digest_posts"
    __table_args__ = (UniqueConstraint("subscription_id", "week", name="uq_digest_post_week"),)

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscriptions.id", ondelete="CASCADE"))
    week: Mapped[str] = mapped_column(String(8))
    claimed_by: Mapped[str] = mapped_column(String(128))
    claimed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    platform_message_id: Mapped[str | None] = mapped_column(String(64))
    error: Mapped[str | None] = mapped_column(Text)


class SpikeAlert(Base):
    """One alert per chat, region and week, however many articles push the count up."""

    __tablename__ = "spike_alerts"
    __table_args__ = (
        UniqueConstraint("subscription_id", "region", "week", name="uq_spike_alert_region_week"),
    )

    id: Mapped[int] = mapped_column(ID, primary_key=True, autoincrement=True)
    subscription_id: Mapped[int] = mapped_column(ForeignKey("subscriptions.id", ondelete="CASCADE"))
    region: Mapped[str] = mapped_column(String(128))
    week: Mapped[str] = mapped_column(String(8))
    value: Mapped[float] = mapped_column(Float)
    sent_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
