"""Normalisation folds spelling variants and maps every offset back to the original text."""

from __future__ import annotations

from claimwatch.extract.normalize import normalize, normalize_word


def test_arabic_letter_variants_fold_to_one_spelling() -> None:
    assert normalize("أإآٱ").text == "اااا"
    assert normalize("مدينة").text == "مدينه"
    assert normalize("قتلى").text == "قتلي"


def test_harakat_tanween_and_tatweel_are_dropped() -> None:
    assert normalize("هجومًا").text == "هجوما"
    assert normalize("مُقَاتِلٌ").text == "مقاتل"
    assert normalize("هـــجوم").text == "هجوم"


def test_digits_of_three_scripts_and_arabic_punctuation() -> None:
    assert normalize("٣٠٫٥٪").text == "30.5%"
    assert normalize("۱۲۳").text == "123"
    assert normalize("سوريا، العراق").text == "سوريا, العراق"


def test_latin_is_lowercased_and_invisible_marks_removed() -> None:
    assert normalize("ISIS\u200f attack\u200b").text == "isis attack"


def test_presentation_forms_are_expanded_with_exact_offsets() -> None:
    text = "ﻻ هجوم"
    norm = normalize(text)
    assert norm.text == "لا هجوم"
    start, end = norm.original_span(3, 7)
    assert text[start:end] == "هجوم"


def test_offsets_map_back_through_dropped_marks() -> None:
    text = "نفذ التنظيم ١٦ هُجُومًا في سيناء"
    norm = normalize(text)
    start = norm.text.index("هجوما")
    o_start, o_end = norm.original_span(start, start + len("هجوما"))
    assert text[o_start:o_end] == "هُجُومًا"


def test_control_characters_become_spaces_one_for_one() -> None:
    text = "a\x00b\r\nc"
    norm = normalize(text)
    assert norm.text == "a b \nc"
    assert len(norm.text) == len(text)


def test_normalize_word_strips_and_folds() -> None:
    assert normalize_word("  العاصمة ") == "العاصمه"
