"""Which week a figure belongs to: reported_week, previous_week or other, and its ISO week.

Articles on al-Naba's weekly figures say "last week" for the week they report on
and "the week before (last)" for the one it is compared with; but "compared with
last week" and "last week" beside "this week" mean the earlier of two weeks.
Year totals, months, "81 days" and averages are `other`. Each marker is found on
normalised text; a figure takes the marker of its own clause, else the article's.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from datetime import date, timedelta

from claimwatch.extract.anchors import YEAR, Anchored, WordIndex
from claimwatch.extract.guard import guarded

REPORTED = "reported_week"
PREVIOUS = "previous_week"
OTHER = "other"

_CLITICS = r"(?<!\w)[وفبلك]{0,3}"
_MONTHS_EN = (
    r"january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_MONTHS_AR = (
    r"يناير|فبراير|مارس|ابريل|مايو|يونيو|يوليو|اغسطس|سبتمبر|اكتوبر|نوفمبر|ديسمبر"
    r"|كانون|شباط|اذار|نيسان|ايار|حزيران|تموز|اب|ايلول|تشرين"
)
MONTH_WORDS = frozenset((_MONTHS_EN + "|" + _MONTHS_AR).split("|"))
_WEEKDAY_WORDS = (
    "السبت", "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
)
_WEEKDAYS = (
    r"(?:السبت|الاحد|الاثنين|الثلاثاء|الاربعاء|الخميس|الجمعه)"
    r"|\bon (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:'s| (?:evening|morning|night))"
    r"|\byesterday\b|(?<!\w)امس\b|الليله الماضيه"
)
_WEEK = ("اسبوع", "week")
_PATTERNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (  # kind, pattern, keywords every match holds
    ("previous", _CLITICS + r"الاسبوع (?:ما )?قبل الماضي", _WEEK),
    ("previous", _CLITICS + r"الاسبوع (?:السابق|الاسبق|الذي (?:سبقه|قبله))", _WEEK),
    ("previous",
     r"\b(?:the|a) (?:week before(?: last)?|previous week|prior week|preceding week|week earlier)\b", _WEEK),
    ("last", _CLITICS + r"الاسبوع (?:الماضي|المنصرم|الفايت)", _WEEK),
    ("last", r"\b(?:last week|the past week)\b", _WEEK),
    ("current", _CLITICS + r"(?:هذا الاسبوع|الاسبوع (?:الجاري|الحالي))|(?<!\w)خلال اسبوع\b", _WEEK),
    ("current", r"\b(?:this week|the current week)\b", _WEEK),
    ("weekday", _WEEKDAYS, (*_WEEKDAY_WORDS, "yesterday", "امس", "الليله", "ليله")),
    ("other", r"(?<!\w)(?:[وفبل]?عام|[وفبل]?العام|سنه|خلال|في|منذ|of|in|during|since|throughout|for) "
              r"(?:19|20)\d\d(?!\d)|(?<!\d)(?:19|20)\d\dم", (YEAR,)),
    ("other", r"\b(?:over|during|in|within|for|the|past|last|first)(?: the)?(?: past| last| first)? ?"
              r"(?:\d+|[a-z]+) (?:days|weeks|months|years)\b", ("days", "weeks", "months", "years")),
    ("other", r"(?<!\w)(?:خلال|منذ|في) (?:ال)?\d+ (?:يوما|ايام|اسابيع|اشهر|شهور|شهرا|سنوات|عاما)",
     ("يوما", "ايام", "اسابيع", "اشهر", "شهور", "شهرا", "سنوات", "عاما")),
    ("other", r"\b(?:over the (?:past|last) (?:year|month)|this year|last year|so far this year|year-to-date"
              r"|first half|second half|per week|a week on average|on average|annual(?:ly)?|since)\b",
     ("year", "month", "half", "week", "average", "annual", "annually", "since")),
    ("other",
     _CLITICS + r"(?:العام (?:الماضي|الجاري|الحالي)|هذا العام|النصف (?:الاول|الثاني)|سنويا|منذ)(?!\w)",
     ("عام", "نصف", "سنويا", "منذ")),
    ("other", r"\b(?:in|during|since|between|from|by) (?:early |late |mid-?)?(?:" + _MONTHS_EN + r")\b",
     tuple(_MONTHS_EN.split("|"))),
    ("other", r"(?<!\w)(?:خلال|في|منذ|بين) (?:شهر |شهري )?(?:" + _MONTHS_AR + r")(?!\w)",
     tuple(_MONTHS_AR.split("|"))),
)


def _grouped_by_keywords() -> tuple[Anchored, ...]:
    """One anchored pattern per keyword set (the week phrases share theirs), its alternatives named
    kind + number so a match tells its kind."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for number, (kind, pattern, keywords) in enumerate(_PATTERNS):
        groups.setdefault(keywords, []).append(f"(?P<{kind}{number}>{pattern})")
    return tuple(Anchored(re.compile("|".join(alternatives)), keywords, reach=30)
                 for keywords, alternatives in groups.items())


