"""Charts are real SVG and PNG files showing the numbers from the log."""

from __future__ import annotations

from datetime import date
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
    assert "B Squat: load per session" in text
    for value in ("10", "12", "14.5"):
        assert value in text


def test_load_chart_in_pounds() -> None:
    assert "32" in _text(load_svg([(date(2026, 10, 1), 14.5)], exercise_name="B Squat", unit="lb"))


def test_adherence_chart_counts_weeks() -> None:
    record = adherence(
        [date(2026, 11, 24), date(2026, 11, 10)], target=1, today=date(2026, 11, 26), weeks=4
    )
    text = _text(adherence_svg(record))
    assert "Weeks on target: 2 of 4" in text and "streak 1" in text


def test_a_long_adherence_chart_labels_few_weeks_with_their_year() -> None:
    record = adherence([], target=1, today=date(2026, 11, 26), weeks=520)
    root = ElementTree.fromstring(adherence_svg(record))
    labels = [
        text.text
        for text in root.iter("{http://www.w3.org/2000/svg}text")
        if text.text and text.text[-4:].isdigit() and text.text[:3].isalpha()
    ]
    assert 6 <= len(labels) <= 12
    assert labels[0] == "Dec 2016" and labels[-1].endswith("2026")


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
