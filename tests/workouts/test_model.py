"""What an exercise is once a variation is chosen: one rule for every view."""

from __future__ import annotations

import pytest

from runstrong.play.session import Session
from runstrong.timeline import StepKind, compile_timeline
from runstrong.tui.describe import instructions_text, target_text
from runstrong.workouts.library import builtin_workout
from runstrong.workouts.model import Exercise, LoadKind

ROUTINE = builtin_workout()


def squat() -> Exercise:
    return Exercise.model_validate(
        {
            "id": "squat",
            "name": "Squat",
            "dose": {"reps": 10},
            "load": {"kind": "dumbbell", "weight_class": "medium"},
            "setup": "Feet shoulder-width apart.",
            "steps": ["Sit back.", "Stand up."],
            "cues": ["Knees over toes."],
            "variations": [
                {
                    "id": "box-squat",
                    "name": "Box Squat",
                    "kind": "easier",
                    "dose": {"reps": 8},
                    "load": {"kind": "bodyweight"},
                    "steps": ["Sit on the box.", "Stand up."],
                },
                {
                    "id": "slow-squat",
                    "name": "Slow Squat",
                    "kind": "harder",
                    "cues": ["Three seconds down."],
                },
            ],
        }
    )


def test_the_standard_move_is_the_exercise_itself() -> None:
    move = squat().effective(None)
    assert (move.name, move.dose.reps, move.load.kind, move.variation) == (
        "Squat",
        10,
        LoadKind.DUMBBELL,
        None,
    )
    assert (move.setup, move.steps, move.cues) == (
        "Feet shoulder-width apart.",
        ("Sit back.", "Stand up."),
        ("Knees over toes.",),
    )


def test_a_variation_with_its_own_steps_brings_its_own_instructions() -> None:
    move = squat().effective("box-squat")
    assert (move.name, move.dose.reps, move.load.kind) == ("Box Squat", 8, LoadKind.BODYWEIGHT)
    assert (move.setup, move.steps, move.cues) == (None, ("Sit on the box.", "Stand up."), ())


def test_a_variation_without_steps_keeps_the_exercises_and_adds_its_own_cues() -> None:
    move = squat().effective("slow-squat")
    assert (move.name, move.dose.reps, move.load.kind) == ("Slow Squat", 10, LoadKind.DUMBBELL)
    assert (move.setup, move.steps, move.cues) == (
        "Feet shoulder-width apart.",
        ("Sit back.", "Stand up."),
        ("Three seconds down.",),
    )


def test_an_unknown_variation_is_refused() -> None:
    with pytest.raises(KeyError, match="no variation 'jump-squat'"):
        squat().effective("jump-squat")


def test_the_easier_goblet_squat_shows_its_own_steps_not_the_b_squats_cues() -> None:
    chosen = {"b-squat": "goblet-squat"}
    steps = compile_timeline(ROUTINE, chosen).steps
    index = next(s.index for s in steps if s.exercise_id == "b-squat")
    session = Session(ROUTINE, now=0.0, variations=chosen, index=index)
    text = instructions_text(session)
    assert "Hold the bottom for 2 seconds." in text
    assert "front foot" not in text  # the B Squat's cue
    assert session.step.kind is StepKind.WORK
    assert target_text(session.step, ROUTINE).startswith("20 s · dumbbell (medium), held with both")
