"""The digest's words in English and Arabic; quotes and names from articles are never translated.

Numbers are written with Western digits in both languages, as the articles write them.
"""

from __future__ import annotations

from datetime import date

LANGUAGES = ("en", "ar")
RTL_LANGUAGES = frozenset({"ar"})

_PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "comma": ", ",
        "semicolon": "; ",
        "digest_title": "Weekly digest {week} ({span})",
        "week_before": "week before",
        "no_figure": "no figure",
        "no_previous": "no figure for the week before",
        "change": "Change",
        "as_reported": "as reported",
        "computed": "computed from {current} and {previous}",
        "up_from_none": "up from none",
        "cannot_check": "cannot be checked without the week before",
        "mismatch": "⚠ mismatch",
        "casualties": "Casualties",
        "by_region": "Attacks by region (week before in brackets)",
        "gone_quiet": "Reported the week before, not this week",
        "notable": "Notable claims",
        "conflicts": "Conflicting figures (the first value is the one used above)",
        "more_sources": "+{count} more",
        "no_figures": "No figures stored for {week} ({span}).",
        "nearest": "Nearest weeks with figures: {weeks}.",
        "before": "before",
        "after": "after",
        "nothing_stored": "No figures are stored yet: forward articles to me, then ask again.",
        "not_last_complete": "No figures yet for {expected}, the last complete week; "
                             "this is {week}, the latest week with figures.",
        "in_progress": "{week} is still in progress: its figures may change.",
        "followed": "Regions followed",
        "trend_title": "{metric} per week — {region}, {first} to {last}",
        "all_regions": "all regions",
        "highest": "Highest",
        "lowest": "Lowest",
        "direction": "Direction",
        "rising": "rising",
        "falling": "falling",
        "flat": "flat",
        "unclear": "too few weeks with figures to tell",
        "a_week": "{slope} a week",
        "average_now": "{weeks}-week average now",
        "trend_conflicts": "Weeks with conflicting figures (the value most sources give is shown)",
        "week": "Week",
        "moving_average": "{weeks}-week average",
        "unknown_region": "I don't know a region called “{query}”.",
        "closest": "Closest names: {names}.",
        "no_close_names": "Try the name an article uses, in English or Arabic (Sinai, سيناء, ISWAP).",
        "no_series": "No weekly attack figures are stored for {region} yet.",
        "trend_usage": "Usage: /trend REGION [WEEKS], e.g. /trend sinai, /trend \"West Africa\" 26 "
                       "(WEEKS from {least} to {most}, default {default}).",
    },
    "ar": {
        "comma": "، ",
        "semicolon": "؛ ",
        "digest_title": "الملخص الأسبوعي {week} ({span})",
        "week_before": "الأسبوع السابق",
        "no_figure": "لا رقم",
        "no_previous": "لا رقم للأسبوع السابق",
        "change": "التغير",
        "as_reported": "كما ورد",
        "computed": "محسوبًا من {current} و{previous}",
        "up_from_none": "ارتفاع من لا شيء",
        "cannot_check": "لا يمكن التحقق منه دون الأسبوع السابق",
        "mismatch": "⚠ عدم تطابق",
        "casualties": "الخسائر البشرية",
        "by_region": "الهجمات حسب المنطقة (الأسبوع السابق بين قوسين)",
        "gone_quiet": "وردت في الأسبوع السابق لا في هذا الأسبوع",
        "notable": "ادعاءات بارزة",
        "conflicts": "أرقام متعارضة (القيمة الأولى هي المستخدمة أعلاه)",
        "more_sources": "+{count} أخرى",
        "no_figures": "لا أرقام مخزنة للأسبوع {week} ({span}).",
        "nearest": "أقرب الأسابيع التي لها أرقام: {weeks}.",
        "before": "قبله",
        "after": "بعده",
        "nothing_stored": "لا أرقام مخزنة بعد: أعد توجيه المقالات إليّ ثم اسأل مجددًا.",
        "not_last_complete": "لا أرقام بعد للأسبوع {expected}، آخر أسبوع مكتمل؛ "
                             "هذا الأسبوع {week}، آخر أسبوع له أرقام.",
        "in_progress": "الأسبوع {week} لم ينتهِ بعد: قد تتغير أرقامه.",
        "followed": "المناطق المتابعة",
        "trend_title": "{metric} أسبوعيًا — {region}، من {first} إلى {last}",
        "all_regions": "كل المناطق",
        "highest": "الأعلى",
        "lowest": "الأدنى",
        "direction": "الاتجاه",
        "rising": "صاعد",
        "falling": "هابط",
        "flat": "مستقر",
        "unclear": "أسابيع قليلة جدًا لتحديد الاتجاه",
        "a_week": "{slope} أسبوعيًا",
        "average_now": "متوسط {weeks} أسابيع الآن",
        "trend_conflicts": "أسابيع بأرقام متعارضة (تظهر القيمة التي تذكرها أغلب المصادر)",
        "week": "الأسبوع",
        "moving_average": "متوسط {weeks} أسابيع",
        "unknown_region": "لا أعرف منطقة باسم «{query}».",
        "closest": "أقرب الأسماء: {names}.",
        "no_close_names": "جرّب الاسم كما يرد في المقالات، بالعربية أو الإنجليزية (سيناء، Sinai، ISWAP).",
        "no_series": "لا توجد أرقام أسبوعية للهجمات في {region} بعد.",
        "trend_usage": "الاستخدام: /trend المنطقة [عدد الأسابيع]، مثل /trend سيناء "
                       "أو /trend \"West Africa\" 26 "
                       "(عدد الأسابيع من {least} إلى {most}، والافتراضي {default}).",
    },
}
_METRICS = {
    "en": {"attacks": "Attacks", "regions": "Regions", "killed": "Killed", "wounded": "Wounded",
           "killed_or_wounded": "Killed or wounded", "arrested": "Arrested", "change_pct": "Change %"},
    "ar": {"attacks": "الهجمات", "regions": "المناطق", "killed": "القتلى", "wounded": "الجرحى",
           "killed_or_wounded": "القتلى والجرحى", "arrested": "المعتقلون", "change_pct": "نسبة التغير"},
}
_ACTIONS = {  # the extractor's claim actions (extract/claims.py)
    "en": {"ied": "IED", "rocket": "rocket attack", "mortar": "mortar attack"},
    "ar": {"attack": "هجوم", "bombing": "تفجير", "suicide_bombing": "هجوم انتحاري", "ambush": "كمين",
           "assassination": "اغتيال", "attempted_assassination": "محاولة اغتيال", "kidnapping": "خطف",
           "execution": "إعدام", "rocket": "قصف صاروخي", "mortar": "قصف بالهاون", "ied": "عبوة ناسفة"},
}
_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "ar": ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر",
           "نوفمبر", "ديسمبر"),
}


