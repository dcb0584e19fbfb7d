"""Language: ar, en, fa, ur, fr; short Arabic texts stay Arabic; no letters is "und"."""

from __future__ import annotations

import pytest

from claimwatch.extract.language import detect_language


@pytest.mark.parametrize(("text", "code"), [
    ("هجوم", "ar"),
    ("داعش يتبنى 8 عمليات في سوريا", "ar"),
    ("The Islamic State claimed eleven attacks in Nigeria and Cameroon during the week.", "en"),
    ("ISIS", "en"),
    ("Le groupe État islamique a revendiqué une attaque contre une base de l'armée dans le nord.", "fr"),
    ("داعش مسئولیت این حمله را در شهر کابل بر عهده گرفت و گفت که چندین نفر کشته شدند", "fa"),
    ("داعش نے کابل میں ہونے والے حملے کی ذمہ داری قبول کر لی ہے اور کہا ہے کہ کئی لوگ ہلاک ہوئے", "ur"),
])
def test_languages(text: str, code: str) -> None:
    assert detect_language(text) == code


@pytest.mark.parametrize("text", ["", "   \n", "😀🔥", "2024 - 12 - 31", "،،،"])
def test_text_without_letters_is_undetermined(text: str) -> None:
    assert detect_language(text) == "und"


def test_detection_is_deterministic() -> None:
    text = "Attaque revendiquée par le groupe dans la région du lac Tchad selon les autorités locales."
    assert len({detect_language(text) for _ in range(5)}) == 1
