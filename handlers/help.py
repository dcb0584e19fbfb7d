"""/help and /start: what the bot does and how to use it."""

from __future__ import annotations

from claimwatch.digest.document import Document, code
from claimwatch.handlers.commands import COMMANDS
from claimwatch.handlers.context import Context
from claimwatch.handlers.types import Incoming, Reply

INTRO = (
    "Forward me news articles (Arabic or English) about jihadist-group activity, or paste their text or "
    "link. I store each one, pull out the attack counts, casualties, regions and notable claims with the "
    "sentence each came from, and post a weekly digest to subscribed chats."
)


async def handle(ctx: Context, incoming: Incoming) -> Reply:
    """Explain the bot and list its commands."""
    doc = Document()
    doc.section("ClaimWatch").add(INTRO)
    commands = doc.section("Commands")
    for command in COMMANDS:
        commands.add(code(command.usage), f" — {command.description}")
    return Reply(doc)
