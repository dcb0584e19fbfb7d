"""Which gazetteer places a text names, and where.

One Aho-Corasick pass over the normalised text finds every spelling; the rules
here decide which count:
- whole words only; an Arabic name may carry proclitics (و ف ب ل ك, and ال
  where the name takes the article: "والموصل", "للعراق", "بكابل");
- of overlapping names the longest wins ("North Sinai" over "Sinai",
  "ولاية غرب إفريقيا" over "إفريقيا"), and an excluded phrase such as
  "Hay'at Tahrir al-Sham" hides the place inside it;
- a risky spelling (مالي is also "my money", الرقة "softness") counts only after a
  place word ("محافظة الرقة", "in", "شمال") or in a list beside another place;
- a demonym names its country only as "the Afghan capital" / "العاصمة الأفغانية" or
  right after one of that country's places ("إسطنبول التركية"); never in a person's
  name ("أبو عاصم الباكستاني").
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import NamedTuple

from claimwatch.extract.gazetteer import Gazetteer, Pattern, default_gazetteer, simplify
from claimwatch.extract.model import RegionFound, Span
from claimwatch.extract.normalize import CLITIC_PREFIX, Normalized, normalize, normalize_word


@dataclass(frozen=True)
class RegionHit:
    """One place named in the text."""

    name: str  # canonical English name
    start: int  # offsets in the NORMALISED text (norm.text)
    end: int


class _Candidate(NamedTuple):
    start: int  # after proclitics; with the Arabic article or a Latin "al-"
    end: int
    word_start: int  # before any proclitic
    pattern: Pattern


_CLITICS = re.compile(CLITIC_PREFIX)
_MAX_CLITICS = 4  # "وبال" is the longest run of proclitics
_ARTICLES = ("ال", "لل")
_ARTICLE_ENDINGS = frozenset({"l-", "l ", *(c + "-" for c in "dnrstzh")})  # a cheap test before the regex
_LATIN_ARTICLE = re.compile(r"(?<![a-z])(?:(?:al|el)[- ]|(?:a[dnrstz]|ash|e[dnrstz])-)$")
_LIST_GAP = re.compile(  # ", ", " and ", " و", " (4)، و", "/": places listed one after another
    r"[^\S\n]*(?:(?:\([^()\n]{0,30}\)|[,;/&\-])[^\S\n]*)*(?:(?:and|or)[^\S\n]+|و)?"
)
_PLACE_WORDS_AR = frozenset(normalize_word(w) for w in (
    "ولاية", "محافظة", "مدينة", "بلدة", "قرية", "ريف", "منطقة", "مناطق", "ناحية", "قضاء", "مديرية", "إقليم",
    "مقاطعة", "دولة", "دول", "جمهورية", "عاصمة", "مدن", "بلدات", "قرى", "بادية", "أطراف", "ضواحي",
    "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "في", "إلى", "داخل",
))
_PLACE_WORDS_EN = frozenset((
    "in", "at", "near", "from", "into", "across", "outside", "around", "inside", "of", "province", "state",
    "region", "city", "town", "village", "district", "county", "governorate", "territory", "area",
    "outskirts", "countryside", "north", "south", "east", "west", "northern", "southern", "eastern",
    "western", "central", "northeast", "northwest", "southeast", "southwest", "northeastern",
    "northwestern", "southeastern", "southwestern",
))
_CAPITAL_AR = frozenset({normalize_word("عاصمة")})
_PLACE_NOUNS_EN = frozenset({"capital", "city", "town", "village", "province"})


def find_regions(norm: Normalized, gazetteer: Gazetteer | None = None) -> list[RegionHit]:
    """Places named in `norm.text`: sorted, non-overlapping, longest match first."""
    gazetteer = gazetteer or default_gazetteer()
    candidates = _candidates(norm, gazetteer)
    chosen = _Chosen()
    chosen.add_longest(c for c in candidates if not (c.pattern.needs_context or c.pattern.demonym))
    text = norm.text
    risky = [c for c in candidates if c.pattern.needs_context]
    while accepted := [c for c in risky if _in_context(text, c, chosen)]:  # "ريف حماة وتدمر" chains
        chosen.add_longest(accepted)
        risky = [c for c in risky if c not in accepted]
    chosen.add_longest(
        c for c in candidates if c.pattern.demonym and _names_country(text, c, chosen, gazetteer)
    )
    return [RegionHit(c.pattern.place, c.start, c.end) for c in chosen.spans if c.pattern.place]


def regions_found(
    hits: list[RegionHit], norm: Normalized, gazetteer: Gazetteer | None = None
) -> tuple[RegionFound, ...]:
    """One RegionFound per place in order of first mention, mentions quoted from the original text."""
    gazetteer = gazetteer or default_gazetteer()
    mentions: dict[str, list[Span]] = {}
    for hit in hits:
        start, end = norm.original_span(hit.start, hit.end)
        mentions.setdefault(hit.name, []).append(Span(start, end, norm.original[start:end]))
    found = []
    for name, spans in mentions.items():
        place = gazetteer.place(name)
        found.append(RegionFound(name, place.name_ar, place.kind, place.parents, tuple(spans)))
    return tuple(found)


def resolve_region(query: str, gazetteer: Gazetteer | None = None) -> str | None:
    """The place a user means by `query` ("sinai", "سيناء", "Wilayat Sina", "ISWAP"), or None."""
    gazetteer = gazetteer or default_gazetteer()
    key = simplify(query)
    if not key:
        return None
    if key in gazetteer.names_by_key:
        return gazetteer.names_by_key[key]
    named = {hit.name for hit in find_regions(normalize(query), gazetteer)}
    return named.pop() if len(named) == 1 else None


def closest_regions(query: str, limit: int = 5, gazetteer: Gazetteer | None = None) -> list[str]:
    """Canonical names whose spellings look most like `query`, best first, for "did you mean…"."""
    gazetteer = gazetteer or default_gazetteer()
    key = simplify(query)
    if not key or limit <= 0:
        return []
    names: list[str] = []
    for match in difflib.get_close_matches(key, gazetteer.names_by_key, n=limit * 8, cutoff=0.6):
        name = gazetteer.names_by_key[match]
        if name not in names:
            names.append(name)
    return names[:limit]


class _Chosen:
    """Accepted spans, kept sorted and non-overlapping."""

    def __init__(self) -> None:
        self.spans: list[_Candidate] = []
        self._starts: list[int] = []

    def add_longest(self, candidates: Iterable[_Candidate]) -> None:
        """Accept candidates longest first, each only where it overlaps nothing accepted."""
        for candidate in sorted(candidates, key=lambda c: (c.start - c.end, c.start)):
            i = bisect.bisect_left(self._starts, candidate.start)
            if i and self.spans[i - 1].end > candidate.start:
                continue
            if i < len(self.spans) and self.spans[i].start < candidate.end:
                continue
            self.spans.insert(i, candidate)
            self._starts.insert(i, candidate.start)

    def neighbours(self, candidate: _Candidate) -> tuple[_Candidate | None, _Candidate | None]:
        """The accepted spans just before and just after `candidate`."""
        i = bisect.bisect_left(self._starts, candidate.start)
        before = self.spans[i - 1] if i and self.spans[i - 1].end <= candidate.start else None
        after = self.spans[i] if i < len(self.spans) and self.spans[i].start >= candidate.end else None
        return before, after


def _candidates(norm: Normalized, gazetteer: Gazetteer) -> list[_Candidate]:
    """Every spelling found on word boundaries, with the proclitics its script allows."""
    text = norm.text
    size = len(text)
    found = []
    for last, (length, bare, after_article) in gazetteer.automaton.iter(text):
        end = last + 1
        if end < size and text[end].isalnum():
            continue
        start = end - length
        if bare is None or bare.arabic:
            candidate = _arabic_candidate(text, start, end, bare, after_article)
        elif (start and text[start - 1].isalnum()) or (bare.upper and not _upper(norm, start, end)):
            continue
        elif text[start - 2:start] in _ARTICLE_ENDINGS:
            article = _LATIN_ARTICLE.search(text[max(0, start - 5):start])
            begin = start - len(article.group()) if article else start
            candidate = _Candidate(begin, end, begin, bare)
        else:
            candidate = _Candidate(start, end, start, bare)
        if candidate:
            found.append(candidate)
    return found


def _arabic_candidate(
    text: str, start: int, end: int, bare: Pattern | None, after_article: Pattern | None
) -> _Candidate | None:
    """The match with its proclitics, if they are proclitics and the name may take them."""
    word_start = start
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
        if start - word_start > _MAX_CLITICS:
            return None
    prefix = text[word_start:start]
    if prefix and not _CLITICS.fullmatch(prefix):
        return None
    pattern = after_article if prefix.endswith(_ARTICLES) else bare
    if pattern is None:
        return None
    return _Candidate(start - 2 if prefix.endswith("ال") else start, end, word_start, pattern)


def _upper(norm: Normalized, start: int, end: int) -> bool:
    """Whether the original text is in capitals here: "US", not "us"."""
    o_start, o_end = norm.original_span(start, end)
    return norm.original[o_start:o_end].isupper()


def _in_context(text: str, candidate: _Candidate, chosen: _Chosen) -> bool:
    """A risky spelling counts after a place word, or listed beside a place already found."""
    word, word_start = _previous_word(text, candidate.word_start)
    if candidate.pattern.arabic:
        if _without_clitics(word) & _PLACE_WORDS_AR:
            return True
    else:
        if word == "the":
            word, _ = _previous_word(text, word_start)
        if word in _PLACE_WORDS_EN:
            return True
    before, after = chosen.neighbours(candidate)
    gaps = [text[before.end:candidate.start]] if before else []
    gaps += [text[candidate.end:after.start]] if after else []
    return any(_LIST_GAP.fullmatch(gap) and (gap.strip() or not candidate.pattern.arabic) for gap in gaps)


def _names_country(text: str, candidate: _Candidate, chosen: _Chosen, gazetteer: Gazetteer) -> bool:
    """A demonym names its country after "the capital" or right after one of its places."""
    if candidate.pattern.arabic:
        word, _ = _previous_word(text, candidate.word_start)
        if _without_clitics(word) & _CAPITAL_AR:
            return True
    elif _next_word(text, candidate.end) in _PLACE_NOUNS_EN:
        return True
    before, _ = chosen.neighbours(candidate)
    if before is None or before.pattern.place is None:
        return False
    adjacent = text[before.end:candidate.word_start].isspace()
    return adjacent and candidate.pattern.place in gazetteer.place(before.pattern.place).parents


def _previous_word(text: str, position: int) -> tuple[str, int]:
    """The word just before `position` across spaces only, and where it starts."""
    end = position
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    start = end
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    return text[start:end], start


def _next_word(text: str, position: int) -> str:
    start = position
    while start < len(text) and text[start] in " \t":
        start += 1
    end = start
    while end < len(text) and text[end].isalnum():
        end += 1
    return text[start:end]


def _without_clitics(word: str) -> set[str]:
    """`word` and what is left of it once each possible run of proclitics is taken off."""
    return {word[k:] for k in range(min(len(word), _MAX_CLITICS) + 1) if _CLITICS.fullmatch(word[:k])}
