"""The spike rule: a region's weekly attacks above its recent range, and the alert that says so.

"Recent range" is the median of the weeks before that have a figure: a median, not
a mean, so one earlier outlier does not hide the next. The numbers are the
analysts' to tune in config/data/alerts.yaml (or their own copy, see
config/resources.py); nothing here reads the database.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from statistics import median
from typing import Any

from claimwatch.config.resources import DataFileError, alerts_source, load_alerts
from claimwatch.digest.document import Document, bold
from claimwatch.digest.labels import language_of, number, span_of_week
from claimwatch.digest.model import Source
from claimwatch.digest.weeks import ONE_WEEK, iso_week, monday

_TEXT = {
    "en": {
        "title": "Spike in {region}",
        "body": "{attacks} attacks in the week {week} ({span}), more than {factor}× the median "
                "of {median} over the {weeks} weeks before with a figure.",
        "sources": "Reported by {sources}.",
    },
    "ar": {
        "title": "ارتفاع حاد في {region}",
        "body": "{attacks} هجومًا في الأسبوع {week} ({span})، أي أكثر من {factor} أضعاف الوسيط "
                "البالغ {median} في الأسابيع الـ{weeks} السابقة التي لها أرقام.",
        "sources": "المصدر: {sources}.",
    },
}


@dataclass(frozen=True)
class SpikeRule:
    """When a week's attacks in a region make an alert."""

    history_weeks: int = 8  # the recent range: this many weeks before the week of the figure
    factor: float = 2.0  # more than factor × the median of those weeks…
    minimum_attacks: float = 5  # …and at least this many attacks
    minimum_history_weeks: int = 3  # weeks with a figure needed before a median means anything
    max_age_weeks: int = 1  # older figures (an archive being ingested) never alert

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any], where: str) -> SpikeRule:
        """The rule from a YAML mapping; DataFileError naming `where` for an unknown key or a bad number."""
        known = {f.name: f for f in fields(cls)}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise DataFileError(f"{where}: unknown spike setting {unknown[0]!r} (known: {', '.join(known)})")
        checked: dict[str, Any] = {}
        for name, value in values.items():
            lowest = 1 if name == "history_weeks" else 0
            if isinstance(value, bool) or not isinstance(value, int | float) or value < lowest:
                raise DataFileError(f"{where}: spike.{name} must be a number ≥ {lowest}, not {value!r}")
            checked[name] = int(value) if known[name].type == "int" else float(value)
        return cls(**checked)


def spike_rule() -> SpikeRule:
    """The configured rule: the `spike` settings of alerts.yaml, defaults for any left out."""
    return SpikeRule.from_mapping(load_alerts().get("spike", {}), alerts_source())


@dataclass(frozen=True)
class Spike:
    """A region's week that breaks out of its recent range."""

    region: str
    week: date  # Monday
    attacks: float
    median: float
    history_weeks: int  # how many earlier weeks had a figure
    sources: tuple[Source, ...] = ()


def is_recent(week: date, today: date, rule: SpikeRule) -> bool:
    """Whether a figure's week is new enough to alert about: this week or the last `max_age_weeks`."""
    return monday(today) - ONE_WEEK * rule.max_age_weeks <= week <= monday(today)


def find_spike(
    region: str, week: date, attacks: float, earlier: Sequence[float | None], rule: SpikeRule,
    sources: tuple[Source, ...] = (),
) -> Spike | None:
    """A Spike when `attacks` is above the range of the `earlier` weeks (None where a week has no figure)."""
    known = [value for value in earlier if value is not None]
    if attacks < rule.minimum_attacks or len(known) < max(1, rule.minimum_history_weeks):
        return None
    baseline = median(known)
    if attacks <= rule.factor * baseline:
        return None
    return Spike(region, week, attacks, baseline, len(known), sources)


def spike_document(
    spike: Spike, rule: SpikeRule, language: str = "en", region_name: str | None = None
) -> Document:
    """The short alert: the figure, the range it breaks, and who reported it."""
    words = _TEXT[language_of(language)]
    doc = Document(language=language_of(language))
    section = doc.section()
    section.add(bold("⚠ " + words["title"].format(region=region_name or spike.region)))
    section.add(words["body"].format(
        attacks=number(spike.attacks), week=iso_week(spike.week), span=span_of_week(spike.week, language),
        factor=number(rule.factor), median=number(spike.median), weeks=spike.history_weeks,
    ))
    if spike.sources:
        section.add(words["sources"].format(sources=", ".join(s.label for s in spike.sources)))
    return doc
