"""Region matching as an analyst sees it: which places an article names, and which it does not."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from claimwatch.config.resources import DataFileError, load_lexicon
from claimwatch.extract.gazetteer import Gazetteer, GazetteerError, default_gazetteer
from claimwatch.extract.normalize import normalize
from claimwatch.extract.regions import closest_regions, find_regions, regions_found, resolve_region


def names(text: str) -> list[str]:
    """Canonical names of the regions `text` names, in order of first mention."""
    norm = normalize(text)
    return [region.name for region in regions_found(find_regions(norm), norm)]


def quoted(text: str) -> dict[str, list[str]]:
    """Each region's mentions as quoted from the original text."""
    norm = normalize(text)
    return {r.name: [m.text for m in r.mentions] for r in regions_found(find_regions(norm), norm)}


# --- Arabic and English reports -----------------------------------------------------------


def test_weekly_summary_in_arabic_names_provinces_not_the_continent_inside_them() -> None:
    text = ("وأوضحت الصحيفة أن مفارز التنظيم نفذت 12 هجوماً في 5 ولايات، أبرزها ولاية غرب إفريقيا "
            "وموزمبيق، إلى جانب هجمات متفرقة في العراق وسوريا ووسط إفريقيا.")
    assert names(text) == ["West Africa", "Mozambique", "Iraq", "Syria", "Central Africa"]


def test_english_report_names_countries_provinces_and_towns() -> None:
    text = ("Fighters of the Islamic State West Africa Province (ISWAP) overran a base in Monguno, "
            "Borno State, while ISKP claimed a bombing in Jalalabad, Afghanistan.")
    assert names(text) == ["West Africa", "Monguno", "Borno", "Khorasan", "Jalalabad", "Afghanistan"]


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("وقع الانفجار قرب مقر الشرطة بكابل صباح الأحد", "Kabul"),
        ("أما فلسيناء نصيب وافر من الهجمات", "Sinai"),
        ("وصلت تعزيزات إلى ديالى والموصل", "Mosul"),
        ("اغتيل قيادي في الحركة بولاية بدخشان", "Badakhshan"),
        ("عاد المقاتلون للعراق بعد أشهر", "Iraq"),
        ("تتكرر الهجمات بالشام منذ أسابيع", "Syria"),
        ("وصل الوفد وبالموصل عقد اجتماعه", "Mosul"),
    ],
)
def test_arabic_proclitics_before_a_place_name(text: str, region: str) -> None:
    assert region in names(text)


@pytest.mark.parametrize(
    "spelling",
    ["أفغانستان", "افغانستان", "أَفْغَانِسْتَان", "أفغـانسـتان"],
)
def test_alef_harakat_and_tatweel_do_not_matter(spelling: str) -> None:
    assert names(f"تراجعت هجمات التنظيم في {spelling} خلال الأسبوع") == ["Afghanistan"]


def test_taa_marbuta_and_final_hamza_variants() -> None:
    assert names("هجوم في محافظة الرقه") == ["Raqqa"]
    assert names("هجمات في شبه جزيرة سينا") == ["Sinai"]
    assert names("مقتل جنديين في أفريقيا وإفريقية") == ["Africa"]


@pytest.mark.parametrize(
    "spelling", ["Deir ez-Zor", "Deir ez Zor", "Deir Ezzor", "Dayr az-Zawr", "Deir al-Zour", "Deir-ez-Zor"]
)
def test_transliterations_of_deir_ez_zor(spelling: str) -> None:
    assert names(f"Two SDF fighters were killed in {spelling} countryside.") == ["Deir ez-Zor"]


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("militants attacked troops in Ghoubio", "Gubio"),
        ("a statement by Wilayat Khurasan", "Khorasan"),
        ("Islamic State-Khorasan claimed it", "Khorasan"),
        ("a raid claimed by Wilayat Sina", "Sinai"),
        ("#BurkinaFaso and #WestAfrica", "Burkina Faso"),
        ("Mocimboa da Praia was retaken", "Mocímboa da Praia"),
        ("clashes in Congo's east", "Democratic Republic of the Congo"),
    ],
)
def test_english_spellings_and_province_names(text: str, region: str) -> None:
    assert names(text)[0] == region


