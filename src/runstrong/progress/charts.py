"""Charts of the log: load over time for one exercise, and weeks done or missed.

Each chart is built as SVG (pygal), which the web pages can embed as is;
`save` writes it to a file, as SVG or converted to PNG. pygal and cairosvg
load only when a chart is made.
"""

from __future__ import annotations

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
UNDER_WAY = "#f2c94c"
FORMATS = (".svg", ".png")
#: Drawn this size and shown no wider than ~1.5 times it, so on a phone (about 360
#: CSS px across) the smallest text, LABEL_SIZE, still reads at 11 px or more.
WIDTH, HEIGHT = 400, 300
TITLE_SIZE, LABEL_SIZE = 16, 13
#: The most date labels that fit across the chart without touching.
MAX_LABELS = 7


class ChartError(Exception):
    """The chart cannot be written as asked."""


def _style(*colours: str):
    return Style(
        background="white",
        plot_background="white",
        colors=colours,
        font_family="sans-serif",
        title_font_size=TITLE_SIZE,
        label_font_size=LABEL_SIZE,
        major_label_font_size=LABEL_SIZE,
        legend_font_size=LABEL_SIZE,
        value_font_size=LABEL_SIZE,
        value_label_font_size=LABEL_SIZE,
        tooltip_font_size=LABEL_SIZE,
        no_data_font_size=TITLE_SIZE,
    )


def _common(title: str, **options: object) -> dict:
    # js=[]: no script from elsewhere, so the SVG is safe to embed and works offline.
    return {"title": title, "js": [], "width": WIDTH, "height": HEIGHT, **options}


def _thinned(items: Sequence, most: int) -> list:
    """At most `most` of `items`, evenly spread, the first and last always among them."""
    if len(items) <= most:
        return list(items)
    picks = {round(n * (len(items) - 1) / (most - 1)) for n in range(most)}
    return [item for n, item in enumerate(items) if n in picks]


def date_labels(days: Sequence[date], *, most: int = MAX_LABELS) -> dict[date, str]:
    """Labels for some of `days` (each once, at most `most`), short but never two alike.

    Dates over more than half a year are labelled by month and year, so no two
    years' "6 Dec" look the same.
    """
    shown = _thinned(sorted(set(days)), most)
    long = len(shown) > 1 and (shown[-1] - shown[0]).days > 183
    for form in ("%b %Y", "%-d %b %Y") if long else ("%-d %b", "%-d %b %Y"):
        labels = {day: day.strftime(form) for day in shown}
        if len(set(labels.values())) == len(labels):
            return labels
    raise AssertionError("day, month and year always tell dates apart")


def load_svg(
    points: Sequence[tuple[date, float]], *, exercise_name: str, unit: Unit = "kg"
) -> bytes:
    """The heaviest load of each session over time."""
    labels = date_labels([day for day, _ in points])
    chart = pygal.DateLine(
        **_common(f"{exercise_name}: load", show_legend=False),
        style=_style(LOAD),
        x_label_rotation=30,
        x_value_formatter=lambda day: labels.get(day, day.strftime("%-d %b %Y")),
        y_title=f"heaviest set ({unit})",
        dots_size=4,
        truncate_label=-1,
    )
    chart.x_labels = list(labels)
    chart.add("load", [(day, round(from_kg(kg, unit), 1)) for day, kg in points])
    return chart.render()


def adherence_svg(adherence: Adherence) -> bytes:
    """Sessions done each week, topped up to the weekly target when short: in grey for a
    missed week, in yellow for this week while it is still under way."""
    target = adherence.target
    weeks = adherence.weeks
    judged = len(adherence.judged)
    chart = pygal.StackedBar(
        **_common(
            f"Weeks with {target} or more: {adherence.on_target} of {judged}",
            y_title="sessions",
            truncate_legend=-1,
        ),
        style=_style(DONE, MISSING, UNDER_WAY),
        x_label_rotation=30,
        legend_at_bottom=True,
        legend_at_bottom_columns=3,
    )
    # Label only some weeks, so the dates stay legible on a phone.
    labels = date_labels([week.start for week in weeks])
    chart.x_labels = [labels.get(week.start, "") for week in weeks]
    tallest = max([target, *(week.sessions for week in weeks)])
    chart.y_labels = list(range(tallest + 1))
    short = [max(target - week.sessions, 0) for week in weeks]
    pending = [0] * len(weeks)
    if adherence.under_way:
        pending[-1], short[-1] = short[-1], 0
    chart.add("done", [week.sessions for week in weeks])
    chart.add("missed", short)
    chart.add("this week", pending)
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
