"""The built-in routine carries every number of the source workout exactly."""

from __future__ import annotations

import pytest

from runstrong.timeline import compile_timeline
from runstrong.workouts.library import builtin_workout
from runstrong.workouts.model import BlockKind, LoadKind, VariationKind

# block id, kind, rounds, [(exercise id, seconds, reps, per side, load kind)]
SOURCE = [
    (
        "warmup",
        BlockKind.WARMUP,
        1,
        [
            ("standing-figure-8", 20, None, True, LoadKind.BODYWEIGHT),
            ("dynamic-pigeon", 20, None, True, LoadKind.BODYWEIGHT),
            ("high-plank-calf-rock", 20, None, False, LoadKind.BODYWEIGHT),
        ],
    ),
    (
        "strength-a",
        BlockKind.SUPERSET,
        3,
        [
            ("plantarflexion-walk", 30, None, False, LoadKind.DUMBBELLS),
            ("b-squat", 20, None, True, LoadKind.DUMBBELL_OR_KETTLEBELL),
        ],
    ),
    (
        "strength-b",
        BlockKind.SUPERSET,
        3,
        [
            ("lateral-step-down", None, 8, True, LoadKind.DUMBBELL_OR_KETTLEBELL),
            ("ffe-split-squat", None, 8, True, LoadKind.DUMBBELL_OR_KETTLEBELL),
        ],
    ),
    (
        "strength-c",
        BlockKind.SUPERSET,
        3,
        [
            ("forward-backward-pogo", None, 12, False, LoadKind.BODYWEIGHT),
            ("alternating-kettlebell-swing", None, 12, False, LoadKind.KETTLEBELL),
        ],
    ),
    (
        "cooldown",
        BlockKind.COOLDOWN,
        1,
        [
            ("standing-hamstring-stretch", 20, None, False, LoadKind.BODYWEIGHT),
            ("supine-figure-4-stretch", 20, None, True, LoadKind.BODYWEIGHT),
        ],
    ),
]


@pytest.fixture(scope="module")
def workout():
    return builtin_workout()


def test_blocks_rounds_and_doses_match_the_source(workout):
    actual = [
        (
            block.id,
            block.kind,
            block.rounds,
            [
                (e.id, e.dose.seconds, e.dose.reps, e.dose.per_side, e.load.kind)
                for e in block.exercises
            ],
        )
        for block in workout.blocks
    ]
    assert actual == SOURCE


def test_rest_as_needed_between_sets_and_none_inside_them(workout):
    for block in workout.blocks[1:4]:
        assert block.rest.between_exercises == "none"
        assert block.rest.between_rounds == "none"
        assert block.rest.after_block == "as needed"


def test_scheduling_and_equipment(workout):
    assert workout.schedule.sessions_per_week == 1
    assert workout.schedule.recovery_hours_before_quality_run == 48
    assert workout.target_minutes == 20
    equipment = " ".join(workout.equipment)
    for item in ("mat", "dumbbells", "kettlebell", "box", "6-8 inches"):
        assert item in equipment
    assert workout.credit.author == "Winnie Yu"


@pytest.mark.parametrize(
    ("exercise_id", "variations"),
    [
        ("dynamic-pigeon", [("dynamic-pigeon-90-90", VariationKind.ALTERNATIVE)]),
        ("high-plank-calf-rock", [("high-plank-calf-rock-knee-taps", VariationKind.EASIER)]),
        ("b-squat", [("goblet-squat", VariationKind.EASIER)]),
        ("lateral-step-down", [("step-down-back-tap", VariationKind.EASIER)]),
        ("ffe-split-squat", [("split-squat-floor", VariationKind.EASIER)]),
        ("forward-backward-pogo", [("pogo-steps", VariationKind.EASIER)]),
        (
            "alternating-kettlebell-swing",
            [
                ("kettlebell-deadlift", VariationKind.EASIER),
                ("two-hand-kettlebell-swing", VariationKind.EASIER),
            ],
        ),
        ("standing-figure-8", []),
        ("plantarflexion-walk", []),
    ],
)
def test_variations_of_the_source(workout, exercise_id, variations):
    exercise = workout.exercise(exercise_id)
    assert [(v.id, v.kind) for v in exercise.variations] == variations


def test_goblet_squat_pauses_two_seconds_and_is_not_per_side(workout):
    goblet = workout.exercise("b-squat").variation("goblet-squat")
    assert goblet.dose.per_side is False
    assert any("2 seconds" in step for step in goblet.steps)


def test_planned_total_is_about_twenty_minutes(workout):
    total = compile_timeline(workout).total_seconds
    assert 18 * 60 <= total <= 24 * 60
