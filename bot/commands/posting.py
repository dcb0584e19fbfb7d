"""post-digest: the weekly post now, for an admin or for a cron job outside the bot."""

from __future__ import annotations

import argparse

from claimwatch.bot import app
from claimwatch.bot.cli import CommandError, arg, command, run_async
from claimwatch.bot.posting import Delivery, Poster
from claimwatch.config.settings import Settings
from claimwatch.digest.weeks import WeekError, from_iso_week, iso_week
from claimwatch.handlers.schedule import week_ended_before
from claimwatch.storage.models import Subscription
from claimwatch.storage.subscriptions import active_digest_subscriptions

NO_PLATFORM = ("no platform is configured to post with: set TELEGRAM_BOT_TOKEN, or SLACK_BOT_TOKEN with "
               "SLACK_APP_TOKEN or SLACK_SIGNING_SECRET")
OUTCOMES = {
    "sent": "sent the digest of {week} (message {detail})",
    "taken": "the digest of {week} was already posted, or another process is posting it now",
    "refused": "the platform refuses this chat ({detail}); its subscription is paused until /subscribe",
    "failed": "failed ({detail}); the bot retries while the week is within its grace period",
}


def week_argument(value: str) -> str:
    """argparse type for an ISO week, normalised to "2023-W02"."""
    try:
        return iso_week(from_iso_week(value))
    except WeekError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def chat_argument(value: str) -> tuple[str, str]:
    """argparse type for PLATFORM:ID (telegram:-1001234, slack:C0123)."""
    platform, _, chat_id = value.partition(":")
    if not platform or not chat_id:
        raise argparse.ArgumentTypeError(f"not PLATFORM:ID (like telegram:-1001234): {value!r}")
    return platform, chat_id


def describe(delivery: Delivery) -> str:
    outcome = OUTCOMES[delivery.outcome].format(week=delivery.week, detail=delivery.detail)
    return f"{delivery.chat}: {outcome}"


async def chosen_subscriptions(poster: Poster, chat: tuple[str, str] | None) -> list[Subscription]:
    """The active subscriptions to post to: every one this process can reach, or the one chat asked for."""
    async with poster.ctx.db.session() as session:
        found = await active_digest_subscriptions(session, poster.platforms, chat[1] if chat else None)
    if chat is None:
        return found
    found = [s for s in found if s.platform == chat[0]]
    if not found:
        raise CommandError(f"{chat[0]}:{chat[1]} has no active digest subscription here "
                           "(/subscriptions in that chat says why; /subscribe starts or resumes it)")
    return found


async def post_now(settings: Settings, week: str | None, chat: tuple[str, str] | None) -> list[Delivery]:
    """Claim and post the week to the chosen chats, through the platforms configured in this environment."""
    async with app.open_context(settings) as ctx:
        transports = app.build_transports(ctx)
        if not transports:
            raise CommandError(NO_PLATFORM)
        poster = Poster(ctx, transports)
        week = week or week_ended_before(ctx.clock().astimezone(settings.zone))
        return [await poster.post_week(s, week) for s in await chosen_subscriptions(poster, chat)]


@command(
    "post-digest",
    arg("--week", type=week_argument, help="the ISO week, like 2023-W02 (default: the week just ended)"),
    arg("--chat", type=chat_argument, metavar="PLATFORM:ID", help="only this subscribed chat"),
)
def post_digest(args: argparse.Namespace, settings: Settings) -> int:
    """Post the weekly digest to subscribed chats now; a week already posted to a chat is skipped.

    The same claim as the running bot's scheduler, so this can run from cron next to any number of
    bot processes and every chat still gets each week once. Exit status 1 when a post failed."""
    deliveries = run_async(post_now(settings, args.week, args.chat))
    for delivery in deliveries:
        print(describe(delivery))
    if not deliveries:
        print("no active digest subscriptions on the configured platforms")
    return 1 if any(d.outcome in ("refused", "failed") for d in deliveries) else 0
