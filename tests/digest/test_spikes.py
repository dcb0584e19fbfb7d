"""The spike rule: above twice the recent median and at least the minimum, with enough history."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from claimwatch.config.resources import DataFileError
from claimwatch.digest.model import Source
from claimwatch.digest.render_text import render_text
from claimwatch.digest.spikes import SpikeRule, find_spike, is_recent, spike_document, spike_rule

RULE = SpikeRule(history_weeks=8, factor=2, minimum_attacks=5, minimum_history_weeks=3, max_age_weeks=1)
WEEK = date(2023, 1, 9)
QUIET = [3, 4, 2, None, 3, 5, 4, 3]  # median 3


def test_a_week_above_twice_the_median_is_a_spike() -> None:
    spike = find_spike("Sinai", WEEK, 7, QUIET, RULE)
    assert spike is not None
    assert (spike.attacks, spike.median, spike.history_weeks) == (7, 3, 7)


def test_exactly_twice_the_median_is_not_a_spike() -> None:
    assert find_spike("Sinai", WEEK, 6, QUIET, RULE) is None


def test_below_the_minimum_is_not_a_spike_however_quiet_before() -> None:
    assert find_spike("Sinai", WEEK, 4, [1, 1, 1, 1, 1, 1, 1, 1], RULE) is None


def test_too_few_weeks_with_figures_make_no_range() -> None:
    assert find_spike("Sinai", WEEK, 40, [None, None, None, None, None, None, 2, 3], RULE) is None
    assert find_spike("Sinai", WEEK, 40, [None, None, None, None, None, 1, 2, 3], RULE) is not None


def test_one_earlier_outlier_does_not_hide_the_next_spike() -> None:
    assert find_spike("Sinai", WEEK, 9, [3, 3, 30, 3, 4, 3, 2, 3], RULE) is not None


def test_only_this_week_and_last_week_are_recent() -> None:
    thursday = date(2023, 1, 19)
    assert is_recent(date(2023, 1, 16), thursday, RULE)
    assert is_recent(date(2023, 1, 9), thursday, RULE)
    assert not is_recent(date(2023, 1, 2), thursday, RULE)
    assert not is_recent(date(2023, 1, 23), thursday, RULE)


def test_the_alert_names_region_figure_range_and_source() -> None:
    source = Source(article_id=3, published=date(2023, 1, 12), publication="al-Naba", number=373)
    spike = find_spike("Sinai", WEEK, 14, QUIET, RULE, (source,))
    text = render_text(spike_document(spike, RULE))
    assert text.splitlines() == [
        "⚠ Spike in Sinai",
        "14 attacks in the week 2023-W02 (9–15 Jan 2023), more than 2× the median of 3 "
        "over the 7 weeks before with a figure.",
        "Reported by al-Naba 373.",
    ]


def test_the_packaged_rule_is_the_documented_one() -> None:
    assert spike_rule() == SpikeRule(history_weeks=8, factor=2, minimum_attacks=5)


def test_an_analysts_own_rule_file_replaces_the_packaged_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    own = tmp_path / "alerts.yaml"
    own.write_text("spike:\n  factor: 3\n  minimum_attacks: 10\n", encoding="utf-8")
    monkeypatch.setenv("CLAIMWATCH_ALERTS_FILE", str(own))
    assert spike_rule() == SpikeRule(factor=3, minimum_attacks=10)


def test_a_mistyped_setting_is_named() -> None:
    with pytest.raises(DataFileError, match="unknown spike setting 'minimum'"):
        SpikeRule.from_mapping({"minimum": 5}, "alerts.yaml")
    with pytest.raises(DataFileError, match=r"spike\.factor must be a number"):
        SpikeRule.from_mapping({"factor": "twice"}, "alerts.yaml")
