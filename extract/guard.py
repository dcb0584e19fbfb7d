"""Faster searches for long alternations, with the same matches.

`re` tries every alternative of a pattern at every position of the text; it only skips ahead
by itself when a pattern starts with one literal or one character set. guarded() gives any
pattern that shortcut: a lookahead on the characters its matches can start with, read from
the pattern's parse tree, so most positions cost one set test (about twice as fast on the
period, claim and issue patterns).
"""

from __future__ import annotations

import re

try:
    from re import _constants as sre  # the parse tree, to find first characters
    from re import _parser as sre_parse
except ImportError:  # pragma: no cover - a future Python without these: patterns run unguarded
    sre = sre_parse = None


def guarded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """`pattern` behind a lookahead on the characters a match can start with: `re` then skips
    most positions with one test instead of trying every alternative. The matches are the same
    (the lookahead has the pattern's flags, so it folds case as the pattern does); a pattern
    whose first characters are unclear is left as it is."""
    first = _first_characters(pattern)
    if first is None:
        return pattern
    try:
        return re.compile(f"(?=[{''.join(sorted(first))}])(?:{pattern.pattern})", pattern.flags)
    except re.error:  # inline global flags such as "(?i)" must stay first
        return pattern


_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_WORD": r"\w", "CATEGORY_SPACE": r"\s"}


def _first_characters(pattern: re.Pattern[str]) -> set[str] | None:
    """Character-class items covering every first character of a match, or None if unsure."""
    if sre_parse is None:
        return None
    try:
        found = _first_of(sre_parse.parse(pattern.pattern, pattern.flags).data)
    except (TypeError, ValueError, AttributeError):
        return None
    return found[0] if found and not found[1] else None


def _first_of(items: list) -> tuple[set[str], bool] | None:
    """(class items a sequence of parse items can start with, whether it can match empty)."""
    first: set[str] = set()
    for op, value in items:
        if op in (sre.AT, sre.ASSERT, sre.ASSERT_NOT):
            continue  # zero width: the next item holds the first character
        if op is sre.LITERAL:
            return first | {re.escape(chr(value))}, False
        if op is sre.IN:
            found = _class_items(value)
            return (first | found, False) if found is not None else None
        if op is sre.SUBPATTERN:
            inner = None if value[1] & re.IGNORECASE else _first_of(value[-1].data)
        elif op in (sre.MAX_REPEAT, sre.MIN_REPEAT):
            inner = _first_of(value[2].data)
            inner = inner and (inner[0], inner[1] or value[0] == 0)
        elif op is sre.BRANCH:
            branches = [_first_of(branch.data) for branch in value[1]]
            if None in branches:
                return None
            inner = set().union(*(b[0] for b in branches)), any(b[1] for b in branches)
        else:
            return None  # any character, back references, conditionals: unsure
        if inner is None:
            return None
        first |= inner[0]
        if not inner[1]:
            return first, False
    return first, True


def _class_items(items: list) -> set[str] | None:
    """The items of a character set, as text for another set; None for a negated one."""
    found = set()
    for op, value in items:
        if op is sre.LITERAL:
            found.add(re.escape(chr(value)))
        elif op is sre.RANGE:
            found.add(f"{re.escape(chr(value[0]))}-{re.escape(chr(value[1]))}")
        elif op is sre.CATEGORY and str(value) in _CATEGORIES:
            found.add(_CATEGORIES[str(value)])
        else:
            return None  # a negated class or category: unsure
    return found
