"""The weekly digest: a week's figures against the week before, notable claims and conflicts."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Literal

from claimwatch.digest.figures import Figure, FigureKey, consolidate
from claimwatch.digest.model import ClaimRecord, FactRecord, Source
from claimwatch.digest.weeks import ONE_WEEK

CASUALTY_METRICS = ("killed", "wounded", "killed_or_wounded", "arrested")
Direction = Literal["up", "down", "same"]


def change_pct(current: float, previous: float) -> float | None:
    """Percent change from the week before; None when the week before had none to compare with."""
    if previous == 0:
        return 0.0 if current == 0 else None
    return (current - previous) / previous * 100


def _decimals(value: float) -> int:
    return len(f"{abs(value):f}".rstrip("0").partition(".")[2])


def changes_agree(reported: float, computed: float) -> bool:
    """Whether a reported change is the computed one up to the reported precision.

    "30 %" agrees with 30.4 (rounded to whole percent); "30.5 %" with 30.43 (rounded or
    truncated to one decimal); anything further apart is a mismatch worth showing."""
    tolerance = max(0.1, 0.5 * 10 ** -_decimals(reported))
    return abs(reported - computed) <= tolerance + 1e-9


@dataclass(frozen=True)
class Comparison:
    """One metric for one region (None: all) this week and the week before."""

    metric: str
    region: str | None
    current: Figure | None
    previous: Figure | None
    reported_change: Figure | None = None  # change_pct as the articles give it

    @property
    def computed_change(self) -> float | None:
        if self.current is None or self.previous is None:
            return None
        return change_pct(self.current.value, self.previous.value)

    @property
    def change_mismatch(self) -> bool:
        computed = self.computed_change
        if self.reported_change is None or computed is None:
            return False
        return not changes_agree(self.reported_change.value, computed)

    @property
    def direction(self) -> Direction | None:
        if self.current is None or self.previous is None:
            return None
        if self.current.value == self.previous.value:
            return "same"
        return "up" if self.current.value > self.previous.value else "down"


@dataclass(frozen=True)
class NotableClaim:
    """A notable attack claim, once however many articles report it."""

    action: str
    target: str | None
    region: str | None
    reasons: tuple[str, ...]
    quote: str
    sources: tuple[Source, ...]


@dataclass(frozen=True)
class WeeklyDigest:
    """Everything the digest of one week says, before any wording or formatting."""

    week: date
    attacks: Comparison
    regions: Comparison
    casualties: tuple[Comparison, ...]
    by_region: tuple[Comparison, ...]  # reported this week, most attacks first
    gone_quiet: tuple[Comparison, ...]  # reported the week before, not this week
    notable_claims: tuple[NotableClaim, ...]
    conflicts: tuple[Figure, ...]
    followed: tuple[str, ...] | None = None  # the regions the per-region parts are narrowed to

    @property
    def previous_week(self) -> date:
        return self.week - ONE_WEEK

    @property
    def has_data(self) -> bool:
        figures = (self.attacks, self.regions, *self.casualties, *self.by_region)
        return any(c.current for c in figures) or bool(self.notable_claims)

    @property
    def regions_named(self) -> set[str]:
        """Every region the digest mentions, for translating their names."""
        named = {c.region for c in (*self.by_region, *self.gone_quiet)}
        named |= {c.region for c in self.notable_claims} | {f.region for f in self.conflicts}
        return {r for r in named | set(self.followed or ()) if r}


def _comparison(figures: dict[FigureKey, Figure], metric: str, region: str | None, week: date) -> Comparison:
    change = figures.get(("change_pct", region, week)) if metric == "attacks" else None
    current, previous = figures.get((metric, region, week)), figures.get((metric, region, week - ONE_WEEK))
    return Comparison(metric, region, current, previous, change)


def _regional(
    figures: dict[FigureKey, Figure], week: date, wanted: Collection[str] | None
) -> list[Comparison]:
    names = {r for (m, r, w) in figures if m == "attacks" and r is not None and w in (week, week - ONE_WEEK)}
    if wanted is not None:
        names &= set(wanted)
    return [_comparison(figures, "attacks", name, week) for name in names]


def _notable(claims: Iterable[ClaimRecord], wanted: Collection[str] | None) -> tuple[NotableClaim, ...]:
    """Notable claims merged by (action, target, region), each with every article that reports it."""
    merged: dict[tuple[str, str, str | None], list[ClaimRecord]] = {}
    for claim in sorted(claims, key=lambda c: (c.source.published, c.source.article_id), reverse=True):
        if wanted is None or claim.region in wanted:
            merged.setdefault((claim.action, (claim.target or "").casefold(), claim.region), []).append(claim)
    notable = [
        NotableClaim(first.action, first.target, first.region, _union(c.reasons for c in group), first.quote,
                     tuple({c.source.article_id: c.source for c in group}.values()))
        for group in merged.values()
        for first in group[:1]
    ]
    return tuple(sorted(notable, key=lambda c: (-len(c.sources), c.region or "", c.target or "")))


def _union(reason_lists: Iterable[tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(reason for reasons in reason_lists for reason in reasons))


def build_digest(
    week: date,
    facts: Iterable[FactRecord],
    notable_claims: Iterable[ClaimRecord] = (),
    regions: Collection[str] | None = None,
) -> WeeklyDigest:
    """The digest of the week starting `week` from the facts of that week and the one before.

    `regions` narrows the per-region lines, claims and conflicts to those regions (a
    subscription's); the totals stay the totals."""
    figures = consolidate(f for f in facts if f.week in (week, week - ONE_WEEK))
    regional = _regional(figures, week, regions)
    reported = sorted((c for c in regional if c.current), key=lambda c: (-c.current.value, c.region))
    quiet = sorted((c for c in regional if not c.current), key=lambda c: (-c.previous.value, c.region))
    conflicts = [f for f in figures.values() if f.is_conflict and (f.region is None or regions is None
                                                                   or f.region in regions)]
    return WeeklyDigest(
        week=week,
        attacks=_comparison(figures, "attacks", None, week),
        regions=_comparison(figures, "regions", None, week),
        casualties=tuple(c for m in CASUALTY_METRICS if (c := _comparison(figures, m, None, week)).current),
        by_region=tuple(reported),
        gone_quiet=tuple(quiet),
        notable_claims=_notable(notable_claims, regions),
        conflicts=tuple(sorted(conflicts, key=lambda f: (f.region is not None, f.region or "", f.metric,
                                                         -f.week.toordinal()))),
        followed=tuple(sorted(regions)) if regions is not None else None,
    )
