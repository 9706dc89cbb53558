"""`runstrong play`: bad input is one clear error line, before any screen opens."""

from __future__ import annotations

import shutil

import pytest

from runstrong.cli import main
from runstrong.store.database import open_store
from runstrong.store.live_sessions import LiveSessions
from runstrong.timeline import compile_timeline
from runstrong.workouts.library import builtin_workout


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    status = main(["play", *args])
    return status, capsys.readouterr().err


def test_an_unknown_exercise_for_easier_lists_the_choices(
    capsys: pytest.CaptureFixture[str],
) -> None:
    status, err = run(capsys, "--easier", "burpee")
    assert status == 2
    assert "runstrong: error: runners-lower-body has no exercise 'burpee'" in err
    assert "b-squat" in err and "Traceback" not in err


def test_easier_on_a_move_without_one_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(capsys, "--easier", "standing-figure-8")
    assert (status, err.splitlines()[0]) == (
        2,
        "runstrong: error: Standing Figure 8 has no easier variation",
    )


def test_resume_without_a_saved_session(capsys: pytest.CaptureFixture[str]) -> None:
    status, err = run(capsys, "--resume")
    assert status == 2 and "no unfinished session to resume" in err


def test_resume_of_a_session_whose_workout_is_gone(capsys: pytest.CaptureFixture[str]) -> None:
    workout = builtin_workout()
    with open_store() as store:
        LiveSessions(store).start(workout.model_copy(update={"id": "deleted-workout"}))
    status, err = run(capsys, "--resume")
    assert status == 2
    assert "cannot find the workout 'deleted-workout' of the unfinished session" in err
    assert "runstrong play --resume PATH" in err


def test_resume_of_a_session_played_to_its_end_completes_it(
    capsys: pytest.CaptureFixture[str],
) -> None:
    workout = builtin_workout()
    with open_store() as store:
        live = LiveSessions(store, workouts=lambda _id: workout)
        session = live.start(workout)
        steps = len(compile_timeline(workout).steps)
        live.save_position(session.uid, index=steps, elapsed=0, paused=True)
        status = main(["play", "--resume"])
        assert (status, live.get(session.uid).status.value) == (0, "completed")
    assert "it is now complete" in capsys.readouterr().out


def test_voice_without_espeak(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    status, err = run(capsys, "--voice")
    assert status == 2 and "spoken cues need espeak-ng" in err and "leave out --voice" in err
