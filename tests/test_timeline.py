"""Compiling workouts into steps: order, sides, rests and totals."""

from __future__ import annotations

from collections import Counter
from itertools import pairwise

import pytest
from hypothesis import given, settings

from runstrong.timeline import StepKind, compile_timeline
from runstrong.workouts.library import builtin_workout
from runstrong.workouts.model import BlockKind, Workout
from workout_strategies import workouts


@pytest.fixture(scope="module")
def routine():
    return builtin_workout()


def test_superset_alternates_exercises_round_by_round(routine):
    steps = compile_timeline(routine).steps
    set_b = [
        (s.round, s.exercise_id, s.side)
        for s in steps
        if s.block_id == "strength-b" and s.kind is StepKind.WORK
    ]
    expected = [
        (r, e, side)
        for r in (1, 2, 3)
        for e in ("lateral-step-down", "ffe-split-squat")
        for side in ("left", "right")
    ]
    assert set_b == expected


def test_per_side_work_has_a_switch_between_the_sides(routine):
    steps = compile_timeline(routine).steps
    first = steps[:3]
    assert [s.kind for s in first] == [StepKind.WORK, StepKind.SWITCH, StepKind.WORK]
    assert [s.side for s in first] == ["left", None, "right"]
    assert first[1].seconds == routine.timing.switch_sides_seconds


def test_rest_as_needed_after_each_set_and_nowhere_else(routine):
    steps = compile_timeline(routine).steps
    rests = [s for s in steps if s.kind is StepKind.REST_AS_NEEDED]
    assert [s.block_id for s in rests] == ["warmup", "strength-a", "strength-b", "strength-c"]
    assert all(s.waits_for_runner and s.estimated for s in rests)
    assert steps[-1].kind is StepKind.WORK


def test_rep_work_is_an_estimate_that_waits_for_the_runner(routine):
    steps = compile_timeline(routine).steps
    step_down = next(s for s in steps if s.exercise_id == "lateral-step-down")
    assert step_down.reps == 8
    assert step_down.estimated and step_down.waits_for_runner
    assert step_down.seconds == 8 * 3
    walk = next(s for s in steps if s.exercise_id == "plantarflexion-walk")
    assert (walk.seconds, walk.estimated, walk.waits_for_runner) == (30, False, False)


def test_choosing_a_variation_changes_name_and_dose(routine):
    steps = compile_timeline(routine, {"b-squat": "goblet-squat"}).steps
    goblet = [s for s in steps if s.exercise_id == "b-squat" and s.kind is StepKind.WORK]
    assert len(goblet) == 3
    assert {s.exercise_name for s in goblet} == {"Goblet Squat with Pause"}
    assert {s.side for s in goblet} == {None}


def test_unknown_variation_is_refused(routine):
    with pytest.raises(KeyError):
        compile_timeline(routine, {"b-squat": "no-such-move"})


def test_time_left_counts_down_to_zero(routine):
    timeline = compile_timeline(routine)
    assert timeline.time_left(0) == timeline.total_seconds
    assert timeline.time_left(0, 5) == timeline.total_seconds - 5
    last = len(timeline.steps) - 1
    assert timeline.time_left(last, 1000) == 0
    assert timeline.time_left(len(timeline.steps)) == 0


def test_straight_sets_finish_one_exercise_before_the_next():
    workout = Workout.model_validate(
        {
            "id": "straight",
            "title": "Straight",
            "summary": "s",
            "target_minutes": 5,
            "blocks": [
                {
                    "id": "main",
                    "name": "Main",
                    "kind": "straight sets",
                    "rounds": 2,
                    "rest": {"between_rounds": 45, "between_exercises": "as needed"},
                    "exercises": [
                        {"id": "a", "name": "A", "dose": {"reps": 5}, "steps": ["a"]},
                        {"id": "b", "name": "B", "dose": {"reps": 5}, "steps": ["b"]},
                    ],
                }
            ],
        }
    )
    kinds = [(s.kind.value, s.exercise_id, s.round) for s in compile_timeline(workout).steps]
    assert kinds == [
        ("work", "a", 1),
        ("rest", None, 1),
        ("work", "a", 2),
        ("rest as needed", None, 2),
        ("work", "b", 1),
        ("rest", None, 1),
        ("work", "b", 2),
    ]


