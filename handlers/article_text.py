"""Checks on what a user sends before it is stored: a clear answer for what is not an article."""

from __future__ import annotations

import hashlib
import unicodedata
from itertools import islice

from claimwatch.extract.normalize import normalize

MAX_ARTICLE_CHARS = 200_000
MIN_LETTERS = 3


def problem_with(text: str) -> str | None:
    """Why this text cannot be stored as an article, in one line, or None when it can."""
    if "\x00" in text:
        return "This looks like binary data (it holds NUL bytes), not an article; send the text itself."
    if not text.strip():
        return "The message is empty; forward or paste an article's text or link."
    if len(text) > MAX_ARTICLE_CHARS:
        return (f"The text is {len(text):,} characters long; the limit is {MAX_ARTICLE_CHARS:,}. "
                "Split it or send a link.")
    letters = (ch for ch in text[:10_000] if unicodedata.category(ch).startswith("L"))
    if len(list(islice(letters, MIN_LETTERS))) < MIN_LETTERS:  # stops at the third letter: ingest is hot
        return "There is no text to read here (no words); forward an article's text or link."
    return None


def text_hash(text: str) -> str:
    """Hash of the normalised text with whitespace collapsed: the same article however it was forwarded."""
    folded = " ".join(normalize(text).text.split())
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()
