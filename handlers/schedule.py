"""When a subscription's weekly post is due, and which week it carries.

A chat either follows the bot's schedule (CLAIMWATCH_DIGEST_CRON in
CLAIMWATCH_TIMEZONE) or set its own day and time with /subscribe. Both become an
APScheduler CronTrigger, used here only for its calendar arithmetic: the scheduler
asks "what was the latest due time, and is it recent enough to still post?", so a
process that starts after downtime posts the missed week once, not every missed fire.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from claimwatch.config.settings import Settings
from claimwatch.digest.weeks import iso_week, last_complete_week
from claimwatch.storage.models import Subscription

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def post_trigger(subscription: Subscription, settings: Settings) -> CronTrigger:
    """The subscription's own weekday and time in its zone, else the bot's digest cron."""
    if subscription.weekday is None or subscription.time_of_day is None:
        return CronTrigger.from_crontab(settings.digest_cron, timezone=settings.zone)
    hour, minute = (int(part) for part in subscription.time_of_day.split(":"))
    zone = ZoneInfo(subscription.timezone or settings.timezone)
    return CronTrigger(day_of_week=subscription.weekday, hour=hour, minute=minute, timezone=zone)


def last_due(trigger: CronTrigger, now: datetime, grace: timedelta) -> datetime | None:
    """The latest due time in the grace period up to now; None when nothing fell due that recently."""
    due = None
    fire = trigger.get_next_fire_time(None, now - grace)
    while fire is not None and fire <= now:
        due = fire
        fire = trigger.get_next_fire_time(fire, fire)
    return due


def next_due(trigger: CronTrigger, now: datetime) -> datetime | None:
    return trigger.get_next_fire_time(None, now)


def week_ended_before(due: datetime) -> str:
    """The ISO week a post due at `due` carries: the latest full week before that day, in its zone."""
    return iso_week(last_complete_week(due.date()))


def describe_schedule(subscription: Subscription, settings: Settings) -> str:
    """ "every Monday at 08:00 (Africa/Lagos)" or "on the bot's schedule (0 8 * * mon, UTC)"."""
    if subscription.weekday is None:
        return f"on the bot's schedule ({settings.digest_cron}, {settings.timezone})"
    zone = subscription.timezone or settings.timezone
    return f"every {WEEKDAY_NAMES[subscription.weekday]} at {subscription.time_of_day} ({zone})"