def language_of(language: str | None) -> str:
    """A supported language: Arabic when asked for, English otherwise."""
    return language if language in LANGUAGES else "en"


def phrase(language: str, key: str, **values: object) -> str:
    return _PHRASES[language_of(language)][key].format(**values)


def metric_name(metric: str, language: str) -> str:
    return _METRICS[language_of(language)].get(metric, metric.replace("_", " "))


_PERIODS = {
    "en": {"reported_week": "reported week", "previous_week": "week before", "other": "other period"},
    "ar": {"reported_week": "الأسبوع المذكور", "previous_week": "الأسبوع السابق", "other": "فترة أخرى"},
}


def period_name(period: str, language: str) -> str:
    """The period a figure is for, as an article's reader would say it."""
    return _PERIODS[language_of(language)].get(period, period.replace("_", " "))


def value_of(metric: str, value: float) -> str:
    """A figure's value as written in replies: a signed percentage for a change, else a number."""
    return percent(value) if metric == "change_pct" else number(value)


def action_name(action: str, language: str) -> str:
    """The kind of attack a claim reports ("suicide bombing"), in the chat's language where known."""
    return _ACTIONS[language_of(language)].get(action, action.replace("_", " "))


def number(value: float) -> str:
    """16, 1,204, 30.5: integers without a decimal point."""
    return f"{int(value):,}" if float(value).is_integer() else f"{value:,.1f}"


def percent(value: float) -> str:
    """-30.4 %, +5 %: one decimal at most, always signed."""
    rounded = round(value, 1)
    return f"{rounded:+.0f} %" if float(rounded).is_integer() else f"{rounded:+.1f} %"


def span_of_week(monday: date, language: str) -> str:
    """ "2–8 Jan 2023", "30 Jan – 5 Feb 2023", "26 Dec 2022 – 1 Jan 2023"."""
    months = _MONTHS[language_of(language)]
    sunday = date.fromordinal(monday.toordinal() + 6)
    end = f"{sunday.day} {months[sunday.month - 1]} {sunday.year}"
    if monday.year != sunday.year:
        return f"{monday.day} {months[monday.month - 1]} {monday.year} – {end}"
    if monday.month != sunday.month:
        return f"{monday.day} {months[monday.month - 1]} – {end}"
    return f"{monday.day}–{end}"
