"""Broken workout files are reported as path:line:col: field: message, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest

from runstrong.workouts.file import WorkoutFileError, load_workout_file
from runstrong.workouts.library import builtin_dir

GOOD = """\
id: my-legs
title: My legs
summary: Short.
target_minutes: 10
blocks:
  - id: main
    name: Main
    kind: superset
    rounds: 2
    exercises:
      - id: squat
        name: Squat
        dose: {reps: 10}
        steps: [Squat down and stand up.]
"""


def _problems(tmp_path: Path, text: str | bytes) -> list[str]:
    path = tmp_path / "broken.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text)
    with pytest.raises(WorkoutFileError) as caught:
        load_workout_file(path)
    return [str(p).removeprefix(f"{path}:") for p in caught.value.problems]


def test_good_file_loads(tmp_path):
    path = tmp_path / "good.yaml"
    path.write_text(GOOD)
    assert load_workout_file(path).blocks[0].rounds == 2


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("rounds: 2", "rounds: two", "9:5: blocks[0].rounds: Input should be a valid integer"),
        ("rounds: 2", 'rounds: "2"', "9:5: blocks[0].rounds: Input should be a valid integer"),
        ("dose: {reps: 10}", "dose: {reps: -3}", "13:16: blocks[0].exercises[0].dose.reps:"),
        (
            "dose: {reps: 10}",
            "dose: {seconds: -20}",
            "13:16: blocks[0].exercises[0].dose.seconds: Input should be greater than 0",
        ),
        ("        dose: {reps: 10}\n", "", "11:9: blocks[0].exercises[0].dose: this field is"),
        ("dose: {reps: 10}", "dose: {reps: 10, seconds: 5}", "either `seconds` or `reps`"),
        ("kind: superset", "kind: pyramid", "8:5: blocks[0].kind: Input should be 'warmup'"),
        ("rounds: 2", "rounds: 2\n    rest: {after_block: soon}", 'expected "none"'),
        ("dose: {reps: 10}", "dose: {reps: 10, per_side: yes}", "per_side: Input should be"),
    ],
)
def test_wrong_values_point_at_the_line(tmp_path, old, new, expected):
    assert old in GOOD
    problems = _problems(tmp_path, GOOD.replace(old, new))
    assert any(expected in p for p in problems), problems


def test_unknown_field_suggests_the_right_one(tmp_path):
    problems = _problems(tmp_path, GOOD.replace("rounds: 2", "roundz: 2"))
    assert problems == ["9:5: blocks[0].roundz: unknown field 'roundz'; did you mean 'rounds'?"]


def test_every_problem_is_reported_at_once(tmp_path):
    text = GOOD.replace("rounds: 2", "rounds: 0").replace("title: My legs\n", "")
    problems = _problems(tmp_path, text)
    assert len(problems) == 2
    assert any(p.startswith("1:1: title: this field is required") for p in problems)


def test_tabs_are_invalid_yaml_with_a_position(tmp_path):
    problems = _problems(tmp_path, GOOD.replace("    name: Main", "\tname: Main"))
    assert problems[0].startswith("7:1: invalid YAML")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "the file is empty"),
        ("# only a comment\n\n", "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "binary file"),
        (b"id: \xff\xfe bad", "not UTF-8"),
        ("- just\n- a list\n", "must be a mapping"),
        ("id: [unclosed\n", "invalid YAML"),
        ("a: 1\na: 2\n", "invalid YAML: found duplicate key"),
    ],
)
def test_files_that_are_not_workouts(tmp_path, content, message):
    problems = _problems(tmp_path, content)
    assert message in problems[0]


def test_huge_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"#" * (2 * 1024 * 1024))
    with pytest.raises(WorkoutFileError, match="too large"):
        load_workout_file(path)


def test_missing_file(tmp_path):
    with pytest.raises(WorkoutFileError, match="no such file"):
        load_workout_file(tmp_path / "nope.yaml")


def test_builtin_files_are_valid():
    for path in builtin_dir().glob("*.yaml"):
        assert load_workout_file(path).id == path.stem


def test_a_changed_file_is_validated_again_not_served_from_the_cache(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    assert load_workout_file(path).blocks[0].rounds == 2
    assert load_workout_file(path).blocks[0].rounds == 2  # second load: from the cache
    path.write_text(GOOD.replace("rounds: 2", "rounds: 5"))
    assert load_workout_file(path).blocks[0].rounds == 5
    path.write_text(GOOD.replace("rounds: 2", "rounds: -1"))
    with pytest.raises(WorkoutFileError, match="rounds"):
        load_workout_file(path)


def test_a_damaged_cache_entry_falls_back_to_parsing(tmp_path, runstrong_home):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    load_workout_file(path)
    for entry in (runstrong_home / "cache" / "workouts").iterdir():
        entry.write_text("{not json")
    assert load_workout_file(path).id == "my-legs"


def test_a_key_that_is_not_text_is_reported_on_its_own_line(tmp_path):
    problems = _problems(tmp_path, GOOD.replace("rounds: 2", "rounds: 2\n    1: one"))
    assert problems == ["10:5: blocks[0].1: unknown field '1'"]


@pytest.mark.parametrize(
    "dose", ["{<<: *base}", "\n          <<: *base", "\n          <<: [*other, *base]"]
)
def test_a_problem_in_a_merged_mapping_points_at_the_anchored_value(tmp_path, dose):
    anchors = "x-other: &other {}\nx-base: &base\n  reps: many\n"
    problems = _problems(tmp_path, anchors + GOOD.replace("{reps: 10}", dose))
    assert "3:3: blocks[0].exercises[0].dose.reps: Input should be a valid integer" in problems
