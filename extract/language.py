"""Language of a text: langdetect, seeded, with an Arabic-script rule for short texts."""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect

DetectorFactory.seed = 0
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_KNOWN = {"ar", "en", "fa", "ur", "fr"}


def detect_language(text: str) -> str:
    """ISO 639-1 code of the text's main language, or "und" when it has no letters."""
    sample = text[:5000]
    arabic = len(_ARABIC_LETTER.findall(sample))
    latin = len(_LATIN_LETTER.findall(sample))
    if arabic == 0 and latin == 0:
        return "und"
    try:
        guess = detect(sample)
    except LangDetectException:
        guess = "und"
    if arabic > latin:
        return guess if guess in {"fa", "ur"} else "ar"
    return guess if guess in _KNOWN else ("en" if guess == "und" else guess)
