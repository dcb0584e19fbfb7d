"""What follows a command word, split the way people type it: quoted names, curly quotes, any digits."""

from __future__ import annotations

import shlex

_CURLY_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'"})


def arguments_of(text: str) -> str:
    """ "sinai 26" from "/trend@ClaimWatchBot sinai 26"."""
    parts = text.strip().split(None, 1)
    return parts[1].strip() if len(parts) > 1 else ""


def words_of(text: str) -> list[str]:
    """Words, a quoted phrase ("West Africa") being one; an unbalanced quote is just a character."""
    translated = text.translate(_CURLY_QUOTES)
    try:
        return shlex.split(translated)
    except ValueError:
        return translated.replace('"', " ").split()
