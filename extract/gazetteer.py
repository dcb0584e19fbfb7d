"""The gazetteer: the places analysts follow and every spelling articles give them.

It is built once from config/data/gazetteer.yaml (or CLAIMWATCH_GAZETTEER_FILE)
into one Aho-Corasick automaton over normalised spellings, and validated first:
an analyst's typo (an unknown parent, a duplicate place, one spelling given to
two places) fails loudly with the entry named instead of silently losing a region.
Matching rules (word bounds, clitics, context) live in extract/regions.py.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any

import ahocorasick

from claimwatch.config.resources import gazetteer_source, load_gazetteer
from claimwatch.extract.normalize import normalize_word

KINDS = frozenset(
    {"continent", "region", "province", "country", "governorate", "state", "district",
     "city", "town", "village", "area"}
)
"""`province` is an Islamic State wilaya; `region` a bloc (Middle East) or a country's region."""

_NAME_LISTS = ("aliases", "aliases_ar", "context_aliases", "demonyms", "exclude")
_FIELDS = frozenset({"name", "name_ar", "kind", "parents", *_NAME_LISTS})
_ARABIC = re.compile("[\u0600-\u06ff]")
_LATIN_SEPARATORS = re.compile(r"[\s-]+")
_MAX_SEPARATOR_MIX = 3  # up to 3 separators, every mix of space, hyphen and none


class GazetteerError(ValueError):
    """The gazetteer data is inconsistent; the message names each bad entry."""


@dataclass(frozen=True)
class Place:
    """One place: its canonical English name and what the gazetteer says about it."""

    name: str
    name_ar: str
    kind: str
    parents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Pattern:
    """What one spelling in the automaton means and when it may count."""

    place: str | None  # canonical name; None for a phrase that names no place ("Tahrir al-Sham")
    arabic: bool  # Arabic proclitics (و ف ب ل ك) may precede it
    needs_context: bool  # a risky spelling: only after a place word or beside another place
    demonym: bool  # "الأفغانية", "Afghan": names the country only next to a capital or its place
    upper: bool  # an acronym (US, DRC): the original text must be in capitals


class Gazetteer:
    """Places by canonical name, plus the automaton and the lookup table that find them."""

    def __init__(self, entries: list[dict[str, Any]], source: str = "gazetteer") -> None:
        problems = _validate(entries)
        patterns: dict[tuple[str, bool], Pattern] = {}
        if not problems:
            for entry in entries:
                problems.extend(_add_patterns(entry, patterns))
        if problems:
            raise GazetteerError(f"{source}: " + "; ".join(problems[:20]))
        self.places: dict[str, Place] = {e["name"]: _place(e) for e in entries}
        self.automaton = _automaton(patterns)
        self.names_by_key: dict[str, str] = {}
        for entry in entries:
            for spelling in _spellings(entry):
                for key in lookup_keys(spelling):
                    self.names_by_key.setdefault(key, entry["name"])

    def place(self, name: str) -> Place:
        return self.places[name]


def lookup_keys(spelling: str) -> set[str]:
    """Forms a user might type for `spelling`: normalised, punctuation-free, with/without ال."""
    keys = {simplify(key) for key, _ in _keys(spelling)}
    keys |= {simplify(spelling)}
    return {k for k in keys if k}


def simplify(text: str) -> str:
    """Normalised text with apostrophes dropped and other punctuation turned into single spaces."""
    text = normalize_word(text).replace("'", "")
    return " ".join(re.split(r"[\W_]+", text)).strip()


@lru_cache(maxsize=4)
def _gazetteer_from(source: str) -> Gazetteer:
    return Gazetteer(load_gazetteer(), source)


def default_gazetteer() -> Gazetteer:
    """The gazetteer of the packaged file or CLAIMWATCH_GAZETTEER_FILE, built once per file."""
    return _gazetteer_from(gazetteer_source())


def _place(entry: dict[str, Any]) -> Place:
    return Place(entry["name"], entry["name_ar"], entry["kind"], tuple(entry.get("parents") or ()))


def _spellings(entry: dict[str, Any]) -> Iterator[str]:
    yield entry["name"]
    yield entry["name_ar"]
    for field in ("aliases", "aliases_ar", "context_aliases"):
        yield from entry.get(field) or ()


