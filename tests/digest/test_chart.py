"""The trend chart: a PNG of the promised size, drawn with the shipped Arabic font."""

from __future__ import annotations

import io
from importlib.resources import files

from PIL import Image

from claimwatch.digest.chart import HEIGHT_PX, WIDTH_PX, font_families, trend_chart
from claimwatch.digest.trend import Trend
from claimwatch.digest.weeks import from_iso_week
from tests.digest.records import weekly_series

LAST = from_iso_week("2023-W10")


def a_trend(values: list[float | None], region: str | None = "Sinai") -> Trend:
    return weekly_series(values, LAST, region)


def opened(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def test_the_chart_is_a_png_at_least_1000_pixels_wide() -> None:
    image = opened(trend_chart(a_trend([5, 7, None, 9, 6, 4, 8, 3, 2, 4, 1, 3]), ("Sinai", "سيناء")))
    assert image.format == "PNG"
    assert image.size == (WIDTH_PX, HEIGHT_PX) and WIDTH_PX >= 1000


def test_a_long_series_a_single_week_and_all_regions_are_drawn_at_the_same_size() -> None:
    for trend in (a_trend([3, None] * 130), a_trend([4]), a_trend([None, None, 2], region=None)):
        assert opened(trend_chart(trend)).size == (WIDTH_PX, HEIGHT_PX)


def test_the_arabic_font_is_shipped_with_its_licence_and_used_first() -> None:
    fonts = files("claimwatch.config.data")
    assert (fonts / "NotoSansArabic-Regular.ttf").is_file()
    assert "SIL OPEN FONT LICENSE" in (fonts / "OFL.txt").read_text(encoding="utf-8")
    assert font_families() == ("Noto Sans Arabic", "DejaVu Sans")


def test_bars_are_drawn_in_the_bar_colour() -> None:
    image = opened(trend_chart(a_trend([5, 9, 4]), ("Sinai", "سيناء"))).convert("RGB")
    colours = {colour for _, colour in image.getcolors(maxcolors=WIDTH_PX * HEIGHT_PX)}
    assert (0x3B, 0x6E, 0xA5) in colours
