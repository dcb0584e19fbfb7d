"""Claims of specific attacks: action, target, place, and notable reasons from the lexicon."""

from __future__ import annotations

import pytest

from claimwatch.extract import analyze
from claimwatch.extract.model import Claim
from claimwatch.extract.notable import compile_lexicon, lexicon


def claims(text: str) -> list[Claim]:
    return list(analyze(text).claims)


def only(text: str) -> Claim:
    found = claims(text)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(("text", "action"), [
    ("وتبنى داعش استهداف مقر مديرية الشرطة في الموصل.", "attack"),
    ("Islamic State fighters attacked an army post in Borno.", "attack"),
    ("وأعلن التنظيم اغتيال قائد محلي في ريف دير الزور.", "assassination"),
    ("The group claimed the assassination of a tribal elder in Raqqa.", "assassination"),
    ("وتبنى التنظيم محاولة اغتيال محافظ كركوك.", "attempted_assassination"),
    ("IS claimed an attempted assassination of a judge in Baghdad.", "attempted_assassination"),
    ("Militants kidnapped five aid workers near Maiduguri.", "kidnapping"),
    ("وأعلن التنظيم اختطاف ثلاثة مهندسين في ولاية بورنو.", "kidnapping"),
    ("The group executed two captives in Ituri.", "execution"),
    ("ونشر التنظيم صورا لإعدام أسيرين في سيناء.", "execution"),
    ("Fighters ambushed a patrol outside Monguno.", "ambush"),
    ("ونصب مقاتلو التنظيم كمينا لدورية للجيش في ديالى.", "ambush"),
    ("A suicide bombing at a checkpoint in Kirkuk killed four.", "suicide_bombing"),
    ("وتبنى التنظيم الهجوم الانتحاري الذي استهدف تجمعا للمصلين في بيشاور.", "suicide_bombing"),
    ("An IED strike hit a military vehicle in Somalia.", "ied"),
    ("وفجر عناصر التنظيم عبوة ناسفة استهدفت آلية للجيش في العراق.", "ied"),
    ("A rocket attack on the base in Syria caused damage.", "rocket"),
    ("Fighters fired a mortar at positions in Mozambique.", "mortar"),
    ("A car bomb exploded at a market in Mogadishu.", "bombing"),
])
def test_actions(text: str, action: str) -> None:
    assert only(text).action == action


def test_ministry_headquarters_in_a_capital_is_notable_ar() -> None:
    claim = only("وقال تنظيم داعش إنه نفذ خلال الأسبوع الماضي استهداف مقر وزارة الداخلية في كابل.")
    assert claim.notable
    assert {"government ministry", "headquarters", "capital"} <= set(claim.reasons)
    assert claim.region == "Kabul"
    assert claim.actor == "Islamic State"


def test_airport_and_diplomat_targets_are_notable_en() -> None:
    airport = only("Islamic State claimed a rocket attack on the airport in Baghdad.")
    assert "airport or military base" in airport.reasons
    envoy = only("ISIS claimed an attempted assassination of the Egyptian ambassador in Mogadishu.")
    assert {"embassy or diplomat", "capital"} <= set(envoy.reasons)


def test_senior_officials_are_notable_ar_en() -> None:
    assert "senior official" in only("وأعلن داعش اغتيال مسؤول أمني بارز في ولاية ننكرهار.").reasons
    assert "senior official" in only("ISWAP attacked the convoy of the governor of Borno state.").reasons


def test_aid_agencies_are_notable_en() -> None:
    claim = only("Militants stormed a compound housing the offices of aid agencies in Borno.")
    assert claim.notable
    assert "aid workers or international organisation" in claim.reasons


def test_mass_casualties_make_a_claim_notable_ar_en() -> None:
    english = only("The group claimed its fighters killed 25 soldiers during a clash in Gubio.")
    assert "mass casualties" in english.reasons
    arabic = only("وأعلن التنظيم مسؤوليته عن الهجوم الانتحاري الذي استهدف سوقا في الموصل "
                  "وأسفر عن مقتل 30 شخصا.")
    assert "mass casualties" in arabic.reasons


def test_routine_clashes_are_claims_but_not_notable_en() -> None:
    claim = only("ISWAP fighters attacked a checkpoint near Monguno, killing three soldiers.")
    assert not claim.notable
    assert claim.reasons == ()


def test_plural_summaries_are_not_claims_ar_en() -> None:
    assert claims("ونفذ التنظيم سلسلة من الهجمات على مواقع الجيش في العراق.") == []
    assert claims("The group mixed attacks on local forces with killings of civilians.") == []
    assert claims("These attacks targeted Sunni villages, the report said.") == []


def test_a_reference_back_is_not_a_new_claim_en() -> None:
    text = ("Islamic State claimed an attack on a police station in Kirkuk.\n"
            "The army has not commented on the attack.")
    assert len(claims(text)) == 1


