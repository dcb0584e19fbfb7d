"""Route a message to its use case: a command by name, anything else is an article to ingest."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from claimwatch.handlers import digest, help, ingest, lang, sources, subscribe, trend
from claimwatch.handlers.context import Context
from claimwatch.handlers.types import Incoming, Reply
from claimwatch.storage.db import DatabaseUnavailable

log = logging.getLogger(__name__)
Handler = Callable[[Context, Incoming], Awaitable[Reply]]

HANDLERS: dict[str, Handler] = {
    "start": help.handle,
    "help": help.handle,
    "sources": sources.handle,
    "subscribe": subscribe.subscribe,
    "unsubscribe": subscribe.unsubscribe,
    "subscriptions": subscribe.subscriptions,
    "watch": subscribe.watch,
    "digest": digest.handle,
    "trend": trend.handle,
    "lang": lang.handle,
}


def command_of(text: str) -> tuple[str, str] | None:
    """("digest", "2023-W01") for "/digest@ClaimWatchBot 2023-W01"; None when the text is no command."""
    stripped = text.strip()
    if not stripped.startswith("/") or stripped.startswith("//"):
        return None
    head, _, rest = stripped[1:].partition(" ")
    name = head.split("@", 1)[0].lower()
    return (name, rest.strip()) if name.isidentifier() else None


async def dispatch(ctx: Context, incoming: Incoming) -> Reply:
    """Answer one message; a fault becomes a clear reply, never an exception out of here."""
    command = command_of(incoming.text)
    if command is not None and command[0] not in HANDLERS:
        return Reply.text(f"Unknown command /{command[0]}. Send /help for the list.")
    handler = HANDLERS[command[0]] if command else ingest.handle
    try:
        return await handler(ctx, incoming)
    except DatabaseUnavailable as exc:
        log.error("database unavailable: %s", exc)
        return Reply.text("The database is unavailable right now; please try again in a minute.")
    except Exception:
        log.exception("handler failed on %s message %s", incoming.platform, incoming.message_id)
        return Reply.text("Something went wrong while handling that message; it was logged.")
