"""Posts a channel makes itself: articles only when an admin asked the bot to /watch the channel."""

from __future__ import annotations

from claimwatch.handlers.context import Context
from claimwatch.storage.subscriptions import is_watched_source


async def is_watched(ctx: Context, platform: str, chat_id: str) -> bool:
    """Whether this channel's own posts are to be ingested (set by /watch, cleared by /watch off)."""
    async with ctx.db.session() as session:
        return await is_watched_source(session, platform, chat_id)
