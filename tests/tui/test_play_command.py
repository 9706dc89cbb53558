"""`runstrong play`: bad input is one clear error line, before any screen opens."""

from __future__ import annotations

import shutil

import pytest

from runstrong.cli import main
from runstrong.play.checkpoint import checkpoint_path


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
    assert status == 2 and "no interrupted session to resume" in err


def test_a_damaged_saved_session_is_reported(capsys: pytest.CaptureFixture[str]) -> None:
    checkpoint_path().parent.mkdir(parents=True)
    checkpoint_path().write_text("{not json")
    status, err = run(capsys, "--resume")
    assert status == 2 and "cannot read the saved session" in err


def test_voice_without_espeak(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    status, err = run(capsys, "--voice")
    assert status == 2 and "spoken cues need espeak-ng" in err and "leave out --voice" in err
