"""A platform adapter double for posting tests, and figures stored the way an ingest stores them.

RecordingPlatform stands where Telegram or Slack would be: it keeps every post it was
asked to make (shared by all the "processes" of a test, as a real platform is) and
refuses the chats it is told to, as a platform refuses a chat the bot was removed from.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from aiohttp import web

from claimwatch.bot.transport import DeliveryRefused
from claimwatch.extract.model import Analysis, Span, Statistic
from claimwatch.handlers.types import Reply
from claimwatch.storage.articles import NewArticle, store_article
from claimwatch.storage.db import Database
from claimwatch.storage.facts import replace_analysis

KICKED = "Forbidden: bot was kicked from the channel chat"


class RecordingPlatform:
    """Every post as (chat id, reply), in order; message ids count up like a platform's."""

    def __init__(self, platform: str = "telegram", refuse: frozenset[str] = frozenset()) -> None:
        self.platform = platform
        self.refuse = refuse
        self.posts: list[tuple[str, Reply]] = []

    def routes(self) -> list[web.RouteDef]:
        return []

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def post(self, chat_id: str, reply: Reply) -> str:
        if chat_id in self.refuse:
            raise DeliveryRefused(chat_id, KICKED)
        self.posts.append((chat_id, reply))
        return str(len(self.posts))

    def chats(self) -> list[str]:
        return [chat for chat, _ in self.posts]


def statistic(value: float, week: str, region: str | None) -> Statistic:
    text = f"{value:g} attacks" + (f" in {region}" if region else "")
    return Statistic("attacks", value, "reported_week", region, week, Span(0, len(text), text))


async def store_figures(
    db: Database, name: str, published: date, *figures: Statistic
) -> tuple[int, Analysis]:
    """An article with these attack figures, stored with its facts: its id and analysis, as hooks get them."""
    analysis = Analysis(language="en", published=published, extractor_version="test",
                        statistics=tuple(figures))
    async with db.session() as session:
        stored = await store_article(session, NewArticle(
            text=f"article {name}", text_hash=f"hash-{name}", published=published, published_source="forward",
            received_at=datetime.combine(published, datetime.min.time(), UTC), platform="telegram",
            chat_id="analysts", message_id=name, forwarded_from="al-Naba",
        ))
        await replace_analysis(session, stored.article_id, analysis, datetime(2023, 1, 1, tzinfo=UTC))
    return stored.article_id, analysis
