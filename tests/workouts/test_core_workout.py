"""The built-in core workout carries every number of its source exactly."""

from __future__ import annotations

import pytest

from runstrong.timeline import StepKind, compile_timeline
from runstrong.workouts.library import builtin_workout, load_library
from runstrong.workouts.model import BlockKind, LoadKind, WeightClass

# (block name, kind, rounds, [(exercise id, name, seconds, reps, way)]) as the source states
# them; `way` is "per side", a tuple of directions, or None.
SOURCE = [
    (
        "Warm Up",
        BlockKind.WARMUP,
        2,
        [
            ("cat-cow", "Cat Cow", 30, None, None),
            ("modified-side-plank-rotation", "Modified Side Plank Rotation", 15, None, "per side"),
        ],
    ),
    (
        "Strength Set A",
        BlockKind.SUPERSET,
        2,
        [
            ("bird-dog-row", "Bird Dog Row", None, 8, "per side"),
            (
                "modified-side-plank-clamshell-lift",
                "Modified Side Plank Clamshell Lift",
                None,
                8,
                "per side",
            ),
            ("dead-bug-pullover", "Dead Bug Pullover", None, 8, None),
        ],
    ),
    (
        "Strength Set B",
        BlockKind.SUPERSET,
        2,
        [
            ("high-plank-pull-through", "High Plank Pull Through", None, 8, "per side"),
            ("unilateral-suitcase-march", "Unilateral Suitcase March", None, 10, "per side"),
        ],
    ),
    (
        "Cool Down",
        BlockKind.COOLDOWN,
        1,
        [
            ("cobra", "Cobra", 20, None, None),
            ("three-way-childs-pose", "3-Way Child's Pose", 10, None, ("centre", "left", "right")),
        ],
    ),
]


@pytest.fixture(scope="module")
def core():
    return builtin_workout("core-for-runners")


def _way(dose) -> str | tuple[str, ...] | None:
    if dose.per_side:
        return "per side"
    return tuple(dose.directions) if dose.directions else None


def test_blocks_rounds_and_doses_match_the_source(core):
    found = [
        (
            block.name,
            block.kind,
            block.rounds,
            [(e.id, e.name, e.dose.seconds, e.dose.reps, _way(e.dose)) for e in block.exercises],
        )
        for block in core.blocks
    ]
    assert found == SOURCE


def test_loads_match_the_source(core):
    dumbbell = (LoadKind.DUMBBELL, WeightClass.LIGHT_MEDIUM)
    loads = {e.id: (e.load.kind, e.load.weight_class) for e in core.exercises()}
    assert loads["bird-dog-row"] == dumbbell
    assert loads["dead-bug-pullover"] == dumbbell
    assert loads["high-plank-pull-through"] == dumbbell
    assert loads["unilateral-suitcase-march"] == (LoadKind.KETTLEBELL, WeightClass.MEDIUM_HEAVY)
    assert "one hand" in core.exercise("unilateral-suitcase-march").load.note
    others = set(loads) - {
        "bird-dog-row",
        "dead-bug-pullover",
        "high-plank-pull-through",
        "unilateral-suitcase-march",
    }
    assert {loads[e] for e in others} == {(LoadKind.BODYWEIGHT, None)}


def test_no_48_hour_rule_and_rest_kept_short(core):
    assert core.schedule.recovery_hours_before_quality_run == 0
    assert core.schedule.sessions_per_week == 1
    kinds = {s.kind for s in compile_timeline(core).steps}
    assert StepKind.REST not in kinds and StepKind.REST_AS_NEEDED not in kinds
    assert core.target_minutes is None  # the source gives no length


def test_the_child_s_pose_is_three_steps_of_ten_seconds(core):
    steps = compile_timeline(core).steps
    pose = [s for s in steps if s.exercise_id == "three-way-childs-pose"]
    assert [(s.direction, s.seconds) for s in pose] == [("centre", 10), ("left", 10), ("right", 10)]
    assert steps[-3:] == tuple(pose)


def test_set_a_is_a_superset_of_three_round_by_round(core):
    work = [
        (s.round, s.exercise_id, s.side)
        for s in compile_timeline(core).steps
        if s.block_id == "strength-a" and s.kind is StepKind.WORK
    ]
    expected = []
    for round_ in (1, 2):
        for exercise in ("bird-dog-row", "modified-side-plank-clamshell-lift"):
            expected += [(round_, exercise, "left"), (round_, exercise, "right")]
        expected.append((round_, "dead-bug-pullover", None))
    assert work == expected


def test_the_library_lists_both_built_ins():
    builtins = {e.workout.id for e in load_library().entries if e.builtin}
    assert {"runners-lower-body", "core-for-runners"} <= builtins


def test_runstrong_list_shows_both(capsys, runstrong_home):
    from runstrong.cli import main

    assert main(["list"]) == 0
    ids = [line.split()[0] for line in capsys.readouterr().out.splitlines() if line.strip()]
    assert {"core-for-runners", "runners-lower-body"} <= set(ids)
