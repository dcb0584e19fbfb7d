"""/lang: each chat picks the language of its digest labels; quotes stay as written."""

from __future__ import annotations

from datetime import date

from claimwatch.digest.render_text import render_text
from tests.handlers.stored_figures import Claim, Figure, store
from tests.handlers.test_digest import ask


async def test_a_chat_switches_to_arabic_and_back_and_other_chats_keep_english(ctx) -> None:
    await store(ctx.db, date(2023, 1, 12), [Figure("attacks", 16, "2023-W01")],
                [Claim("the ministry", "Kabul", "2023-W01", quote="they attacked the ministry")],
                publication="al-Naba", number=373)
    answer = render_text((await ask(ctx, "/lang ar")).document)
    assert answer.startswith("\u200fأصبحت عناوين الملخصات")
    arabic = render_text((await ask(ctx, "/digest")).document)
    assert arabic.splitlines()[0] == ("\u200fالملخص الأسبوعي \u20662023-W01\u2069 "
                                      "(\u20662\u2069–\u20668\u2069 يناير \u20662023\u2069)")
    assert "“\u2068they attacked the ministry\u2069”" in arabic
    assert "\u2068al-Naba 373, 2023-01-12\u2069" in arabic
    other_chat = render_text((await ask(ctx, "/digest", chat="-200")).document)
    assert other_chat.startswith("Weekly digest 2023-W01")
    switched = render_text((await ask(ctx, "/lang English")).document)
    assert switched.startswith("Digests and trends in this chat now have English labels")
    assert render_text((await ask(ctx, "/digest")).document).startswith("Weekly digest 2023-W01")


async def test_lang_alone_says_the_current_language(ctx) -> None:
    assert render_text((await ask(ctx, "/lang")).document) == (
        "This chat's digest labels are in English. Send /lang ar for Arabic.")
    await ask(ctx, "/lang العربية")
    assert "بالعربية" in render_text((await ask(ctx, "/lang")).document)


async def test_an_unknown_language_gets_the_usage_in_the_current_one(ctx) -> None:
    assert render_text((await ask(ctx, "/lang fr")).document).startswith("Usage: /lang ar or /lang en")