# --- The longest name wins ------------------------------------------------------------------


def test_longest_match_wins() -> None:
    assert names("An ambush near Arish in North Sinai.") == ["Arish", "North Sinai"]
    assert names("أعلنت ولاية غرب إفريقيا مسؤوليتها") == ["West Africa"]
    assert names("Boats crossed Lake Chad at night.") == ["Lake Chad"]
    assert names("Troops from Nigeria and the Central African Republic") == [
        "Nigeria", "Central African Republic"]
    assert names("هجمات في جنوب إفريقيا وشرق آسيا") == ["South Africa", "East Asia"]


def test_hits_are_sorted_non_overlapping_offsets_into_the_normalised_text() -> None:
    norm = normalize("قُتل جنود في شمال سيناء، وفي سيناء عموماً، وفي العريش.")
    hits = find_regions(norm)
    assert [h.name for h in hits] == ["North Sinai", "Sinai", "Arish"]
    assert [norm.text[h.start:h.end] for h in hits] == ["شمال سيناء", "سيناء", "العريش"]
    assert all(a.end <= b.start for a, b in pairwise(hits))


# --- Words and names that are not places ------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "قال إنه لا يملك من مالي الخاص شيئاً",
        "توقف الدعم المالي للجماعة",
        "فتح الوسطاء الباب أمام المفاوضات",
        "تدمر الغارات البيوت فوق رؤوس أهلها",
        "وعد الله المؤمنين جنات عدن",
        "اشتباكات على الساحل السوري",
        "ارتدى الجندي درعاً واقياً",
        "هذه مسألة حديثة العهد",
    ],
)
def test_risky_arabic_words_are_not_places_without_context(text: str) -> None:
    assert names(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("هاجم مسلحون مواقع للجيش في شمال مالي", ["Mali"]),
        ("وشهدت نيجيريا ومالي والنيجر هجمات", ["Nigeria", "Mali", "Niger"]),
        ("سيطر التنظيم على مدينة الباب", ["Al-Bab"]),
        ("قصف في ريف حماة وتدمر", ["Hama", "Palmyra"]),
        ("وقع الهجوم في محافظة درعا جنوب سوريا", ["Daraa", "Syria"]),
        ("تنشط خلايا التنظيم في الساحل الإفريقي", ["Sahel"]),
        ("توزعت الهجمات على موزمبيق (2) والساحل (1)", ["Mozambique", "Sahel"]),
    ],
)
def test_risky_words_count_after_a_place_word_or_in_a_list(text: str, expected: list[str]) -> None:
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Abu Bakr al-Baghdadi was killed in a raid.",
        "Abu Hamza al-Masri was sentenced.",
        "قال أبو بكر البغدادي في تسجيل صوتي",
        "فجر أبو عاصم الباكستاني سترته الناسفة",
        "حرر صلاح الدين الأيوبي المدينة",
        "the Ibn Sina hospital",
        "وقال ابن سينا في كتابه",
        "Hay'at Tahrir al-Sham denied it.",
        "the Islamic State of Iraq and the Levant (ISIL)",
        "أعلن تنظيم الدولة الإسلامية في العراق والشام",
        "قالت هيئة تحرير الشام",
        "Let us know what you think.",
    ],
)
def test_person_and_group_names_name_no_place(text: str) -> None:
    assert names(text) == []


def test_demonyms_name_a_country_only_as_its_capital_or_after_its_place() -> None:
    assert names("استهدف الهجوم حفلاً في العاصمة الأفغانية كابول") == ["Afghanistan", "Kabul"]
    assert names("اعتقل في إسطنبول التركية") == ["Istanbul", "Turkey"]
    assert names("the Afghan capital") == ["Afghanistan"]
    assert names("قال مرصد دار الإفتاء المصرية") == []
    assert names("Turkish-backed militants and Afghan spies") == []


