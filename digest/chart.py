"""The trend as a PNG: a bar per week and a moving-average line, titled in English and Arabic.

matplotlib ≥ 3.11 shapes Arabic and lays it out right to left itself (libraqm), so
labels are passed as plain strings; reshaping them first would show them reversed.
The Arabic glyphs come from Noto Sans Arabic, shipped in config/data with its OFL
licence; Latin letters fall back to DejaVu Sans, which matplotlib always has.
"""

from __future__ import annotations

import io
from functools import cache
from importlib.resources import files
from pathlib import Path

from matplotlib import font_manager
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.ticker import StrMethodFormatter

from claimwatch.digest.labels import metric_name, number, phrase
from claimwatch.digest.trend import MOVING_AVERAGE_WEEKS, Trend
from claimwatch.digest.weeks import iso_week

FONT_FILE = "NotoSansArabic-Regular.ttf"
WIDTH_PX, HEIGHT_PX, DPI = 1200, 750, 100
BAR_COLOUR, AVERAGE_COLOUR, MISSING_COLOUR = "#3b6ea5", "#d1495b", "#9a9a9a"
MARGINS = {"right": 0.985, "top": 0.8, "bottom": 0.2}  # room for titles, ticks and legend; left: _left_margin
TITLE_HEIGHTS = (0.975, 0.905)  # tops of the English and the Arabic title line, in figure fractions
VALUE_LABELS_UP_TO = 26  # weeks; more and the numbers over the bars collide


@cache
def font_families() -> tuple[str, ...]:
    """The families to draw with: the shipped Arabic font when present, then DejaVu Sans."""
    path = Path(str(files("claimwatch.config.data") / FONT_FILE))
    if not path.is_file():
        return ("DejaVu Sans",)
    font_manager.fontManager.addfont(str(path))
    return (font_manager.FontProperties(fname=str(path)).get_name(), "DejaVu Sans")


def _tick_labels(trend: Trend) -> tuple[list[int], list[str]]:
    """At most about 13 week labels, always the last week; the year under the first and each new one."""
    step = max(1, -(-len(trend.points) // 13))
    positions = sorted(range(len(trend.points) - 1, -1, -step))
    labels, shown_year = [], None
    for index in positions:
        year, week = iso_week(trend.points[index].week).split("-")
        labels.append(week if year == shown_year else f"{week}\n{year}")
        shown_year = year
    return positions, labels


def _titles(trend: Trend, region_names: tuple[str, str]) -> tuple[tuple[str, str], str, str, str]:
    """Title lines, y label and legend texts, English first and Arabic second."""
    english, arabic = region_names
    title = (f"{metric_name(trend.metric, 'en')} per week — {english}",
             f"{metric_name(trend.metric, 'ar')} أسبوعيًا — {arabic}")
    y_label = f"{metric_name(trend.metric, 'en')} · {metric_name(trend.metric, 'ar')}"
    average = (f"{phrase('en', 'moving_average', weeks=MOVING_AVERAGE_WEEKS)} · "
               f"{phrase('ar', 'moving_average', weeks=MOVING_AVERAGE_WEEKS)}")
    return title, y_label, average, f"{phrase('en', 'no_figure')} · {phrase('ar', 'no_figure')}"


def _left_margin(top: float) -> float:
    """Room for the y label and the widest tick label ("16,000" needs more than "10")."""
    return 0.07 + 0.012 * len(f"{top:,.0f}")


def _draw_series(axes: Axes, trend: Trend, missing_label: str, average_label: str) -> float:
    """Bars with their values, crosses for weeks without a figure, the average line; the highest point."""
    xs = list(range(len(trend.points)))
    values = [p.value or 0 for p in trend.points]
    bars = axes.bar(xs, values, color=BAR_COLOUR, width=0.75)
    few = len(xs) <= VALUE_LABELS_UP_TO
    if few:
        axes.bar_label(bars, [number(p.value) if p.value is not None else "" for p in trend.points],
                       fontsize=18, padding=4)
    missing = [x for x, p in zip(xs, trend.points, strict=True) if p.value is None]
    if missing:
        axes.plot(missing, [0] * len(missing), linestyle="none", marker="x", markeredgewidth=3,
                  markersize=14 if few else 7, color=MISSING_COLOUR, clip_on=False, label=missing_label)
    averages = [(x, p.moving_average) for x, p in zip(xs, trend.points, strict=True)
                if p.moving_average is not None]
    if averages:
        axes.plot(*zip(*averages, strict=True), color=AVERAGE_COLOUR, linewidth=4, marker="o", markersize=8,
                  label=average_label)
    return max([*values, *(a for _, a in averages), 1])


def _style_axes(axes: Axes, trend: Trend, top: float, y_label: str, families: list[str]) -> None:
    positions, labels = _tick_labels(trend)
    axes.set_xticks(positions, labels, fontsize=16)
    axes.tick_params(axis="y", labelsize=18)
    axes.set_ylabel(y_label, fontsize=20, family=families)
    axes.set_ylim(0, top)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    axes.grid(axis="y", alpha=0.3)
    axes.spines[["top", "right"]].set_visible(False)


def trend_chart(trend: Trend, region_names: tuple[str, str] | None = None) -> bytes:
    """A PNG of WIDTH_PX × HEIGHT_PX; `region_names` is the region in English and in Arabic."""
    families = list(font_families())
    if region_names is None:
        region_names = (trend.region, trend.region) if trend.region else (
            phrase("en", "all_regions"), phrase("ar", "all_regions"))
    title, y_label, average_label, missing_label = _titles(trend, region_names)
    figure = Figure(figsize=(WIDTH_PX / DPI, HEIGHT_PX / DPI), dpi=DPI)
    FigureCanvasAgg(figure)  # Agg draws it, whatever backend the process chose
    axes = figure.add_subplot()
    top = _draw_series(axes, trend, missing_label, average_label) * 1.15
    _style_axes(axes, trend, top, y_label, families)
    figure.subplots_adjust(left=_left_margin(top), **MARGINS)  # a layout engine would double the drawing time
    if axes.get_legend_handles_labels()[0]:
        figure.legend(loc="lower center", ncols=2, prop={"family": families, "size": 18}, frameon=False)
    for line, height in zip(title, TITLE_HEIGHTS, strict=True):
        figure.text(0.5, height, line, ha="center", va="top", fontsize=26, family=families)
    buffer = io.BytesIO()
    figure.canvas.print_png(buffer, pil_kwargs={"compress_level": 3})
    return buffer.getvalue()
