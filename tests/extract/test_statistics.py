"""Key statistics: each pattern in Arabic and English, and the numbers that must not become figures.

Every text here is written for the test; a test fails when its pattern breaks.
"""

from __future__ import annotations

from datetime import date

import pytest

from claimwatch.extract import analyze

Fact = tuple[str, float, str, str | None]
PUBLISHED = date(2024, 3, 16)


def facts(text: str, published: date | None = None) -> set[Fact]:
    return {(s.metric, s.value, s.period, s.region) for s in analyze(text, published).statistics}


# --- weekly totals and their periods -------------------------------------------------------------

def test_attacks_and_areas_of_the_reported_and_previous_week_ar() -> None:
    text = ("قالت صحيفة النبأ إن هجمات التنظيم تراجعت خلال الأسبوع الماضي، إذ نفذ عناصره 12 هجومًا "
            "في 5 مناطق، مقابل 19 هجومًا في الأسبوع قبل الماضي في 8 مناطق.")
    assert facts(text) >= {
        ("attacks", 12, "reported_week", None), ("regions", 5, "reported_week", None),
        ("attacks", 19, "previous_week", None), ("regions", 8, "previous_week", None),
    }


def test_attacks_and_areas_of_the_reported_and_previous_week_en() -> None:
    text = "Last week the group claimed 21 attacks in 6 provinces, against 27 attacks the week before."
    assert facts(text) == {
        ("attacks", 21, "reported_week", None), ("regions", 6, "reported_week", None),
        ("attacks", 27, "previous_week", None),
    }


def test_compared_with_last_week_in_which_is_the_previous_week_ar() -> None:
    text = "وتراجعت الهجمات بنسبة 25% مقارنة بالأسبوع الماضي الذي شن فيه التنظيم 20 هجومًا في 4 دول."
    assert facts(text) == {
        ("change_pct", -25, "reported_week", None),
        ("attacks", 20, "previous_week", None), ("regions", 4, "previous_week", None),
    }


def test_last_week_beside_this_week_is_the_previous_week_en() -> None:
    text = "Attacks fell from 40 last week to 31 this week."
    assert facts(text) == {("attacks", 40, "previous_week", None), ("attacks", 31, "reported_week", None)}


def test_from_to_carries_the_noun_ar() -> None:
    text = "انخفضت هجمات التنظيم من 33 هجومًا إلى 21 فقط."
    assert facts(text) == {("attacks", 33, "previous_week", None), ("attacks", 21, "reported_week", None)}


def test_down_from_a_figure_of_the_week_before_en() -> None:
    text = "The Islamic State claimed 30 attacks last week, down from 41 the week before."
    assert facts(text) == {("attacks", 30, "reported_week", None), ("attacks", 41, "previous_week", None)}


def test_this_week_and_the_week_in_progress_are_the_reported_week_ar() -> None:
    text = "نفذ التنظيم خلال هذا الأسبوع 14 عملية، مقارنة بعمليتين فقط خلال الأسبوع الجاري في سيناء."
    assert ("attacks", 14, "reported_week", None) in facts(text)


def test_statistic_weeks_come_from_the_publication_date() -> None:
    analysis = analyze("نفذ التنظيم 12 هجوما خلال الأسبوع الماضي مقابل 19 في الأسبوع السابق له.", PUBLISHED)
    weeks = {(s.value, s.week) for s in analysis.statistics}
    assert weeks == {(12, "2024-W10"), (19, "2024-W09")}
    assert analysis.reported_week == (date(2024, 3, 4), date(2024, 3, 10))


# --- other periods ---------------------------------------------------------------------------------

def test_year_totals_are_other_ar() -> None:
    text = "وبلغ إجمالي هجمات التنظيم خلال عام 2023م نحو 1900 هجوم خلفت 5200 قتيل وجريح."
    assert facts(text) == {("attacks", 1900, "other", None), ("killed_or_wounded", 5200, "other", None)}


def test_counts_over_a_number_of_days_are_other_en() -> None:
    text = "Over the past 45 days the group claimed a total of 64 operations in Syria."
    assert facts(text) == {("attacks", 64, "other", "Syria")}


def test_since_a_year_is_other_en() -> None:
    text = "More than 2,000 people have been killed in Borno since 2015."
    assert facts(text) == {("killed", 2000, "other", "Borno")}


def test_words_for_thousands_with_digits_ar() -> None:
    text = "وشهد عام 2019م أربعة آلاف و120 هجومًا، وخلفت الهجمات 9 آلاف قتيل."
    assert facts(text) == {("attacks", 4120, "other", None), ("killed", 9000, "other", None)}


# --- per-region counts ---------------------------------------------------------------------------