def test_acronyms_match_only_in_capitals() -> None:
    assert names("US officials said 13 US service members died.") == ["United States"]
    assert names("the UK and the U.S.-led coalition") == ["United Kingdom", "United States"]
    assert names("they told us the DRC was next") == ["Democratic Republic of the Congo"]


# --- What the extraction output carries ------------------------------------------------------


def test_regions_found_quote_the_original_text_and_carry_gazetteer_facts() -> None:
    text = "قُتِلَ 3 في سيناء، ثم هاجموا شمال سيناء والعريش، وعادوا إلى سَيْنَاء."
    norm = normalize(text)
    found = regions_found(find_regions(norm), norm)
    assert [r.name for r in found] == ["Sinai", "North Sinai", "Arish"]
    sinai = found[0]
    assert (sinai.name_ar, sinai.kind, sinai.parents) == ("سيناء", "province", ("Egypt",))
    assert [m.text for m in sinai.mentions] == ["سيناء", "سَيْنَاء"]
    assert all(text[m.start:m.end] == m.text for r in found for m in r.mentions)
    assert "Egypt" not in [r.name for r in found]


def test_latin_article_joins_the_quoted_mention() -> None:
    assert quoted("raids around al-Busayrah and al-Hasakah") == {
        "Busayrah": ["al-Busayrah"], "Hasakah": ["al-Hasakah"]}


# --- /trend queries ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "region"),
    [
        ("sinai", "Sinai"),
        ("سيناء", "Sinai"),
        ("Wilayat Sina", "Sinai"),
        ("ISWAP", "West Africa"),
        ("west africa", "West Africa"),
        ("West-Africa", "West Africa"),
        ("ولاية غرب أفريقيا", "West Africa"),
        ("  Kabul City ", "Kabul"),
        ("deir ezzor", "Deir ez-Zor"),
        ("الرقة", "Raqqa"),
        ("us", "United States"),
        ("Borno State", "Borno"),
        ("attacks in Badakhshan", "Badakhshan"),
        ("mocimboa", "Mocímboa da Praia"),
    ],
)
def test_resolve_region(query: str, region: str) -> None:
    assert resolve_region(query) == region


@pytest.mark.parametrize("query", ["", "   ", "Atlantis", "iraq and syria"])
def test_resolve_region_gives_none_when_no_single_place_is_meant(query: str) -> None:
    assert resolve_region(query) is None


def test_closest_regions_suggest_what_a_typo_meant() -> None:
    assert closest_regions("Mozambik")[0] == "Mozambique"
    assert closest_regions("Badakshan")[0] == "Badakhshan"
    assert closest_regions("Khorasaan")[0] == "Khorasan"
    assert len(closest_regions("Nigeria", limit=2)) == 2
    assert closest_regions("qqqqzzzz") == []


# --- The analysts' gazetteer -------------------------------------------------------------------


def _place(name: str, name_ar: str, **fields: object) -> dict[str, object]:
    return {"name": name, "name_ar": name_ar, "kind": fields.pop("kind", "country"), **fields}


def test_a_custom_gazetteer_matches_with_the_same_rules() -> None:
    gazetteer = Gazetteer([
        _place("Atlantis", "أطلانطس", aliases=["Atlantis Province"]),
        _place("Poseidonia", "بوسيدونيا", kind="city", parents=["Atlantis"], context_aliases=["Posy"]),
    ])
    norm = normalize("هجوم وبأطلانطس ثم في Atlantis Province. Posy said the blast hit a market in Posy.")
    hits = find_regions(norm, gazetteer)
    assert [h.name for h in hits] == ["Atlantis", "Atlantis", "Poseidonia"]
    found = regions_found(hits, norm, gazetteer)
    assert found[1].parents == ("Atlantis",)
    assert resolve_region("atlantis province", gazetteer) == "Atlantis"


