"""Links: a bare link is fetched (from a site on 127.0.0.1 here); what fails is kept for refetch."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import select

from claimwatch.digest.render_text import render_text
from claimwatch.handlers.context import Context
from claimwatch.handlers.ingest import handle, refetch
from claimwatch.handlers.links import LinkError, fetch_page, only_link
from claimwatch.handlers.types import Incoming
from claimwatch.storage.db import Database
from claimwatch.storage.models import Article, Sighting
from tests.conftest import FixedClock, make_settings
from tests.handlers.link_pages import AR_SENTENCE, EN_PAGE, EN_SENTENCE, FOOTER, NewsSite, news_site


@pytest.fixture
def site() -> Iterator[NewsSite]:
    with news_site() as running:
        yield running


@pytest.fixture
def link_ctx(db: Database, clock: FixedClock) -> Context:
    """A context that may fetch from 127.0.0.1, as the test site needs."""
    return Context(settings=make_settings(database_url=db.url, allow_private_links=True), db=db, clock=clock)


def link_message(url: str, chat: str = "c1", message: str = "m1") -> Incoming:
    return Incoming(platform="telegram", chat_id=chat, user_id="u1", message_id=message, text=url,
                    received_at=datetime(2023, 1, 12, 9, 0, tzinfo=UTC), urls=(url,))


async def articles(db: Database) -> list[Article]:
    async with db.session() as session:
        return list(await session.scalars(select(Article).order_by(Article.id)))


@pytest.mark.parametrize(
    ("text", "link"),
    [
        ("https://example.org/a?b=1", "https://example.org/a?b=1"),
        ("  <http://example.org/x>\n", "http://example.org/x"),
        ("<https://example.org/a|example.org/a>", "https://example.org/a"),
        ("Read this: https://example.org/a", None),
        ("ftp://example.org/file", None),
        ("no link at all", None),
    ],
)
def test_only_a_bare_link_counts_as_a_link_message(text: str, link: str | None) -> None:
    assert only_link(text) == link


async def test_an_english_page_gives_its_article_without_the_page_furniture(site: NewsSite) -> None:
    page = await fetch_page(site.url("/en"), allow_private=True)
    assert EN_SENTENCE in page.text
    assert page.text.startswith("IS weekly claims")
    assert FOOTER not in page.text


async def test_an_arabic_page_is_decoded_from_its_meta_charset(site: NewsSite) -> None:
    page = await fetch_page(site.url("/ar"), allow_private=True)
    assert AR_SENTENCE in page.text
    assert FOOTER not in page.text


async def test_a_link_message_stores_the_page_text_and_the_link(link_ctx: Context, site: NewsSite) -> None:
    reply = render_text((await handle(link_ctx, link_message(site.url("/old")))).document)
    [article] = await articles(link_ctx.db)
    assert article.url == site.url("/old")
    assert EN_SENTENCE in article.text
    assert article.fetch_error is None
    assert f"New article #{article.id}" in reply
    assert f"Text fetched from {site.url('/old')}" in reply
    assert site.hits["/en"] == 1  # reached through the redirect


async def test_the_same_link_from_another_chat_is_known_without_fetching_again(
    link_ctx: Context, site: NewsSite
) -> None:
    await handle(link_ctx, link_message(site.url("/ar"), chat="c1"))
    reply = render_text((await handle(link_ctx, link_message(site.url("/ar"), chat="c2"))).document)
    assert "Already known: article #1" in reply
    assert site.hits["/ar"] == 1
    async with link_ctx.db.session() as session:
        assert len(list(await session.scalars(select(Sighting)))) == 2


async def test_a_page_that_fails_is_answered_clearly_and_kept_for_refetch(
    link_ctx: Context, site: NewsSite
) -> None:
    url = site.url("/later")
    reply = render_text((await handle(link_ctx, link_message(url))).document)
    [stored] = await articles(link_ctx.db)
    assert f"Could not fetch {url}: The site answered 404 Not Found." in reply
    assert "claimwatch refetch" in reply
    assert (stored.url, stored.fetch_error) == (url, "The site answered 404 Not Found.")

    site.pages["/later"] = (200, "text/html; charset=utf-8", EN_PAGE)
    result = await refetch(link_ctx, stored.id, url)
    [fetched] = await articles(link_ctx.db)
    assert result.error is None
    assert fetched.id == stored.id
    assert fetched.fetch_error is None
    assert EN_SENTENCE in fetched.text
    assert fetched.analyzed_at is not None


async def test_links_into_the_local_network_are_refused_by_default(ctx: Context, site: NewsSite) -> None:
    reply = render_text((await handle(ctx, link_message(site.url("/en")))).document)
    assert "points to a private or local address (127.0.0.1)" in reply
    assert site.hits["/en"] == 0
    [stored] = await articles(ctx.db)
    assert stored.fetch_error is not None


@pytest.mark.parametrize(
    "target", ["{site}/en", "http://169.254.169.254/latest/meta-data/", "http://localhost:9/"]
)
async def test_a_redirect_to_a_private_address_is_refused_before_it_is_followed(
    site: NewsSite, target: str
) -> None:
    """A public site (a global address, served by httpx's test transport) that redirects inward."""
    def public_site(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": target.format(site=site.base)})

    with pytest.raises(LinkError, match="private or local address"):
        await fetch_page("http://93.184.215.14/story", transport=httpx.MockTransport(public_site))
    assert site.hits["/en"] == 0


async def test_the_public_hop_itself_is_fetched_normally() -> None:
    def public_site(request: httpx.Request) -> httpx.Response:
        assert request.headers["host"] == "93.184.215.14"
        return httpx.Response(200, headers={"Content-Type": "text/html"}, text=EN_PAGE)

    page = await fetch_page("http://93.184.215.14/story", transport=httpx.MockTransport(public_site))
    assert EN_SENTENCE in page.text


@pytest.mark.parametrize(
    ("path", "message"),
    [("/loop", "redirects more than 5 times"), ("/big", "larger than 5 MB"),
     ("/report.pdf", "not a web page (application/pdf)"), ("/missing", "answered 404")],
)
async def test_pages_that_cannot_give_an_article_say_why(site: NewsSite, path: str, message: str) -> None:
    with pytest.raises(LinkError, match=message.replace("(", r"\(").replace(")", r"\)")):
        await fetch_page(site.url(path), allow_private=True)


async def test_only_http_and_https_are_fetched() -> None:
    with pytest.raises(LinkError, match="Only http and https"):
        await fetch_page("file:///etc/passwd", allow_private=True)
