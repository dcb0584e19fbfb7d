"""Tokens, sentences and clauses of normalised text: the grid every matcher walks.

Matchers look a few words left and right of a number or a cue word, and stop at
the edge of its clause or sentence; one tokenisation shared by all of them keeps
those edges consistent and the work linear in the text.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import NamedTuple

_TOKEN = re.compile(
    r"(?P<w>[^\W\d_]+)"  # a word (any script), digits split off: "و3" → "و", "3"; most tokens, so first
    r"|(?P<n>\d+,\d{1,2}(?=\s?%)"  # decimal comma, only before a percent sign
    r"|\d{1,3}(?:,\d{3})+(?:\.\d+)?"  # thousands separators
    r"|\d+(?:\.\d+)?)"
    r"|(?P<p>\n|[^\w\s]|_)"
)
SENTENCE_END = frozenset({".", "!", "?", "\n", "•", "●", "|"})
CLAUSE_END = frozenset({",", ";", ":"}) | SENTENCE_END
_BRACKETS = frozenset({"(", ")", "\n"})


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
    tokens = [_new_token(Token, (m.lastgroup, m[0], m.start(), m.end())) for m in _TOKEN.finditer(text)]
    sentence_of = [0] * len(tokens)
    clause_of = [0] * len(tokens)
    sentence_bounds: list[tuple[int, int]] = []
    clause_bounds: list[tuple[int, int]] = []
    brackets: list[int] = []
    sentence_start = clause_start = 0
    for index in [i for i, token in enumerate(tokens) if token.kind == "p"]:
        token = tokens[index]
        if token.text in _BRACKETS:
            brackets.append(index)
        if token.text in CLAUSE_END:
            clause_bounds.append((clause_start, index + 1))
            clause_of[clause_start : index + 1] = [len(clause_bounds) - 1] * (index + 1 - clause_start)
            clause_start = index + 1
            if token.text in SENTENCE_END:
                sentence_bounds.append((sentence_start, index + 1))
                count = index + 1 - sentence_start
                sentence_of[sentence_start : index + 1] = [len(sentence_bounds) - 1] * count
                sentence_start = index + 1
    clause_of[clause_start:] = [len(clause_bounds)] * (len(tokens) - clause_start)
    sentence_of[sentence_start:] = [len(sentence_bounds)] * (len(tokens) - sentence_start)
    clause_bounds.append((clause_start, len(tokens)))
    sentence_bounds.append((sentence_start, len(tokens)))
    starts = [token.start for token in tokens]
    return Segmented(tokens, sentence_of, clause_of, sentence_bounds, clause_bounds, starts, brackets)
