"""Tokens, sentences and clauses of normalised text: the grid every matcher walks.

Matchers look a few words left and right of a number or a cue word, and stop at
the edge of its clause or sentence; one tokenisation shared by all of them keeps
those edges consistent and the work linear in the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from itertools import accumulate, compress, count, groupby, repeat
from operator import itemgetter
from typing import NamedTuple

TOKEN_PATTERN = (
    r"(?P<w>[^\W\d_]+)"  # a word (any script), digits split off: "و3" → "و", "3"; most tokens, so first
    r"|(?P<n>\d+,\d{1,2}(?=\s?%)"  # decimal comma, only before a percent sign
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # thousands separators
    r"|\d+(?:\.\d+)?)"
    r"|(?P<p>\n|[^\w\s]|_)"
)
"""What a token is. `re` tests Unicode categories slowly (60 ns a character of Arabic), so
_scan runs _BMP_TOKEN: the same grammar with each class spelled out as runs of characters of
the Basic Multilingual Plane, which `re` tests with a bitmap; other text takes _TOKEN."""
_TOKEN = re.compile(TOKEN_PATTERN)


def _class_of(char: str) -> str:
    """Which of TOKEN_PATTERN's classes `char` is in ("_" counts as a mark: the pattern names it)."""
    if char.isspace():
        return "space"
    if char.isdecimal():
        return "digit"
    return "letter" if char.isalnum() else "mark"


def _bmp_token() -> re.Pattern[str]:
    """TOKEN_PATTERN for BMP text: classes as explicit sets, one group around the whole token."""
    runs: dict[str, list[str]] = {}
    for kind, codes in groupby(range(0x10000), key=lambda code: _class_of(chr(code))):
        first, *rest = codes
        last = rest[-1] if rest else first
        runs.setdefault(kind, []).append(f"{re.escape(chr(first))}-{re.escape(chr(last))}")
    sets = {spelling: "[" + "".join(runs[kind]) + "]" for spelling, kind in (
        (r"[^\W\d_]", "letter"), (r"[^\w\s]|_", "mark"), (r"\d", "digit"), (r"\s", "space"))}
    groups_or_classes = r"\(\?P<\w>|" + "|".join(map(re.escape, sets))
    grammar = re.sub(groups_or_classes, lambda match: sets.get(match[0], "(?:"), TOKEN_PATTERN)
    return re.compile(f"({grammar})")


_BMP_TOKEN = _bmp_token()
_BEYOND_BMP = re.compile("[\U00010000-\U0010ffff]")
_KINDS = [{"letter": "w", "digit": "n"}.get(_class_of(chr(code)), "p") for code in range(0x10000)]
"""str.translate table: a token's kind from its first character."""
SENTENCE_END = frozenset({".", "!", "?", "\n", "•", "●", "|"})
CLAUSE_END = frozenset({",", ";", ":"}) | SENTENCE_END
_BRACKETS = frozenset({"(", ")", "\n"})
_MARKS = _BRACKETS | CLAUSE_END


class Token(NamedTuple):
    """One word, number or punctuation mark, with its normalised offsets."""

    kind: str  # "n" number, "w" word, "p" punctuation or newline
    text: str
    start: int
    end: int


_new_token = tuple.__new__  # builds a Token without the generated __new__, which costs a fifth more


@dataclass
class Segmented:
    """Tokens plus, for each token, the index of its sentence and clause."""

    tokens: list[Token]
    sentence_of: list[int]
    clause_of: list[int]
    sentence_bounds: list[tuple[int, int]]  # token index range [first, end) of each sentence
    clause_bounds: list[tuple[int, int]]
    starts: list[int]  # token start offsets, for bisecting a character offset
    brackets: list[int]  # indexes of "(", ")" and newline tokens, where bracketed asides open and close
    texts: list[str]  # each token's text, and its kind, for passes that need no whole Token
    kinds: list[str]

    def token_at(self, offset: int) -> int:
        """Index of the token that contains (or starts after) character `offset`."""
        index = bisect.bisect_right(self.starts, offset) - 1
        if index < 0:
            return 0
        if self.tokens[index].end <= offset and index + 1 < len(self.tokens):
            return index + 1
        return index

    def sentence_range(self, index: int) -> tuple[int, int]:
        return self.sentence_bounds[self.sentence_of[index]]

    def clause_range(self, index: int) -> tuple[int, int]:
        return self.clause_bounds[self.clause_of[index]]


def segment(text: str) -> Segmented:
    """Split normalised text into tokens, clauses and sentences in one pass."""
    kinds, texts, starts, ends = _scan(text)
    tokens = list(map(_new_token, repeat(Token), zip(kinds, texts, starts, ends, strict=True)))
    sentence_of = [0] * len(tokens)
    clause_of = [0] * len(tokens)
    sentence_bounds: list[tuple[int, int]] = []
    clause_bounds: list[tuple[int, int]] = []
    brackets: list[int] = []
    sentence_start = clause_start = 0
    for index in compress(count(), map(_MARKS.__contains__, texts)):
        mark = texts[index]
        if mark in _BRACKETS:
            brackets.append(index)
        if mark in CLAUSE_END:
            clause_bounds.append((clause_start, index + 1))
            clause_of[clause_start : index + 1] = [len(clause_bounds) - 1] * (index + 1 - clause_start)
            clause_start = index + 1
            if mark in SENTENCE_END:
                sentence_bounds.append((sentence_start, index + 1))
                size = index + 1 - sentence_start
                sentence_of[sentence_start : index + 1] = [len(sentence_bounds) - 1] * size
                sentence_start = index + 1
    clause_of[clause_start:] = [len(clause_bounds)] * (len(tokens) - clause_start)
    sentence_of[sentence_start:] = [len(sentence_bounds)] * (len(tokens) - sentence_start)
    clause_bounds.append((clause_start, len(tokens)))
    sentence_bounds.append((sentence_start, len(tokens)))
    return Segmented(tokens, sentence_of, clause_of, sentence_bounds, clause_bounds, starts, brackets,
                     texts, kinds)


def _scan(text: str) -> tuple[list[str], list[str], list[int], list[int]]:
    """Kinds, texts, starts and ends of the tokens, without a Python loop per token."""
    if _BEYOND_BMP.search(text):  # emoji, historic scripts (each at least one token): _TOKEN
        found = [(m.lastgroup, m[0], m.start(), m.end()) for m in _TOKEN.finditer(text)]
        kinds, texts, starts, ends = (list(column) for column in zip(*found, strict=True))
        return kinds, texts, starts, ends
    pieces = _BMP_TOKEN.split(text)  # spaces, token, spaces, token, …, spaces
    offsets = list(accumulate(map(len, pieces)))
    texts = pieces[1::2]
    kinds = list("".join(map(itemgetter(0), texts)).translate(_KINDS))
    return kinds, texts, offsets[0:-1:2], offsets[1::2]
