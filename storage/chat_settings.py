"""Per-chat preferences: the language of the digest's labels (/lang)."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from claimwatch.storage.models import ChatSetting


async def chat_language(session: AsyncSession, platform: str, chat_id: str) -> str | None:
    """The language the chat chose, None when it never chose one."""
    setting = await session.get(ChatSetting, (platform, chat_id))
    return setting.language if setting else None


async def set_chat_language(session: AsyncSession, platform: str, chat_id: str, language: str) -> None:
    """Store the chat's language; a concurrent first choice by another process is simply overwritten."""
    for _attempt in range(2):
        try:
            async with session.begin_nested():
                setting = await session.get(ChatSetting, (platform, chat_id))
                if setting is None:
                    session.add(ChatSetting(platform=platform, chat_id=chat_id, language=language))
                else:
                    setting.language = language
                await session.flush()
            return
        except IntegrityError:  # the other process inserted the row between our read and our insert
            continue
    raise RuntimeError(f"could not store the language of chat {platform}:{chat_id}")