def test_per_region_counts_with_coordinated_lists_ar() -> None:
    text = ("ونفذ التنظيم 11 هجومًا في 5 مناطق (4 هجمات في نيجيريا، و3 هجمات في سوريا، وهجومين في كل من "
            "العراق، وموزمبيق، وهجوم واحد في الصومال).")
    assert facts(text) == {
        ("attacks", 11, "reported_week", None), ("regions", 5, "reported_week", None),
        ("attacks", 4, "reported_week", "Nigeria"), ("attacks", 3, "reported_week", "Syria"),
        ("attacks", 2, "reported_week", "Iraq"), ("attacks", 2, "reported_week", "Mozambique"),
        ("attacks", 1, "reported_week", "Somalia"),
    }


def test_per_region_counts_in_brackets_and_a_rate_per_country_ar() -> None:
    text = ("ونفذ التنظيم 8 هجمات في دول العراق (3 هجمات)، وسوريا (هجومين)، والصومال، وموزمبيق، "
            "وأفغانستان، بمعدل هجوم واحد لكل دولة.")
    assert facts(text) == {
        ("attacks", 8, "reported_week", None), ("attacks", 3, "reported_week", "Iraq"),
        ("attacks", 2, "reported_week", "Syria"), ("attacks", 1, "reported_week", "Somalia"),
        ("attacks", 1, "reported_week", "Mozambique"), ("attacks", 1, "reported_week", "Afghanistan"),
    }


def test_per_region_counts_en() -> None:
    text = "IS claimed 12 attacks in Iraq, 8 in Syria and five in Nigeria."
    assert facts(text) == {
        ("attacks", 12, "reported_week", "Iraq"), ("attacks", 8, "reported_week", "Syria"),
        ("attacks", 5, "reported_week", "Nigeria"),
    }


def test_a_country_list_with_counts_in_brackets_en() -> None:
    text = "The group claimed 300 attacks around the world this year. Countries listed: Iraq (120), Mali (4)."
    assert facts(text) == {
        ("attacks", 300, "other", None), ("attacks", 120, "other", "Iraq"), ("attacks", 4, "other", "Mali"),
    }


def test_place_before_the_figure_ar() -> None:
    text = "وفي سيناء نفذ التنظيم 3 هجمات خلال الأسبوع الماضي."
    assert facts(text) == {("attacks", 3, "reported_week", "Sinai")}


def test_subject_of_the_sentence_is_the_place_en() -> None:
    text = "Over the past year Nigeria came first with 410 attacks."
    assert facts(text) == {("attacks", 410, "other", "Nigeria")}


def test_a_pronoun_points_back_at_the_place_ar() -> None:
    text = "وجاءت موزمبيق في المقدمة، لكن الهجمات تراجعت فيها بنسبة 40% مقارنة بالأسبوع الماضي."
    assert facts(text) == {("change_pct", -40, "reported_week", "Mozambique")}


def test_places_named_as_examples_after_a_total_are_not_its_place_ar() -> None:
    text = "ونفذ التنظيم 10 هجمات في 4 مناطق أبرزها العراق وسوريا، مقابل 15 هجوما في الأسبوع السابق."
    assert facts(text) == {
        ("attacks", 10, "reported_week", None), ("regions", 4, "reported_week", None),
        ("attacks", 15, "previous_week", None),
    }


def test_worldwide_figures_have_no_place_ar_en() -> None:
    assert facts("نفذ التنظيم 250 هجوما على مستوى العالم في عام 2023، 140 منها في إفريقيا.") == {
        ("attacks", 250, "other", None), ("attacks", 140, "other", "Africa"),
    }
    assert facts("In 2023 IS claimed 1,100 attacks around the world.") == {("attacks", 1100, "other", None)}


def test_figures_of_the_article_take_the_place_its_lead_names_en() -> None:
    text = ("IS claims 40 attacks in Syria over 60 days.\n"
            "The attacks left 75 people killed or wounded, the group said.")
    assert facts(text) == {("attacks", 40, "other", "Syria"), ("killed_or_wounded", 75, "other", "Syria")}


def test_list_items_carry_the_metric_of_the_figure_they_break_down_en() -> None:
    text = ("Over 90 days, 33 of the group's operations took place in Syria, "
            "20 of which were in Raqqa and 9 in Aleppo.")
    assert facts(text) == {
        ("attacks", 33, "other", "Syria"), ("attacks", 20, "other", "Raqqa"),
        ("attacks", 9, "other", "Aleppo"),
    }


def test_list_items_with_the_governorate_named_ar() -> None:
    text = "وشهد الأسبوع الماضي 6 عمليات توزعت بواقع 4 في محافظة دير الزور وواحدة في محافظة الرقة."
    assert facts(text) >= {
        ("attacks", 4, "reported_week", "Deir ez-Zor"), ("attacks", 1, "reported_week", "Raqqa"),
    }


