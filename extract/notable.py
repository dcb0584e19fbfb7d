"""Why a claim is notable, from the analysts' lexicon (config/data/notable.yaml).

The lexicon's terms are compiled once into one regular expression over
normalised text; a claim is notable when its target or clause names a listed
kind of place or person, when it happened in a capital, or when its sentence
reports mass casualties.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from claimwatch.config.resources import load_lexicon
from claimwatch.extract.guard import guarded
from claimwatch.extract.normalize import CLITIC_PREFIX, normalize_word

CAPITAL_REASON = "capital"
MASS_CASUALTY_REASON = "mass casualties"


@dataclass(frozen=True)
class Lexicon:
    """The compiled lexicon: one pattern for every term, and the rules that need no terms."""

    pattern: re.Pattern[str] | None
    reason_of: dict[str, tuple[str, ...]]
    capitals: frozenset[str]
    killed_threshold: float
    either_threshold: float


def compile_lexicon(data: Any) -> Lexicon:
    """Build a Lexicon from the YAML structure of notable.yaml; unknown keys and malformed
    entries are ignored, so an analyst's slip cannot stop the extractor."""
    if not isinstance(data, dict):
        data = {}
    reason_of: dict[str, list[str]] = {}
    for category in data.get("categories") or []:
        if not isinstance(category, dict):
            continue
        reason = str(category.get("reason", "")).strip()
        for term in category.get("terms") or []:
            key = normalize_word(str(term))
            if key and reason and reason not in reason_of.setdefault(key, []):
                reason_of[key].append(reason)
    for term in data.get("capital_terms") or []:
        key = normalize_word(str(term))
        if key and CAPITAL_REASON not in reason_of.setdefault(key, []):
            reason_of[key].append(CAPITAL_REASON)
    pattern = None
    if reason_of:
        alternatives = "|".join(re.escape(term) for term in sorted(reason_of, key=len, reverse=True))
        pattern = guarded(re.compile(rf"(?<!\w){CLITIC_PREFIX}({alternatives})(?!\w)"))
    casualties = data.get("mass_casualties")
    casualties = casualties if isinstance(casualties, dict) else {}
    return Lexicon(
        pattern,
        {term: tuple(reasons) for term, reasons in reason_of.items()},
        frozenset(str(name) for name in data.get("capitals") or []),
        _threshold(casualties.get("killed"), 10),
        _threshold(casualties.get("killed_or_wounded"), 30),
    )


def _threshold(value: Any, default: float) -> float:
    try:
        return float(value) if value is not None else default
    except (TypeError, ValueError):
        return default


@functools.cache
def lexicon() -> Lexicon:
    """The packaged (or CLAIMWATCH_LEXICON_FILE) lexicon, compiled on first use."""
    return compile_lexicon(load_lexicon() or {})


class TermIndex:
    """Lexicon terms of one article, looked up by character range."""

    def __init__(self, text: str, compiled: Lexicon) -> None:
        self.text = text
        self.lexicon = compiled

    def reasons_between(self, start: int, end: int) -> list[str]:
        """Reasons of the terms found in text[start:end] (whole words), in order."""
        if self.lexicon.pattern is None:
            return []
        return [reason for match in self.lexicon.pattern.finditer(self.text, start, end)
                for reason in self.lexicon.reason_of[match.group(1)]]