def _ways(dose) -> tuple[tuple[str | None, str | None], ...]:
    """(side, direction) of each piece of work one set of `dose` is made of."""
    if dose.per_side:
        return (("left", None), ("right", None))
    if dose.directions:
        return tuple((None, direction) for direction in dose.directions)
    return ((None, None),)


def _expected_work_steps(workout: Workout) -> int:
    return sum(
        block.rounds * len(_ways(e.dose)) for block in workout.blocks for e in block.exercises
    )


@settings(max_examples=150, deadline=None)
@given(workouts())
def test_generated_workouts_compile_to_consistent_steps(workout):
    timeline = compile_timeline(workout)
    steps = timeline.steps
    work = [s for s in steps if s.kind is StepKind.WORK]
    assert len(work) == _expected_work_steps(workout)
    assert all(s.seconds > 0 for s in steps)
    assert [s.index for s in steps] == list(range(len(steps)))
    assert timeline.total_seconds == pytest.approx(sum(timeline.seconds_by_kind().values()))
    # every round, side and direction of every exercise appears exactly once, in order
    seen = Counter((s.exercise_id, s.round, s.side, s.direction) for s in work)
    assert set(seen.values()) == {1}
    for block in workout.blocks:
        for exercise in block.exercises:
            for round_ in range(1, block.rounds + 1):
                ways = [
                    (s.side, s.direction)
                    for s in work
                    if (s.exercise_id, s.round) == (exercise.id, round_)
                ]
                assert ways == list(_ways(exercise.dose))
    # alternating work is one step that names its sides; only it is marked alternating
    for step in work:
        exercise = workout.exercise(step.exercise_id)
        assert step.alternating == exercise.dose.alternating
        assert bool(step.how) == (step.alternating or bool(step.side or step.direction))
    # one switch per per-side set, and never two breaks in a row
    switches = sum(1 for s in steps if s.kind is StepKind.SWITCH)
    assert switches == sum(
        block.rounds for block in workout.blocks for e in block.exercises if e.dose.per_side
    )
    breaks = {StepKind.TRANSITION, StepKind.REST, StepKind.REST_AS_NEEDED}
    assert not any(a.kind in breaks and b.kind in breaks for a, b in pairwise(steps))
    assert steps[0].kind is StepKind.WORK and steps[-1].kind is StepKind.WORK


@settings(max_examples=100, deadline=None)
@given(workouts())
def test_time_left_plus_time_done_is_the_total(workout):
    timeline = compile_timeline(workout)
    done = 0.0
    for step in timeline.steps:
        assert timeline.time_left(step.index) + done == pytest.approx(timeline.total_seconds)
        done += step.seconds


@settings(max_examples=50, deadline=None)
@given(workouts())
def test_supersets_and_circuits_alternate_round_by_round(workout):
    work = [s for s in compile_timeline(workout).steps if s.kind is StepKind.WORK]
    for block in workout.blocks:
        rounds = [s.round for s in work if s.block_id == block.id]
        if block.kind is BlockKind.STRAIGHT_SETS:
            continue
        assert rounds == sorted(rounds)


def _workout(*blocks: dict) -> Workout:
    return Workout.model_validate({"id": "w", "title": "W", "summary": "s", "blocks": list(blocks)})


def _exercise(exercise_id: str, dose: dict, **more: object) -> dict:
    return {"id": exercise_id, "name": exercise_id.title(), "dose": dose, "steps": ["Go."], **more}


