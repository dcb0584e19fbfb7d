"""Numbers as articles write them: digits, Arabic and English number words, duals, ranges.

Works on the tokens of normalised text (extract.segments), so "٣٬٠٠٠", "3,000",
"ثلاثة آلاف" and "three thousand" all come out as 3000 with the tokens they span.
Vague amounts ("dozens", "عشرات", "hundreds", "آلاف" alone) are not numbers: an
analyst would rather miss a figure than be handed an invented one.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain, compress, count

from claimwatch.extract.normalize import normalize_word
from claimwatch.extract.segments import Segmented, Token


def _normalized_keys(table: dict[str, int]) -> dict[str, int]:
    """The same table keyed by normalised spelling (مائة → مايه), as the tokens are."""
    return {normalize_word(word): value for word, value in table.items()}

ARABIC_UNITS = _normalized_keys({
    "واحد": 1, "واحده": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "اثنتين": 2,
    "ثلاث": 3, "ثلاثه": 3, "اربع": 4, "اربعه": 4, "خمس": 5, "خمسه": 5, "ست": 6, "سته": 6,
    "سبع": 7, "سبعه": 7, "ثمان": 8, "ثماني": 8, "ثمانيه": 8, "تسع": 9, "تسعه": 9,
    "عشر": 10, "عشرة": 10, "صفر": 0,
})
_TEEN_UNITS = {
    **_normalized_keys({"أحد": 1, "إحدى": 1, "اثنا": 2, "اثني": 2, "اثنتا": 2, "اثنتي": 2}),
    **{word: value for word, value in ARABIC_UNITS.items() if 3 <= value <= 9},
}
_TEN_AFTER_UNIT = frozenset(_normalized_keys({"عشر": 10, "عشرة": 10}))
ARABIC_TENS = _normalized_keys({
    "عشرون": 20, "عشرين": 20, "ثلاثون": 30, "ثلاثين": 30, "اربعون": 40, "اربعين": 40,
    "خمسون": 50, "خمسين": 50, "ستون": 60, "ستين": 60, "سبعون": 70, "سبعين": 70,
    "ثمانون": 80, "ثمانين": 80, "تسعون": 90, "تسعين": 90,
})
_HUNDRED_STEMS = (("ثلاث", 3), ("أربع", 4), ("خمس", 5), ("ست", 6), ("سبع", 7), ("ثمان", 8), ("تسع", 9))
ARABIC_HUNDREDS = _normalized_keys({
    "مئة": 100, "مائة": 100, "مئتان": 200, "مئتين": 200, "مئتا": 200,
    "مائتان": 200, "مائتين": 200, "مائتا": 200,
    **{f"{stem}مائة": value * 100 for stem, value in _HUNDRED_STEMS},
    **{f"{stem}مئة": value * 100 for stem, value in _HUNDRED_STEMS},
})
_ARABIC_MULTIPLIERS = _normalized_keys({
    "ألف": 1000, "ألفا": 1000, "آلاف": 1000, "ألفان": 2000, "ألفين": 2000,
    "مليون": 1_000_000, "ملايين": 1_000_000, "مليار": 1_000_000_000,
})
_STANDALONE_THOUSANDS = frozenset(_normalized_keys({"ألف": 1, "ألفان": 1, "ألفين": 1}))
_HUNDRED_WORDS = frozenset(_normalized_keys({"مئة": 100, "مائة": 100}))
ENGLISH_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
ENGLISH_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_ENGLISH_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1_000_000, "billion": 1_000_000_000}
DUALS = {normalize_word(dual): normalize_word(single) for dual, single in {
    "هجومين": "هجوم", "هجومان": "هجوم", "هجمتين": "هجمة", "هجمتان": "هجمة",
    "عمليتين": "عملية", "عمليتان": "عملية", "اعتداءين": "اعتداء",
    "قتيلين": "قتيل", "قتيلان": "قتيل", "جريحين": "جريح", "جريحان": "جريح",
    "شخصين": "شخص", "شخصان": "شخص", "جنديين": "جندي", "عنصرين": "عنصر",
    "دولتين": "دولة", "دولتان": "دولة", "منطقتين": "منطقة", "منطقتان": "منطقة",
    "ولايتين": "ولاية", "ولايتان": "ولاية",
}.items()}
"""Dual nouns: one word that means "two of X"; mapped to X."""

_CONJUNCTION_CLITICS = ("و", "ف")
_MAX_DIGITS = 12
_NUMBER_WORDS = frozenset(
    prefix + word
    for word in (*ARABIC_UNITS, *_TEEN_UNITS, *ARABIC_TENS, *ARABIC_HUNDREDS, *_STANDALONE_THOUSANDS, *DUALS)
    for prefix in ("", *_CONJUNCTION_CLITICS)
) | frozenset((*ENGLISH_UNITS, *ENGLISH_TENS, "a"))
"""Every token that may start a number, so the rest are skipped with one set lookup."""


@dataclass(frozen=True)
class NumberMention:
    """A number found in the tokens: its value and the token range [first, last] it spans."""

    value: float
    first: int
    last: int
    dual_noun: str | None = None  # set when the number is a dual noun (هجومين → "هجوم")
    is_word: bool = False


def parse_digits(text: str) -> float:
    """Value of a digit token: thousands separators dropped, decimal comma or point kept."""
    if "," in text and "." not in text and len(text.rsplit(",", 1)[1]) < 3:
        return float(text.replace(",", "."))
    return float(text.replace(",", ""))


def strip_conjunction(word: str) -> str:
    """The word without a leading و or ف ("وعشرون" → "عشرون"), when something is left."""
    if len(word) > 2 and word[0] in _CONJUNCTION_CLITICS:
        return word[1:]
    return word


def find_numbers(seg: Segmented) -> list[NumberMention]:
    """Every number in the tokens, left to right, none overlapping."""
    found: list[NumberMention] = []
    tokens = seg.tokens
    digits = compress(count(), map("n".__eq__, seg.kinds))
    words = compress(count(), map(_NUMBER_WORDS.__contains__, seg.texts))  # a set lookup per token, in C
    for index in sorted(chain(digits, words)):
        if found and index <= found[-1].last:
            continue  # a word already read as part of the number before ("ثلاثة آلاف و33")
        mention = _read_at(tokens, index)
        if mention is not None:
            found.append(mention)
    return found


def _read_at(tokens: list[Token], index: int) -> NumberMention | None:
    token = tokens[index]
    if token.kind == "n":
        return _read_digits(tokens, index)
    if token.kind != "w":
        return None
    word = token.text
    if word.isascii():
        return _read_english(tokens, index)
    bare = strip_conjunction(word)
    noun = DUALS.get(bare) or DUALS.get(word)
    if noun is not None:
        return NumberMention(2, index, index, dual_noun=noun, is_word=True)
    return _read_arabic(tokens, index)


def _word(tokens: list[Token], index: int) -> str:
    return tokens[index].text if 0 <= index < len(tokens) and tokens[index].kind == "w" else ""


def _read_digits(tokens: list[Token], index: int) -> NumberMention | None:
    if len(tokens[index].text) > _MAX_DIGITS:
        return None  # a phone number, an ID or a run of digits, not a count
    value = parse_digits(tokens[index].text)
    last = index
    multiplier = _ARABIC_MULTIPLIERS.get(_word(tokens, index + 1)) or _ENGLISH_MULTIPLIERS.get(
        _word(tokens, index + 1)
    )
    if multiplier and value < 1000:
        value *= multiplier
        last = index + 1
    return NumberMention(value, index, last)


def _read_arabic(tokens: list[Token], index: int) -> NumberMention | None:
    """Arabic number words: units, teens, tens with و, hundreds, thousands, plus trailing digits."""
    word = tokens[index].text
    if not _is_arabic_number_word(word):
        word = strip_conjunction(word)
    last = index
    if word in _TEN_AFTER_UNIT and index > 0 and _word(tokens, index - 1).removeprefix("ال") in _TEEN_UNITS:
        return None  # the "عشرة" of a definite "الاثنتي عشرة": a reference back, not a count
    if word in _TEEN_UNITS and _word(tokens, index + 1) in _TEN_AFTER_UNIT:
        value, last = 10 + _TEEN_UNITS[word], index + 1
    elif word in ARABIC_UNITS:
        value = ARABIC_UNITS[word]
        tens = strip_conjunction(_word(tokens, index + 1))
        if tens in ARABIC_TENS and _word(tokens, index + 1).startswith("و"):
            value, last = value + ARABIC_TENS[tens], index + 1
    elif word in ARABIC_TENS:
        value = ARABIC_TENS[word]
    elif word in ARABIC_HUNDREDS:
        value = ARABIC_HUNDREDS[word]
    elif word in _STANDALONE_THOUSANDS:
        value, last = _add_conjoined_rest(tokens, _ARABIC_MULTIPLIERS[word], index)
        return NumberMention(value, index, last, is_word=True)
    else:
        return None
    if 3 <= value <= 9 and _word(tokens, last + 1) in _HUNDRED_WORDS:
        value, last = value * 100, last + 1
    multiplier = _ARABIC_MULTIPLIERS.get(_word(tokens, last + 1))
    if multiplier:
        value, last = value * multiplier, last + 1
    value, last = _add_conjoined_rest(tokens, value, last)
    return NumberMention(value, index, last, is_word=True)


def _is_arabic_number_word(word: str) -> bool:
    return word in ARABIC_UNITS or word in ARABIC_TENS or word in ARABIC_HUNDREDS or word in _TEEN_UNITS


def _add_conjoined_rest(tokens: list[Token], value: float, last: int) -> tuple[float, int]:
    """"ثلاثة آلاف و33" and "ألف ومئتان": a smaller number joined by و completes a larger one."""
    if value < 100 or last + 1 >= len(tokens):
        return value, last
    following = tokens[last + 1]
    if following.text == "و" and last + 2 < len(tokens) and tokens[last + 2].kind == "n":
        rest = parse_digits(tokens[last + 2].text)
        if rest < value:
            return value + rest, last + 2
    if following.kind == "w" and following.text.startswith("و"):
        rest_word = following.text[1:]
        rest = ARABIC_TENS.get(rest_word) or ARABIC_HUNDREDS.get(rest_word) or ARABIC_UNITS.get(rest_word)
        if rest and rest < value:
            return value + rest, last + 1
    return value, last


def _read_english(tokens: list[Token], index: int) -> NumberMention | None:
    word = tokens[index].text
    if word == "a":
        return _read_english_article(tokens, index)
    if word in ENGLISH_UNITS:
        value, last = ENGLISH_UNITS[word], index
    elif word in ENGLISH_TENS:
        value, last = ENGLISH_TENS[word], index
        unit_at = index + 2 if tokens[index + 1 : index + 2] and tokens[index + 1].text == "-" else index + 1
        if _word(tokens, unit_at) in ENGLISH_UNITS and 0 < ENGLISH_UNITS[_word(tokens, unit_at)] < 10:
            value, last = value + ENGLISH_UNITS[_word(tokens, unit_at)], unit_at
    else:
        return None
    multiplier = _ENGLISH_MULTIPLIERS.get(_word(tokens, last + 1))
    if multiplier:
        value, last = value * multiplier, last + 1
    return NumberMention(value, index, last, is_word=True)


def _read_english_article(tokens: list[Token], index: int) -> NumberMention | None:
    """"a single attack" is 1, "a dozen" 12, "a hundred" 100; a bare "a" is no number."""
    following = _word(tokens, index + 1)
    if following == "single":
        return NumberMention(1, index, index + 1, is_word=True)
    if following == "dozen":
        return NumberMention(12, index, index + 1, is_word=True)
    if following in ("hundred", "thousand"):
        return NumberMention(_ENGLISH_MULTIPLIERS[following], index, index + 1, is_word=True)
    return None
