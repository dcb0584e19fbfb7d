"""Key statistics of an article: figures with their metric, period, region, ISO week and quote.

extract.figures reads the numbers, extract.placement finds where each happened;
this module settles each figure's period, finds the one place an article is
about (for figures its sentence leaves placeless), and drops retellings: a figure
repeated with a vaguer place (the headline's "ISWAP claims killing of 15") gives
way to the one that names it ("killed 15 soldiers … in Gubio").
"""

from __future__ import annotations

from datetime import date

from claimwatch.extract.document import WINDOW, Document
from claimwatch.extract.figures import Candidate
from claimwatch.extract.model import Statistic
from claimwatch.extract.periods import OTHER, PREVIOUS, REPORTED, period_at, week_of
from claimwatch.extract.placement import EXPLICIT, apply_focus

_LEAD_SENTENCES = 2


def settle_periods(doc: Document, candidates: list[Candidate]) -> None:
    """Give each figure its period (extract.periods.period_at), then "from X to Y": X the earlier
    week, Y the later; a change in attacks always belongs to the reported week."""
    tokens = doc.seg.tokens
    starts = [marker.start for marker in doc.markers]
    for candidate in candidates:
        clause = _around(doc.seg.clause_range(candidate.number), candidate.number)
        sentence = _around(doc.seg.sentence_range(candidate.number), candidate.number)
        period = period_at(
            doc.norm.text, doc.markers, starts, tokens[candidate.number].start,
            (tokens[clause[0]].start, tokens[clause[1] - 1].end),
            (tokens[sentence[0]].start, tokens[sentence[1] - 1].end),
            doc.default_period,
        )
        if period != OTHER and candidate.sequence == "from":
            period = PREVIOUS
        elif period != OTHER and candidate.sequence == "to":
            period = REPORTED
        if candidate.metric == "change_pct" and period == PREVIOUS:
            period = REPORTED  # a change compares the reported week with the one before
        candidate.period = period


def _around(token_range: tuple[int, int], index: int) -> tuple[int, int]:
    """A clause or sentence cut to WINDOW tokens either side of `index`."""
    return max(token_range[0], index - WINDOW), min(token_range[1], index + WINDOW)


def article_focus(doc: Document, candidates: list[Candidate],
                  claim_places: list[tuple[int, str]]) -> str | None:
    """The one place the lead names explicitly: of the first sentences with figures or claims, the
    first that names places, when it names one (or one inside the others)."""
    located: dict[int, list[str]] = {}
    for candidate in candidates:
        sentence = doc.seg.sentence_of[candidate.number]
        located.setdefault(sentence, [])
        if candidate.strength == EXPLICIT:
            located[sentence].extend(candidate.regions)
    for first_token, name in claim_places:
        located.setdefault(doc.seg.sentence_of[first_token], []).append(name)
    lead = [sentence for sentence in sorted(located)[:_LEAD_SENTENCES] if located[sentence]]
    names = set(located[lead[0]]) if lead else set()
    specific = {name for name in names if not any(name in doc.parents.get(other, ()) for other in names)}
    return specific.pop() if len(specific) == 1 else None


def statistics(doc: Document, candidates: list[Candidate], focus: str | None,
               published: date | None) -> tuple[Statistic, ...]:
    """The figures as Statistics, one per region, without retellings: of one figure told several
    times, the tellings that state its place most directly, and of nested places the innermost
    ("14 attacks in Mozambique" and "14 attacks in Cabo Delgado" are one figure)."""
    apply_focus(candidates, focus)
    told: dict[tuple[str, float, str], list[Candidate]] = {}
    for candidate in candidates:
        told.setdefault((candidate.metric, candidate.value, candidate.period), []).append(candidate)
    strongest = {key: max(c.strength for c in tellings) for key, tellings in told.items()}
    named = {key: {region for c in tellings if c.strength == strongest[key] for region in c.regions}
             for key, tellings in told.items()}
    kept: dict[tuple[str, float, str, str | None], Statistic] = {}
    for candidate in candidates:
        key = (candidate.metric, candidate.value, candidate.period)
        if candidate.strength < strongest[key]:
            continue
        for region in candidate.regions or (None,):
            if (*key, region) in kept or any(region in doc.parents.get(other, ()) for other in named[key]):
                continue
            kept[(*key, region)] = Statistic(candidate.metric, candidate.value, candidate.period, region,
                                             week_of(candidate.period, published),
                                             doc.span(candidate.first, candidate.last))
    return tuple(kept.values())