# --- zero statements ---------------------------------------------------------------------------------

def test_failed_to_launch_attacks_is_zero_for_the_place_ar() -> None:
    text = "وتراجعت هجمات التنظيم في سيناء، إذ فشل في شن هجمات جديدة خلال الأسبوع الماضي."
    assert facts(text) == {("attacks", 0, "reported_week", "Sinai")}


def test_did_not_claim_any_attack_is_zero_ar_en() -> None:
    assert facts("لم يعلن التنظيم عن أي هجوم في سيناء خلال الأسبوع الماضي.") == {
        ("attacks", 0, "reported_week", "Sinai")
    }
    assert facts("Last week the group failed to launch any attack in Sinai.") == {
        ("attacks", 0, "reported_week", "Sinai")
    }


def test_zero_operations_for_listed_places_ar() -> None:
    text = "تراجع هجمات التنظيم خلال 2023 وأوروبا «صفر عمليات»"
    assert ("attacks", 0, "other", "Europe") in facts(text)


# --- change ------------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "value"), [
    ("تراجعت هجمات التنظيم بمعدل 30.5 % خلال الأسبوع الماضي.", -30.5),
    ("وارتفعت الهجمات بنسبة 12 في المائة.", 12),
    ("Attacks by the group declined by 18% last week.", -18),
    ("Claimed attacks rose 7.5 percent this week.", 7.5),
    ("The group's attacks saw a 22% drop last week.", -22),
])
def test_week_on_week_change_in_attacks(text: str, value: float) -> None:
    assert facts(text) == {("change_pct", value, "reported_week", None)}


@pytest.mark.parametrize("text", [
    "ارتفعت الصادرات بنسبة 15 في المائة خلال العام الماضي.",
    "Revenues rose 11.2 percent to $3.88 billion.",
    "استحوذ التنظيم على 46% من مجمل العمليات.",
])
def test_percentages_of_other_things_are_not_statistics(text: str) -> None:
    assert facts(text) == set()


# --- casualties and arrests ------------------------------------------------------------------------

def test_killed_and_wounded_ar() -> None:
    text = "أسفر الهجوم في كابل عن مقتل 41 شخصا وإصابة 97 آخرين."
    assert facts(text) == {
        ("killed", 41, "reported_week", "Kabul"), ("wounded", 97, "reported_week", "Kabul"),
    }


def test_killed_or_wounded_ar() -> None:
    assert facts("وأدت العمليات إلى مقتل وإصابة 58 عنصرا في العراق.") == {
        ("killed_or_wounded", 58, "reported_week", "Iraq")
    }
    assert facts("وأسقطت الهجمات 130 ما بين قتيل وجريح في سوريا.") == {
        ("killed_or_wounded", 130, "reported_week", "Syria")
    }
    assert facts("خلفت الهجمات 77 قتيلا وجريحا في نيجيريا.") == {
        ("killed_or_wounded", 77, "reported_week", "Nigeria")
    }


def test_killed_wounded_and_both_en() -> None:
    assert facts("Militants killed 15 soldiers and wounded 20 in an attack in Borno.") == {
        ("killed", 15, "reported_week", "Borno"), ("wounded", 20, "reported_week", "Borno"),
    }
    assert facts("At least 12 people were killed and over 30 injured in Kabul.") == {
        ("killed", 12, "reported_week", "Kabul"), ("wounded", 30, "reported_week", "Kabul"),
    }
    assert facts("The raids left 48 fighters killed or wounded in Iraq.") == {
        ("killed_or_wounded", 48, "reported_week", "Iraq")
    }


def test_of_them_and_the_remaining_split_a_casualty_figure_en() -> None:
    text = ("In Syria 60 people were killed or wounded. "
            "45 of them were soldiers and the remaining 15 were police.")
    assert facts(text) == {
        ("killed_or_wounded", 60, "reported_week", "Syria"),
        ("killed_or_wounded", 45, "reported_week", "Syria"),
        ("killed_or_wounded", 15, "reported_week", "Syria"),
    }


def test_arrests_ar_en() -> None:
    assert facts("وأعلنت السلطات اعتقال 14 مشتبها بهم في العراق.") == {
        ("arrested", 14, "reported_week", "Iraq")
    }
    assert facts("The sweep led to 37 arrests, officials said.") == {("arrested", 37, "reported_week", None)}
    assert facts("Security forces detained four suspects in the town of Raqqa.") == {
        ("arrested", 4, "reported_week", "Raqqa")
    }


def test_a_headline_retold_with_its_place_keeps_the_place_en() -> None:
    text = ("ISWAP claims killing of 9 soldiers\n"
            "Islamic State said its fighters killed 9 soldiers during a clash in Monguno on Friday.")
    assert facts(text) == {("killed", 9, "reported_week", "Monguno")}


