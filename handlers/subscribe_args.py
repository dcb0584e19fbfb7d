"""Reading `/subscribe`'s arguments: regions, then optionally a weekday, a time and a zone.

`/subscribe sinai "west africa" mon 08:00 Africa/Lagos`: region names quoted or not
(neighbouring words are joined when together they name one place; commas separate),
then a weekday, a time and an IANA zone in any order at the end. Phones curl quotes,
so curly ones count as straight.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from claimwatch.extract.regions import closest_regions, resolve_region
from claimwatch.storage.subscriptions import WeeklyTime

DEFAULT_TIME = "08:00"
WEEKDAYS = {name: day for day, names in enumerate((
    ("mon", "monday"), ("tue", "tues", "tuesday"), ("wed", "wednesday"), ("thu", "thur", "thurs", "thursday"),
    ("fri", "friday"), ("sat", "saturday"), ("sun", "sunday"),
)) for name in names}
QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})  # phones curl quotes


class ArgumentError(ValueError):
    """Arguments a user typed that say nothing we can act on; the message says why."""


@dataclass(frozen=True)
class SubscribeRequest:
    regions: tuple[str, ...]
    when: WeeklyTime | None


def split_words(text: str) -> list[list[str]]:
    """Words in groups separated by commas; a quoted name is one word."""
    lexer = shlex.shlex(text.translate(QUOTES), posix=True, punctuation_chars=",")
    lexer.quotes = '"'
    lexer.whitespace_split = True
    lexer.commenters = ""
    try:
        words = list(lexer)
    except ValueError:
        raise ArgumentError("A quotation mark is not closed.") from None
    groups: list[list[str]] = [[]]
    for word in words:
        if set(word) == {","}:
            groups.append([])
        else:
            groups[-1].append(word)
    return [group for group in groups if group]


def _time_of_day(word: str) -> str | None:
    hour, colon, minute = word.partition(":")
    if not (colon and hour.isdigit() and minute.isdigit() and len(minute) == 2):
        return None
    if int(hour) > 23 or int(minute) > 59:
        raise ArgumentError(f"{word} is not a time of day; write it as 08:00.")
    return f"{int(hour):02d}:{minute}"


def _zone(word: str) -> str | None:
    if word.upper() == "UTC":
        return "UTC"
    if "/" not in word:
        return None
    try:
        return ZoneInfo(word).key
    except (ZoneInfoNotFoundError, ValueError):
        raise ArgumentError(f"{word} is not a time zone; use a name like Africa/Lagos or UTC.") from None


def _schedule_word(word: str) -> tuple[str, int | str] | None:
    """("day", 0), ("time", "08:00") or ("zone", "Africa/Lagos") for a word that is one of those."""
    day = WEEKDAYS.get(word.lower())
    if day is not None:
        return "day", day
    time = _time_of_day(word)
    if time is not None:
        return "time", time
    zone = _zone(word)
    return ("zone", zone) if zone is not None else None


def take_schedule(words: list[str]) -> WeeklyTime | None:
    """Remove a trailing weekday, time and zone (any order) from `words`; None when there are none."""
    found: dict[str, int | str] = {}
    while words and (part := _schedule_word(words[-1])) and part[0] not in found:
        found[part[0]] = part[1]
        words.pop()
    if not found:
        return None
    zone = found.get("zone")
    return WeeklyTime(int(found.get("day", 0)), str(found.get("time", DEFAULT_TIME)),
                      str(zone) if zone else None)


def resolve_words(words: list[str]) -> list[str]:
    """Canonical names for the words, joining neighbours that together name one place (longest first)."""
    names: list[str] = []
    start = 0
    while start < len(words):
        for end in range(len(words), start, -1):
            name = resolve_region(" ".join(words[start:end]))
            if name:
                names.append(name)
                start = end
                break
        else:
            raise ArgumentError(unknown_region(words[start:]))
    return names


def unknown_region(words: list[str]) -> str:
    phrase = " ".join(words)
    suggestions = closest_regions(phrase, limit=3) or closest_regions(words[0], limit=3)
    hint = f" Did you mean: {', '.join(suggestions)}?" if suggestions else ""
    return f"I don't know the region “{phrase}”.{hint}"


def parse_subscribe(text: str) -> SubscribeRequest:
    """The regions and schedule of `/subscribe …`'s arguments, or ArgumentError."""
    groups = split_words(text)
    when = take_schedule(groups[-1]) if groups else None
    regions: list[str] = []
    for group in groups:
        for name in resolve_words(group):
            if name not in regions:
                regions.append(name)
    return SubscribeRequest(tuple(regions), when)
