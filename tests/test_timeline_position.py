"""The position rule: after a variation switch the runner stays on the same piece of work."""

from __future__ import annotations

import pytest

from runstrong.timeline import StepKind, compile_timeline
from runstrong.timeline_position import same_position
from runstrong.workouts.library import builtin_workout

ROUTINE = builtin_workout()
STANDARD = compile_timeline(ROUTINE)


def _index(timeline, **match) -> int:
    return next(
        s.index for s in timeline.steps if all(getattr(s, k) == v for k, v in match.items())
    )


def test_the_same_side_of_the_same_round_is_kept() -> None:
    easier = compile_timeline(ROUTINE, {"b-squat": "goblet-squat"})
    here = _index(STANDARD, exercise_id="b-squat", round=2, side="right", kind=StepKind.WORK)
    landing = same_position(STANDARD, here, easier)
    step = easier.steps[landing.index]
    assert landing.exact is (step.side == "right")
    assert (step.exercise_id, step.round, step.kind) == ("b-squat", 2, StepKind.WORK)
    assert step.variation_id == "goblet-squat"


def test_a_rest_belongs_to_the_exercise_before_it() -> None:
    rest = _index(STANDARD, kind=StepKind.REST_AS_NEEDED)
    before = STANDARD.steps[rest - 1].exercise_id
    changed = compile_timeline(ROUTINE, {before: ROUTINE.exercise(before).easier().id})
    landing = same_position(STANDARD, rest, changed)
    assert landing.exact and changed.steps[landing.index].kind is StepKind.REST_AS_NEEDED


def test_the_end_stays_the_end() -> None:
    easier = compile_timeline(ROUTINE, {"b-squat": "goblet-squat"})
    assert same_position(STANDARD, len(STANDARD.steps), easier).index == len(easier.steps)
    with pytest.raises(IndexError):
        same_position(STANDARD, len(STANDARD.steps) + 1, easier)


def test_every_step_lands_on_its_own_exercise_and_round() -> None:
    for exercise in ROUTINE.exercises():
        if exercise.easier() is None:
            continue
        changed = compile_timeline(ROUTINE, {exercise.id: exercise.easier().id})
        for step in STANDARD.steps:
            landed = changed.steps[same_position(STANDARD, step.index, changed).index]
            assert (landed.block_id, landed.round) == (step.block_id, step.round)
            if step.exercise_id is not None:
                assert landed.exercise_id == step.exercise_id