# --- breakdowns and numbers that are not figures ------------------------------------------------------

def test_breakdowns_by_type_or_target_are_not_totals_en() -> None:
    text = ("Over the past year the group claimed 900 operations. The operations included 300 attacks with "
            "roadside bombs and 12 suicide attacks. 50 attacks were against Christians.")
    assert facts(text) == {("attacks", 900, "other", None)}


def test_a_signed_difference_is_not_a_count_en() -> None:
    text = "Over the past year the group was less active than in 2022: - 400 military operations."
    assert facts(text) == set()


@pytest.mark.parametrize("text", [
    "نشرت صحيفة النبأ في عددها 420 الصادر يوم الخميس 12 يناير 2024 افتتاحية جديدة.",
    "صادرات الصيد بلغت 778 ألف طن بقيمة 24 مليار درهم.",
    "The 400-meter ship was stuck for six days in March 2021.",
    "أعلن التنظيم مقتل أبو محمد (45 عاما) في غارة.",
    "The number of ships rose to 9,763 vessels in the first half of 2021.",
    "رغم مرور نحو 6 أشهر على مقتله.",
])
def test_dates_issues_money_tonnes_ages_and_durations_are_not_statistics(text: str) -> None:
    assert facts(text) == set()


def test_evidence_quotes_the_original_text() -> None:
    text = "وخلال الأسبوع الماضي نفّذ التنظيم ١٢ هُجُومًا في ٥ مناطق."
    for statistic in analyze(text).statistics:
        span = statistic.evidence
        assert text[span.start : span.end] == span.text
        assert "١٢" in span.text or "٥" in span.text


def test_one_event_told_is_not_a_count_ar_en() -> None:
    assert facts("In one attack, fighters burned a church in Ituri.") == set()
    assert facts("وفي عملية واحدة أحرق المقاتلون كنيسة في إيتوري.") == set()


def test_militants_killed_by_security_forces_are_not_an_attack_toll_ar_en() -> None:
    assert facts("Troops killed 40 militants in Borno last week.") == set()
    assert facts("وأعلن الجيش مقتل 25 إرهابيا في سيناء.") == set()


def test_one_figure_told_for_a_country_and_its_province_keeps_the_province_en() -> None:
    text = ("IS claims 14 attacks in Mozambique's Cabo Delgado\n"
            "The group claimed 14 attacks in Cabo Delgado province last week.")
    assert facts(text) == {("attacks", 14, "reported_week", "Cabo Delgado")}


def test_the_time_a_sentence_is_set_in_holds_for_its_later_clauses_en() -> None:
    text = "The minister spoke on Monday. In 2023 troops raided 40 villages, arresting 350 suspects."
    assert facts(text) == {("arrested", 350, "other", None)}


def test_a_week_followed_by_when_governs_the_next_clause_en() -> None:
    text = "Compared to the previous week, when it claimed 25 attacks, activity fell by 32% this week."
    assert facts(text) == {("attacks", 25, "previous_week", None), ("change_pct", -32, "reported_week", None)}


def test_a_direction_places_the_figure_ar_en() -> None:
    assert facts("مقتل 5 جنود في هجوم لداعش شمال بغداد") == {("killed", 5, "reported_week", "Baghdad")}
    assert facts("Six soldiers were killed north of Baghdad on Sunday.") == {
        ("killed", 6, "reported_week", "Baghdad")
    }


def test_operations_against_the_group_are_not_its_attacks_ar_en() -> None:
    assert facts("In 2023 the coalition conducted 1,200 operations against the group.") == set()
    assert facts("ونفذت القوات الأمنية 300 عملية ضد خلايا التنظيم خلال العام الماضي.") == set()


def test_the_groups_own_losses_are_not_an_attack_toll_ar_en() -> None:
    assert facts("Nigerian troops killed 30 Boko Haram fighters in Borno.") == set()
    assert facts("وأعلن الجيش مقتل 14 عنصرا من داعش في كركوك.") == set()
    assert facts("وأسفر الهجوم عن مقتل 14 عنصرا من قسد في دير الزور.") == {
        ("killed", 14, "reported_week", "Deir ez-Zor")
    }


@pytest.mark.parametrize("text", [
    "Militants killed a 25-year-old man in Kirkuk.",
    "Gunmen killed in 2019 a judge in Baghdad.",
    "The attack started at 5 pm, residents said.",
    "وقتل المسلح البالغ 45 عاما في الموصل.",
])
def test_ages_hours_and_years_are_not_tolls(text: str) -> None:
    assert facts(text) == set()


def test_a_year_between_a_figure_and_its_place_en() -> None:
    assert facts("ISIS killed 2,000 civilians in 2014 in Sinjar.") == {("killed", 2000, "other", "Sinjar")}
