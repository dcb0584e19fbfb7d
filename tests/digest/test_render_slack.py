"""Slack Block Kit: mrkdwn escaped, broadcasts and mentions inert, within 50 blocks of 3000 characters."""

from __future__ import annotations

import re

from claimwatch.digest.document import Document, bold, link, quote
from claimwatch.digest.render_slack import (
    MAX_BLOCKS,
    SECTION_LIMIT,
    escape_mrkdwn,
    fallback_text,
    render_slack,
)

HOSTILE = "<b>*bold*</b> _it_ ~x~ `code` & <!channel> <!here> @everyone @channel <@U123ABC> <#C123|general>"


def texts(blocks: list[dict]) -> list[str]:
    return [b["text"]["text"] for b in blocks]


def test_markup_mentions_and_broadcasts_in_user_text_are_neutralised() -> None:
    doc = Document()
    doc.section("Notable claims").add(bold("attack: " + HOSTILE), ": ", quote(HOSTILE))
    [block] = render_slack(doc)
    text = block["text"]["text"]
    assert block["type"] == "section" and block["text"]["type"] == "mrkdwn"
    for live in ("<!channel>", "<!here>", "<@U123ABC>", "<#C123", "<b>", "@everyone", "@channel"):
        assert live not in text
    assert "&lt;!channel&gt;" in text and "&lt;@U123ABC&gt;" in text and "@\u2060everyone" in text


def test_every_formatting_character_of_user_text_is_fenced_so_it_formats_nothing() -> None:
    [text] = texts(render_slack(Document.of(HOSTILE)))
    assert len(re.findall(r"\u200b[*_~`]\u200b", text)) == 8
    assert re.search(r"(?<!\u200b)[*_~`]|[*_~`](?!\u200b)", text) is None


def test_escaping_keeps_the_words_readable() -> None:
    shown = escape_mrkdwn("*16* attacks & <more>").replace("\u200b", "")
    assert shown == "*16* attacks &amp; &lt;more&gt;"


def test_links_use_slack_syntax_and_cannot_break_out_of_it() -> None:
    doc = Document()
    doc.section().add(link("al-Naba 373", "https://t.me/naba/373?x=1|<!channel>"),
                      link("bad", "javascript:x"))
    [text] = texts(render_slack(doc))
    assert text.startswith("<https://t.me/naba/373?x=1%7C%3C!channel%3E|al-Naba 373>")
    assert "javascript" not in text


def test_no_more_than_fifty_blocks_the_last_saying_what_is_left_out() -> None:
    doc = Document()
    for number in range(80):
        doc.section(f"Section {number}").add("one line")
    blocks = render_slack(doc)
    assert len(blocks) == MAX_BLOCKS
    assert blocks[-1]["text"]["text"] == "_… 31 more sections not shown_"


def test_long_sections_are_split_within_the_limit_without_cutting_an_entity_or_a_link() -> None:
    giant = (HOSTILE + " ") * 200
    doc = Document()
    section = doc.section("Conflicting figures")
    for number in range(30):
        section.add(bold(f"{number}: "), quote(HOSTILE), link(" source", "https://t.me/naba/373"))
    section.add(quote(giant))
    blocks = render_slack(doc)
    assert len(blocks) > 3
    for text in texts(blocks):
        assert len(text) <= SECTION_LIMIT
        assert not re.search(r"&(?!amp;|lt;|gt;)", text)
        assert text.count("<") == text.count(">")  # every link whole


def test_the_fallback_text_is_escaped_too() -> None:
    doc = Document.of(HOSTILE)
    assert "<!channel>" not in fallback_text(doc) and "&lt;!channel&gt;" in fallback_text(doc)
