"""/lang ar|en: the language of the digest's labels in this chat; quotes stay as the articles wrote them."""

from __future__ import annotations

from claimwatch.digest.labels import language_of
from claimwatch.handlers.arguments import arguments_of
from claimwatch.handlers.context import Context
from claimwatch.handlers.types import Incoming, Reply
from claimwatch.storage.chat_settings import chat_language, set_chat_language

_CHOICES = {
    "ar": "ar", "arabic": "ar", "عربي": "ar", "عربية": "ar", "العربية": "ar",
    "en": "en", "english": "en", "انجليزي": "en", "إنجليزي": "en", "الإنجليزية": "en", "الانجليزية": "en",
}
_ANSWERS = {
    "en": {
        "now": "Digests and trends in this chat now have English labels. Send /lang ar for Arabic.",
        "current": "This chat's digest labels are in English. Send /lang ar for Arabic.",
        "usage": "Usage: /lang ar or /lang en (the language of the digest's labels in this chat).",
    },
    "ar": {
        "now": "أصبحت عناوين الملخصات والاتجاهات في هذه المحادثة بالعربية. أرسل /lang en للإنجليزية.",
        "current": "عناوين الملخص في هذه المحادثة بالعربية. أرسل /lang en للإنجليزية.",
        "usage": "الاستخدام: /lang ar أو /lang en (لغة عناوين الملخص في هذه المحادثة).",
    },
}


async def language_for(ctx: Context, platform: str, chat_id: str) -> str:
    """The chat's digest language: what it chose with /lang, English otherwise."""
    async with ctx.db.session() as session:
        return language_of(await chat_language(session, platform, chat_id))


def _answer(language: str, key: str) -> Reply:
    reply = Reply.text(_ANSWERS[language][key])
    reply.document.language = language
    return reply


async def handle(ctx: Context, incoming: Incoming) -> Reply:
    """Show or set the chat's digest language."""
    wanted = arguments_of(incoming.text).lower()
    if not wanted:
        return _answer(await language_for(ctx, incoming.platform, incoming.chat_id), "current")
    language = _CHOICES.get(wanted)
    if language is None:
        return _answer(await language_for(ctx, incoming.platform, incoming.chat_id), "usage")
    async with ctx.db.session() as session:
        await set_chat_language(session, incoming.platform, incoming.chat_id, language)
    return _answer(language, "now")
