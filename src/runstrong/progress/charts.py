"""Charts of the log: load over time for one exercise, and weeks done or missed.

Each chart is built as SVG (pygal), which the web pages can embed as is;
`save` writes it to a file, as SVG or converted to PNG. pygal and cairosvg
load only when a chart is made.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pygal
from pygal.style import Style

from runstrong.atomic import write_atomic
from runstrong.progress.loads import Unit, from_kg
from runstrong.store.stats import Adherence

DONE = "#2e7d32"
MISSING = "#cfd8dc"
LOAD = "#1565c0"
FORMATS = (".svg", ".png")
#: How many week labels fit under the adherence chart: "07 Sep" ones, or "Sep 2026" ones.
LABELS, LONG_LABELS = 26, 12


class ChartError(Exception):
    """The chart cannot be written as asked."""


def _style(*colours: str):
    return Style(
        background="white",
        plot_background="white",
        colors=colours,
        font_family="sans-serif",
        title_font_size=18,
        label_font_size=12,
        major_label_font_size=12,
        legend_font_size=12,
    )


def _common(title: str, **options: object) -> dict:
    # js=[]: no script from elsewhere, so the SVG is safe to embed and works offline.
    return {"title": title, "js": [], "width": 800, "height": 400, **options}


def load_svg(
    points: Sequence[tuple[date, float]], *, exercise_name: str, unit: Unit = "kg"
) -> bytes:
    """The heaviest load of each session over time."""
    chart = pygal.DateLine(
        **_common(f"{exercise_name}: load per session", show_legend=False),
        style=_style(LOAD),
        x_label_rotation=30,
        x_value_formatter=lambda day: day.strftime("%d %b %Y"),
        y_title=unit,
        dots_size=3,
        truncate_label=-1,
    )
    chart.add("load", [(day, round(from_kg(kg, unit), 1)) for day, kg in points])
    return chart.render()


def adherence_svg(adherence: Adherence) -> bytes:
    """Sessions done each week, topped up in grey to the weekly target when short."""
    target = adherence.target
    weeks = adherence.weeks
    short = len(weeks) <= LABELS
    chart = pygal.StackedBar(
        **_common(
            f"Weeks on target: {adherence.on_target} of {len(weeks)} "
            f"(target {target} a week, streak {adherence.streak})"
        ),
        style=_style(DONE, MISSING),
        x_label_rotation=30,
        y_title="sessions",
        legend_at_bottom=True,
    )
    # Label only some weeks of a long window, so the dates stay legible.
    every = 1 if short else math.ceil(len(weeks) / LONG_LABELS)
    chart.x_labels = [
        week.start.strftime("%d %b" if short else "%b %Y") if n % every == 0 else ""
        for n, week in enumerate(weeks)
    ]
    tallest = max([target, *(week.sessions for week in weeks)])
    chart.y_labels = list(range(tallest + 1))
    chart.add("done", [week.sessions for week in weeks])
    chart.add("missed", [max(target - week.sessions, 0) for week in weeks])
    return chart.render()


def save(svg: bytes, path: Path) -> None:
    """Write the chart as SVG or PNG, chosen by the file's extension.

    Raises:
        ChartError: another extension, or PNG without cairosvg.
    """
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ChartError(f"cannot write a chart as {suffix or 'a file without extension'}")
    if suffix == ".svg":
        write_atomic(path, svg)
        return
    try:
        # lazy: optional (PNG only), and loading cairo is slow or fails without the C library
        import cairosvg
    except (ImportError, OSError):
        raise ChartError(
            "PNG output needs cairosvg and the cairo library; write .svg instead"
        ) from None
    write_atomic(path, cairosvg.svg2png(bytestring=svg))
