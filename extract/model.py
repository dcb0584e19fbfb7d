"""Plain dataclasses that carry what the extractor found; the JSON contract of DESIGN.md."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

Metric = Literal[
    "attacks", "regions", "killed", "wounded", "killed_or_wounded", "arrested", "change_pct"
]
Period = Literal["reported_week", "previous_week", "other"]
METRICS: tuple[str, ...] = (
    "attacks", "regions", "killed", "wounded", "killed_or_wounded", "arrested", "change_pct"
)
PERIODS: tuple[str, ...] = ("reported_week", "previous_week", "other")


@dataclass(frozen=True)
class Span:
    """A piece of the input text: Python string offsets and the text between them."""

    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True)
class RegionFound:
    """A gazetteer place the text names, with every place it is named."""

    name: str
    name_ar: str
    kind: str
    parents: tuple[str, ...]
    mentions: tuple[Span, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "name_ar": self.name_ar,
            "kind": self.kind,
            "parents": list(self.parents),
            "mentions": [m.to_dict() for m in self.mentions],
        }


@dataclass(frozen=True)
class Statistic:
    """One figure: a metric's value for a period (and maybe a region), with its quote."""

    metric: str
    value: float
    period: str
    region: str | None
    week: str | None
    evidence: Span

    def to_dict(self) -> dict[str, Any]:
        value: float | int = int(self.value) if float(self.value).is_integer() else self.value
        return {
            "metric": self.metric,
            "value": value,
            "period": self.period,
            "region": self.region,
            "week": self.week,
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class Claim:
    """A specific attack the text reports, and why an analyst should look at it."""

    actor: str | None
    action: str
    target: str | None
    region: str | None
    notable: bool
    reasons: tuple[str, ...]
    evidence: Span

    def to_dict(self) -> dict[str, Any]:
        return {
            "actor": self.actor,
            "action": self.action,
            "target": self.target,
            "region": self.region,
            "notable": self.notable,
            "reasons": list(self.reasons),
            "evidence": self.evidence.to_dict(),
        }


@dataclass(frozen=True)
class SourceIssue:
    """The publication and issue number an article reports on (al-Naba 373)."""

    publication: str
    number: int

    def to_dict(self) -> dict[str, Any]:
        return {"publication": self.publication, "number": self.number}


@dataclass(frozen=True)
class Analysis:
    """Everything extracted from one text."""

    language: str
    published: date | None
    extractor_version: str
    reported_week: tuple[date, date] | None = None
    source_issue: SourceIssue | None = None
    regions: tuple[RegionFound, ...] = field(default_factory=tuple)
    statistics: tuple[Statistic, ...] = field(default_factory=tuple)
    claims: tuple[Claim, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        week = self.reported_week
        return {
            "language": self.language,
            "published": self.published.isoformat() if self.published else None,
            "extractor_version": self.extractor_version,
            "reported_week": {"start": week[0].isoformat(), "end": week[1].isoformat()} if week else None,
            "source_issue": self.source_issue.to_dict() if self.source_issue else None,
            "regions": [r.to_dict() for r in self.regions],
            "statistics": [s.to_dict() for s in self.statistics],
            "claims": [c.to_dict() for c in self.claims],
        }
