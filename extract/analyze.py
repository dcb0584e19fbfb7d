"""The extractor's entry point: one text in, one Analysis out."""

from __future__ import annotations

from datetime import date

from claimwatch.extract.language import detect_language
from claimwatch.extract.model import Analysis

EXTRACTOR_VERSION = "0.1.0"


def analyze(text: str, published: date | None = None) -> Analysis:
    """Analyse `text` published on `published` (None when unknown)."""
    return Analysis(language=detect_language(text), published=published, extractor_version=EXTRACTOR_VERSION)
