"""Spike alerts as an after-ingest hook: once per chat, region and week, to the chats that follow it.

The hook runs in the process that stored the article, through that process's
transports. Each alert is claimed in spike_alerts first, so two processes storing
articles about the same week, or a second article about it, never alert a chat twice.
"""

from __future__ import annotations

import logging

from claimwatch.bot.posting import Poster
from claimwatch.digest.spikes import Spike, SpikeRule, spike_rule
from claimwatch.digest.weeks import iso_week
from claimwatch.extract.model import Analysis
from claimwatch.handlers.alerts import alert_reply, spikes_after
from claimwatch.handlers.context import AfterIngest, Context
from claimwatch.storage.models import Subscription
from claimwatch.storage.posts import claim_alert, mark_alert_sent, release_alert
from claimwatch.storage.subscriptions import active_digest_subscriptions, follows

log = logging.getLogger(__name__)


def spike_alert_hook(poster: Poster, rule: SpikeRule | None = None) -> AfterIngest:
    """The hook to add to ctx.after_ingest; the rule is read now, so a broken alerts.yaml stops the start."""
    chosen = rule or spike_rule()

    async def alert_spikes(ctx: Context, _article_id: int, analysis: Analysis) -> None:
        await post_spike_alerts(ctx, poster, analysis, chosen)

    return alert_spikes


async def post_spike_alerts(ctx: Context, poster: Poster, analysis: Analysis, rule: SpikeRule) -> int:
    """Alert every following chat to each spike the article sets off; how many alerts went out."""
    spikes = await spikes_after(ctx, analysis, rule)
    if not spikes:
        return 0
    async with ctx.db.session() as session:
        subscriptions = await active_digest_subscriptions(session, poster.platforms)
    sent = 0
    for spike in spikes:
        for subscription in subscriptions:
            if follows(subscription, spike.region):
                sent += await alert_once(ctx, poster, subscription, spike, rule)
    return sent


async def alert_once(ctx: Context, poster: Poster, subscription: Subscription, spike: Spike,
                     rule: SpikeRule) -> bool:
    """Claim, send and record one alert; a failed send gives the claim back for the next article."""
    async with ctx.db.session() as session:
        week = iso_week(spike.week)
        alert_id = await claim_alert(session, subscription.id, spike.region, week, spike.attacks)
    if alert_id is None:
        return False
    try:
        reply = await alert_reply(ctx, spike, rule, subscription.platform, subscription.chat_id)
        delivered = await poster.send_extra(subscription, reply)
    except Exception:
        log.exception("spike alert for %s to %s:%s failed", spike.region, subscription.platform,
                      subscription.chat_id)
        async with ctx.db.session() as session:
            await release_alert(session, alert_id)
        return False
    if delivered:
        async with ctx.db.session() as session:
            await mark_alert_sent(session, alert_id, ctx.clock())
    return delivered
