"""The SVG is well-formed, titled and described, animates without script, and mirrors."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from runstrong.figures.model import Figure
from runstrong.figures.svg import animated_svg, describe, key_poses_svg

SVG = "{http://www.w3.org/2000/svg}"
SQUAT = Figure.model_validate(
    {
        "working": ["right_leg"],
        "props": [{"kind": "dumbbell", "hand": "right"}, {"kind": "box"}],
        "poses": [
            {"name": "stand"},
            {"name": "bottom", "trunk": 30, "right_thigh": 75, "right_shin": -25},
            {"name": "between", "key": False, "trunk": 15},
        ],
    }
)


def _tree(text: str) -> ET.Element:
    return ET.fromstring(text)


def test_key_poses_show_side_by_side_with_labels_and_no_animation():
    root = _tree(key_poses_svg(SQUAT, "Squat"))
    assert root.find(f"{SVG}title").text == "Squat"
    assert "Key poses: 1 stand, 2 bottom." in root.find(f"{SVG}desc").text
    labels = [t.text for t in root.iter(f"{SVG}text")]
    assert labels == ["1 · stand", "2 · bottom"]  # the in-between pose is not printed
    assert "@keyframes" not in key_poses_svg(SQUAT, "Squat")
    assert root.get("role") == "img"


def test_animation_is_css_keyframes_with_a_still_fallback():
    text = animated_svg(SQUAT, "Squat")
    root = _tree(text)
    assert root.find(f"{SVG}script") is None
    style = root.find(f"{SVG}style").text
    assert "@keyframes" in style and "infinite" in style
    assert "@media (prefers-reduced-motion:reduce)" in style
    moving = [g for g in root.iter(f"{SVG}g") if g.get("class") == "rsf-moving"]
    still = [g for g in root.iter(f"{SVG}g") if g.get("class") == "rsf-still"]
    assert len(moving) == 1 and len(still) == 1
    animated = {c for g in moving[0].iter(f"{SVG}g") if (c := g.get("class")) != "rsf-moving" and c}
    assert animated and all(f".{name}{{animation:" in style for name in animated)
    # three poses, each held, then back to the first
    first = re.search(r"@keyframes (\w+)\{([^@]*)\}\}", style).group(2)
    assert first.count("{transform:") == 4


def test_mirroring_flips_the_picture_and_the_words():
    plain, mirrored = key_poses_svg(SQUAT, "Squat"), key_poses_svg(SQUAT, "Squat", mirror=True)
    assert "scale(-1 -1)" in mirrored and "scale(-1 -1)" not in plain
    assert "Working: left leg" in describe(SQUAT, mirror=True)
    assert "a dumbbell in the left hand" in describe(SQUAT, mirror=True)
    assert "Working: right leg" in describe(SQUAT)


def test_figures_on_one_page_do_not_share_animation_names():
    one = animated_svg(SQUAT, "Squat", key="b-squat")
    two = animated_svg(SQUAT, "Squat", key="goblet-squat")
    names = lambda text: set(re.findall(r"@keyframes (\w+)", text))  # noqa: E731
    assert names(one) and not names(one) & names(two)


SWING = Figure.model_validate(
    {
        "props": [{"kind": "kettlebell", "hand": "right"}],
        "poses": [
            {"name": "right", "right_upper_arm": 80, "right_forearm": 80},
            {"name": "switch", "hand": "both", "left_upper_arm": 80, "left_forearm": 80},
            {"name": "left", "hand": "left", "right_upper_arm": 0, "right_forearm": 0},
        ],
    }
)


def _bells(svg: str) -> int:
    return svg.count('r="8"')  # the bell's radius; the handle and hands are smaller


def test_a_weight_that_changes_hands_is_drawn_once_in_each_pose():
    strip = key_poses_svg(SWING, "Swing")
    assert _bells(strip) == 3  # one bell per printed pose, never one in each hand
    assert "from the right hand to both hands to the left hand" in describe(SWING)
    assert "from the left hand to both hands to the right hand" in describe(SWING, mirror=True)


def test_the_weight_moves_to_the_other_hand_in_the_animation():
    text = animated_svg(SWING, "Swing")
    moving = text[: text.index('class="rsf-still"')]
    assert _bells(moving) == 2  # one in each hand, each shrunk away while the other has it
    assert "transform:scale(0)" in text
