"""guarded() patterns find exactly what the patterns themselves find."""

import re

from claimwatch.extract.guard import guarded

_TEXT = ("In 2023 the group (IS) claimed 12 attacks; ISIS and isil, Al-Naba issue 517. "
         "وفي الاسبوع الماضي نفذ التنظيم 16 هجوما في 6 مناطق، مقارنة بـ 20 هجوما. ſtate K\n") * 3


def test_same_matches_and_groups():
    for source, flags in (
        (r"(?<!\w)[وف]?(?:هجوما|مناطق)|\b(?:attacks?|issue)\s?(\d+)?", 0),
        (r"\b(?:the|and|state|k)\b", re.IGNORECASE),
        (r"(?:\d{1,3})?%|x*y?(?=\s)", 0),
        (r"(?P<a>الاسبوع (?:الماضي|السابق))|(?P<b>\d+) هجوما", 0),
        (r"[^a]b|.c", 0),
        (r"(?i)naba", 0),
    ):
        pattern = re.compile(source, flags)
        assert _matches(guarded(pattern)) == _matches(pattern)


def _matches(pattern: re.Pattern[str]) -> list[tuple]:
    return [(m.span(), m.groups(), m.lastgroup) for m in pattern.finditer(_TEXT, 5, len(_TEXT) - 5)]


def test_unclear_patterns_are_left_alone():
    for source in (r"a*", r".x", r"[^a]b", r"(?i:ab)c", r"(?i)naba"):
        pattern = re.compile(source)
        assert guarded(pattern) is pattern
