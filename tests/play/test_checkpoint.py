"""Checkpoints: saved atomically, read back whole, and bad files reported clearly."""

from __future__ import annotations

from pathlib import Path

import pytest

from runstrong.play.checkpoint import (
    CheckpointError,
    checkpoint_path,
    clear_checkpoint,
    load_checkpoint,
    save_checkpoint,
)
from runstrong.play.session import Session
from runstrong.workouts.library import builtin_workout


def test_a_saved_session_reads_back_identically(runstrong_home: Path) -> None:
    session = Session(builtin_workout(), now=0.0, variations={"b-squat": "goblet-squat"})
    session.skip(1.0)
    snapshot = session.snapshot(4.0)
    save_checkpoint(snapshot, source="runners-lower-body")
    assert checkpoint_path().is_relative_to(runstrong_home)
    assert load_checkpoint() == (snapshot, "runners-lower-body")
    assert [p.name for p in checkpoint_path().parent.iterdir()] == ["checkpoint.json"]


def test_no_checkpoint_means_nothing_to_resume() -> None:
    assert load_checkpoint() is None
    clear_checkpoint()  # and clearing nothing is fine


@pytest.mark.parametrize(
    "content",
    ['{"format": 1, "source": null', '{"format": 99}', '{"format": 1, "index": 3}', "[]"],
)
def test_a_damaged_checkpoint_is_reported_not_crashed_on(tmp_path: Path, content: str) -> None:
    path = tmp_path / "checkpoint.json"
    path.write_text(content)
    with pytest.raises(CheckpointError, match=str(path)):
        load_checkpoint(path)


def test_clearing_forgets_the_session(tmp_path: Path) -> None:
    path = tmp_path / "checkpoint.json"
    save_checkpoint(Session(builtin_workout(), now=0.0).snapshot(0.0), source=None, path=path)
    clear_checkpoint(path)
    assert load_checkpoint(path) is None
