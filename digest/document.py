"""A platform-neutral message: sections of lines of styled spans, rendered per platform.

Handlers build a Document; each transport picks the renderer for its format
(plain text, Telegram HTML, Slack Block Kit), so no handler formats for one platform.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Style = Literal["plain", "bold", "italic", "code", "quote"]


@dataclass(frozen=True)
class Span:
    """A run of text in one style, optionally a link."""

    text: str
    style: Style = "plain"
    url: str | None = None


Line = tuple[Span, ...]


@dataclass
class Section:
    """A titled block of lines."""

    title: str | None = None
    lines: list[Line] = field(default_factory=list)

    def add(self, *spans: Span | str) -> Section:
        """Append one line; plain strings become plain spans."""
        self.lines.append(tuple(s if isinstance(s, Span) else Span(s) for s in spans))
        return self


@dataclass
class Document:
    """What a reply says; `language` picks label direction ("ar" is right to left)."""

    sections: list[Section] = field(default_factory=list)
    language: str = "en"

    def section(self, title: str | None = None) -> Section:
        """Start a new section and return it for chaining."""
        new = Section(title)
        self.sections.append(new)
        return new

    @classmethod
    def of(cls, *lines: str, title: str | None = None, language: str = "en") -> Document:
        """A document of plain lines: answers, refusals, errors."""
        doc = cls(language=language)
        section = doc.section(title)
        for line in lines:
            section.add(line)
        return doc


def bold(text: str) -> Span:
    return Span(text, "bold")


def italic(text: str) -> Span:
    return Span(text, "italic")


def code(text: str) -> Span:
    return Span(text, "code")


def quote(text: str) -> Span:
    return Span(text, "quote")


def link(text: str, url: str) -> Span:
    return Span(text, "plain", url)
