"""Slack Block Kit: mrkdwn escaped, mentions neutralised, within Slack's block and text limits."""

from __future__ import annotations

import re
from typing import Any

from claimwatch.digest.document import Document, Line, Span
from claimwatch.digest.render_text import render_text
from claimwatch.digest.rtl import isolate

MAX_BLOCKS = 50
SECTION_LIMIT = 3000
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


def render_span(span: Span) -> str:
    opening, closing = _STYLES[span.style]
    body = f"{opening}{escape_mrkdwn(isolate(span.text))}{closing}" if span.text.strip() else span.text
    if span.url and span.url.lower().startswith(("http://", "https://")):
        url = span.url.replace("|", "%7C").replace(">", "%3E").replace("<", "%3C")
        return f"<{url}|{body}>"
    return body


def _line(line: Line) -> str:
    return "".join(render_span(s) for s in line)


def _sections(texts: list[str]) -> list[dict[str, Any]]:
    """Lines packed into section blocks of at most SECTION_LIMIT characters."""
    blocks: list[dict[str, Any]] = []
    current = ""
    for text in texts:
        while len(text) > SECTION_LIMIT:
            blocks.append(_block(text[:SECTION_LIMIT]))
            text = text[SECTION_LIMIT:]
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
    blocks: list[dict[str, Any]] = []
    for section in document.sections:
        texts = [f"*{escape_mrkdwn(isolate(section.title))}*"] if section.title else []
        texts.extend(_line(line) for line in section.lines)
        blocks.extend(_sections(texts))
    if len(blocks) > MAX_BLOCKS:
        hidden = len(blocks) - (MAX_BLOCKS - 1)
        blocks = [*blocks[: MAX_BLOCKS - 1], _block(f"_… {hidden} more sections not shown_")]
    return blocks


def fallback_text(document: Document, limit: int = 3000) -> str:
    """The notification text Slack shows beside the blocks."""
    return escape_mrkdwn(render_text(document)[:limit])
