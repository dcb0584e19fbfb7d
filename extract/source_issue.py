"""The al-Naba issue an article reports on.

"النبأ (عدد 373)", "al-Naba issue 517", "العدد 374 من صحيفة النبأ"; an issue called
earlier or previous ("العدد السابق من صحيفة النبأ (372)") is not the one reported on.
"""

from __future__ import annotations

import re

from claimwatch.extract.anchors import Anchored, WordIndex
from claimwatch.extract.model import SourceIssue

PUBLICATION = "al-Naba"
_NABA = r"(?:(?<!\w)[وفبل]?النبا(?!\w)|\bal[- ]?naba'?\b)"
_NUMBER = r"(\d{1,4})(?!\d)"
_ISSUE_AR = r"(?<!\w)(?:[وفب]?عدد(?:ها)?|[وفب]?العدد)(?: (?:الجديد|الاخير|رقم|الاسبوعي|لهذا الاسبوع))*"
_ISSUE_EN = r"\bissue(?: no\.?| number)?"
_KEYWORDS = ("نبا", "naba", "عدد", "عددها", "issue")
_ALTERNATIVES = (
    # النبأ … (عدد 373) / النبأ في عددها الجديد 374 / al-Naba issue 517 / al-Naba (372)
    _NABA + r"[^.\n]{0,60}?(?:" + _ISSUE_AR + r"|" + _ISSUE_EN + r")\W{0,3}" + _NUMBER,
    _NABA + r"\W{1,3}(?:\w+\W+){0,2}\(\s?" + _NUMBER + r"\s?\)",
    # العدد 374 من صحيفة النبأ / issue 517 of its weekly newspaper al-Naba
    r"(?:" + _ISSUE_AR + r"|" + _ISSUE_EN + r")\W{0,3}" + _NUMBER + r"[^.\n]{0,50}?" + _NABA,
    # the 460th issue of al-Naba
    _NUMBER + r"(?:st|nd|rd|th) issue\b[^.\n]{0,40}?" + _NABA,
    # "(عدد 356)", "في عددها لهذا الأسبوع (363)": al-Naba is named elsewhere in the article
    r"\(\s?(?:عدد|العدد|issue)\s?" + _NUMBER + r"\s?\)",
    r"(?<!\w)عددها[^.\n(]{0,25}\(\s?" + _NUMBER + r"\s?\)",
)
_ISSUE = Anchored(re.compile("|".join(_ALTERNATIVES)), _KEYWORDS, reach=80)
_EARLIER = re.compile(r"(?:العدد|عدد|عددها) (?:السابق|الماضي)|\b(?:previous|last|earlier|prior) issue")


def find_source_issue(text: str, words: WordIndex) -> SourceIssue | None:
    """The first al-Naba issue number of normalised `text` that is not an earlier issue."""
    if "النبا" not in text and "naba" not in text:
        return None
    for match in _ISSUE.finditer(text, words):
        if _EARLIER.search(text, max(0, match.start() - 40), match.end()):
            continue
        number = int(next(group for group in match.groups() if group))
        if number:
            return SourceIssue(PUBLICATION, number)
    return None