def test_each_direction_is_its_own_step_with_no_switch_between():
    workout = _workout(
        {
            "id": "cool",
            "name": "Cool Down",
            "kind": "cooldown",
            "exercises": [
                _exercise("pose", {"seconds": 10, "directions": ["centre", "left", "right"]})
            ],
        }
    )
    steps = compile_timeline(workout).steps
    assert [(s.kind, s.direction, s.seconds) for s in steps] == [
        (StepKind.WORK, "centre", 10),
        (StepKind.WORK, "left", 10),
        (StepKind.WORK, "right", 10),
    ]
    assert steps[1].label == "Pose (left)"
    assert compile_timeline(workout).total_seconds == 30


def test_a_count_of_directions_numbers_them():
    workout = _workout(
        {
            "id": "b",
            "name": "B",
            "kind": "circuit",
            "exercises": [_exercise("lunge", {"reps": 5, "directions": 2})],
        }
    )
    assert [s.direction for s in compile_timeline(workout).steps] == [
        "direction 1",
        "direction 2",
    ]


def test_alternating_work_is_one_step_without_a_switch():
    workout = _workout(
        {
            "id": "b",
            "name": "B",
            "kind": "circuit",
            "exercises": [
                _exercise("swing", {"reps": 12, "alternating": True}, side_label="hand"),
                _exercise("rock", {"seconds": 20, "alternating": True}),
            ],
        }
    )
    work = [s for s in compile_timeline(workout).steps if s.kind is StepKind.WORK]
    assert [(s.label, s.reps, s.seconds, s.side) for s in work] == [
        ("Swing (alternating hands)", 12, 12 * 3, None),
        ("Rock (alternating legs)", None, 20, None),
    ]
    assert not any(s.kind is StepKind.SWITCH for s in compile_timeline(workout).steps)


def test_an_exercise_rest_replaces_the_block_rest_after_it_but_not_after_the_block():
    workout = _workout(
        {
            "id": "a",
            "name": "A",
            "kind": "circuit",
            "rounds": 2,
            "rest": {"between_exercises": "none", "between_rounds": 60, "after_block": 90},
            "exercises": [
                _exercise("one", {"seconds": 30}, rest=15),
                _exercise("two", {"seconds": 30}),
                _exercise("three", {"seconds": 30}, rest="as needed"),
            ],
        },
        {
            "id": "b",
            "name": "B",
            "kind": "cooldown",
            "exercises": [_exercise("four", {"seconds": 5})],
        },
    )
    kinds = [(s.kind.value, s.seconds) for s in compile_timeline(workout).steps if s.kind != "work"]
    assert kinds == [
        ("rest", 15),  # after one
        ("transition", 10),  # after two: the block's "none" between exercises
        ("rest as needed", 60),  # after three, between rounds: its own rest
        ("rest", 15),
        ("transition", 10),
        ("rest", 90),  # the block's end keeps after_block
    ]


def test_a_circuit_of_three_after_a_warmup_of_two_rounds_goes_round_by_round():
    workout = _workout(
        {
            "id": "warm",
            "name": "Warm Up",
            "kind": "warmup",
            "rounds": 2,
            "exercises": [
                _exercise("a", {"seconds": 30}),
                _exercise("b", {"seconds": 15, "per_side": True}),
            ],
        },
        {
            "id": "set",
            "name": "Set",
            "kind": "circuit",
            "rounds": 2,
            "exercises": [_exercise(x, {"reps": 8}) for x in ("c", "d", "e")],
        },
    )
    work = [
        (s.block_id, s.round, s.exercise_id, s.side)
        for s in compile_timeline(workout).steps
        if s.kind == "work"
    ]
    assert work == [
        ("warm", 1, "a", None),
        ("warm", 1, "b", "left"),
        ("warm", 1, "b", "right"),
        ("warm", 2, "a", None),
        ("warm", 2, "b", "left"),
        ("warm", 2, "b", "right"),
        *[("set", r, x, None) for r in (1, 2) for x in ("c", "d", "e")],
    ]