def _validate(entries: list[dict[str, Any]]) -> list[str]:
    """Every problem of the entries' shape and references, worded for the analyst editing them."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for index, entry in enumerate(entries, 1):
        label = f"entry {index} ({entry.get('name', 'no name')!r})"
        problems.extend(f"{label}: {p}" for p in _entry_problems(entry))
        name = entry.get("name")
        if isinstance(name, str):
            folded = name.casefold()
            if folded in seen:
                problems.append(f"{label}: duplicate name, {seen[folded]!r} is already a place")
            seen[folded] = name
    names = {e.get("name") for e in entries}
    for entry in entries:
        parents = entry.get("parents")
        for parent in parents if isinstance(parents, list) else ():
            if parent not in names or parent == entry.get("name"):
                problems.append(f"{entry.get('name')!r}: unknown parent {parent!r} (use a place's `name`)")
    return problems


def _entry_problems(entry: dict[str, Any]) -> Iterator[str]:
    unknown = set(entry) - _FIELDS
    if unknown:
        yield f"unknown field(s) {', '.join(sorted(unknown))} (known: {', '.join(sorted(_FIELDS))})"
    for field in ("name", "name_ar"):
        if not isinstance(entry.get(field), str) or not entry[field].strip():
            yield f"`{field}` must be a non-empty string"
    if entry.get("kind") not in KINDS:
        yield f"`kind` is {entry.get('kind')!r}, not one of {', '.join(sorted(KINDS))}"
    for field in ("parents", *_NAME_LISTS):
        value = entry.get(field)
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            yield f"`{field}` must be a list of strings"


def _automaton(patterns: dict[tuple[str, bool], Pattern]) -> ahocorasick.Automaton:
    """Each key maps to (length, pattern without the Arabic article, pattern after it)."""
    automaton = ahocorasick.Automaton()
    for key in {key for key, _ in patterns}:
        automaton.add_word(key, (len(key), patterns.get((key, False)), patterns.get((key, True))))
    automaton.make_automaton()
    return automaton


def _add_patterns(entry: dict[str, Any], patterns: dict[tuple[str, bool], Pattern]) -> Iterator[str]:
    """Register every spelling of `entry`; yield a problem for a spelling another place owns."""
    name = entry["name"]
    risky = set(entry.get("context_aliases") or ())
    uses = [(s, name, s in risky, False) for s in _spellings(entry)]
    uses += [(s, name, False, True) for s in entry.get("demonyms") or ()]
    uses += [(s, None, False, False) for s in entry.get("exclude") or ()]
    for spelling, place, needs_context, demonym in uses:
        upper = _is_acronym(spelling)
        for key, needs_article in _keys(spelling):
            new = Pattern(place, bool(_ARABIC.search(key)), needs_context, demonym, upper)
            old = patterns.setdefault((key, needs_article), new)
            if old.place != place or old.demonym != demonym:
                owner = repr(old.place) if old.place else "an excluded phrase"
                yield f"{spelling!r} of {name!r} is already a spelling of {owner}"
            elif old is not new:
                patterns[key, needs_article] = replace(
                    old,
                    needs_context=old.needs_context and needs_context,
                    upper=old.upper and upper,
                )


def _is_acronym(spelling: str) -> bool:
    letters = [c for c in spelling if c.isalpha()]
    return bool(letters) and spelling.isupper() and len(letters) <= 6 and not _ARABIC.search(spelling)


def _keys(spelling: str) -> Iterator[tuple[str, bool]]:
    """Automaton keys of one spelling, each with whether it is an Arabic name missing its ال."""
    text = normalize_word(spelling)
    if not text:
        return
    if _ARABIC.search(text):
        for form in {text, re.sub(r"اء\b", "ا", text)}:
            if form.startswith("ال") and len(form) > 3:
                yield form[2:], True
            else:
                yield form, False
    else:
        for form in _latin_forms(text):
            yield form, False


def _latin_forms(text: str) -> set[str]:
    """Spellings that differ only by separators ("Deir ez-Zor", "Deir Ezzor"), apostrophes, accents."""
    words = _LATIN_SEPARATORS.split(text)
    gaps = len(words) - 1
    joiners = (" ", "-", "")
    if gaps <= _MAX_SEPARATOR_MIX:
        mixes: list[tuple[str, ...]] = list(itertools.product(joiners, repeat=gaps))
    else:
        mixes = [(j,) * gaps for j in joiners]
    forms = {text} | {"".join(w + j for w, j in zip(words, (*mix, ""), strict=True)) for mix in mixes}
    forms |= {f.replace("'", "") for f in forms}
    forms |= {_without_accents(f) for f in forms}
    return forms


def _without_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))
