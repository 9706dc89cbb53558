"""Workout files built to hurt: refused quickly, with the line to fix, and never a traceback."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from runstrong.workouts.file import MAX_BYTES, WorkoutFileError, load_workout_file
from runstrong.workouts.yaml_limits import MAX_ALIASES, MAX_DEPTH, MAX_NODES
from workouts.hostile_yaml import (
    BAD_SCALARS,
    alias_bomb,
    many_aliases,
    nested_block,
    nested_flow,
    self_alias,
)


def _problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "hostile.yaml"
    path.write_text(text)
    with pytest.raises(WorkoutFileError) as caught:
        load_workout_file(path)
    return [str(p).removeprefix(f"{path}:") for p in caught.value.problems]


def test_an_alias_bomb_is_refused_at_the_alias_that_breaks_the_limit(tmp_path):
    bomb = alias_bomb()
    assert len(bomb) < 500
    (problem,) = _problems(tmp_path, bomb)
    assert problem.startswith("5:")  # a4: 9 * 7,381 values and more
    assert f"over {MAX_NODES:,} values" in problem and "write the values out" in problem


def test_a_few_aliases_of_a_value_are_fine_but_not_hundreds(tmp_path):
    assert not any("alias" in p for p in _problems(tmp_path, many_aliases(10)))
    (problem,) = _problems(tmp_path, many_aliases(MAX_ALIASES + 1))
    assert problem.startswith("2:") and f"more than {MAX_ALIASES} aliases" in problem


def test_an_alias_inside_its_own_value_is_refused(tmp_path):
    assert _problems(tmp_path, self_alias()) == [
        "1:15: the alias *loop is inside the value it stands for; an alias can only repeat a "
        "value that is already complete (see Limits in docs/workout-format.md)"
    ]


@pytest.mark.parametrize(
    ("make", "depth"),
    [(nested_flow, d) for d in (MAX_DEPTH + 1, 500, 200_000)]
    + [(nested_block, d) for d in (MAX_DEPTH + 1, 500)],
)
def test_deep_nesting_is_refused_naming_where_it_gets_too_deep(tmp_path, make, depth):
    (problem,) = _problems(tmp_path, make(depth))
    line = 1 if make is nested_flow else MAX_DEPTH
    assert problem.startswith(f"{line}:")
    assert f"nested more than {MAX_DEPTH} levels deep" in problem


def test_nesting_within_the_limit_is_judged_as_a_workout(tmp_path):
    problems = _problems(tmp_path, nested_block(MAX_DEPTH - 2))
    assert "1:1: k0: unknown field 'k0'" in problems


@pytest.mark.parametrize("case", sorted(BAD_SCALARS))
def test_values_python_cannot_convert_name_their_line(tmp_path, case):
    (problem,) = _problems(tmp_path, BAD_SCALARS[case])
    assert problem.startswith("2:") and "is not a valid" in problem


def test_a_pipe_is_refused_without_waiting_for_a_writer(tmp_path):
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    with pytest.raises(WorkoutFileError, match=r"pipe\.yaml:1:1: this is a pipe \(FIFO\)"):
        load_workout_file(fifo)


@pytest.mark.parametrize(
    ("path", "message"),
    [
        (Path("/dev/zero"), "/dev/zero:1:1: this is a device, not a regular file"),
        (Path("/"), "/:1:1: this is a folder, not a file"),
        (Path("/nonexistent/x.yaml"), "/nonexistent/x.yaml:1:1: no such file"),
    ],
)
def test_only_regular_files_are_read(path, message):
    with pytest.raises(WorkoutFileError, match=message):
        load_workout_file(path)


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"# " + b"x" * MAX_BYTES)
    with pytest.raises(WorkoutFileError, match=r"too large \(1 MiB; the limit is 1 MiB\)"):
        load_workout_file(path)
