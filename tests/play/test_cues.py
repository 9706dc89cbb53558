"""Cue words and the espeak-ng voice."""

from __future__ import annotations

import shutil
import stat
import time
from pathlib import Path

import pytest

from runstrong.play.cues import Voice, VoiceUnavailable, cue_words
from runstrong.play.session import Cue, CueKind
from runstrong.timeline import compile_timeline
from runstrong.workouts.library import builtin_workout

STEPS = compile_timeline(builtin_workout()).steps


def test_cue_words_name_the_move_side_and_reps() -> None:
    step_down = next(s for s in STEPS if s.exercise_id == "lateral-step-down")
    assert cue_words(Cue(CueKind.START, step_down)) == "Go: Lateral Step Down, left leg, 8 reps"
    assert cue_words(Cue(CueKind.LEAD_IN, STEPS[0], 2)) == "2"
    right = STEPS[2]
    assert cue_words(Cue(CueKind.SWITCH, right)) == "Switch sides: right leg"
    assert cue_words(Cue(CueKind.FINISHED, None)).startswith("Workout complete")


def test_voice_without_espeak_says_how_to_get_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(VoiceUnavailable, match="apt install espeak-ng"):
        Voice()


def test_voice_speaks_the_cue_words(tmp_path: Path) -> None:
    said = tmp_path / "said.txt"
    speaker = tmp_path / "speaker"
    speaker.write_text(f'#!/bin/sh\nshift 2\necho "$@" > {said}\n')
    speaker.chmod(speaker.stat().st_mode | stat.S_IEXEC)
    Voice(command=str(speaker))(Cue(CueKind.HALFWAY, STEPS[10]))
    deadline = time.monotonic() + 5
    while not said.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    assert said.read_text().strip() == "Halfway"
