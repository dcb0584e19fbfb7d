"""What a forward is answered: new, already known, or a second source; each figure with its week.

Every figure names its period and ISO week ("attacks 16 — week 2023-W01 (reported
week)") and what other stored articles say about the same figure: the same value
(a second source) or another one (a conflict, both kept).
"""

from __future__ import annotations

from collections.abc import Sequence

from claimwatch.digest.document import Document, Section, Span, bold, quote
from claimwatch.digest.labels import metric_name, period_name, value_of
from claimwatch.extract import Analysis
from claimwatch.storage.articles import Stored
from claimwatch.storage.corroboration import Corroboration, FigureLike, SourceRef, StoredFigure

NAMED_SOURCES = 3
DATE_BASIS = {
    "forward": "the forwarded original's date",
    "sender": "the date given",
    "page": "the date on the page",
    "received": "the day received",
}


def _sources(refs: Sequence[SourceRef]) -> str:
    named = ", ".join(ref.label for ref in refs[:NAMED_SOURCES])
    more = len(refs) - NAMED_SOURCES
    return f"{named} and {more} more" if more > 0 else named


def _notes(figure: FigureLike, seen: Corroboration) -> str:
    """ " — also reported by …", " — differs from …: 16 vs 18 here", or nothing."""
    notes = []
    if seen.agreeing:
        notes.append(f"also reported by {_sources(seen.agreeing)}")
    for ref, value in seen.differing[:NAMED_SOURCES]:
        notes.append(f"differs from {ref.label}: {value_of(figure.metric, value)} vs "
                     f"{value_of(figure.metric, figure.value)} here")
    if len(seen.differing) > NAMED_SOURCES:
        notes.append(f"and {len(seen.differing) - NAMED_SOURCES} more sources differ")
    return "".join(f" — {note}" for note in notes)


def figure_line(figure: FigureLike, evidence: str, seen: Corroboration) -> tuple[Span | str, ...]:
    """ "attacks 16 in Sinai — week 2023-W01 (reported week) — also reported by …: “quote”"."""
    where = f" in {figure.region}" if figure.region else ""
    period = period_name(figure.period, "en")
    week = f"week {figure.week} ({period})" if figure.week else period
    return (bold(f"{metric_name(figure.metric, 'en').lower()} {value_of(figure.metric, figure.value)}"),
            f"{where} — {week}{_notes(figure, seen)}: ", quote(evidence))


def _add_figures(doc: Document, lines: Sequence[tuple[FigureLike, str]],
                 corroboration: Sequence[Corroboration] | None) -> None:
    if not lines:
        return
    section = doc.section("Figures")
    seen = corroboration or [Corroboration()] * len(lines)
    for (figure, evidence), notes in zip(lines, seen, strict=True):
        section.add(*figure_line(figure, evidence, notes))


def corroboration_status(corroboration: Sequence[Corroboration]) -> str | None:
    """ "Adds a second source to 2 figures already stored; 1 figure differs from what is stored."."""
    confirmed = sum(1 for c in corroboration if c.agreeing)
    conflicting = sum(1 for c in corroboration if c.differing)
    parts = []
    if confirmed:
        parts.append(f"adds a second source to {_count(confirmed, 'figure')} already stored")
    if conflicting:
        parts.append(f"{_count(conflicting, 'figure')} {'differs' if conflicting == 1 else 'differ'} "
                     "from what is stored (both kept)")
    if not parts:
        return None
    sentence = "; ".join(parts) + "."
    return sentence[0].upper() + sentence[1:]


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def found_document(heading: str, analysis: Analysis, corroboration: Sequence[Corroboration] | None = None,
                   status: str | None = None, date_basis: str | None = None) -> Document:
    """What the extractor found, each figure with its period, week, other sources and quote."""
    doc = Document()
    head = doc.section()
    published = analysis.published.isoformat() if analysis.published else "unknown"
    basis = f", {DATE_BASIS.get(date_basis, date_basis)}" if date_basis else ""
    head.add(bold(heading), f" ({analysis.language}, published {published}{basis})")
    notes = [status, corroboration_status(corroboration or [])]
    for note in filter(None, notes):
        head.add(note)
    if not (analysis.statistics or analysis.regions or analysis.claims):
        head.add("No statistics, regions or claims found in it.")
        return doc
    _add_figures(doc, [(s, s.evidence.text) for s in analysis.statistics], corroboration)
    if analysis.regions:
        doc.section("Regions").add(", ".join(r.name for r in analysis.regions))
    _add_claims(doc, analysis)
    return doc


def _add_claims(doc: Document, analysis: Analysis) -> None:
    notable = [c for c in analysis.claims if c.notable]
    if not notable:
        return
    claims: Section = doc.section("Notable claims")
    for c in notable:
        place = f" ({c.region})" if c.region else ""
        reasons = f" — {', '.join(c.reasons)}" if c.reasons else ""
        claims.add(bold(f"{c.action.replace('_', ' ')}: {c.target or 'unknown target'}{place}"),
                   reasons, ": ", quote(c.evidence.text))


def known_document(stored: Stored, figures: Sequence[tuple[StoredFigure, Corroboration]]) -> Document:
    """Answer for a text or message seen before, with the figures already stored for it."""
    doc = Document()
    head = doc.section()
    if stored.status == "repeat":
        head.add(bold(f"Already stored: this message is article #{stored.article_id}."))
    else:
        source = f" from {stored.first_source}" if stored.first_source else ""
        head.add(bold(f"Already known: article #{stored.article_id}{source}"),
                 f", first received {stored.first_seen.date().isoformat()}.")
        head.add("The same text was forwarded before; this message is recorded as another sighting.")
    if not figures:
        head.add("No figures are stored for it.")
    _add_figures(doc, [(figure, figure.quote) for figure, _ in figures], [seen for _, seen in figures])
    return doc


def link_failed_document(article_id: int, url: str, reason: str) -> Document:
    """A link we could not read: why, and that it is kept for a retry."""
    return Document.of(
        f"Could not fetch {url}: {reason}",
        f"The link is stored as article #{article_id}; `claimwatch refetch` will try it again. "
        "You can also paste the article's text.",
    )


def analysis_failed_document(article_id: int) -> Document:
    return Document.of(
        f"Stored as article #{article_id}, but the analysis failed; the article is kept and "
        "`claimwatch reanalyze` will retry it."
    )
