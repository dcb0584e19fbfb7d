"""One article read once: normalised text, tokens, numbers, place names and period phrases.

The statistics and claims matchers share this view, so each costs one pass over
the text and they agree on where sentences end and which words name places.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, field
from typing import NamedTuple

from claimwatch.extract import vocabulary as vocab
from claimwatch.extract.anchors import WordIndex
from claimwatch.extract.model import RegionFound, Span
from claimwatch.extract.normalize import Normalized, normalize
from claimwatch.extract.numbers import NumberMention, find_numbers
from claimwatch.extract.periods import PeriodMarker, document_period, find_markers
from claimwatch.extract.regions import find_regions, regions_found
from claimwatch.extract.segments import Segmented, segment

WINDOW = 80
"""Tokens a matcher looks back over at most; sentences are shorter, run-on text is cut off."""


class Place(NamedTuple):
    """One mention of a gazetteer region, placed on the token grid."""

    name: str
    first: int  # token indexes, inclusive
    last: int
    locative: bool  # "in X", "في محافظة X", "بولاية X": the place where something happened
    qualifier: bool  # "(eastern Syria)" right after another place: it only locates that place
    attributive: bool  # "US officials", "قوات سوريا الديمقراطية": a modifier, not a location

    @property
    def usable(self) -> bool:
        """A place a figure or claim can happen in (not a bracketed qualifier, not "US officials")."""
        return not self.qualifier and not self.attributive


@dataclass
class Document:
    """Everything the matchers need about one article."""

    norm: Normalized
    seg: Segmented
    numbers: list[NumberMention]
    places: list[Place]
    regions: tuple[RegionFound, ...]
    markers: list[PeriodMarker]
    default_period: str
    words: WordIndex
    parents: dict[str, tuple[str, ...]] = field(default_factory=dict)
    _firsts: list[int] = field(default_factory=list, repr=False)
    _by_first: dict[int, Place] = field(default_factory=dict, repr=False)
    _by_last: dict[int, Place] = field(default_factory=dict, repr=False)
    _words: list[str] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        seg = self.seg
        self._words = [text if kind != "p" else "" for kind, text in zip(seg.kinds, seg.texts, strict=True)]
        self._firsts = [place.first for place in self.places]
        self._by_first = {place.first: place for place in self.places if place.usable}
        self._by_last = {place.last: place for place in self.places if place.usable}

    def place_starting(self, index: int) -> Place | None:
        """The usable place (a location, not a qualifier or modifier) whose first token is `index`."""
        return self._by_first.get(index)

    def place_ending(self, index: int) -> Place | None:
        return self._by_last.get(index)

    def places_between(self, first: int, end: int) -> list[Place]:
        """Places whose first token lies in [first, end), in text order."""
        return self.places[bisect.bisect_left(self._firsts, first) : bisect.bisect_left(self._firsts, end)]

    def window_start(self, index: int) -> int:
        """Where a backward look from token `index` stops: its sentence start, at most WINDOW tokens back
        (so a text without full stops cannot make the matchers quadratic)."""
        return max(self.seg.sentence_range(index)[0], index - WINDOW)

    def span(self, first: int, last: int) -> Span:
        """Original-text evidence for the tokens first..last."""
        tokens = self.seg.tokens
        start, end = self.norm.original_span(tokens[first].start, tokens[last].end)
        return Span(start, end, self.norm.original[start:end])

    def word(self, index: int) -> str:
        """The token's text when it is a word or a number, else ""."""
        return self._words[index] if 0 <= index < len(self._words) else ""

    def text(self, index: int) -> str:
        """The token's text, punctuation included, or "" outside the text."""
        return self.seg.tokens[index].text if 0 <= index < len(self.seg.tokens) else ""


def read_document(text: str) -> Document:
    """Normalise, tokenise and find numbers, places and period phrases in `text`."""
    norm = normalize(text)
    seg = segment(norm.text)
    hits = find_regions(norm)
    regions = regions_found(hits, norm)
    parents = {region.name: region.parents for region in regions}
    places = [_place(seg, hit.start, hit.end, hit.name) for hit in hits]
    words = WordIndex(seg)
    markers = find_markers(norm.text, words)
    return Document(norm, seg, find_numbers(seg), _mark_qualifiers(seg, places, parents), regions,
                    markers, document_period(markers), words, parents)


def _place(seg: Segmented, start: int, end: int, name: str) -> Place:
    """A region hit on the token grid, with how the words around it use it."""
    first = seg.token_at(start)
    last = max(first, seg.token_at(max(start, end - 1)))
    tokens = seg.tokens
    prefix = tokens[first].text[: max(0, start - tokens[first].start)]
    locative = _is_locative(seg, first, prefix)
    after = tokens[last + 1].text if last + 1 < len(tokens) else ""
    before = tokens[first - 1].text if first > 0 else ""
    attributive = (after in vocab.ATTRIBUTIVE_AFTER or (after == "-" and not prefix)) or (
        not prefix and before in vocab.ATTRIBUTIVE_BEFORE
    )
    return Place(name, first, last, locative, False, attributive)


def _is_locative(seg: Segmented, first: int, prefix: str) -> bool:
    """A preposition (في، in, at, ب…) before the place, past at most four filler words."""
    if "ب" in prefix or prefix.endswith("في"):
        return True
    tokens = seg.tokens
    index = first - 1
    if first > 0 and (tokens[index].text in vocab.DIRECTIONS or (
            tokens[index].text == "of" and first > 1 and tokens[index - 1].text in vocab.DIRECTIONS)):
        return True  # "شمال بغداد", "north of Baghdad": a direction places what happened
    for _ in range(5):
        if index < 0:
            return False
        word = tokens[index].text
        if word in vocab.LOCATIVE:
            return True
        bare = word[1:] if word[:1] == "و" else word
        if bare[:1] == "ب" and (bare[1:] in vocab.PLACE_FILLERS or bare[1:].startswith("ال")):
            return True
        if word not in vocab.PLACE_FILLERS and not _is_nisba(word):
            return False
        index -= 1
    return False


def _is_nisba(word: str) -> bool:
    """An Arabic relative adjective like الأفغانية (normalised الافغانيه) between a noun and a place."""
    return word.startswith("ال") and word.endswith("يه") and len(word) > 5


def _mark_qualifiers(seg: Segmented, places: list[Place], parents: dict[str, tuple[str, ...]]) -> list[Place]:
    """Flag places that only locate another: "Deir ez Zor (eastern Syria)", "سيناء المصرية",
    "العاصمة الأفغانية كابول" (of two adjacent places, the one containing the other)."""
    tokens = seg.tokens
    place_ends = {place.last for place in places}
    asides: list[tuple[int, int]] = []  # token ranges of brackets opened right after a place
    depth = opened = 0
    for index in seg.brackets:
        text = tokens[index].text
        if text == "(":
            if depth == 0:
                opened = index if (index - 1) in place_ends else -1
            depth += 1
        elif depth:
            depth = depth - 1 if text == ")" else 0
            if depth == 0 and opened >= 0:
                asides.append((opened, index))
    opens = [start for start, _ in asides]
    inside = {place.first for place in places
              if (at := bisect.bisect_left(opens, place.first) - 1) >= 0 and place.first < asides[at][1]}
    containing = set()
    for before, after in itertools.pairwise(places):
        if after.first == before.last + 1 and not tokens[after.first].text.startswith("و"):
            if after.name in parents.get(before.name, ()):
                containing.add(after.first)
            elif before.name in parents.get(after.name, ()):
                containing.add(before.first)
    flagged = inside | containing
    return [place._replace(qualifier=True) if place.first in flagged else place for place in places]