@pytest.mark.parametrize(
    ("entries", "message"),
    [
        ([_place("Ninawa", "نينوى", parents=["Irak"])], "unknown parent 'Irak'"),
        ([_place("Iraq", "العراق"), _place("iraq", "عراق")], "duplicate name"),
        ([_place("Iraq", "العراق", aliases=["Mesopotamia"]),
          _place("Syria", "سوريا", aliases=["Mesopotamia"])],
         "'Mesopotamia' of 'Syria' is already a spelling of 'Iraq'"),
        ([_place("Iraq", "العراق", kind="nation")], "`kind` is 'nation'"),
        ([_place("Iraq", "العراق", alias=["Irak"])], "unknown field(s) alias"),
        ([_place("Iraq", "", aliases="Irak")], "`name_ar` must be a non-empty string"),
    ],
)
def test_inconsistent_gazetteer_fails_with_the_entry_named(
    entries: list[dict[str, object]], message: str
) -> None:
    with pytest.raises(GazetteerError) as error:
        Gazetteer(entries, "my-gazetteer.yaml")
    assert message in str(error.value)
    assert str(error.value).startswith("my-gazetteer.yaml: ")


def test_user_gazetteer_file_replaces_the_packaged_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "places.yaml"
    own.write_text("- {name: Atlantis, name_ar: أطلانطس, kind: country}\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMWATCH_GAZETTEER_FILE", str(own))
    assert names("هجمات في أطلانطس وسيناء") == ["Atlantis"]
    monkeypatch.delenv("CLAIMWATCH_GAZETTEER_FILE")
    assert names("هجمات في أطلانطس وسيناء") == ["Sinai"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("- name: Atlantis\n  aliases: [Atlantis\n", "not valid YAML"),
        ("name: Atlantis\n", "must be a list of places"),
        ("", "the file is empty"),
    ],
)
def test_malformed_user_gazetteer_gives_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, content: str, message: str
) -> None:
    own = tmp_path / "broken.yaml"
    own.write_text(content, encoding="utf-8")
    monkeypatch.setenv("CLAIMWATCH_GAZETTEER_FILE", str(own))
    with pytest.raises(DataFileError) as error:
        default_gazetteer()
    assert str(own) in str(error.value)
    assert message in str(error.value)


def test_user_gazetteer_with_a_bad_parent_names_file_and_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "places.yaml"
    own.write_text("- {name: Mosul, name_ar: الموصل, kind: city, parents: [Irak]}\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMWATCH_GAZETTEER_FILE", str(own))
    with pytest.raises(GazetteerError, match=r"places\.yaml: 'Mosul': unknown parent 'Irak'"):
        find_regions(normalize("الموصل"))


def test_missing_user_file_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMWATCH_GAZETTEER_FILE", str(tmp_path / "nowhere.yaml"))
    with pytest.raises(DataFileError, match=r"nowhere\.yaml: cannot read it"):
        default_gazetteer()


def test_user_lexicon_file_is_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    own = tmp_path / "notable.yaml"
    own.write_text("targets:\n  - {name: embassy, reasons: [diplomatic]}\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMWATCH_LEXICON_FILE", str(own))
    assert load_lexicon() == {"targets": [{"name": "embassy", "reasons": ["diplomatic"]}]}


@pytest.mark.parametrize(
    ("wilaya", "region"),
    [
        ("ولاية غرب إفريقيا", "West Africa"), ("ولاية الساحل", "Sahel"),
        ("ولاية وسط إفريقيا", "Central Africa"),
        ("ولاية موزمبيق", "Mozambique"), ("ولاية خراسان", "Khorasan"), ("ولاية باكستان", "Pakistan"),
        ("ولاية الهند", "Hind"), ("ولاية شرق آسيا", "East Asia"), ("ولاية سيناء", "Sinai"),
        ("ولاية ليبيا", "Libya"), ("ولاية اليمن", "Yemen"), ("ولاية الصومال", "Somalia"),
        ("ولاية العراق", "Iraq"), ("ولاية الشام", "Syria"), ("ولاية تركيا", "Turkey"),
        ("ولاية الصحراء الكبرى", "Greater Sahara"),
    ],
)
def test_every_islamic_state_province_is_known_by_its_arabic_name(wilaya: str, region: str) -> None:
    assert names(f"تبنت {wilaya} الهجوم") == [region]
    assert resolve_region(wilaya) == region
