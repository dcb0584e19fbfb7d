"""Telegram messages read as ClaimWatch's `Incoming`: who first posted them, when, where, and their text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from telegram import (
    Chat,
    Message,
    MessageEntity,
    MessageOriginChannel,
    MessageOriginChat,
    MessageOriginHiddenUser,
    MessageOriginUser,
    User,
)

from claimwatch.handlers.types import Incoming

PLATFORM = "telegram"
CHAT_KINDS = {Chat.PRIVATE: "private", Chat.GROUP: "group", Chat.SUPERGROUP: "group", Chat.CHANNEL: "channel"}


@dataclass(frozen=True)
class Origin:
    """Who first posted a message: a forward's origin, or a channel for its own posts."""

    key: str  # the same for every part of one forwarded article: "channel:-100123", "user:42"…
    name: str
    date: datetime
    link: str | None = None


def post_link(chat: Chat, message_id: int) -> str | None:
    """https://t.me/<username>/<id> for a public channel or supergroup, t.me/c/… (members only) otherwise."""
    if chat.type not in (Chat.CHANNEL, Chat.SUPERGROUP):
        return None
    path = chat.username or f"c/{str(chat.id).removeprefix('-100')}"
    return f"https://t.me/{path}/{message_id}"


def person(user: User) -> str:
    """"Full Name (@username)", or the full name alone."""
    return f"{user.full_name} (@{user.username})" if user.username else user.full_name


def origin_of(message: Message) -> Origin | None:
    """The forward's origin (channel, user, hidden user, chat); a channel's own post is its own origin."""
    match message.forward_origin:
        case MessageOriginChannel(chat=channel, message_id=post_id, date=date):
            return Origin(f"channel:{channel.id}", channel.title or str(channel.id), date,
                          post_link(channel, post_id))
        case MessageOriginUser(sender_user=sender, date=date):
            return Origin(f"user:{sender.id}", person(sender), date)
        case MessageOriginHiddenUser(sender_user_name=name, date=date):
            return Origin(f"hidden:{name}", name, date)
        case MessageOriginChat(sender_chat=sender_chat, author_signature=signature, date=date):
            name = sender_chat.title or str(sender_chat.id)
            return Origin(f"chat:{sender_chat.id}", f"{name} ({signature})" if signature else name, date)
    if message.chat.type == Chat.CHANNEL:
        return Origin(f"channel:{message.chat.id}", message.chat.title or str(message.chat.id), message.date,
                      post_link(message.chat, message.message_id))
    return None


def text_of(message: Message) -> str:
    """The message's text, or the caption of a photo, video or document."""
    return message.text or message.caption or ""


def _entity_links(text: str | None, entities: Sequence[MessageEntity]) -> list[str]:
    """Text-link targets and URL entities' text; offsets count UTF-16 units, and a bad one is no crash."""
    encoded = (text or "").encode("utf-16-le")
    links = []
    for entity in entities:
        if entity.type == MessageEntity.TEXT_LINK and entity.url:
            links.append(entity.url)
        elif entity.type == MessageEntity.URL:
            span = encoded[2 * entity.offset:2 * (entity.offset + entity.length)]
            links.append(span.decode("utf-16-le", errors="replace"))
    return links


def links_of(message: Message) -> tuple[str, ...]:
    """Every address in the text or caption: plain URLs and the targets of text links."""
    links = [*_entity_links(message.text, message.entities),
             *_entity_links(message.caption, message.caption_entities)]
    return tuple(dict.fromkeys(links))


def sender_id(message: Message) -> str:
    """The user who sent it; for anonymous admins and channel posts, the chat that speaks."""
    if message.from_user is not None:
        return str(message.from_user.id)
    return str((message.sender_chat or message.chat).id)


def incoming_from(message: Message, text: str, is_admin: bool = False) -> Incoming:
    """The message as an Incoming, with its origin as the article's source and date."""
    origin = origin_of(message)
    forwarded = message.forward_origin is not None
    return Incoming(
        platform=PLATFORM,
        chat_id=str(message.chat.id),
        user_id=sender_id(message),
        message_id=str(message.message_id),
        text=text,
        received_at=message.date,
        forwarded_from=origin.name if origin else None,
        forwarded_date=origin.date if origin and forwarded else None,
        urls=links_of(message),
        chat_kind=CHAT_KINDS.get(message.chat.type, "group"),
        is_admin=is_admin,
        message_link=origin.link if origin else None,
    )


def merge_parts(parts: list[Incoming]) -> Incoming:
    """One article from the messages it was split into, in the order they were sent."""
    ordered = sorted(parts, key=lambda part: int(part.message_id))
    first = ordered[0]
    urls = tuple(dict.fromkeys(url for part in ordered for url in part.urls))
    return replace(first, text="\n\n".join(part.text for part in ordered), urls=urls)


def addressed_to_other_bot(text: str, bot_username: str) -> bool:
    """"/digest@OtherBot": a command for another bot in the same group."""
    head = text.strip().split(maxsplit=1)[0] if text.strip().startswith("/") else ""
    _, at, target = head.partition("@")
    return bool(at) and target.lower() != bot_username.lower()
