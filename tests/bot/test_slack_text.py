"""Slack's message markup into the text an analyst saw, and payloads into Incoming."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from claimwatch.bot.slack_text import (
    incoming_from_command,
    incoming_from_message,
    is_article_message,
    plain_text,
    slack_time,
)
from claimwatch.handlers.router import command_of


@pytest.mark.parametrize(("slack", "seen"), [
    ("16 &lt; 23 &amp;&amp; 6 &gt; 5", "16 < 23 && 6 > 5"),
    ("&amp;lt; stays as typed", "&lt; stays as typed"),
    ("<!channel> <!here> <!everyone>", "@channel @here @everyone"),
    ("<@U0VICTIM> and <@U0OTHER|other>", "@U0VICTIM and @other"),
    ("<#C0GENERAL|general> <#C0RANDOM>", "#general #C0RANDOM"),
    ("<!subteam^S0TEAM|@analysts> <!date^1673689200^{date}|14 Jan>", "@analysts 14 Jan"),
    ("<mailto:desk@example.org|desk@example.org>", "desk@example.org"),
    ("<https://example.org/a?b=1&amp;c=2|al-Naba 373> <https://example.org/x>",
     "al-Naba 373 https://example.org/x"),
])
def test_markup_becomes_what_the_reader_saw(slack: str, seen: str) -> None:
    assert plain_text(slack)[0] == seen


def test_links_are_collected_once_in_order_without_their_entities() -> None:
    _, urls = plain_text("<https://b.example/1> <https://a.example/?x=1&amp;y=2|A> <https://b.example/1>")
    assert urls == ("https://b.example/1", "https://a.example/?x=1&y=2")


def test_only_a_persons_own_new_messages_are_articles() -> None:
    person = {"user": "U1", "text": "x", "ts": "1.0", "channel": "D1"}
    assert is_article_message(person)
    assert is_article_message({**person, "subtype": "file_share"})
    for other in ({"subtype": "message_changed"}, {"subtype": "message_deleted"}, {"bot_id": "B1"},
                  {"subtype": "channel_join"}, {"user": None}):
        assert not is_article_message({**person, **other})


def test_the_bots_own_mention_is_dropped_and_others_kept() -> None:
    event = {"user": "U1", "channel": "C1", "ts": "1673689200.000200",
             "text": "<@U0BOT> see <@U0BOT|claimwatch> report by <@U0ANALYST|sara>"}
    incoming = incoming_from_message(event, bot_user_id="U0BOT")
    assert incoming.text == "see  report by @sara"
    assert (incoming.chat_kind, incoming.is_admin, incoming.message_link) == ("group", False, None)


def test_a_dm_is_the_senders_own_chat() -> None:
    event = {"user": "U1", "channel": "D1", "ts": "1673689200.000100", "text": "x", "channel_type": "im"}
    incoming = incoming_from_message(event, workspace_url="https://w.slack.com/")
    assert (incoming.chat_kind, incoming.is_admin) == ("private", True)
    assert incoming.received_at == datetime(2023, 1, 14, 9, 40, 0, 100, tzinfo=UTC)
    assert incoming.message_link == "https://w.slack.com/archives/D1/p1673689200000100"


def test_a_slash_command_reads_as_the_router_expects() -> None:
    command = {"command": "/trend", "text": ' "West Africa" 26 &amp; more ', "channel_id": "C1",
               "channel_name": "monitoring", "user_id": "U1", "trigger_id": "t1"}
    incoming = incoming_from_command(command, datetime(2023, 1, 14, tzinfo=UTC), is_admin=False)
    assert command_of(incoming.text) == ("trend", '"West Africa" 26 & more')
    assert (incoming.chat_id, incoming.message_id, incoming.chat_kind) == ("C1", "command:t1", "group")


def test_a_slash_command_in_a_dm_is_private() -> None:
    command = {"command": "/subscribe", "text": "", "channel_id": "D1", "channel_name": "directmessage",
               "user_id": "U1"}
    incoming = incoming_from_command(command, datetime(2023, 1, 14, tzinfo=UTC), is_admin=True)
    assert (incoming.text, incoming.chat_kind) == ("/subscribe", "private")


def test_slack_times() -> None:
    assert slack_time("1673689200.000100") == datetime(2023, 1, 14, 9, 40, 0, 100, tzinfo=UTC)
    assert slack_time(None) is None
    assert slack_time("1673689200") == datetime(2023, 1, 14, 9, 40, tzinfo=UTC)
    assert slack_time("not-a-ts") is None
