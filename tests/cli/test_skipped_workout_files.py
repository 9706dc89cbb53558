"""A bad file in the workouts folder is left out with a warning naming it; the rest works."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from workouts.hostile_yaml import alias_bomb, nested_flow


@pytest.fixture
def spoiled_folder(runstrong_home: Path) -> Path:
    folder = runstrong_home / "workouts"
    folder.mkdir(parents=True)
    (folder / "deep.yaml").write_text(nested_flow(500))
    (folder / "bomb.yaml").write_text(alias_bomb())
    os.mkfifo(folder / "pipe.yaml")
    return folder


def test_list_names_each_skipped_file_once(run, spoiled_folder):
    status, out, err = run("list")
    assert status == 0 and "runners-lower-body" in out
    warnings = [line for line in err.splitlines() if line.startswith("runstrong: warning:")]
    assert len(warnings) == 3
    for warning, name in zip(warnings, ("bomb.yaml", "deep.yaml", "pipe.yaml"), strict=True):
        assert warning.startswith(f"runstrong: warning: skipped {spoiled_folder / name}:")
    assert "Traceback" not in err


@pytest.mark.parametrize("command", [["show"], ["show", "runners-lower-body"], ["timeline"]])
def test_the_built_in_workout_still_shows(run, spoiled_folder, command):
    status, out, err = run(*command)
    assert status == 0
    assert "Lower-Body Strength for Runners" in out or "total" in out
    assert f"runstrong: warning: skipped {spoiled_folder / 'deep.yaml'}:1:" in err
    assert "nested more than" in err


def test_validate_reports_the_pipe_without_waiting(run, spoiled_folder):
    status, _, err = run("validate", str(spoiled_folder / "pipe.yaml"))
    assert status == 2
    pipe = spoiled_folder / "pipe.yaml"
    assert err == f"{pipe}:1:1: this is a pipe (FIFO), not a regular file; save it as one\n"
