"""The extractor's entry point: one text in, one Analysis out.

Any string is accepted and nothing raises: text that is mostly control bytes is
treated as binary and yields an empty Analysis; only the first MAX_CHARS
characters are read (longer input is far past any article). Every matcher is
linear and looks at most a few dozen words around a figure, so the cap bounds
one call to about a second even for run-on text without a full stop.
"""

from __future__ import annotations

import re
from datetime import date

from claimwatch.extract.claims import build_claims, collect_claims
from claimwatch.extract.document import read_document
from claimwatch.extract.figures import read_candidates
from claimwatch.extract.language import detect_language
from claimwatch.extract.model import Analysis
from claimwatch.extract.notable import lexicon
from claimwatch.extract.periods import reported_week
from claimwatch.extract.placement import place_candidates
from claimwatch.extract.source_issue import find_source_issue
from claimwatch.extract.statistics import article_focus, settle_periods, statistics

EXTRACTOR_VERSION = "0.2.0"
MAX_CHARS = 200_000
"""Characters read from one input; the rest is ignored (about fifty long articles' worth)."""

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_MARKUP = re.compile(r"<[^<>\n]{0,300}>|&(?:nbsp|amp|quot|lt|gt|#\d{1,6});")


def analyze(text: str, published: date | None = None) -> Analysis:
    """Analyse `text` published on `published` (None when unknown)."""
    if not isinstance(text, str):
        text = ""
    text = text[:MAX_CHARS]
    week = reported_week(published) if published else None
    empty = Analysis(language="und", published=published, extractor_version=EXTRACTOR_VERSION,
                     reported_week=week)
    if _looks_binary(text):
        return empty
    language = detect_language(text)
    if language == "und":
        return empty
    doc = read_document(_blank_markup(text))
    doc.norm.original = text
    candidates = read_candidates(doc)
    place_candidates(doc, candidates)
    settle_periods(doc, candidates)
    found_claims = collect_claims(doc, candidates)
    focus = article_focus(doc, candidates, [(c.first, c.place.name) for c in found_claims if c.place])
    return Analysis(
        language=language,
        published=published,
        extractor_version=EXTRACTOR_VERSION,
        reported_week=week,
        source_issue=find_source_issue(doc.norm.text, doc.words),
        regions=doc.regions,
        statistics=statistics(doc, candidates, focus, published),
        claims=build_claims(doc, found_claims, lexicon(), focus),
    )


def _looks_binary(text: str) -> bool:
    """More than one control byte in ten: not an article."""
    sample = text[:4096]
    return bool(sample) and len(_CONTROL.findall(sample)) * 10 > len(sample)


def _blank_markup(text: str) -> str:
    """HTML tags and entities replaced by spaces of the same length, so offsets stay exact."""
    if "<" not in text and "&" not in text:
        return text
    return _MARKUP.sub(lambda match: " " * len(match.group()), text)
