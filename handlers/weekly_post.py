"""What a subscribed chat receives each week: the digest of the week just ended and trend charts.

Articles about a week arrive during the next one (al-Naba's weekly harvest comes out on
Thursdays), so when nothing about the week just ended is stored yet the post carries
the week before, saying so, rather than an empty digest.

The digest is narrowed to the regions the chat follows; the trend chart is the
followed region's (all regions together for a chat that follows all). A chat that
follows several regions gets one chart per region, the first riding on the digest
itself, up to MAX_CHARTS so a long list does not flood the channel.
"""

from __future__ import annotations

from datetime import date

from claimwatch.digest.document import Section
from claimwatch.digest.labels import phrase
from claimwatch.digest.weeks import ONE_WEEK, from_iso_week, iso_week
from claimwatch.handlers.context import Context
from claimwatch.handlers.digest import weekly_digest
from claimwatch.handlers.lang import language_for
from claimwatch.handlers.region_names import names_for
from claimwatch.handlers.trend import DEFAULT_WEEKS, trend_reply
from claimwatch.handlers.types import Reply
from claimwatch.storage.models import Subscription
from claimwatch.storage.reports import latest_week

MAX_CHARTS = 4
_FOOTER = {
    "en": "Weekly post for this chat, following {regions}. /subscriptions shows it; /unsubscribe stops it.",
    "ar": "منشور أسبوعي لهذه المحادثة يتابع {regions}. /subscriptions يعرضه و/unsubscribe يوقفه.",
}
_ALL_REGIONS = {"en": "all regions", "ar": "كل المناطق"}


def footer(regions: list[str], language: str) -> str:
    names = names_for(regions, language)
    followed = ", ".join(names.get(r, r) for r in regions) if regions else _ALL_REGIONS[language]
    return _FOOTER[language].format(regions=followed)


async def digest_of(ctx: Context, week: date, language: str, regions: list[str]) -> Reply:
    """The week's digest, or the week before's with a notice when the week has no figures yet."""
    reply = await weekly_digest(ctx, week, language, regions or None)
    if reply.extras.get("has_data"):
        return reply
    async with ctx.db.session() as session:
        latest = await latest_week(session, not_after=week)
    if latest != week - ONE_WEEK:
        return reply
    earlier = await weekly_digest(ctx, latest, language, regions or None)
    notice = phrase(language, "not_last_complete", expected=iso_week(week), week=iso_week(latest))
    earlier.document.sections.insert(0, Section().add(notice))
    return earlier


async def compose_weekly_post(ctx: Context, subscription: Subscription, week: str) -> list[Reply]:
    """The replies of one chat's post for an ISO week: the digest with the first chart, then the others."""
    language = await language_for(ctx, subscription.platform, subscription.chat_id)
    regions = list(subscription.regions or [])
    digest = await digest_of(ctx, from_iso_week(week), language, regions)
    charts = []
    for region in regions[:MAX_CHARTS] or [None]:
        trend = await trend_reply(ctx, region, DEFAULT_WEEKS, language)
        if trend.chart_png is not None:
            charts.append(trend)
    if charts:
        first = charts.pop(0)
        digest.chart_png, digest.chart_name = first.chart_png, first.chart_name
    digest.document.section().add(footer(regions, language))
    return [digest, *charts]
