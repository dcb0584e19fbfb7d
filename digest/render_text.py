"""Plain text: the console, logs and the fallback `text` of platform messages."""

from __future__ import annotations

from claimwatch.digest.document import Document, Line, Span
from claimwatch.digest.labels import RTL_LANGUAGES
from claimwatch.digest.rtl import for_line, line_start


def render_span(span: Span, rtl: bool = False) -> str:
    text = for_line(span.text, rtl, verbatim=span.style == "quote")
    if span.style == "quote":
        text = f"“{text}”"
    if span.url:
        text = f"{text} <{span.url}>"
    return text


def render_line(line: Line, rtl: bool = False) -> str:
    return line_start(rtl) + "".join(render_span(s, rtl) for s in line)


def render_text(document: Document) -> str:
    """The document as plain lines, sections separated by a blank line."""
    rtl = document.language in RTL_LANGUAGES
    blocks = []
    for section in document.sections:
        lines = [render_line((Span(section.title),), rtl)] if section.title else []
        lines.extend(render_line(line, rtl) for line in section.lines)
        blocks.append("\n".join(lines))
    return "\n\n".join(b for b in blocks if b)
