"""Slack payloads into `Incoming`: message text out of Slack's markup, commands into "/name args".

Slack delivers text with &, < and > escaped and links, mentions and broadcasts
as <…> tokens. Articles are stored as the analyst saw them, so the tokens become
their visible text ("@channel", "#general", a link's label) and the entities
are decoded; nothing here is ever sent back to Slack unescaped (render_slack does that).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime, timedelta
from typing import Any

from claimwatch.handlers.types import Incoming

PLATFORM = "slack"
_TOKEN = re.compile(r"<([^<>]*)>")
_ENTITIES = (("&lt;", "<"), ("&gt;", ">"), ("&amp;", "&"))
HELP_WORDS = {"help", "?"}  # Slack keeps "/help" for its own commands, so a plain "help" asks for it
# Message subtypes that carry a person's own words; edits, joins, bot posts and the like are not articles.
_ARTICLE_SUBTYPES = {None, "file_share", "thread_broadcast"}


def _unescape(text: str) -> str:
    for entity, character in _ENTITIES:
        text = text.replace(entity, character)
    return text


def _visible(token: str, urls: list[str]) -> str:
    """What the Slack client shows for one <…> token; links are collected in `urls`."""
    target, _, label = token.partition("|")
    if target.startswith("@"):  # user mention
        return f"@{label or target[1:]}"
    if target.startswith("#"):  # channel link
        return f"#{label or target[1:]}"
    if target.startswith("!"):  # <!channel>, <!here>, <!subteam^S1|@team>, <!date^…|fallback>
        name = target[1:].split("^", 1)[0]
        return label or f"@{name}"
    url = _unescape(target)
    if url.lower().startswith(("http://", "https://")):
        urls.append(url)
    return _unescape(label) if label else url.removeprefix("mailto:")


def plain_text(slack_text: str) -> tuple[str, tuple[str, ...]]:
    """The text as a reader saw it, and the web links in it, in order."""
    urls: list[str] = []
    visible = _TOKEN.sub(lambda match: _visible(match.group(1), urls), slack_text)
    return _unescape(visible), tuple(dict.fromkeys(urls))


def slack_time(ts: str | None) -> datetime | None:
    """A Slack timestamp ("1673689200.000100") as an aware datetime."""
    seconds, _, fraction = (ts or "").partition(".")
    if not seconds.isdigit() or not (fraction.isdigit() or not fraction):
        return None
    return datetime.fromtimestamp(int(seconds), UTC) + timedelta(microseconds=int(fraction[:6].ljust(6, "0")))


def is_article_message(event: Mapping[str, Any]) -> bool:
    """A person's own message: not the bot's or another bot's, not an edit, join or deletion."""
    return event.get("subtype") in _ARTICLE_SUBTYPES and not event.get("bot_id") and bool(event.get("user"))


def _shared(event: Mapping[str, Any]) -> Mapping[str, Any] | None:
    """The first message shared into this one ("Share message" in Slack), if any."""
    for attachment in event.get("attachments") or ():
        if attachment.get("is_share") or attachment.get("is_msg_unfurl"):
            return attachment
    return None


def message_link(workspace_url: str | None, channel: str, ts: str) -> str | None:
    """The permalink Slack itself gives a message: WORKSPACE/archives/CHANNEL/pTS-without-dot."""
    if not workspace_url:
        return None
    return f"{workspace_url.rstrip('/')}/archives/{channel}/p{ts.replace('.', '')}"


def incoming_from_message(
    event: Mapping[str, Any], bot_user_id: str | None = None, workspace_url: str | None = None
) -> Incoming:
    """A DM or a mention of the bot as an Incoming; the mention of the bot itself is dropped."""
    raw = event.get("text") or ""
    if bot_user_id:
        raw = re.sub(rf"<@{re.escape(bot_user_id)}(\|[^>]*)?>", "", raw)
    text, urls = plain_text(raw)
    shared = _shared(event)
    forwarded_from = forwarded_date = None
    if shared is not None:
        shared_text, shared_urls = plain_text(shared.get("text") or shared.get("fallback") or "")
        text, urls = "\n\n".join(t for t in (text.strip(), shared_text) if t), urls + shared_urls
        channel_name = shared.get("channel_name")
        forwarded_from = shared.get("author_name") or (f"#{channel_name}" if channel_name else None)
        forwarded_date = slack_time(shared.get("ts"))
    text = "/help" if text.strip().lower() in HELP_WORDS else text.strip()
    channel, ts = event["channel"], event["ts"]
    is_dm = event.get("channel_type") == "im"
    return Incoming(
        platform=PLATFORM, chat_id=channel, user_id=event["user"], message_id=ts, text=text,
        received_at=slack_time(ts) or datetime.now(UTC), forwarded_from=forwarded_from,
        forwarded_date=forwarded_date, urls=urls, chat_kind="private" if is_dm else "group",
        is_admin=is_dm, message_link=message_link(workspace_url, channel, ts),
    )


def is_direct_message(command: Mapping[str, Any]) -> bool:
    """Whether a slash command was typed in a DM (with the bot or between people)."""
    channel_id = str(command.get("channel_id", ""))
    return command.get("channel_name") == "directmessage" or channel_id.startswith("D")


def incoming_from_command(command: Mapping[str, Any], received_at: datetime, is_admin: bool) -> Incoming:
    """A slash command as the text "/name args", the form the router reads on every platform."""
    args, urls = plain_text(command.get("text") or "")
    text = f"{command['command']} {args.strip()}".strip()
    return Incoming(
        platform=PLATFORM, chat_id=command["channel_id"], user_id=command["user_id"],
        message_id=f"command:{command.get('trigger_id') or received_at.timestamp()}", text=text,
        received_at=received_at, urls=urls,
        chat_kind="private" if is_direct_message(command) else "group", is_admin=is_admin,
    )
