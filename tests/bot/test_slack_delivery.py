"""Posting to Slack: rate limits waited out, refusals reported, charts uploaded, article text never live."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import pytest
from slack_sdk.errors import SlackApiError

from claimwatch.bot.transport import DeliveryRefused
from claimwatch.digest.document import Document, bold, quote
from claimwatch.handlers.context import Context
from claimwatch.handlers.ingest import REFUSAL
from claimwatch.handlers.types import Reply
from tests.bot.slack_harness import ANALYST, TEAM_CHANNEL, SlackHarness, mention, running_slack
from tests.bot.test_slack_events import ARTICLE, INJECTIONS
from tests.fakes.slack_api import RESPONSE_URL, UPLOAD, api_error, dropped_connection, rate_limited

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
HOSTILE_QUOTE = "<!channel> <!here> <!everyone> @channel <@U0VICTIM> <#C0GENERAL|general> *16* attacks & more"


@pytest.fixture
async def slack(ctx: Context) -> AsyncIterator[SlackHarness]:
    async with running_slack(ctx) as harness:
        yield harness


def digest_quoting(text: str) -> Document:
    doc = Document()
    doc.section("Weekly digest 2023-W01").add(bold("Notable claim: "), quote(text))
    return doc


async def test_a_scheduled_post_returns_its_ts_and_uploads_the_chart_beside_it(slack: SlackHarness) -> None:
    ts = await slack.transport.post(TEAM_CHANNEL, Reply(digest_quoting("16 attacks"), chart_png=PNG,
                                                         chart_name="trend-sinai.png"))
    [message] = slack.api.calls_to("chat.postMessage")
    [upload] = slack.api.calls_to(UPLOAD)
    [completion] = slack.api.calls_to("files.completeUploadExternal")
    assert ts.startswith("1700000000.")
    assert (message.params["channel"], message.params.get("thread_ts")) == (TEAM_CHANNEL, None)
    assert upload.body == PNG
    assert completion.params["channel_id"] == TEAM_CHANNEL


async def test_a_rate_limited_post_waits_out_retry_after_and_goes_through(slack: SlackHarness) -> None:
    slack.api.fault("chat.postMessage", rate_limited(retry_after=1))
    await slack.transport.post(TEAM_CHANNEL, Reply.text("weekly digest"))
    limited, accepted = slack.api.calls_to("chat.postMessage")
    assert limited.answered is not None
    assert accepted.received - limited.answered >= 1.0
    assert accepted.params == limited.params


async def test_a_rate_limited_response_url_is_retried(slack: SlackHarness) -> None:
    slack.api.fault(RESPONSE_URL, rate_limited(retry_after=0))
    await slack.send_command("/digest", "")
    limited, accepted = await slack.api.wait_for(RESPONSE_URL, count=2)
    assert accepted.params == limited.params


async def test_a_dropped_connection_is_retried(slack: SlackHarness) -> None:
    slack.api.fault("chat.postMessage", dropped_connection())
    await slack.transport.post(TEAM_CHANNEL, Reply.text("weekly digest"))
    assert len(slack.api.calls_to("chat.postMessage")) == 2


@pytest.mark.parametrize("error", ["not_in_channel", "channel_not_found", "is_archived"])
async def test_a_channel_that_refuses_posts_raises_delivery_refused_and_logs_it(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture, error: str
) -> None:
    slack.api.fault("chat.postMessage", api_error(error))
    with caplog.at_level(logging.WARNING), pytest.raises(DeliveryRefused) as refused:
        await slack.transport.post(TEAM_CHANNEL, Reply.text("weekly digest"))
    assert (refused.value.chat_id, refused.value.reason) == (TEAM_CHANNEL, error)
    assert any(TEAM_CHANNEL in r.getMessage() and error in r.getMessage() for r in caplog.records)


async def test_other_api_errors_are_not_mistaken_for_a_refusal(slack: SlackHarness) -> None:
    slack.api.fault("chat.postMessage", api_error("internal_error"))
    with pytest.raises(SlackApiError):
        await slack.transport.post(TEAM_CHANNEL, Reply.text("weekly digest"))


async def test_a_refused_answer_to_a_mention_is_logged_not_raised(
    slack: SlackHarness, caplog: pytest.LogCaptureFixture
) -> None:
    slack.api.fault("chat.postMessage", api_error("is_archived"))
    with caplog.at_level(logging.WARNING):
        assert (await slack.send_event(mention(ARTICLE))).status == 200
        await slack.api.wait_for("chat.postMessage")
        await slack.transport.drain()
    assert any("is_archived" in r.getMessage() for r in caplog.records)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


async def test_article_text_quoted_in_a_post_is_shown_not_acted_on(slack: SlackHarness) -> None:
    await slack.transport.post(TEAM_CHANNEL, Reply(digest_quoting(HOSTILE_QUOTE)))
    [message] = slack.api.calls_to("chat.postMessage")
    shown = message.params["blocks"][0]["text"]["text"]
    assert "&lt;!channel&gt;" in shown and "&lt;@U0VICTIM&gt;" in shown and "&amp; more" in shown
    assert "@channel" not in shown and "@channel" not in message.params["text"]
    for body in slack.api.outgoing_texts():
        for live in INJECTIONS:
            assert live not in body


async def test_a_private_answer_in_a_channel_is_shown_only_to_the_sender(ctx: Context) -> None:
    async with running_slack(ctx, allowed_users="slack:U0SOMEONEELSE") as slack:
        await slack.send_event(mention(ARTICLE))
        [note] = await slack.api.wait_for("chat.postEphemeral")
    assert (note.params["channel"], note.params["user"]) == (TEAM_CHANNEL, ANALYST)
    assert REFUSAL.split(";")[0] in note.params["text"]
    assert slack.api.calls_to("chat.postMessage") == []
