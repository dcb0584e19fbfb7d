"""Plain text: the console, logs and the fallback `text` of platform messages."""

from __future__ import annotations

from claimwatch.digest.document import Document, Line, Span
from claimwatch.digest.rtl import isolate


def render_span(span: Span) -> str:
    text = isolate(span.text)
    if span.style == "quote":
        text = f"“{text}”"
    if span.url:
        text = f"{text} <{span.url}>"
    return text


def render_line(line: Line) -> str:
    return "".join(render_span(s) for s in line)


def render_text(document: Document) -> str:
    """The document as plain lines, sections separated by a blank line."""
    blocks = []
    for section in document.sections:
        lines = [section.title] if section.title else []
        lines.extend(render_line(line) for line in section.lines)
        blocks.append("\n".join(lines))
    return "\n\n".join(b for b in blocks if b)
