"""analyze(): the JSON contract, evidence offsets, determinism, and any input without an exception."""

from __future__ import annotations

import json
import random
import time
from datetime import date

import pytest

from claimwatch.extract import EXTRACTOR_VERSION, analyze
from claimwatch.extract.analyze import MAX_CHARS

ARTICLE = (
    "داعش يتبنى 9 هجمات خلال الأسبوع الماضي\n"
    "قالت صحيفة النبأ (عدد 410) إن التنظيم نفّذ ٩ هجمات في ٤ مناطق خلال الأسبوع الماضي، مقابل 14 هجومًا "
    "في الأسبوع قبل الماضي، أي أن هجماته تراجعت بنسبة 35.7%. وتبنى التنظيم استهداف مقر وزارة الدفاع في كابل، "
    "وفشل في شن هجمات جديدة في سيناء.\n"
    "Separately, Islamic State fighters attacked an army base in Borno, killing 11 soldiers."
)


def test_the_contract_shape() -> None:
    payload = analyze(ARTICLE, date(2024, 5, 18)).to_dict()
    assert set(payload) == {
        "language", "published", "extractor_version", "reported_week", "source_issue", "regions",
        "statistics", "claims",
    }
    assert payload["extractor_version"] == EXTRACTOR_VERSION
    assert payload["reported_week"] == {"start": "2024-05-06", "end": "2024-05-12"}
    assert payload["source_issue"] == {"publication": "al-Naba", "number": 410}
    statistic = payload["statistics"][0]
    assert set(statistic) == {"metric", "value", "period", "region", "week", "evidence"}
    claim_keys = {"actor", "action", "target", "region", "notable", "reasons", "evidence"}
    assert set(payload["claims"][0]) == claim_keys
    assert {region["name"] for region in payload["regions"]} >= {"Kabul", "Sinai", "Borno"}


def test_figures_of_a_mixed_article() -> None:
    analysis = analyze(ARTICLE, date(2024, 5, 18))
    found = {(s.metric, s.value, s.period, s.region, s.week) for s in analysis.statistics}
    assert found >= {
        ("attacks", 9, "reported_week", None, "2024-W19"),
        ("regions", 4, "reported_week", None, "2024-W19"),
        ("attacks", 14, "previous_week", None, "2024-W18"),
        ("change_pct", -35.7, "reported_week", None, "2024-W19"),
        ("attacks", 0, "reported_week", "Sinai", "2024-W19"),
        ("killed", 11, "reported_week", "Borno", "2024-W19"),
    }


def test_every_evidence_span_is_a_slice_of_the_input() -> None:
    analysis = analyze(ARTICLE)
    spans = [s.evidence for s in analysis.statistics] + [c.evidence for c in analysis.claims]
    spans += [mention for region in analysis.regions for mention in region.mentions]
    assert spans
    for span in spans:
        assert ARTICLE[span.start : span.end] == span.text


def test_analysis_is_deterministic() -> None:
    assert analyze(ARTICLE).to_dict() == analyze(ARTICLE).to_dict()


@pytest.mark.parametrize("text", [
    "", "   \n\t", "\x00" * 500, "".join(map(chr, range(256))) * 20, "😀🔥" * 300, "Привет мир 中文 日本語",
    "<html><body><p>ISIS claimed <b>12 attacks</b> in Iraq</p></body></html>",
    "# Weekly\n\n**12 attacks** in _Iraq_ — [source](https://example.org/a?b=1)\n",
    "هجوم\x00 في\x00 سوريا", "(" * 5000 + ")" * 5000, "،" * 3000, "\ud800 broken surrogate",
])
def test_any_input_gives_a_valid_analysis(text: str) -> None:
    payload = analyze(text).to_dict()
    assert isinstance(payload["statistics"], list)
    assert payload["language"]


def test_empty_input_is_an_empty_analysis() -> None:
    analysis = analyze("")
    assert analysis.language == "und"
    assert analysis.statistics == () and analysis.claims == () and analysis.regions == ()


def test_html_markup_does_not_hide_figures_and_offsets_stay_exact() -> None:
    text = "<p>ISIS claimed <b>12 attacks</b> in Iraq last week.</p>"
    statistic = analyze(text).statistics[0]
    assert (statistic.metric, statistic.value, statistic.region) == ("attacks", 12, "Iraq")
    assert text[statistic.evidence.start : statistic.evidence.end] == statistic.evidence.text


def test_huge_and_run_on_input_is_capped_and_fast() -> None:
    run_on = "هجوم 5 هجمات في سوريا و 3 عمليات في العراق مقتل 7 اشخاص " * 20_000
    started = time.perf_counter()
    analysis = analyze(run_on)
    assert time.perf_counter() - started < 6  # linear: well under a second on an idle machine
    assert all(s.evidence.end <= MAX_CHARS for s in analysis.statistics)
    started = time.perf_counter()
    analyze(ARTICLE * 5000)
    assert time.perf_counter() - started < 6


def test_random_mixtures_of_words_digits_and_marks_never_break_it() -> None:
    pieces = [
        "هجوم", "هجمات", "في", "سوريا", "(", ")", "،", ".", "\n", "12", "٣٠٫٥", "%", "killed", "attacks",
        "in", "Iraq", "the week before", "الأسبوع الماضي", "النبأ", "عدد", "-", "«", "»", "ـ", "\u200f",
        "وهجومين", "مقتل وإصابة", "failed to launch any attack", "2023م", "of which", "including", ":",
    ]
    generator = random.Random(7)
    for _ in range(300):
        text = " ".join(generator.choice(pieces) for _ in range(generator.randint(0, 60)))
        payload = analyze(text, date(2024, 1, 6)).to_dict()
        json.dumps(payload, allow_nan=False)
        for statistic in payload["statistics"]:
            evidence = statistic["evidence"]
            assert text[evidence["start"] : evidence["end"]] == evidence["text"]
