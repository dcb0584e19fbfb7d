"""The JSON of `--format json`: its documented fields and values."""

from __future__ import annotations

import json

from claimwatch.digest.export import DIGEST_FORMAT, TREND_FORMAT, digest_json, trend_json
from claimwatch.digest.trend import build_trend
from claimwatch.digest.weekly import build_digest
from claimwatch.digest.weeks import from_iso_week
from tests.digest.records import AMAQ, NABA_372, claim, fact

WEEK = from_iso_week("2023-W01")


def test_the_digest_json_carries_every_figure_with_sources_and_both_changes() -> None:
    digest = build_digest(WEEK, [
        fact("attacks", 16, "2023-W01"), fact("attacks", 23, "2022-W52", period="previous_week"),
        fact("attacks", 22, "2022-W52", source=NABA_372), fact("change_pct", -30.5, "2023-W01"),
        fact("attacks", 5, "2023-W01", "Sinai"), fact("killed", 3, "2023-W01"),
    ], [claim("Foreign Ministry headquarters", "Kabul", "2023-W01")])
    data = json.loads(json.dumps(digest_json(digest)))
    assert data["format"] == DIGEST_FORMAT
    assert (data["week"], data["week_start"], data["week_end"], data["previous_week"]) == (
        "2023-W01", "2023-01-02", "2023-01-08", "2022-W52")
    attacks = data["attacks"]
    assert attacks["current"]["value"] == 16 and attacks["previous"]["value"] == 23
    assert attacks["change_reported_pct"] == -30.5 and attacks["change_computed_pct"] == -30.43
    assert attacks["direction"] == "down" and attacks["change_mismatch"] is False
    assert attacks["current"]["sources"][0] == {
        "label": "al-Naba 373", "publication": "al-Naba", "number": 373, "channel": None,
        "published": "2023-01-12", "link": "https://t.me/naba/373", "url": None, "article_id": 373}
    assert data["by_region"][0]["region"] == "Sinai" and data["by_region"][0]["previous"] is None
    assert data["casualties"][0]["metric"] == "killed"
    assert data["notable_claims"][0]["sources"][0]["label"] == AMAQ.label
    [conflict] = data["conflicts"]
    assert [r["value"] for r in conflict["readings"]] == [23, 22] and conflict["week"] == "2022-W52"


def test_the_trend_json_lists_every_week_with_null_for_gaps() -> None:
    last = from_iso_week("2023-W03")
    facts = [fact("attacks", 4, "2023-W01", "Sinai"), fact("attacks", 6, "2023-W03", "Sinai")]
    trend = build_trend("Sinai", facts, last, 3)
    data = trend_json(trend)
    assert data["format"] == TREND_FORMAT and data["region"] == "Sinai" and data["weeks"] == 3
    assert [(p["week"], p["value"]) for p in data["series"]] == [("2023-W01", 4), ("2023-W02", None),
                                                                 ("2023-W03", 6)]
    assert data["highest"] == {"week": "2023-W03", "value": 6}
    assert data["direction"] is None
