"""The weekly digest worded for a chat: figures with their sources, arrows, claims and conflicts."""

from __future__ import annotations

from collections.abc import Mapping

from claimwatch.digest.document import Document, Section, Span, bold, link, quote
from claimwatch.digest.figures import Figure
from claimwatch.digest.labels import action_name, metric_name, number, percent, phrase, span_of_week
from claimwatch.digest.model import Source
from claimwatch.digest.weekly import Comparison, NotableClaim, WeeklyDigest
from claimwatch.digest.weeks import iso_week

ARROWS = {"up": "↑", "down": "↓", "same": "="}
SOURCES_SHOWN = 2
QUOTE_LIMIT = 240


def short_quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A quote cut to a readable length at a word boundary."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def source_spans(sources: tuple[Source, ...], language: str, reports: int = 0) -> list[Span]:
    """ " (al-Naba 373, 2023-01-12; Amaq, 2023-01-13; +2 more)", each linked to its message when it can be.

    `reports` is how many articles there are in all, when `sources` holds only the newest."""
    spans: list[Span] = [Span(" (")]
    for index, source in enumerate(sources[:SOURCES_SHOWN]):
        if index:
            spans.append(Span(phrase(language, "semicolon")))
        label = f"{source.label}, {source.published.isoformat()}"
        spans.append(link(label, source.target) if source.target else Span(label))
    hidden = max(reports, len(sources)) - min(len(sources), SOURCES_SHOWN)
    if hidden:
        more = phrase(language, "more_sources", count=hidden)
        spans.append(Span(phrase(language, "semicolon") + more))
    spans.append(Span(")"))
    return spans


class _Wording:
    """The helpers one digest document needs, bound to its language and region names."""

    def __init__(self, language: str, region_names: Mapping[str, str]) -> None:
        self.language = language
        self.region_names = region_names
        self.comma = phrase(language, "comma")

    def region(self, name: str | None) -> str:
        return self.region_names.get(name, name) if name else phrase(self.language, "all_regions")

    def sources(self, figure: Figure) -> list[Span]:
        return source_spans(figure.sources, self.language, figure.reports)

    def headline(self, section: Section, comparison: Comparison) -> None:
        """ "Attacks: 16 ↓ (week before: 23)" with sources, then the change line for attacks."""
        name = metric_name(comparison.metric, self.language)
        current, previous = comparison.current, comparison.previous
        value = number(current.value) if current else phrase(self.language, "no_figure")
        arrow = f" {ARROWS[comparison.direction]}" if comparison.direction else ""
        before = (f"{phrase(self.language, 'week_before')}: {number(previous.value)}" if previous
                  else phrase(self.language, "no_previous"))
        sources = self.sources(current) if current else []
        section.add(bold(f"{name}: {value}{arrow}"), f" ({before})", *sources)
        if comparison.metric == "attacks" and (comparison.reported_change or (current and previous)):
            section.add(*self.change(comparison))

    def change(self, comparison: Comparison) -> list[Span | str]:
        """ "Change: -30.5 % as reported, -30.4 % computed from 16 and 23" and a mismatch flag."""
        parts: list[str] = []
        reported = comparison.reported_change
        if reported:
            parts.append(f"{percent(reported.value)} {phrase(self.language, 'as_reported')}")
        if comparison.current and comparison.previous:
            computed = comparison.computed_change
            shown = percent(computed) if computed is not None else phrase(self.language, "up_from_none")
            counts = phrase(self.language, "computed", current=number(comparison.current.value),
                            previous=number(comparison.previous.value))
            parts.append(f"{shown} {counts}")
        elif reported:
            parts.append(phrase(self.language, "cannot_check"))
        spans: list[Span | str] = [f"{phrase(self.language, 'change')}: {self.comma.join(parts)}"]
        if comparison.change_mismatch:
            spans.append(bold(f" {phrase(self.language, 'mismatch')}"))
        if reported:
            spans.extend(self.sources(reported))
        return spans

    def regional(self, comparison: Comparison) -> list[Span | str]:
        """ "Sinai: 5 ↑ (3)"; "(—)" when the week before has no figure."""
        current, previous = comparison.current, comparison.previous
        arrow = f" {ARROWS[comparison.direction]}" if comparison.direction else ""
        before = number(previous.value) if previous else "—"
        return [bold(f"{self.region(comparison.region)}: {number(current.value)}{arrow}"), f" ({before})",
                *self.sources(current)]

    def claim(self, claim: NotableClaim) -> list[Span | str]:
        target = claim.target or "?"
        place = f" ({self.region(claim.region)})" if claim.region else ""
        reasons = f" — {', '.join(claim.reasons)}" if claim.reasons else ""
        return [bold(f"{action_name(claim.action, self.language)}: {target}{place}"), reasons, ": ",
                quote(short_quote(claim.quote)), *source_spans(claim.sources, self.language)]

    def conflict(self, section: Section, figure: Figure) -> None:
        where = f" — {self.region(figure.region)}" if figure.region else ""
        name = metric_name(figure.metric, self.language)
        section.add(bold(f"{name}{where}{self.comma}{iso_week(figure.week)}"))
        for reading in figure.readings:
            sources = source_spans(reading.sources, self.language, reading.reports)
            section.add(f"  {number(reading.value)}", *sources, ": ", quote(short_quote(reading.quote)))


def digest_document(
    digest: WeeklyDigest, language: str = "en", region_names: Mapping[str, str] | None = None
) -> Document:
    """The digest as a document; `region_names` maps canonical names to the chat's language."""
    words = _Wording(language, region_names or {})
    doc = Document(language=language)
    head = doc.section(phrase(language, "digest_title", week=iso_week(digest.week),
                              span=span_of_week(digest.week, language)))
    if digest.followed:
        followed = words.comma.join(words.region(r) for r in digest.followed)
        head.add(f"{phrase(language, 'followed')}: {followed}")
    words.headline(head, digest.attacks)
    if digest.regions.current or digest.regions.previous:
        words.headline(head, digest.regions)
    if digest.casualties:
        casualties = doc.section(phrase(language, "casualties"))
        for comparison in digest.casualties:
            words.headline(casualties, comparison)
    if digest.by_region or digest.gone_quiet:
        regions = doc.section(phrase(language, "by_region"))
        for comparison in digest.by_region:
            regions.add(*words.regional(comparison))
        if digest.gone_quiet:
            quiet = words.comma.join(f"{words.region(c.region)} ({number(c.previous.value)})"
                              for c in digest.gone_quiet)
            regions.add(f"{phrase(language, 'gone_quiet')}: {quiet}")
    if digest.notable_claims:
        claims = doc.section(phrase(language, "notable"))
        for claim in digest.notable_claims:
            claims.add(*words.claim(claim))
    if digest.conflicts:
        conflicts = doc.section(phrase(language, "conflicts"))
        for figure in digest.conflicts:
            words.conflict(conflicts, figure)
    return doc
