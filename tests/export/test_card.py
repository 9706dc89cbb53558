"""The printable card (also `export --format html`): each exercise's key poses, still one page."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from runstrong.export.card import workout_card_html
from runstrong.workouts.library import builtin_workout


def test_every_exercise_row_carries_its_key_poses():
    workout = builtin_workout()
    html = workout_card_html(workout)
    svgs = re.findall(r"<svg .*?</svg>", html, flags=re.DOTALL)
    assert len(svgs) == len(workout.exercises())
    titles = [ET.fromstring(svg).find("{http://www.w3.org/2000/svg}title").text for svg in svgs]
    assert titles == [e.name for e in workout.exercises()]
    assert "@keyframes" not in html  # paper gets the key poses, not an animation