_MARKERS = _grouped_by_keywords()
_COMPARED_BEFORE = guarded(re.compile(
    r"(?:مقارنه|بالمقارنه|قياسا|مقابل|compared|comparison|than|against|versus|from)\W+(?:\w+\W+){0,2}$"
))
_COMPARISON = guarded(re.compile(r"مقارنه|بالمقارنه|مقابل|\bcompared\b|\bagainst\b"))
_RELATIVE_AFTER = re.compile(r"^\W*(?:الذي|التي|when|in which|during which)\b")


@dataclass(frozen=True)
class PeriodMarker:
    """A phrase that places figures in time, with how it is tied to its neighbours."""

    kind: str  # previous, last, current, weekday, other
    start: int
    end: int
    compared: bool  # "compared with last week": the earlier week of a comparison
    relative: bool  # "last week, in which …": governs the figures that follow it


def find_markers(text: str, words: WordIndex) -> list[PeriodMarker]:
    """Every period phrase of normalised `text` (whose words `words` indexes), in order."""
    matches = sorted((match for anchored in _MARKERS for match in anchored.finditer(text, words)),
                     key=lambda match: (match.start(), -match.end()))
    markers: list[PeriodMarker] = []
    for match in matches:
        kind = (match.lastgroup or "other").rstrip("0123456789")
        if markers and match.start() < markers[-1].end:
            continue
        before = text[max(0, match.start() - 40) : match.start()]
        after = text[match.end() : match.end() + 20]
        markers.append(PeriodMarker(
            kind, match.start(), match.end(),
            compared=bool(_COMPARED_BEFORE.search(before)), relative=bool(_RELATIVE_AFTER.match(after)),
        ))
    return markers


def document_period(markers: list[PeriodMarker]) -> str:
    """The article's own period: `other` when it opens on a year, months or a count of days."""
    for marker in markers:
        return OTHER if marker.kind == "other" else REPORTED
    return REPORTED


def marker_period(marker: PeriodMarker, sentence_has_current: bool) -> str:
    """The period a marker gives the figures it governs."""
    if marker.kind == "other":
        return OTHER
    if marker.kind == "previous":
        return PREVIOUS
    if marker.kind == "last" and (marker.compared or sentence_has_current):
        return PREVIOUS
    return REPORTED


def iso_week(day: date) -> str:
    """ISO week label of a day: 2023-01-02 → "2023-W01"."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def reported_week(published: date) -> tuple[date, date]:
    """Monday and Sunday of the week before the publication week: the week an article reports."""
    monday = published - timedelta(days=published.weekday() + 7)
    return monday, monday + timedelta(days=6)


def week_of(period: str, published: date | None) -> str | None:
    """ISO week of a figure's period, when the publication date is known and the period is a week."""
    if published is None or period == OTHER:
        return None
    weeks_back = 1 if period == REPORTED else 2
    return iso_week(published - timedelta(days=7 * weeks_back))


def period_at(text: str, markers: list[PeriodMarker], starts: list[int], position: int,
              clause: tuple[int, int], sentence: tuple[int, int], default: str) -> str:
    """Period of a figure at `position` (`starts`: the markers' start offsets, for bisecting).

    In order: a marker followed by "الذي/when" earlier in the sentence governs what
    follows it up to a comparison or another marker ("the previous week, when it
    claimed 25 attacks"); else the nearest marker of the figure's clause; else the
    last earlier marker of its sentence that is not a comparison's baseline ("In
    2023 …, killing 480 and detaining 350"); else the article's period, `default`.
    """
    in_sentence = markers[bisect.bisect_left(starts, sentence[0]) : bisect.bisect_left(starts, sentence[1])]
    has_current = any(m.kind == "current" for m in in_sentence)
    before = [m for m in in_sentence if m.end <= position]
    if before and before[-1].relative and not _COMPARISON.search(text, before[-1].end, position):
        return marker_period(before[-1], has_current)
    in_clause = [m for m in in_sentence if clause[0] <= m.start < clause[1]]
    if in_clause:
        nearest = min(in_clause, key=lambda m: min(abs(m.start - position), abs(m.end - position)))
        return marker_period(nearest, has_current)
    for marker in before:
        if not marker.compared:
            return marker_period(marker, has_current)
    return default
