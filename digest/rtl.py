"""Right-to-left text inside left-to-right lines (and the reverse) without scrambling numbers."""

from __future__ import annotations

import re

_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LTR = re.compile(r"[A-Za-z\u00c0-\u024f]")
FSI, PDI = "\u2068", "\u2069"


def has_rtl(text: str) -> bool:
    return bool(_RTL.search(text))


def is_mixed(text: str) -> bool:
    """Whether the text holds both right-to-left letters and left-to-right letters or digits."""
    return has_rtl(text) and bool(_LTR.search(text) or re.search(r"\d", text))


def isolate(text: str) -> str:
    """Wrap right-to-left text in first-strong isolates so it cannot reorder the line around it."""
    return f"{FSI}{text}{PDI}" if has_rtl(text) else text
