"""Numbers in digits of every script, in Arabic and English words, duals; vague amounts are none."""

from __future__ import annotations

import pytest

from claimwatch.extract.normalize import normalize
from claimwatch.extract.numbers import find_numbers, parse_digits
from claimwatch.extract.segments import segment


def values(text: str) -> list[float]:
    return [mention.value for mention in find_numbers(segment(normalize(text).text))]


@pytest.mark.parametrize(("text", "expected"), [
    ("3,000", 3000), ("1,250.5", 1250.5), ("30.5", 30.5), ("٢٬١٤٢", 2142), ("٣٠٫٥", 30.5), ("12,5 %", 12.5),
])
def test_digits_with_separators_and_decimals(text: str, expected: float) -> None:
    assert values(text)[0] == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("سبعة هجمات", 7), ("ثلاث عمليات", 3), ("عشرة قتلى", 10), ("أحد عشر هجوما", 11), ("اثنتا عشرة عملية", 12),
    ("تسعة عشر قتيلا", 19), ("خمسة وعشرون هجوما", 25), ("تسعون عملية", 90), ("مئة قتيل", 100),
    ("مائتا قتيل", 200), ("ثلاثمائة مقاتل", 300), ("خمس مئة عنصر", 500), ("ألف قتيل", 1000),
    ("ثلاثة آلاف هجوم", 3000), ("4 آلاف قتيل", 4000), ("ألفين وخمسمائة", 2500), ("ستة آلاف و12 هجوما", 6012),
])
def test_arabic_number_words(text: str, expected: float | None) -> None:
    found = values(text)
    assert (found[0] if found else None) == expected


@pytest.mark.parametrize("word", ["هجومين", "عمليتين", "قتيلين", "ولايتين", "وهجومين"])
def test_arabic_duals_mean_two(word: str) -> None:
    mention = find_numbers(segment(normalize(word).text))[0]
    assert mention.value == 2
    assert mention.dual_noun is not None


@pytest.mark.parametrize(("text", "expected"), [
    ("seven attacks", 7), ("nineteen soldiers", 19), ("forty-two attacks", 42), ("ninety nine", 99),
    ("two hundred", 200), ("three thousand", 3000), ("a dozen attacks", 12), ("a single attack", 1),
    ("one hundred", 100),
])
def test_english_number_words(text: str, expected: float) -> None:
    assert values(text)[0] == expected


@pytest.mark.parametrize("text", [
    "dozens of attacks", "hundreds of fighters", "thousands killed", "عشرات الهجمات", "مئات المقاتلين",
    "آلاف النازحين", "a attack", "العمليات الاثنتي عشرة",
])
def test_vague_amounts_and_references_back_are_no_numbers(text: str) -> None:
    assert values(text) == []


def test_parse_digits_reads_a_decimal_comma_only_before_fewer_than_three_digits() -> None:
    assert parse_digits("2,142") == 2142
    assert parse_digits("30,5") == 30.5


def test_long_runs_of_digits_are_no_numbers() -> None:
    assert values("9" * 400 + " attacks") == []
