"""Telegram HTML: every piece of user text escaped, messages split on line boundaries under 4096.

A line too long for one message is cut between spans (or inside a span's text, each piece
getting its own tags), never inside a tag or an entity.
"""

from __future__ import annotations

import html

from claimwatch.digest.document import Document, Line, Span
from claimwatch.digest.labels import RTL_LANGUAGES
from claimwatch.digest.rtl import for_line, line_start

TELEGRAM_LIMIT = 4096
_TAGS = {"bold": ("<b>", "</b>"), "italic": ("<i>", "</i>"), "code": ("<code>", "</code>"),
         "quote": ("<i>“", "”</i>"), "plain": ("", "")}
_WORST_GROWTH = 8  # "&amp;" is 5 characters for 1, plus the isolates around numbers and runs


def _safe_url(url: str) -> str | None:
    return url if url.lower().startswith(("http://", "https://", "tg://")) else None


def render_span(span: Span, rtl: bool = False) -> str:
    """One span as HTML; links only for http(s) and tg:// addresses."""
    opening, closing = _TAGS[span.style]
    text = for_line(span.text, rtl, verbatim=span.style == "quote")
    body = f"{opening}{html.escape(text, quote=False)}{closing}"
    url = _safe_url(span.url) if span.url else None
    return f'<a href="{html.escape(url, quote=True)}">{body}</a>' if url else body


def _pieces(span: Span, limit: int) -> list[Span]:
    """A span cut so that each piece renders within `limit` characters."""
    overhead = 64 + len(span.url or "") * 2
    budget = max(1, (limit - overhead) // _WORST_GROWTH)
    return [Span(span.text[i:i + budget], span.style, span.url) for i in range(0, len(span.text), budget)]


def _render_line(line: Line, limit: int, rtl: bool) -> list[str]:
    """One document line as one HTML line, or several when it does not fit one message."""
    start = line_start(rtl)
    rendered = start + "".join(render_span(s, rtl) for s in line)
    if len(rendered) <= limit:
        return [rendered]
    out: list[str] = []
    current = start
    for piece in (p for s in line for p in _pieces(s, limit)):
        part = render_span(piece, rtl)
        if current != start and len(current) + len(part) > limit:
            out.append(current)
            current = start
        current += part
    return [*out, current] if current != start else out


def render_telegram(document: Document, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """The document as one or more HTML messages, each at most `limit` characters, never cut in a tag."""
    rtl = document.language in RTL_LANGUAGES
    lines: list[str] = []
    for section in document.sections:
        if lines:
            lines.append("")
        if section.title:
            lines.extend(_render_line((Span(section.title, "bold"),), limit, rtl))
        for line in section.lines:
            lines.extend(_render_line(line, limit, rtl))
    return _pack(lines, limit)


def _pack(lines: list[str], limit: int) -> list[str]:
    """Lines gathered into messages of at most `limit` characters, cut only between lines."""
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        if current and size + 1 + len(line) > limit:
            messages.append("\n".join(current).strip("\n"))
            current, size = [], 0
        current.append(line)
        size += len(line) + 1
    if current:
        messages.append("\n".join(current).strip("\n"))
    return [m for m in messages if m] or [""]
