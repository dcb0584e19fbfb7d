"""Language of a text: script and function words first, langdetect (seeded) when they are unclear.

langdetect costs about 3 ms an article, three times the extractor's whole budget,
and can mislabel short Arabic texts; so the cheap evidence decides when it is
clear: Arabic script without Persian or Urdu letters is Arabic, and Latin text
whose common words are plainly English (or French) is that. langdetect, seeded
for determinism, settles the rest. Both read the first 400 characters,
which hold a title and a paragraph or two.
"""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect

from claimwatch.extract.guard import guarded

DetectorFactory.seed = 0
_SAMPLE = 400
_ARABIC_LETTERS = (*range(0x0620, 0x064B), *range(0x066E, 0x06D4), *range(0x0750, 0x0780),
                   *range(0xFB50, 0xFDF0), *range(0xFE70, 0xFEFD))  # letters, not digits or ،
_LATIN_LETTERS = (*range(0x41, 0x5B), *range(0x61, 0x7B), *range(0xC0, 0x250))
_SCRIPT_OF = {**dict.fromkeys(_ARABIC_LETTERS, "a"), **dict.fromkeys(_LATIN_LETTERS, "l")}
_SCRIPTS = [_SCRIPT_OF.get(code) for code in range(max(_SCRIPT_OF) + 1)]
"""Translate table keeping one "a" per Arabic letter and one "l" per Latin letter, dropping the rest
(a list: faster than a dict; characters past its end, none of them letters counted here, are kept)."""
_PERSIAN_URDU = re.compile(r"[پچژگکی]")
_URDU_ONLY = re.compile(r"[ٹڈڑںےہھ]")
_ENGLISH_WORDS = guarded(re.compile(r"\b(?:the|and|of|to|in|is|was|that|for|with|said|its)\b", re.I))
_FRENCH_WORDS = guarded(re.compile(r"\b(?:le|la|les|des|du|et|est|une|dans|pour|qui|sur|au)\b", re.I))
_KNOWN = {"ar", "en", "fa", "ur", "fr"}
_SHORT = 40


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's main language, or "und" when it has no letters."""
    sample = text[:_SAMPLE]
    scripts = sample.translate(_SCRIPTS)  # counting letters in one C pass
    arabic, latin = scripts.count("a"), scripts.count("l")
    if arabic == 0 and latin == 0:
        return "und"
    if arabic >= latin:
        return _arabic_script_language(sample, arabic)
    english = len(_ENGLISH_WORDS.findall(sample))
    if english >= 5:
        french = len(_FRENCH_WORDS.findall(sample))
        if english >= 3 * french:
            return "en"
    guess = _langdetect(sample)
    if guess in _KNOWN or latin >= _SHORT:
        return guess
    return "en"  # a few Latin words ("ISIS", "Kabul attack"): langdetect guesses wildly


def _arabic_script_language(sample: str, arabic: int) -> str:
    """Arabic unless Persian/Urdu letters are common; then langdetect, with Urdu letters as fallback."""
    persian = len(_PERSIAN_URDU.findall(sample))
    if persian * 50 < arabic:
        return "ar"
    guess = _langdetect(sample)
    if guess in ("fa", "ur"):
        return guess
    return "ur" if _URDU_ONLY.search(sample) else "fa"


def _langdetect(sample: str) -> str:
    try:
        return detect(sample)
    except LangDetectException:
        return "und"
