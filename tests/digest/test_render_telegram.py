"""Telegram HTML: user text escaped, messages within 4096 characters, cut only between lines or tags."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

from claimwatch.digest.document import Document, Span, bold, link, quote
from claimwatch.digest.render_telegram import TELEGRAM_LIMIT, render_telegram

HOSTILE = "<b>*bold*</b> & <!channel> <a href='x'>@everyone</a> <@U123>"


class TagChecker(HTMLParser):
    """Fails on an end tag that closes nothing open; `open` holds what is still unclosed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open.pop() == tag, f"</{tag}> closes nothing"

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def checked(message: str) -> str:
    """The message's visible text, after checking its tags are balanced and its entities whole."""
    assert not re.search(r"&(?!amp;|lt;|gt;|quot;|#x27;)", message), "a cut or raw entity"
    checker = TagChecker()
    checker.feed(message)
    checker.close()
    assert checker.open == [], f"unclosed {checker.open}"
    return "".join(checker.text)


def test_user_text_is_escaped_and_shown_as_written() -> None:
    doc = Document()
    doc.section("Notable claims").add(bold("attack: " + HOSTILE), ": ", quote(HOSTILE))
    [message] = render_telegram(doc)
    assert "<b>*bold*" not in message and "<!channel>" not in message
    assert "&lt;b&gt;*bold*&lt;/b&gt; &amp; &lt;!channel&gt;" in message
    assert checked(message).count(HOSTILE) == 2


def test_only_web_and_telegram_links_are_links_and_their_addresses_are_escaped() -> None:
    doc = Document.of()
    doc.section().add(link("ok", 'https://t.me/c/1/2?a="x"&b=1'), " ", link("no", "javascript:alert(1)"))
    [message] = render_telegram(doc)
    assert '<a href="https://t.me/c/1/2?a=&quot;x&quot;&amp;b=1">ok</a>' in message
    assert "javascript" not in message


def test_a_long_digest_is_split_between_lines_into_messages_within_the_limit() -> None:
    doc = Document()
    for number in range(40):
        section = doc.section(f"Section {number}")
        for line in range(10):
            section.add(bold(f"{number}.{line}"), " ", quote(HOSTILE * 2))
    messages = render_telegram(doc)
    assert len(messages) > 1
    assert all(len(m) <= TELEGRAM_LIMIT for m in messages)
    shown = [checked(m) for m in messages]
    lines = [line for text in shown for line in text.splitlines() if line]
    assert lines[0] == "Section 0" and len(lines) == 40 * 11
    assert all(text.splitlines()[0] for text in shown)  # no message starts with a stray blank line


def test_a_line_longer_than_a_message_is_cut_between_tags_never_inside_one() -> None:
    giant = (HOSTILE + " سيناء 16 ") * 300
    doc = Document()
    doc.section().add(bold("Quote: "), quote(giant), link(" source", "https://t.me/naba/373"))
    messages = render_telegram(doc)
    assert len(messages) > 2
    assert all(len(m) <= TELEGRAM_LIMIT for m in messages)
    visible = "".join(checked(m) for m in messages)
    assert visible.replace("\u2068", "").replace("\u2069", "").replace("“", "").replace("”", "") == (
        "Quote: " + giant + " source")
    assert all(m.startswith("<") for m in messages)  # each piece opens its own tag


def test_a_smaller_limit_is_respected_too() -> None:
    doc = Document.of(*[f"line {i} " + "&" * 50 for i in range(100)])
    messages = render_telegram(doc, limit=500)
    assert all(len(m) <= 500 for m in messages)
    assert html.unescape("\n".join(messages)).splitlines() == [f"line {i} " + "&" * 50 for i in range(100)]


def test_an_arabic_document_starts_each_line_right_to_left_and_isolates_english_runs() -> None:
    doc = Document(language="ar")
    doc.section("الهجمات حسب المنطقة").add(Span("West Africa: 4 ↓ (6)"))
    [message] = render_telegram(doc)
    title, line = message.splitlines()
    assert title == "\u200f<b>الهجمات حسب المنطقة</b>"
    assert line == "\u200f\u2068West Africa\u2069: \u20664\u2069 ↓ (\u20666\u2069)"
