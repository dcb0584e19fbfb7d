"""One normalisation for every matcher, with a map back to the original offsets.

Arabic spelling varies (alef forms, taa marbuta, alef maqsura, tatweel, harakat),
digits come in three scripts, and forwarded text carries invisible marks. Every
matcher in extract/ runs on `normalize(text).text` and reports evidence through
`Normalized.original_span`, so quotes always point into what the user sent.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from dataclasses import dataclass, field

_DELETED = (
    "\u0640"  # tatweel
    "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0653\u0654\u0655\u0656\u0657\u0658"
    "\u0659\u065a\u065b\u065c\u065d\u065e\u065f\u0670"  # harakat, tanween, superscript alef
    "\u06d6\u06d7\u06d8\u06d9\u06da\u06db\u06dc\u06df\u06e0\u06e1\u06e2\u06e3\u06e4\u06e7\u06e8"
    "\u06ea\u06eb\u06ec\u06ed"  # Quranic marks
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff\u061c\u00ad"  # zero-width, bidi, soft hyphen
)
_REPLACED = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ة": "ه", "ى": "ي", "ی": "ي", "ې": "ي", "ک": "ك", "ؤ": "و", "ئ": "ي",
    "٫": ".", "٬": ",", "٪": "%", "،": ",", "؛": ";", "؟": "?",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ",
    "“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'",
    "–": "-", "—": "-", "−": "-",
}
_REPLACED.update({chr(0x0660 + d): str(d) for d in range(10)})  # Arabic-Indic digits
_REPLACED.update({chr(0x06F0 + d): str(d) for d in range(10)})  # Persian digits
_REPLACED.update({chr(c): chr(c + 32) for c in range(ord("A"), ord("Z") + 1)})
_CONTROLS = (*range(0x00, 0x09), 0x0B, 0x0C, 0x0D, *range(0x0E, 0x20), *range(0x7F, 0xA0))
_REPLACED.update({chr(c): " " for c in _CONTROLS})
"""Control characters (NUL, carriage returns, C1) become spaces: one for one, offsets unchanged."""


def _translation_list(changes: dict[int, str | None]) -> list[int | str | None]:
    """`changes` as a str.translate table indexed by code point: twice as fast as the dict on
    Arabic text. Characters past its end are kept (translate reads an IndexError as "unchanged")."""
    table: list[int | str | None] = list(range(max(changes) + 1))
    for code, replacement in changes.items():
        table[code] = replacement
    return table


_TABLE = _translation_list({**{ord(c): None for c in _DELETED}, **{ord(k): v for k, v in _REPLACED.items()}})
_DELETED_RE = re.compile("[" + re.escape(_DELETED) + "]")
_ASCII_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_NEEDS_NFKC = re.compile("[\ufb00-\ufdff\ufe70-\ufefe\uff00-\uffef]")

CLITIC_PREFIX = r"(?:[وف]?(?:[بلك]?ال|لل|[بلك])?)"
"""Arabic proclitics a word may carry once normalised: و ف ب ل ك ال and their combinations."""


@dataclass
class Normalized:
    """Normalised text and, for each of its characters, where it came from."""

    text: str
    original: str
    _deleted: list[int] | None = None  # fast path: original indices that were dropped
    _origin: list[int] | None = field(default=None, repr=False)  # slow path: explicit map

    def to_original(self, index: int) -> int:
        """Original offset of normalised offset `index` (an end offset maps to an end)."""
        if self._origin is not None:
            return self._origin[index]
        deleted = self._deleted
        if not deleted:
            return index
        original = index
        lo = 0
        while True:  # each deleted char at or before the candidate shifts it right
            shift = bisect.bisect_right(deleted, original, lo=lo) - lo
            if shift == 0:
                return original
            lo += shift
            original += shift

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of a normalised span, trimmed of dropped marks at its end."""
        o_start = self.to_original(start)
        o_end = self.to_original(end - 1) + 1 if end > start else o_start
        return o_start, o_end


def _slow_normalize(text: str) -> Normalized:
    """Character by character, for text holding presentation forms that NFKC expands."""
    out: list[str] = []
    origin: list[int] = []
    for i, char in enumerate(text):
        piece = unicodedata.normalize("NFKC", char) if _NEEDS_NFKC.match(char) else char
        piece = piece.translate(_TABLE)
        out.append(piece)
        origin.extend([i] * len(piece))
    origin.append(len(text))
    return Normalized("".join(out), text, _origin=origin)


def normalize(text: str) -> Normalized:
    """Fold spelling variants so that one pattern matches every way a word is written."""
    if text.isascii() and not _ASCII_CONTROL.search(text):
        return Normalized(text.lower(), text, _deleted=[])  # plain English: lowercasing is all there is
    if _NEEDS_NFKC.search(text):
        return _slow_normalize(text)
    deleted = [m.start() for m in _DELETED_RE.finditer(text)]
    return Normalized(text.translate(_TABLE), text, _deleted=deleted)


def normalize_word(word: str) -> str:
    """Normalised form of a gazetteer or lexicon entry."""
    return normalize(word).text.strip()
