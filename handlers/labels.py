"""Words for metrics and periods, in the chat's language."""

from __future__ import annotations

METRIC_LABELS = {
    "en": {
        "attacks": "attacks", "regions": "regions", "killed": "killed", "wounded": "wounded",
        "killed_or_wounded": "killed or wounded", "arrested": "arrested", "change_pct": "change %",
    },
    "ar": {
        "attacks": "هجمات", "regions": "مناطق", "killed": "قتلى", "wounded": "جرحى",
        "killed_or_wounded": "قتلى وجرحى", "arrested": "معتقلون", "change_pct": "نسبة التغير ٪",
    },
}
PERIOD_LABELS = {
    "en": {"reported_week": "reported week", "previous_week": "week before", "other": "other period"},
    "ar": {"reported_week": "الأسبوع المذكور", "previous_week": "الأسبوع السابق", "other": "فترة أخرى"},
}


def metric_label(metric: str, language: str = "en") -> str:
    return METRIC_LABELS.get(language, METRIC_LABELS["en"]).get(metric, metric)


def period_label(period: str, language: str = "en") -> str:
    return PERIOD_LABELS.get(language, PERIOD_LABELS["en"]).get(period, period)


def format_value(metric: str, value: float) -> str:
    """16, 30.5 %, -30.5 %: integers without a decimal point, changes with a sign."""
    number = f"{value:g}" if not float(value).is_integer() else f"{int(value):,}"
    if metric == "change_pct":
        return f"{value:+g} %"
    return number
