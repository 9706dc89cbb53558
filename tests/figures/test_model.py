"""A figure in a workout file is validated like any other field, with the line to fix."""

from __future__ import annotations

from pathlib import Path

import pytest

from runstrong.workouts.figures import figure_for
from runstrong.workouts.file import WorkoutFileError, load_workout_file

WORKOUT = """\
id: my-legs
title: My legs
summary: Short.
target_minutes: 10
blocks:
  - id: main
    name: Main
    kind: superset
    exercises:
      - id: b-squat
        name: Squat
        dose: {reps: 10}
        steps: [Squat down and stand up.]
        figure:
          working: [right_leg]
          props:
            - {kind: dumbbell, hand: right}
          poses:
            - name: stand
            - name: bottom
              trunk: 30
              right_thigh: 80
              right_shin: -20
"""


def _load(tmp_path: Path, text: str):
    path = tmp_path / "legs.yaml"
    path.write_text(text)
    return load_workout_file(path)


def _problems(tmp_path: Path, text: str) -> list[str]:
    with pytest.raises(WorkoutFileError) as caught:
        _load(tmp_path, text)
    return [str(p).split(":", 1)[1] for p in caught.value.problems]


def test_a_workout_figure_wins_over_the_builtin_one(tmp_path):
    exercise = _load(tmp_path, WORKOUT).exercise("b-squat")
    figure = figure_for(exercise)
    assert figure is exercise.figure
    assert [p.name for p in figure.key_poses()] == ["stand", "bottom"]


def test_left_out_angles_keep_the_pose_before(tmp_path):
    text = WORKOUT.replace(
        "              right_shin: -20\n",
        "              right_shin: -20\n            - name: again\n              trunk: 10\n",
    )
    poses = _load(tmp_path, text).exercise("b-squat").figure.key_poses()
    assert poses[2].angles["right_thigh"] == 80 and poses[2].angles["trunk"] == 10
    assert poses[0].angles["right_thigh"] == 0  # the first pose starts from standing


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "right_shin: -20",
            "right_knee: -20",
            "23:15: blocks[0].exercises[0].figure.poses[1].right_knee: unknown field",
        ),
        (
            "right_shin: -20",
            "right_shin: 120",
            "23:15: blocks[0].exercises[0].figure.poses[1].right_shin: the right knee would bend"
            " -40 degrees",
        ),
        (
            "trunk: 30",
            "trunk: 400",
            "21:15: blocks[0].exercises[0].figure.poses[1].trunk: Input should be less than or"
            " equal to 360",
        ),
        (
            "trunk: 30",
            'trunk: "30"',
            "21:15: blocks[0].exercises[0].figure.poses[1].trunk: Input should be a valid number",
        ),
        (
            "{kind: dumbbell, hand: right}",
            "{kind: barbell}",
            "17:15: blocks[0].exercises[0].figure.props[0]: Input tag 'barbell'",
        ),
        (
            "working: [right_leg]",
            "working: [right_wing]",
            "15:21: blocks[0].exercises[0].figure.working[0]: Input should be",
        ),
    ],
)
def test_bad_figures_point_at_the_line(tmp_path, old, new, expected):
    assert old in WORKOUT
    problems = _problems(tmp_path, WORKOUT.replace(old, new))
    assert any(p.startswith(expected) for p in problems), problems


def test_too_many_poses_are_refused(tmp_path):
    extra = "".join(f"            - name: p{i}\n" for i in range(8))
    text = WORKOUT.replace("            - name: stand\n", "            - name: stand\n" + extra)
    problems = _problems(tmp_path, text)
    assert any("figure.poses: List should have at most 8 items" in p for p in problems), problems


def test_one_hand_holds_one_weight(tmp_path):
    text = WORKOUT.replace(
        "            - {kind: dumbbell, hand: right}\n",
        "            - {kind: dumbbell, hand: right}\n            - {kind: kettlebell}\n",
    )
    problems = _problems(tmp_path, text)
    message = "figure.props[1].hand: the right hand already holds something"
    assert any(message in p for p in problems), problems


def test_a_figure_needs_a_printed_pose(tmp_path):
    text = WORKOUT.replace("- name: stand", "- {name: stand, key: false}").replace(
        "- name: bottom", "- key: false\n              name: bottom"
    )
    problems = _problems(tmp_path, text)
    assert any("figure.poses: at least one pose must be a key pose" in p for p in problems)


def test_a_weight_in_both_hands_leaves_no_hand_free(tmp_path):
    text = WORKOUT.replace(
        "            - {kind: dumbbell, hand: right}\n",
        "            - {kind: dumbbell, hand: both}\n"
        "            - {kind: kettlebell, hand: left}\n",
    )
    problems = _problems(tmp_path, text)
    message = "figure.props[1].hand: the left hand already holds something"
    assert any(message in p for p in problems), problems


def test_a_pose_passes_the_one_weight_to_the_other_hand(tmp_path):
    text = WORKOUT.replace(
        "              trunk: 30\n", "              trunk: 30\n              hand: left\n"
    )
    poses = _load(tmp_path, text).exercise("b-squat").figure.key_poses()
    assert [p.hands for p in poses] == [("right",), ("left",)]


def test_passing_a_weight_needs_exactly_one(tmp_path):
    text = WORKOUT.replace(
        "            - {kind: dumbbell, hand: right}\n",
        "            - {kind: dumbbell, hand: right}\n            - {kind: dumbbell, hand: left}\n",
    ).replace("              trunk: 30\n", "              trunk: 30\n              hand: both\n")
    problems = _problems(tmp_path, text)
    expected = "23:15: blocks[0].exercises[0].figure.poses[1].hand: a pose can pass a weight"
    assert any(p.startswith(expected) for p in problems), problems
