"""/subscribe, /unsubscribe, /subscriptions and /watch: what a chat receives and what it feeds in.

In groups and channels only the chat's admins may change these; in a private chat
the person subscribes themselves. The arguments are read in handlers/subscribe_args.py.
"""

from __future__ import annotations

from datetime import datetime

from claimwatch.digest.document import Document, bold, code
from claimwatch.handlers.arguments import arguments_of
from claimwatch.handlers.context import Context
from claimwatch.handlers.schedule import describe_schedule, next_due, post_trigger, week_ended_before
from claimwatch.handlers.subscribe_args import ArgumentError, parse_subscribe
from claimwatch.handlers.types import Incoming, Reply
from claimwatch.storage import subscriptions as store
from claimwatch.storage.dialect import as_utc
from claimwatch.storage.models import Subscription
from claimwatch.storage.posts import latest_post

NOT_ADMIN = "Only an admin of this chat can change what it receives."
WATCH_STARTED = "Watching: every new post in this chat is now ingested as an article. /watch off stops it."
WATCH_STOPPED = "Stopped: this chat's posts are no longer ingested."


def may_manage(incoming: Incoming) -> bool:
    """Admins manage groups and channels; anyone manages their own private chat."""
    return incoming.chat_kind == "private" or incoming.is_admin


def _when(due: datetime | None) -> str:
    return due.strftime("%A %d %B %Y, %H:%M %Z") if due else "never (the schedule has no next date)"


def schedule_lines(subscription: Subscription, ctx: Context) -> list[str]:
    """What, when, and the next post with the week it will carry."""
    regions = ", ".join(subscription.regions) if subscription.regions else "all regions"
    lines = [f"Weekly digest {describe_schedule(subscription, ctx.settings)}, following {regions}."]
    if subscription.paused_reason:
        paused_on = as_utc(subscription.paused_at)
        since = f" since {paused_on:%Y-%m-%d}" if paused_on else ""
        lines.append(f"Paused{since}: {subscription.paused_reason}. Send /subscribe again to resume.")
        return lines
    due = next_due(post_trigger(subscription, ctx.settings), ctx.clock())
    week = f" — the digest of {week_ended_before(due)}" if due else ""
    lines.append(f"Next post: {_when(due)}{week}.")
    return lines


async def subscribe(ctx: Context, incoming: Incoming) -> Reply:
    """Post the weekly digest in this chat, for all regions or the ones named, when the chat says."""
    if not may_manage(incoming):
        return Reply.text(NOT_ADMIN, private=True)
    try:
        request = parse_subscribe(arguments_of(incoming.text))
    except ArgumentError as exc:
        return Reply.text(str(exc), "Usage: /subscribe [REGION…] [mon 08:00 [Africa/Lagos]]")
    async with ctx.db.session() as session:
        subscription = await store.subscribe(
            session, incoming.platform, incoming.chat_id, regions=request.regions, when=request.when,
            created_by=incoming.user_id, now=ctx.clock(),
        )
    doc = Document()
    section = doc.section()
    first, *rest = schedule_lines(subscription, ctx)
    section.add(bold("Subscribed. "), first)
    for line in rest:
        section.add(line)
    section.add(code("/unsubscribe"), " stops it; ", code("/subscriptions"), " shows it.")
    return Reply(doc)


async def unsubscribe(ctx: Context, incoming: Incoming) -> Reply:
    """Stop the weekly digest in this chat."""
    if not may_manage(incoming):
        return Reply.text(NOT_ADMIN, private=True)
    async with ctx.db.session() as session:
        removed = await store.unsubscribe(session, incoming.platform, incoming.chat_id)
    if removed:
        return Reply.text("Unsubscribed: no more weekly digests in this chat.")
    return Reply.text("This chat has no digest subscription. /subscribe starts one.")


async def subscriptions(ctx: Context, incoming: Incoming) -> Reply:
    """What this chat receives, when the next post is due, and how the last one went."""
    async with ctx.db.session() as session:
        digest = await store.subscription_of(session, incoming.platform, incoming.chat_id)
        last = await latest_post(session, digest.id) if digest else None
        watched = await store.is_watched_source(session, incoming.platform, incoming.chat_id)
    doc = Document()
    section = doc.section("Subscriptions of this chat")
    if digest is None:
        section.add("No weekly digest here. ", code("/subscribe"), " posts it every week.")
    else:
        for line in schedule_lines(digest, ctx):
            section.add(line)
        if last is not None:
            section.add(last_post_line(last.week, as_utc(last.sent_at), last.error))
    if watched:
        section.add("This chat's own posts are ingested as articles (", code("/watch off"), " stops it).")
    return Reply(doc)


def last_post_line(week: str, sent_at: datetime | None, error: str | None) -> str:
    if sent_at is not None:
        return f"Last post: the digest of {week}, sent {sent_at:%Y-%m-%d %H:%M} UTC."
    return f"Last post: the digest of {week}, not sent yet{f' ({error})' if error else ''}."


async def watch(ctx: Context, incoming: Incoming) -> Reply:
    """`/watch`: ingest this channel's own posts as articles; `/watch off` stops it."""
    if incoming.chat_kind == "private":
        return Reply.text("/watch is for channels and groups; here, just forward or paste articles to me.")
    if not may_manage(incoming):
        return Reply.text(NOT_ADMIN, private=True)
    if not ctx.settings.is_allowed(incoming.platform, incoming.user_id):
        return Reply.text("Only the bot's contributors may make a channel feed it.", private=True)
    if arguments_of(incoming.text).lower() in ("off", "stop"):
        async with ctx.db.session() as session:
            stopped = await store.unwatch_source(session, incoming.platform, incoming.chat_id)
        return Reply.text(WATCH_STOPPED if stopped else "This chat was not being watched.")
    async with ctx.db.session() as session:
        started = await store.watch_source(
            session, incoming.platform, incoming.chat_id, incoming.user_id, ctx.clock()
        )
    return Reply.text(WATCH_STARTED if started else "This chat is already watched; /watch off stops it.")