def test_one_attack_retold_with_the_same_toll_is_one_claim_en() -> None:
    text = ("ISWAP claims killing of 12 soldiers\n"
            "Islamic State said its fighters killed 12 soldiers during a clash in Gubio on Sunday.\n"
            "The group said it attacked the troops, leaving 12 soldiers dead.")
    claim = only(text)
    assert claim.region == "Gubio"
    assert "12 soldiers during a clash in Gubio" in claim.evidence.text


def test_claim_evidence_quotes_the_original_text() -> None:
    text = "وتبنّى التنظيم استهدافَ مطار كابل العسكري."
    claim = only(text)
    assert text[claim.evidence.start : claim.evidence.end] == claim.evidence.text
    assert claim.target is not None and "مطار" in claim.target


def test_negative_articles_have_no_claims() -> None:
    assert claims("The operation to free the ship from the canal took six days.") == []
    assert claims("وسجلت الصادرات ارتفاعا بنسبة 15 في المائة خلال العام الماضي.") == []


def test_the_lexicon_is_editable() -> None:
    custom = compile_lexicon({
        "categories": [{"reason": "oil facility", "terms": ["oil field", "حقل نفط"]}],
        "capitals": ["Kirkuk"],
        "mass_casualties": {"killed": 3},
    })
    assert custom.killed_threshold == 3
    assert "Kirkuk" in custom.capitals
    assert custom.pattern is not None and custom.pattern.search("هاجم التنظيم وحقل نفط")


def test_the_packaged_lexicon_has_every_category() -> None:
    reasons = {reason for reasons in lexicon().reason_of.values() for reason in reasons}
    assert {
        "government ministry", "headquarters", "embassy or diplomat", "airport or military base",
        "senior official", "place of worship or school", "foreign nationals", "capital",
    } <= reasons
    assert lexicon().killed_threshold > 0


def test_an_attack_told_after_its_toll_en() -> None:
    claim = only("ISWAP killed at least 20 civilians in an attack on a village near Maiduguri on Tuesday.")
    assert claim.target == "a village"
    assert claim.region == "Maiduguri"
    assert "mass casualties" in claim.reasons


def test_words_between_attack_and_its_target_ar() -> None:
    claim = only("وقتل 12 جنديا في هجوم تبناه داعش على ثكنة عسكرية في ديالى.")
    assert claim.target == "ثكنة عسكرية"
    assert {"airport or military base", "mass casualties"} <= set(claim.reasons)


def test_counts_of_attacks_and_their_total_toll_are_not_one_claim_ar_en() -> None:
    assert claims("Islamic State said it carried out 4 attacks in Iraq and 2 in Syria, killing 9.") == []
    assert claims("وأعلن التنظيم تنفيذ 250 هجوما على مستوى العالم خلال العام.") == []


def test_a_city_inside_the_target_is_the_claims_place_ar_en() -> None:
    arabic = only("وتبنى داعش استهداف مطار كابل العسكري.")
    assert arabic.region == "Kabul"
    assert "كابل" in arabic.target
    assert {"airport or military base", "capital"} <= set(arabic.reasons)
    english = only("IS claimed an IED strike that damaged a Puntland vehicle in Somalia.")
    assert english.target == "a Puntland vehicle"
    assert english.region == "Puntland"


def test_a_claim_without_a_place_takes_the_next_one_of_its_sentence_ar() -> None:
    found = claims("وقال داعش إنه نفذ استهداف مقر وزارة الاتصالات، واغتيال ضابط كبير في كابل.")
    assert [claim.region for claim in found] == ["Kabul", "Kabul"]


def test_a_claim_without_a_place_takes_the_last_one_named_before_en() -> None:
    text = ("On Tuesday ISWAP fighters attacked Monguno.\n"
            "Residents said jihadists ambushed buses carrying civilians outside the town.")
    assert [claim.region for claim in claims(text)] == ["Monguno", "Monguno"]


def test_a_single_attack_named_without_on_ar() -> None:
    claim = only("مقتل 5 جنود في هجوم لداعش شمال بغداد")
    assert claim.region == "Baghdad"
    assert "capital" in claim.reasons


def test_headline_and_body_telling_one_attack_are_one_claim_ar() -> None:
    text = ("مقتل 5 جنود في هجوم لداعش شمال بغداد\n"
            "قتل خمسة جنود وأصيب ثلاثة آخرون، مساء الأحد، في هجوم شنه مسلحون من داعش على نقطة تفتيش "
            "للجيش شمال العاصمة بغداد.")
    assert len(claims(text)) == 1


def test_the_bombing_of_a_target_en() -> None:
    claim = only("ISIS-K claimed the bombing of a Shiite mosque in Kandahar that killed 47 worshippers.")
    assert (claim.action, claim.target, claim.region) == ("bombing", "a Shiite mosque", "Kandahar")
    assert {"place of worship or school", "mass casualties"} <= set(claim.reasons)


def test_a_malformed_lexicon_is_ignored_not_fatal() -> None:
    broken = compile_lexicon({"categories": ["not a mapping", {"terms": ["no reason"]}],
                              "mass_casualties": {"killed": "many"}})
    assert broken.pattern is None
    assert broken.killed_threshold == 10
    assert compile_lexicon(["a", "list"]).pattern is None
