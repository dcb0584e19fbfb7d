"""Telegram HTML: every piece of user text escaped, messages split on line boundaries under 4096."""

from __future__ import annotations

import html

from claimwatch.digest.document import Document, Line, Span
from claimwatch.digest.rtl import isolate

TELEGRAM_LIMIT = 4096
_TAGS = {"bold": ("<b>", "</b>"), "italic": ("<i>", "</i>"), "code": ("<code>", "</code>"),
         "quote": ("<i>“", "”</i>"), "plain": ("", "")}


def _safe_url(url: str) -> str | None:
    return url if url.lower().startswith(("http://", "https://", "tg://")) else None


def render_span(span: Span) -> str:
    """One span as HTML; links only for http(s) and tg:// addresses."""
    opening, closing = _TAGS[span.style]
    body = f"{opening}{html.escape(isolate(span.text), quote=False)}{closing}"
    url = _safe_url(span.url) if span.url else None
    return f'<a href="{html.escape(url, quote=True)}">{body}</a>' if url else body


def _pieces(span: Span, limit: int) -> list[Span]:
    """A span cut so that each piece renders within `limit` characters."""
    budget = max(1, (limit - 64) // 6)  # "&amp;" is 5 characters per source character, plus tags
    return [Span(span.text[i:i + budget], span.style, span.url) for i in range(0, len(span.text), budget)]


def _render_line(line: Line, limit: int) -> list[str]:
    rendered = "".join(render_span(s) for s in line)
    if len(rendered) <= limit:
        return [rendered]
    out: list[str] = []
    current = ""
    for piece in (p for s in line for p in _pieces(s, limit)):
        part = render_span(piece)
        if current and len(current) + len(part) > limit:
            out.append(current)
            current = ""
        current += part
    return [*out, current] if current else out


def render_telegram(document: Document, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """The document as one or more HTML messages, each at most `limit` characters, never cut in a tag."""
    lines: list[str] = []
    for section in document.sections:
        if lines:
            lines.append("")
        if section.title:
            lines.append(f"<b>{html.escape(isolate(section.title), quote=False)}</b>")
        for line in section.lines:
            lines.extend(_render_line(line, limit))
    return _pack(lines, limit)


def _pack(lines: list[str], limit: int) -> list[str]:
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
