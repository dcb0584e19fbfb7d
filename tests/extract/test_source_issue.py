"""The al-Naba issue an article reports on."""

from __future__ import annotations

import pytest

from claimwatch.extract import analyze


def issue(text: str) -> int | None:
    found = analyze(text).source_issue
    return found.number if found else None


@pytest.mark.parametrize(("text", "number"), [
    ("ونشرت صحيفة النبأ التابعة للتنظيم (عدد 401) افتتاحية جديدة.", 401),
    ("وذكرت النبأ في عددها الجديد 402 أن التنظيم نفذ 9 هجمات.", 402),
    ("وجاء في العدد 403 من صحيفة النبأ أن الهجمات تراجعت.", 403),
    ("According to al-Naba issue 404, the group claimed 20 attacks.", 404),
    ("Statistics published in issue 405 of its weekly newspaper al-Naba show a fall.", 405),
    ("The Al Naba issue 406 leads with West Africa.", 406),
])
def test_issue_numbers(text: str, number: int) -> None:
    assert issue(text) == number
    assert analyze(text).source_issue.publication == "al-Naba"


def test_an_earlier_issue_is_not_the_one_reported_on() -> None:
    text = ("وكان التنظيم قد ادعى في العدد السابق من صحيفة النبأ (399) أنه يتمدد. "
            "ونشرت النبأ (عدد 400) أرقاما.")
    assert issue(text) == 400


def test_an_issue_number_needs_al_naba() -> None:
    assert issue("Issue 12 of the magazine was published in May.") is None
    assert issue("وتراجعت الهجمات خلال الأسبوع الماضي.") is None


def test_an_ordinal_issue_number_en() -> None:
    assert issue("In the 460th issue of al-Naba, the group claimed 17 attacks.") == 460
