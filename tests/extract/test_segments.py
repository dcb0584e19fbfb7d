"""The tokeniser runs on character classes; it must find exactly TOKEN_PATTERN's tokens."""

import re

from claimwatch.extract.segments import TOKEN_PATTERN, Token, segment

_SAMPLES = (*range(0x10000), 0x1F600, 0x1D400, 0x1D7CF, 0x10FFFF, 0x20000)


def _reference(text: str) -> list[Token]:
    return [Token(m.lastgroup, m[0], m.start(), m.end()) for m in re.finditer(TOKEN_PATTERN, text)]


def test_every_character_tokenises_as_the_pattern_says():
    for first in range(0, len(_SAMPLES), 4096):
        text = " ".join(f"x{c}y 1{c}2 {c}{c}% 3,5{c}% 1,234{c}5.6 و{c}3\t{c}\n"
                        for c in map(chr, _SAMPLES[first : first + 4096]))
        assert segment(text).tokens == _reference(text)


def test_numbers_spaces_and_edges():
    for text in ("", " ", "\n", "12,5 % 12,5%12,5\n% 1,234,567.89 1,23 3.5.6 ,5 _x_ ٣ 12 ", "abc",
                 "a\u00a0b\u2028c", "😀", " x😀 "):
        assert segment(text).tokens == _reference(text)
