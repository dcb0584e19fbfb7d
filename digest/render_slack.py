"""Slack Block Kit: mrkdwn escaped, mentions neutralised, within Slack's block and text limits.

Slack has no escape for * _ ~ `, so each is fenced with zero-width spaces, which breaks
the formatting whichever way Slack treats them; &, < and > become entities, so
`<!channel>`, `<@U123>` and `<#C123>` are shown, never acted on; a bare @channel,
@here or @everyone gets a word joiner after its @.
"""

from __future__ import annotations

import re
from typing import Any

from claimwatch.digest.document import Document, Line, Span
from claimwatch.digest.labels import RTL_LANGUAGES
from claimwatch.digest.render_text import render_text
from claimwatch.digest.rtl import for_line, line_start

MAX_BLOCKS = 50
SECTION_LIMIT = 3000
_WORST_GROWTH = 8  # "&amp;" is 5 characters for 1, plus the isolates around numbers and runs
_FORMATTING = re.compile(r"([*_~`])")
_BROADCAST = re.compile(r"@(channel|here|everyone)\b", re.IGNORECASE)
_STYLES = {
    "bold": ("*", "*"),
    "italic": ("_", "_"),
    "code": ("`", "`"),
    "quote": ("_“", "”_"),
    "plain": ("", ""),
}


def escape_mrkdwn(text: str) -> str:
    """Text that Slack shows as written: no markup, no links, no live mentions or broadcasts."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = _BROADCAST.sub("@\u2060\\1", text)
    return _FORMATTING.sub("\u200b\\1\u200b", text)


def render_span(span: Span, rtl: bool = False) -> str:
    opening, closing = _STYLES[span.style]
    text = escape_mrkdwn(for_line(span.text, rtl, verbatim=span.style == "quote"))
    body = f"{opening}{text}{closing}" if span.text.strip() else text
    if span.url and span.url.lower().startswith(("http://", "https://")):
        url = span.url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")
        return f"<{url}|{body}>"
    return body


def _pieces(span: Span) -> list[Span]:
    """A span cut so that each piece renders within a section's limit."""
    budget = (SECTION_LIMIT - 64 - len(span.url or "")) // _WORST_GROWTH
    return [Span(span.text[i:i + budget], span.style, span.url) for i in range(0, len(span.text), budget)]


def _render_line(line: Line, rtl: bool) -> list[str]:
    """One document line as mrkdwn, or several when it would not fit one section."""
    start = line_start(rtl)
    rendered = start + "".join(render_span(s, rtl) for s in line)
    if len(rendered) <= SECTION_LIMIT:
        return [rendered]
    out: list[str] = []
    current = start
    for part in (render_span(p, rtl) for s in line for p in _pieces(s)):
        if current != start and len(current) + len(part) > SECTION_LIMIT:
            out.append(current)
            current = start
        current += part
    return [*out, current] if current != start else out


def _sections(texts: list[str]) -> list[dict[str, Any]]:
    """Lines (each within the limit) packed into section blocks of at most SECTION_LIMIT characters."""
    blocks: list[dict[str, Any]] = []
    current = ""
    for text in texts:
        if current and len(current) + 1 + len(text) > SECTION_LIMIT:
            blocks.append(_block(current))
            current = ""
        current = f"{current}\n{text}" if current else text
    if current.strip():
        blocks.append(_block(current))
    return blocks


def _block(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text}}


def render_slack(document: Document) -> list[dict[str, Any]]:
    """Block Kit blocks for the document; past 50 blocks the rest is summarised in one last block."""
    rtl = document.language in RTL_LANGUAGES
    blocks: list[dict[str, Any]] = []
    for section in document.sections:
        texts = _render_line((Span(section.title, "bold"),), rtl) if section.title else []
        for line in section.lines:
            texts.extend(_render_line(line, rtl))
        blocks.extend(_sections(texts))
    if len(blocks) > MAX_BLOCKS:
        hidden = len(blocks) - (MAX_BLOCKS - 1)
        blocks = [*blocks[: MAX_BLOCKS - 1], _block(f"_… {hidden} more sections not shown_")]
    return blocks


def fallback_text(document: Document, limit: int = 3000) -> str:
    """The notification text Slack shows beside the blocks."""
    return escape_mrkdwn(render_text(document)[:limit])
