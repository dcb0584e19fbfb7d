"""The command list: one place for /help, Telegram's setMyCommands and Slack's manifest."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Command:
    name: str
    usage: str
    description: str


COMMANDS: tuple[Command, ...] = (
    Command("help", "/help", "what this bot does and its commands"),
    Command("digest", "/digest [2023-W01|last|this]", "the weekly digest: attacks, regions, notable claims"),
    Command("trend", "/trend REGION [WEEKS]", "weekly attacks in a region, with a chart"),
    Command("lang", "/lang ar|en", "the digest's language in this chat"),
    Command("subscribe", "/subscribe [REGION…] [mon 08:00]", "post the weekly digest here (admins)"),
    Command("unsubscribe", "/unsubscribe", "stop the weekly digest here (admins)"),
    Command("subscriptions", "/subscriptions", "what this chat receives"),
    Command("watch", "/watch", "ingest this channel's own posts (admins)"),
    Command("sources", "/sources", "the last articles stored"),
)
