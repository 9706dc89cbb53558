"""Every move of every built-in routine has its own figure that renders; a contact sheet
of them all (every key pose) is left in artifacts/ to look at."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import cairosvg
import pytest

from runstrong.figures import body
from runstrong.figures.svg import animated_svg, key_poses_svg
from runstrong.workouts.figures import builtin_figure, builtin_ids
from runstrong.workouts.library import builtin_dir, builtin_workout

ROUTINES = sorted(p.stem for p in builtin_dir().glob("*.yaml"))
MOVES = [
    (routine, exercise.id, variation)
    for routine in ROUTINES
    for exercise in builtin_workout(routine).exercises()
    for variation in [None, *(v.id for v in exercise.variations)]
]


@pytest.mark.parametrize(("routine", "exercise_id", "variation_id"), MOVES)
def test_every_builtin_move_has_its_own_figure(routine, exercise_id, variation_id):
    assert (variation_id or exercise_id) in builtin_ids(), (routine, exercise_id, variation_id)


@pytest.mark.parametrize("figure_id", sorted(builtin_ids()))
def test_builtin_figure_renders_and_rests_on_something(figure_id):
    figure = builtin_figure(figure_id)
    for mirror in (False, True):
        for text in (key_poses_svg(figure, figure_id, mirror=mirror), animated_svg(figure, "x")):
            ET.fromstring(text)
    if figure.view != "above":
        for placed in body.placed_poses(figure):
            lowest = min(y - body.surface(figure, x) for x, y in placed.points.values())
            lift = placed.pose.y  # a hop is off the floor by as much as it says
            assert lowest - lift < body.STROKE + body.HEAD_RADIUS, (figure_id, placed.pose.name)


def test_contact_sheet(artifacts_dir: Path):
    """Every figure, every key pose, three to a row."""
    cells = []
    for number, figure_id in enumerate(sorted(builtin_ids())):
        figure = builtin_figure(figure_id)
        strip = key_poses_svg(figure, figure_id, key=figure_id)
        w, h = (float(v) for v in ET.fromstring(strip).get("viewBox").split()[2:])
        scale = min(150 / h, 440 / w)
        x, y = 10 + (number % 3) * 460, 10 + (number // 3) * 200
        cells.append(
            f'<text x="{x}" y="{y + 14}" font-family="sans-serif" font-size="14">{figure_id}</text>'
            f'<svg x="{x}" y="{y + 22}" width="{w * scale}" height="{h * scale}" '
            f'viewBox="0 0 {w} {h}">{strip[strip.index(">") + 1 : -len("</svg>")]}</svg>'
        )
    height = 20 + (len(cells) + 2) // 3 * 200
    sheet = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="1390" height="{height}">'
        f'<rect width="100%" height="100%" fill="#fff"/>{"".join(cells)}</svg>'
    )
    png = artifacts_dir / "figures-contact-sheet.png"
    cairosvg.svg2png(bytestring=sheet.encode(), write_to=str(png))
    assert png.stat().st_size > 20_000
