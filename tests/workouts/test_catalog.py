"""The exercise catalog: defined once, used by id from any workout, its history following it."""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from runstrong.cli import main
from runstrong.progress.advice import advice_from_log
from runstrong.store.database import open_store
from runstrong.workouts.catalog import builtin_catalog
from runstrong.workouts.file import WorkoutFileError, load_workout_file
from runstrong.workouts.library import builtin_workout, load_library

CORE_IDS = [
    "cat-cow",
    "modified-side-plank-rotation",
    "bird-dog-row",
    "modified-side-plank-clamshell-lift",
    "dead-bug-pullover",
    "high-plank-pull-through",
    "unilateral-suitcase-march",
    "cobra",
    "three-way-childs-pose",
]

MINE = """\
id: my-mix
title: My mix
summary: Catalog moves with my own dose.
blocks:
  - id: main
    name: Main
    kind: circuit
    rounds: 2
    exercises:
      - exercise: b-squat
      - exercise: dead-bug-pullover
        dose: {reps: 10}
        rest: 30
      - id: wall-sit
        name: Wall Sit
        dose: {seconds: 45}
        steps: [Sit against a wall.]
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text)
    return path


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = _write(tmp_path, text)
    with pytest.raises(WorkoutFileError) as caught:
        load_workout_file(path)
    return [str(p).removeprefix(f"{path}:") for p in caught.value.problems]


def test_built_in_workouts_take_every_exercise_from_the_catalog():
    catalog = builtin_catalog().exercises
    for workout_id in ("runners-lower-body", "core-for-runners"):
        for exercise in builtin_workout(workout_id).exercises():
            assert exercise == catalog[exercise.id]
    core = [e.id for e in builtin_workout("core-for-runners").exercises()]
    assert core == CORE_IDS


def test_the_lower_body_ids_are_the_ones_logs_already_use():
    ids = {e.id for e in builtin_workout().exercises()}
    assert {"b-squat", "ffe-split-squat", "alternating-kettlebell-swing"} <= ids
    assert ids <= set(builtin_catalog().exercises)


def test_an_own_workout_uses_catalog_exercises_with_its_own_dose(tmp_path):
    workout = load_workout_file(_write(tmp_path, MINE))
    squat, dead_bug, wall_sit = workout.exercises()
    assert squat == builtin_catalog().exercises["b-squat"]
    assert dead_bug.name == "Dead Bug Pullover"
    assert (dead_bug.dose.reps, dead_bug.dose.seconds_per_rep) == (10, None)
    assert dead_bug.rest == 30
    assert dead_bug.steps == builtin_catalog().exercises["dead-bug-pullover"].steps
    assert wall_sit.id == "wall-sit"


def test_an_unknown_catalog_id_is_reported_at_its_line(tmp_path):
    text = MINE.replace("exercise: b-squat", "exercise: b-sqaut")
    (problem,) = _problems(tmp_path, text)
    assert problem == (
        "10:9: blocks[0].exercises[0]: no exercise 'b-sqaut' in the catalog; "
        "did you mean 'b-squat'?"
    )


def test_a_reference_changes_only_dose_load_and_rest(tmp_path):
    text = MINE.replace("        rest: 30\n", "        name: Bug\n")
    (problem,) = _problems(tmp_path, text)
    assert problem.startswith("11:9: blocks[0].exercises[1]: `name` comes from the catalog;")
    squat = "      - exercise: b-squat\n"
    both = MINE.replace(squat, squat + "        id: sq\n")
    (problem,) = _problems(tmp_path, both)
    assert "not both" in problem and problem.startswith("10:9:")


def test_a_bad_override_names_its_own_line_and_field(tmp_path):
    text = MINE.replace("dose: {reps: 10}", "dose: {reps: 0}")
    assert _problems(tmp_path, text) == [
        "12:16: blocks[0].exercises[1].dose.reps: Input should be greater than 0"
    ]


def test_a_catalog_id_used_twice_in_one_workout_is_refused(tmp_path):
    text = MINE.replace("      - id: wall-sit", "      - exercise: b-squat\n      - id: wall-sit")
    (problem,) = _problems(tmp_path, text)
    # named at the second use, with what to do about it
    assert problem.startswith("14:9: blocks[0].exercises[2]: exercise 'b-squat' is already in")
    assert "define your own with another `id`" in problem


def test_the_schema_describes_references(capsys):
    assert main(["schema"]) == 0
    validator = Draft202012Validator(json.loads(capsys.readouterr().out))
    from ruamel.yaml import YAML

    document = YAML(typ="safe").load(MINE)
    assert list(validator.iter_errors(document)) == []
    document["blocks"][0]["exercises"][0]["dose"] = {"reps": "many"}
    assert list(validator.iter_errors(document)) != []


def test_runstrong_exercises_lists_the_catalog(capsys):
    assert main(["exercises"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(builtin_catalog().exercises)
    pose = next(line for line in lines if line.startswith("three-way-childs-pose"))
    assert "per direction" in pose


def test_advice_follows_a_catalog_exercise_into_another_workout(tmp_path, runstrong_home):
    """B Squat logged twice, easily, in the lower-body routine: a workout of one's own that
    uses the catalog's B Squat is advised to add load, like the routine itself."""
    today = datetime.now().astimezone().date()
    for days in (9, 2):
        day = today - timedelta(days=days)
        args = ["log", "--date", f"{day} 07:00", "--rpe", "6", "--load", "b-squat=12"]
        assert main(args) == 0
    folder = runstrong_home / "workouts"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mine.yaml").write_text(MINE)
    mine = load_library().get("my-mix")
    with open_store() as store:
        advice = {a.exercise_id: a for a in advice_from_log(store, mine, today=today)}
        routine = {a.exercise_id: a for a in advice_from_log(store, builtin_workout(), today=today)}
    assert advice["b-squat"].action.value == "add load"
    assert advice["b-squat"].load_kg == routine["b-squat"].load_kg == pytest.approx(14.5)
    assert advice["dead-bug-pullover"].action.value == "start"
