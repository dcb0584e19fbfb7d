"""`claimwatch digest` and `claimwatch trend`: the same reports as the chats, and the documented JSON."""

from __future__ import annotations

import asyncio
import json
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from claimwatch.bot.cli import main
from claimwatch.storage.db import Database
from tests.handlers.stored_figures import Figure, store


@pytest.fixture
def archive(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A SQLite archive holding al-Naba 373 (on 2023-W01) and a Sinai series."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("CLAIMWATCH_DATABASE_URL", url)

    async def fill() -> None:
        db = Database(url)
        await db.upgrade()
        await store(db, date(2023, 1, 12), [
            Figure("attacks", 16, "2023-W01"), Figure("attacks", 23, "2022-W52", period="previous_week"),
            Figure("change_pct", -30.5, "2023-W01"), Figure("attacks", 5, "2023-W01", "Sinai"),
            Figure("attacks", 3, "2022-W52", "Sinai", "previous_week"),
            Figure("attacks", 7, "2022-W50", "Sinai"),
        ], publication="al-Naba", number=373, link="https://t.me/naba/373")
        await db.close()

    asyncio.run(fill())


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.mark.usefixtures("archive")
def test_digest_json_is_the_documented_format(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "digest", "--week", "2023-W01", "--format", "json")
    data = json.loads(out)
    assert status == 0 and data["format"] == "claimwatch.digest/1" and data["week"] == "2023-W01"
    assert (data["attacks"]["current"]["value"], data["attacks"]["previous"]["value"]) == (16, 23)
    assert (data["attacks"]["change_reported_pct"], data["attacks"]["change_computed_pct"]) == (-30.5, -30.43)


@pytest.mark.usefixtures("archive")
def test_digest_text_html_and_slack_show_the_same_digest(capsys: pytest.CaptureFixture[str]) -> None:
    _, text, _ = run(capsys, "digest", "--week", "2023-W01")
    assert text.startswith("Weekly digest 2023-W01 (2–8 Jan 2023)\nAttacks: 16 ↓ (week before: 23)")
    _, html, _ = run(capsys, "digest", "--week", "2023-W01", "--format", "html")
    assert html.startswith("<b>Weekly digest 2023-W01") and '<a href="https://t.me/naba/373">' in html
    _, slack, _ = run(capsys, "digest", "--week", "2023-01-04", "--format", "slack", "--lang", "ar")
    payload = json.loads(slack)
    assert payload["blocks"][0]["type"] == "section" and "الملخص الأسبوعي" in payload["text"]


@pytest.mark.usefixtures("archive")
def test_digest_without_a_week_shows_the_latest_week_with_figures(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "digest")
    assert "this is 2023-W01, the latest week with figures." in out.splitlines()[0]


@pytest.mark.usefixtures("archive")
def test_a_bad_week_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "digest", "--week", "soon")
    assert status == 1 and err.count("\n") == 1 and "not a week: 'soon'" in err


@pytest.mark.usefixtures("archive")
def test_trend_json_and_chart(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    chart = tmp_path / "sinai.png"
    status, out, _ = run(capsys, "trend", "sinai", "--weeks", "4", "--format", "json", "--chart", str(chart))
    data = json.loads(out)
    assert status == 0 and data["format"] == "claimwatch.trend/1" and data["region"] == "Sinai"
    assert [(p["week"], p["value"]) for p in data["series"]] == [
        ("2022-W50", 7), ("2022-W51", None), ("2022-W52", 3), ("2023-W01", 5)]
    with Image.open(chart) as image:
        assert image.format == "PNG" and image.size[0] >= 1000


@pytest.mark.usefixtures("archive")
def test_trend_text_in_arabic(capsys: pytest.CaptureFixture[str]) -> None:
    _, out, _ = run(capsys, "trend", "سيناء", "--weeks", "2", "--lang", "ar")
    assert out.splitlines()[0].startswith("\u200fالهجمات أسبوعيًا — سيناء")


@pytest.mark.usefixtures("archive")
def test_an_unknown_region_or_range_is_one_line_and_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "trend", "Sinaii")
    assert status == 1 and "unknown region 'Sinaii'; closest names: Sinai," in err
    status, _, err = run(capsys, "trend", "sinai", "--weeks", "1")
    assert status == 1 and "--weeks must be from 2 to 260" in err
    status, _, err = run(capsys, "trend", "kabul")
    assert status == 1 and "no attack figures are stored for Kabul" in err
