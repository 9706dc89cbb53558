"""The richer parts of the format: directions, alternating, loads beyond weights, rest per exercise.

Each refusal names the line and field a runner has to fix.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from runstrong.cli import main
from runstrong.workouts.file import WorkoutFileError, load_workout_file
from runstrong.workouts.model import LoadKind

TEMPLATE = """\
id: band-day
title: Band day
summary: Short.
blocks:
  - id: main
    name: Main
    kind: circuit
    exercises:
      - id: walk
        name: Band Walk
        dose: {dose}
        load: {load}
        steps: [Step sideways.]
"""


def _load(tmp_path: Path, *, dose: str = "{reps: 10}", load: str = "{kind: bodyweight}"):
    path = tmp_path / "band.yaml"
    path.write_text(TEMPLATE.format(dose=dose, load=load))
    return load_workout_file(path)


def _problems(tmp_path: Path, **fields: str) -> list[str]:
    with pytest.raises(WorkoutFileError) as caught:
        _load(tmp_path, **fields)
    return [str(p).split(":", 1)[1] for p in caught.value.problems]


@pytest.mark.parametrize("kind", [k.value for k in LoadKind if k is not LoadKind.OTHER])
def test_every_load_kind_is_accepted(tmp_path, kind):
    assert _load(tmp_path, load=f"{{kind: '{kind}'}}").exercises()[0].load.kind.value == kind


def test_bands_take_a_class_and_a_box_does_not(tmp_path):
    band = _load(tmp_path, load="{kind: mini band, weight_class: light to medium}")
    assert band.exercises()[0].load.weight_class.value == "light to medium"
    assert _problems(tmp_path, load="{kind: box or step, weight_class: heavy}") == [
        "12:9: blocks[0].exercises[0].load: a load of kind 'box or step' has no weight class"
    ]


def test_other_needs_a_note(tmp_path):
    assert _problems(tmp_path, load="{kind: other}") == [
        "12:9: blocks[0].exercises[0].load: a load of kind 'other' needs a `note` saying what it is"
    ]
    towel = _load(tmp_path, load="{kind: other, note: a towel}")
    assert towel.exercises()[0].load.note == "a towel"


def test_an_unknown_load_kind_lists_the_vocabulary(tmp_path):
    (problem,) = _problems(tmp_path, load="{kind: sandbag}")
    assert problem.startswith("12:16: blocks[0].exercises[0].load.kind: Input should be")
    assert "'mini band'" in problem and "'other'" in problem


def test_directions_by_name_or_count(tmp_path):
    named = _load(tmp_path, dose="{seconds: 10, directions: [centre, left, right]}")
    assert named.exercises()[0].dose.directions == ["centre", "left", "right"]
    counted = _load(tmp_path, dose="{seconds: 10, directions: 3}")
    assert counted.exercises()[0].dose.directions == ["direction 1", "direction 2", "direction 3"]


@pytest.mark.parametrize(
    ("dose", "message"),
    [
        ("{seconds: 10, directions: 1}", "dose.directions: give 2 to 8 directions"),
        ("{seconds: 10, directions: [a, a]}", "dose: each direction needs its own name"),
        (
            "{reps: 8, per_side: true, alternating: true}",
            "dose: choose one of `per_side`, `directions` and `alternating`, "
            "not `per_side` and `alternating`",
        ),
        ("{reps: 8, alternating: 'yes'}", "dose.alternating: Input should be a valid boolean"),
    ],
)
def test_bad_ways_are_refused_with_their_line(tmp_path, dose, message):
    (problem,) = _problems(tmp_path, dose=dose)
    assert problem.split(": ", 1)[1] == f"blocks[0].exercises[0].{message}"
    assert problem.startswith("11:")


def test_an_exercise_rest_is_checked_like_a_block_rest(tmp_path):
    path = tmp_path / "rest.yaml"
    path.write_text(TEMPLATE.format(dose="{reps: 5}", load="{kind: none}") + "        rest: soon\n")
    with pytest.raises(WorkoutFileError) as caught:
        load_workout_file(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (14, "blocks[0].exercises[0].rest")
    assert "as needed" in problem.message


def test_the_schema_accepts_the_guide_s_forms_and_refuses_a_bad_kind(capsys):
    assert main(["schema"]) == 0
    validator = Draft202012Validator(json.loads(capsys.readouterr().out))
    good = {
        "id": "x",
        "title": "X",
        "summary": "s",
        "blocks": [
            {
                "id": "b",
                "name": "B",
                "kind": "cooldown",
                "exercises": [
                    {
                        "id": "p",
                        "name": "P",
                        "dose": {"seconds": 10, "directions": 3},
                        "load": {"kind": "mini band"},
                        "rest": "as needed",
                        "steps": ["s"],
                    }
                ],
            }
        ],
    }
    assert list(validator.iter_errors(good)) == []
    good["blocks"][0]["exercises"][0]["load"]["kind"] = "sandbag"
    assert list(validator.iter_errors(good)) != []
