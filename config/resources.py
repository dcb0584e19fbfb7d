"""The data analysts edit without code: the packaged YAML files, or their own copies.

The packaged files live in `claimwatch.config.data` and are read with
importlib.resources, so they work from a wheel as well as from a checkout.
Environment variables point the bot at an analyst's own file instead; the
file replaces the packaged one (copy the packaged file and edit it):

- CLAIMWATCH_GAZETTEER_FILE: places and the names articles give them
  (format: config/data/gazetteer.yaml).
- CLAIMWATCH_LEXICON_FILE: notable attack targets (format: config/data/notable.yaml).
- CLAIMWATCH_ALERTS_FILE: when a spike alert goes out (format: config/data/alerts.yaml).

Each file is parsed once per path; a missing file or broken YAML raises
DataFileError naming the file and, for YAML, the line.
"""

from __future__ import annotations

import copy
import os
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml

GAZETTEER_ENV = "CLAIMWATCH_GAZETTEER_FILE"
LEXICON_ENV = "CLAIMWATCH_LEXICON_FILE"
GAZETTEER_FILE = "gazetteer.yaml"
LEXICON_FILE = "notable.yaml"
ALERTS_ENV = "CLAIMWATCH_ALERTS_FILE"
ALERTS_FILE = "alerts.yaml"
_PACKAGE = "claimwatch.config.data"
_PACKAGED_PREFIX = "package:"
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class DataFileError(ValueError):
    """A data file is missing or unreadable; the message names the file."""


def gazetteer_source() -> str:
    """Where the gazetteer comes from: the user's file, or `package:gazetteer.yaml`."""
    return _source(GAZETTEER_ENV, GAZETTEER_FILE)


def lexicon_source() -> str:
    """Where the notable-target lexicon comes from, like gazetteer_source."""
    return _source(LEXICON_ENV, LEXICON_FILE)


def load_gazetteer() -> list[dict[str, Any]]:
    """The gazetteer's places, one mapping each (a fresh copy; the parse is cached)."""
    source = gazetteer_source()
    places = _parse(source)
    if not isinstance(places, list) or not all(isinstance(p, dict) for p in places):
        raise DataFileError(f"{_describe(source)}: must be a list of places (`- name: …` entries)")
    return copy.deepcopy(places)


def load_lexicon() -> Any:
    """The notable-target lexicon as its YAML document (a fresh copy; the parse is cached)."""
    return copy.deepcopy(_parse(lexicon_source()))


def alerts_source() -> str:
    """Where the alert rules come from, like gazetteer_source."""
    return _source(ALERTS_ENV, ALERTS_FILE)


def load_alerts() -> dict[str, Any]:
    """The alert rules, each rule's name mapped to its settings (a fresh copy; the parse is cached)."""
    source = alerts_source()
    rules = _parse(source)
    if not isinstance(rules, dict) or not all(isinstance(r, dict) for r in rules.values()):
        raise DataFileError(f"{_describe(source)}: must map each rule to its settings (`spike:` …)")
    return copy.deepcopy(rules)


def _source(variable: str, packaged_name: str) -> str:
    user_file = os.environ.get(variable, "").strip()
    if user_file:
        return str(Path(user_file).expanduser())
    return _PACKAGED_PREFIX + packaged_name


@lru_cache(maxsize=8)
def _parse(source: str) -> Any:
    """The YAML document at `source`; cached per path, so edits need a restart."""
    try:
        if source.startswith(_PACKAGED_PREFIX):
            text = files(_PACKAGE).joinpath(source.removeprefix(_PACKAGED_PREFIX)).read_text("utf-8")
        else:
            text = Path(source).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DataFileError(f"{_describe(source)}: cannot read it ({exc})") from exc
    try:
        document = yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise DataFileError(f"{_describe(source)}: not valid YAML: {exc}") from exc
    if document is None:
        raise DataFileError(f"{_describe(source)}: the file is empty")
    return document


def _describe(source: str) -> str:
    if source.startswith(_PACKAGED_PREFIX):
        return f"packaged {source.removeprefix(_PACKAGED_PREFIX)}"
    return source
