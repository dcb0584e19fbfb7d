"""An incoming message as a spool line and back: what survives a database outage on disk."""

from __future__ import annotations

from dataclasses import asdict, fields
from datetime import date, datetime
from typing import Any

from claimwatch.handlers.types import Incoming

_DATETIMES = {"received_at", "forwarded_date"}
_DATES = {"published"}


def to_record(incoming: Incoming) -> dict[str, Any]:
    """A JSON-ready dict of every field (dates as ISO strings)."""
    record = asdict(incoming)
    for name in (*_DATETIMES, *_DATES):
        value = record[name]
        record[name] = value.isoformat() if value is not None else None
    record["urls"] = list(incoming.urls)
    return record


def from_record(record: dict[str, Any]) -> Incoming:
    """The Incoming a spool line holds; unknown keys (a newer writer) are ignored."""
    known = {f.name for f in fields(Incoming)}
    values = {name: value for name, value in record.items() if name in known}
    for name in _DATETIMES:
        if values.get(name) is not None:
            values[name] = datetime.fromisoformat(values[name])
    if values.get("published") is not None:
        values["published"] = date.fromisoformat(values["published"])
    values["urls"] = tuple(values.get("urls") or ())
    return Incoming(**values)
