"""Fetching the article behind a link, without letting a link reach into our own network.

Every hop is checked before it is requested: http or https only, the host's every
address public (unless CLAIMWATCH_ALLOW_PRIVATE_LINKS), and the request goes to the
address that was checked — so a DNS answer that changes between the check and the
connection cannot redirect us inward. Redirects are followed by hand, capped, and
each one is checked the same way. The body is read as a stream and cut off at 5 MB.
trafilatura's extraction is CPU work, so it runs in a worker thread.
"""

from __future__ import annotations

import asyncio
import ipaddress
import re
import socket
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin, urlsplit

import httpx
import trafilatura

TIMEOUT_SECONDS = 10.0
MAX_BYTES = 5 * 1024 * 1024
MAX_REDIRECTS = 5
REDIRECT_STATUSES = {301, 302, 303, 307, 308}
HTML_TYPES = ("text/html", "application/xhtml+xml")
USER_AGENT = "ClaimWatch/0.1 (+article fetcher for analysts' forwards)"
_ONLY_A_LINK = re.compile(r"^\s*<?(https?://[^\s<>|]+)(?:\|[^<>]*)?>?\s*$", re.IGNORECASE)  # also <url|label>


class LinkError(Exception):
    """Why a link gave no article, in one sentence a user can read."""


@dataclass(frozen=True)
class Page:
    """The article text of a fetched page, and what the page says about itself."""

    url: str
    final_url: str
    text: str
    published: date | None


def only_link(text: str) -> str | None:
    """The URL when a message is nothing but one link (Slack's <url|label> form too)."""
    match = _ONLY_A_LINK.match(text)
    return match.group(1) if match else None


def is_public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Routable on the internet: not private, loopback, link-local, reserved, shared or multicast."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_global and not address.is_multicast


async def checked_address(url: httpx.URL, allow_private: bool) -> str:
    """The address to connect to for this URL, after checking every address its host has."""
    if url.scheme not in ("http", "https"):
        raise LinkError(f"Only http and https links can be fetched, not {url.scheme}:.")
    host = url.host
    if not host:
        raise LinkError("The link has no host name.")
    try:
        port = url.port or (443 if url.scheme == "https" else 80)
        infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise LinkError(f"The address {host} could not be found.") from None
    addresses = [ipaddress.ip_address(info[4][0]) for info in infos]
    refused = [a for a in addresses if not is_public(a)]
    if refused and not allow_private:
        raise LinkError(f"{host} points to a private or local address ({refused[0]}); "
                        "links into private networks are refused.")
    return str(addresses[0])


async def _get(client: httpx.AsyncClient, url: httpx.URL, allow_private: bool) -> httpx.Response:
    """One hop, sent to the checked address with the original host name for Host and TLS."""
    address = await checked_address(url, allow_private)
    pinned = url.copy_with(host=address)
    request = client.build_request(
        "GET", pinned, headers={"Host": url.netloc.decode("ascii")}, extensions={"sni_hostname": url.host}
    )
    return await client.send(request, stream=True)


async def _read_capped(response: httpx.Response) -> bytes:
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_BYTES:
        raise LinkError(f"The page is larger than {MAX_BYTES // 1024 // 1024} MB; send its text instead.")
    body = bytearray()
    async for chunk in response.aiter_bytes():
        body += chunk
        if len(body) > MAX_BYTES:
            raise LinkError(f"The page is larger than {MAX_BYTES // 1024 // 1024} MB; send its text instead.")
    return bytes(body)


async def download(url: str, allow_private: bool = False,
                   transport: httpx.AsyncBaseTransport | None = None) -> tuple[str, str, bytes]:
    """(final URL, content type, body) of a page, following at most MAX_REDIRECTS checked redirects."""
    current = httpx.URL(url)
    async with httpx.AsyncClient(transport=transport, trust_env=False, follow_redirects=False,
                                 timeout=TIMEOUT_SECONDS, headers={"User-Agent": USER_AGENT}) as client:
        for _hop in range(MAX_REDIRECTS + 1):
            response = await _get(client, current, allow_private)
            try:
                location = response.headers.get("location")
                if response.status_code in REDIRECT_STATUSES and location:
                    current = httpx.URL(urljoin(str(current), location))
                    continue
                if response.status_code >= 400:
                    raise LinkError(f"The site answered {response.status_code} {response.reason_phrase}.")
                content_type = response.headers.get("content-type", "text/html").split(";")[0].strip().lower()
                return str(current), content_type, await _read_capped(response)
            finally:
                await response.aclose()
    raise LinkError(f"The link redirects more than {MAX_REDIRECTS} times.")


def extract_page(body: bytes, content_type: str, url: str) -> tuple[str, date | None]:
    """The article text of a page (title first) and the date the page gives, if any."""
    if content_type == "text/plain":
        return body.decode("utf-8", errors="replace").strip(), None
    if content_type not in HTML_TYPES:
        raise LinkError(f"The link is not a web page ({content_type}); send the article's text instead.")
    found = trafilatura.bare_extraction(body, url=url, with_metadata=True, include_comments=False,
                                        include_tables=False)
    text = (found.text or "").strip() if found else ""
    if not text:
        raise LinkError("No article text was found on that page; send the article's text instead.")
    title = (found.title or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n{text}"
    return text, _page_date(found.date)


def _page_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


async def fetch_page(url: str, allow_private: bool = False,
                     transport: httpx.AsyncBaseTransport | None = None) -> Page:
    """Fetch a link and extract its article; LinkError says why not, in words for the user."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise LinkError("Only http and https links can be fetched.")
    try:
        async with asyncio.timeout(TIMEOUT_SECONDS):
            final_url, content_type, body = await download(url, allow_private, transport)
    except TimeoutError:
        raise LinkError(f"The site did not answer within {TIMEOUT_SECONDS:g} seconds.") from None
    except httpx.InvalidURL as exc:
        raise LinkError(f"That is not a valid link ({exc}).") from None
    except httpx.HTTPError as exc:
        raise LinkError(f"The page could not be fetched ({type(exc).__name__}: {exc}).") from None
    try:
        text, published = await asyncio.to_thread(extract_page, body, content_type, final_url)
    except LinkError:
        raise
    except Exception as exc:  # a page trafilatura chokes on is still just a page we could not read
        raise LinkError(f"The page could not be read ({type(exc).__name__}).") from exc
    return Page(url, final_url, text, published)
