"""Charts are real SVG and PNG files showing the numbers from the log."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

import pytest

from runstrong.progress.charts import ChartError, adherence_svg, load_svg, save
from runstrong.store.stats import adherence

POINTS = [(date(2026, 10, 1), 10.0), (date(2026, 10, 8), 12.0), (date(2026, 10, 15), 14.5)]


def _text(svg: bytes) -> str:
    root = ElementTree.fromstring(svg)
    return " ".join(t for t in root.itertext() if t.strip())


def test_load_chart_shows_each_session_load() -> None:
    text = _text(load_svg(POINTS, exercise_name="B Squat"))
    assert "B Squat: load" in text
    for value in ("10", "12", "14.5"):
        assert value in text


def test_load_chart_in_pounds() -> None:
    assert "32" in _text(load_svg([(date(2026, 10, 1), 14.5)], exercise_name="B Squat", unit="lb"))


def _labels(svg: bytes) -> list[str]:
    """The x-axis labels under the plot."""
    svg_ns = "{http://www.w3.org/2000/svg}"
    root = ElementTree.fromstring(svg)
    axis = next(g for g in root.iter(f"{svg_ns}g") if "axis x" in g.get("class", ""))
    return [text.text for text in axis.iter(f"{svg_ns}text") if text.text]


def test_adherence_chart_counts_weeks() -> None:
    record = adherence(
        [date(2026, 11, 24), date(2026, 11, 10)], target=1, today=date(2026, 11, 26), weeks=4
    )
    assert "Weeks with 1 or more: 2 of 4" in _text(adherence_svg(record))


def test_this_week_is_not_missed_before_it_ends() -> None:
    record = adherence([date(2026, 11, 17)], target=1, today=date(2026, 11, 26), weeks=4)
    text = _text(adherence_svg(record))
    assert "Weeks with 1 or more: 1 of 3" in text, "this week is under way, not missed"
    assert "this week" in text


def test_weeks_before_the_first_session_are_not_charted() -> None:
    record = adherence(
        [date(2026, 11, 17)],
        target=1,
        today=date(2026, 11, 26),
        weeks=26,
        since=date(2026, 11, 12),
    )
    assert [week.start for week in record.weeks] == [
        date(2026, 11, 9),
        date(2026, 11, 16),
        date(2026, 11, 23),
    ]
    assert "Weeks with 1 or more: 1 of 2" in _text(adherence_svg(record))


def test_a_long_adherence_chart_labels_few_weeks_with_their_year() -> None:
    record = adherence([], target=1, today=date(2026, 11, 26), weeks=520)
    labels = _labels(adherence_svg(record))
    assert 5 <= len(labels) <= 7
    assert len(set(labels)) == len(labels)
    assert labels[0] == "Dec 2016" and labels[-1] == "Nov 2026"


def test_load_chart_labels_each_date_once_even_with_two_sessions_a_day() -> None:
    points = [
        (date(2026, 10, 1), 10.0),
        (date(2026, 10, 1), 11.0),
        (date(2026, 10, 8), 12.0),
        (date(2026, 10, 9), 12.0),
    ]
    assert _labels(load_svg(points, exercise_name="B Squat")) == ["1 Oct", "8 Oct", "9 Oct"]


def test_load_chart_labels_tell_years_apart() -> None:
    points = [(date(2025, 10, 1), 10.0), (date(2026, 10, 1), 12.0)]
    assert _labels(load_svg(points, exercise_name="B Squat")) == ["Oct 2025", "Oct 2026"]


def test_many_sessions_get_a_few_distinct_labels() -> None:
    days = [date(2026, 1, 5) + timedelta(days=3 * n) for n in range(60)]
    labels = _labels(load_svg([(day, 10.0) for day in days], exercise_name="B Squat"))
    assert 2 <= len(labels) <= 7 and len(set(labels)) == len(labels)
    assert labels[0] == "5 Jan" and labels[-1] == day_label(days[-1])


def day_label(day: date) -> str:
    return f"{day.day} {day:%b}"


def test_charts_embed_no_scripts_from_elsewhere() -> None:
    assert b"<script" not in load_svg(POINTS, exercise_name="B Squat").split(b"</defs>")[-1]
    assert b"kozea.github.io" not in load_svg(POINTS, exercise_name="B Squat")


def test_save_writes_svg_and_png(tmp_path: Path, artifacts_dir: Path) -> None:
    svg = load_svg(POINTS, exercise_name="B Squat")
    save(svg, tmp_path / "load.svg")
    save(svg, tmp_path / "load.png")
    save(svg, artifacts_dir / "chart-load.png")
    assert (tmp_path / "load.svg").read_bytes() == svg
    assert (tmp_path / "load.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_other_formats_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ChartError, match=r"\.jpg"):
        save(load_svg(POINTS, exercise_name="B Squat"), tmp_path / "load.jpg")
    assert not (tmp_path / "load.jpg").exists()
