"""Text analysis: pure functions from an article to its statistics, regions and claims.

`analyze(text, published) -> Analysis` is the whole interface; it does no I/O
beyond reading the packaged gazetteer and lexicon once, and is deterministic.
"""

from claimwatch.extract.analyze import EXTRACTOR_VERSION, analyze
from claimwatch.extract.model import Analysis, Claim, RegionFound, SourceIssue, Span, Statistic

__all__ = [
    "EXTRACTOR_VERSION", "Analysis", "Claim", "RegionFound", "SourceIssue", "Span", "Statistic", "analyze",
]
