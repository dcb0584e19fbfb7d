"""Run a detailed regular expression only near the words it needs.

Python's `re` tries a long alternation at every character, which for the period,
claim and zero-attack patterns costs about a millisecond an article. Every match
of those patterns holds one of a few keywords; a document's words are indexed
once (WordIndex: one set lookup per word, proclitics included), and each pattern
runs only in a window around its keywords (windows end on a space, so no word is
cut in two).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from itertools import compress, count

from claimwatch.extract.guard import guarded
from claimwatch.extract.normalize import normalize_word
from claimwatch.extract.segments import Segmented

YEAR = "<year>"
"""The key of tokens that look like a year (1900–2099)."""

_ARABIC_PREFIXES = (
    "", "و", "ف", "ب", "ل", "ك", "ال", "لل", "وال", "فال", "بال", "كال", "وبال", "فبال", "ولل", "فلل",
    "وب", "ول", "وك", "فب", "فل", "فك",
)
_KEY_OF: dict[str, str] = {}
"""Every spelling of every registered keyword with its proclitics ("وبالاسبوع") → the keyword."""


def register_keywords(keywords: Iterable[str]) -> None:
    """Have every WordIndex record these (normalised) words too, for matchers that look them up."""
    for keyword in keywords:
        _register(keyword)


def _register(keyword: str) -> None:
    if keyword.isascii():
        _KEY_OF[keyword] = keyword
        return
    for prefix in _ARABIC_PREFIXES:
        _KEY_OF.setdefault(prefix + keyword, keyword)


class WordIndex:
    """Where the registered keywords occur in one document: one set lookup per word."""

    def __init__(self, seg: Segmented) -> None:
        self.spans: dict[str, list[tuple[int, int]]] = {}
        key_of, tokens = _KEY_OF, seg.tokens
        for token in map(tokens.__getitem__, compress(count(), map(key_of.__contains__, seg.texts))):
            self.spans.setdefault(key_of[token.text], []).append((token.start, token.end))
        years = [(token.start, token.end)
                 for token in map(tokens.__getitem__, compress(count(), map("n".__eq__, seg.kinds)))
                 if len(token.text) == 4 and token.text[:2] in ("19", "20") and token.text not in key_of]
        if years:
            self.spans[YEAR] = years


class Anchored:
    """A compiled pattern plus the keywords (bare word forms) every match of it holds."""

    def __init__(self, pattern: re.Pattern[str], keywords: Iterable[str], reach: int = 60) -> None:
        self.pattern = guarded(pattern)
        self.reach = reach
        self.keywords = frozenset(key if key == YEAR else normalize_word(key) for key in keywords)
        for keyword in self.keywords:
            _register(keyword)

    def finditer(self, text: str, words: WordIndex) -> Iterator[re.Match[str]]:
        """The pattern's matches in `text`, in order, as `pattern.finditer` would find them."""
        last_end = -1
        for start, end in self._windows(text, words):
            for match in self.pattern.finditer(text, start, end):
                if match.start() >= last_end:
                    last_end = match.end()
                    yield match

    def _windows(self, text: str, words: WordIndex) -> list[tuple[int, int]]:
        present = self.keywords.intersection(words.spans)
        if not present:
            return []
        spans = sorted(span for key in present for span in words.spans[key])
        windows: list[tuple[int, int]] = []
        for word_start, word_end in spans:
            start = _space_before(text, word_start - self.reach)
            end = _space_after(text, word_end + self.reach)
            if windows and start <= windows[-1][1]:
                windows[-1] = (windows[-1][0], max(windows[-1][1], end))
            else:
                windows.append((start, end))
        return windows


def _space_before(text: str, index: int) -> int:
    if index <= 0:
        return 0
    found = max(text.rfind(" ", 0, index), text.rfind("\n", 0, index))
    return found + 1 if found >= 0 else 0


def _space_after(text: str, index: int) -> int:
    if index >= len(text):
        return len(text)
    space, newline = text.find(" ", index), text.find("\n", index)
    if space < 0 or 0 <= newline < space:
        space = newline
    return space if space >= 0 else len(text)
