"""Right-to-left text inside left-to-right lines (and the reverse) without scrambling numbers.

Chat clients lay out each line by the Unicode bidirectional algorithm. In an English
line an Arabic quote is wrapped in first-strong isolates so it cannot drag the words
and numbers around it. In an Arabic line every Latin run (a region name, a source) is
isolated the same way, and every number, date, ISO week and percentage is wrapped in a
left-to-right isolate so "2023-W01" or "-30.5 %" is not shown as "W01-2023" or "30.5-".
Each Arabic line starts with a right-to-left mark so a line that begins with a Latin
name still reads from the right.
"""

from __future__ import annotations

import re

_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LTR = re.compile(r"[A-Za-z\u00c0-\u024f]")
_LETTER = r"A-Za-z\u00c0-\u024f"
_RUN = re.compile(
    r"(?P<number>[+\-\u2212]?\d[\d,.]*(?:-W\d{2}|-\d{2}-\d{2})?(?:\s?%)?)"
    rf"|(?P<latin>[/@#]?[{_LETTER}](?:[{_LETTER}0-9 .,'’()/&#@_-]*[{_LETTER}0-9)])?)"
)
FSI, LRI, PDI = "\u2068", "\u2066", "\u2069"
RLM = "\u200f"


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


def has_ltr(text: str) -> bool:
    return bool(_LTR.search(text))


def isolate(text: str) -> str:
    """Wrap right-to-left text in first-strong isolates so it cannot reorder the line around it."""
    return f"{FSI}{text}{PDI}" if has_rtl(text) else text


def _isolate_run(match: re.Match[str]) -> str:
    opening = LRI if match.lastgroup == "number" else FSI
    return f"{opening}{match.group()}{PDI}"


def for_line(text: str, rtl_line: bool, verbatim: bool = False) -> str:
    """Text ready to sit in a line of the given direction.

    `verbatim` text (a quote from an article) is only isolated as a whole when its
    direction may differ from the line's; our own words also get their runs isolated."""
    if not rtl_line:
        return isolate(text)
    if verbatim:
        return f"{FSI}{text}{PDI}" if has_ltr(text) else text
    return _RUN.sub(_isolate_run, text)


def line_start(rtl_line: bool) -> str:
    """What starts every line: a right-to-left mark in right-to-left documents."""
    return RLM if rtl_line else ""
