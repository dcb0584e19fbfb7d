"""Region names as a chat reads them: the gazetteer's Arabic name in Arabic chats, else the canonical one."""

from __future__ import annotations

import logging
from collections.abc import Iterable

from claimwatch.extract.gazetteer import default_gazetteer

log = logging.getLogger(__name__)


def arabic_names(regions: Iterable[str]) -> dict[str, str]:
    """Canonical name → Arabic name for the regions the gazetteer knows; a broken gazetteer gives none."""
    try:
        places = default_gazetteer().places
    except ValueError as exc:  # DataFileError or GazetteerError: the digest still reads well in English names
        log.warning("region names stay in English: %s", exc)
        return {}
    return {r: places[r].name_ar for r in regions if r in places and places[r].name_ar}


def names_for(regions: Iterable[str], language: str) -> dict[str, str]:
    """The display name of each region in the chat's language (only Arabic differs)."""
    return arabic_names(regions) if language == "ar" else {}
