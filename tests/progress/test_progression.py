"""The progression rules, one table row per situation a runner can be in."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from runstrong.progress.loads import to_kg
from runstrong.progress.progression import Action, Result, advise, ladder, step_load
from runstrong.workouts.library import builtin_workout

WORKOUT = builtin_workout()
TODAY = date(2026, 11, 26)


def _result(
    days_ago: int,
    *,
    rpe: int | None = 7,
    load: float | None = None,
    variation: str | None = None,
    complete: bool = True,
    unit: str = "kg",
) -> Result:
    return Result(TODAY - timedelta(days=days_ago), variation, load, unit, complete, rpe)


def test_ladders_run_from_the_easiest_listed_variation_to_the_standard_move() -> None:
    swing = WORKOUT.exercise("alternating-kettlebell-swing")
    assert ladder(swing) == ["kettlebell-deadlift", "two-hand-kettlebell-swing", None]
    assert ladder(WORKOUT.exercise("b-squat")) == ["goblet-squat", None]
    assert ladder(WORKOUT.exercise("dynamic-pigeon")) == [None]  # the 90-90 is sideways


CASES = [
    # (exercise, results newest first, action, variation, load kg, words in the reason)
    ("b-squat", [], Action.START, None, None, "nothing logged"),
    (
        "b-squat",
        [_result(7, rpe=6, load=12), _result(14, rpe=7, load=12)],
        Action.ADD_LOAD,
        None,
        14.5,
        "last two sessions were complete at RPE 7 or easier: add 2.5 kg",
    ),
    (
        "b-squat",
        [_result(7, rpe=6, load=8), _result(14, rpe=7, load=8)],
        Action.ADD_LOAD,
        None,
        9,
        "add 1 kg",
    ),
    (
        "b-squat",
        [
            _result(7, rpe=6, load=to_kg(25, "lb"), unit="lb"),
            _result(14, load=to_kg(25, "lb"), unit="lb"),
        ],
        Action.ADD_LOAD,
        None,
        to_kg(30, "lb"),
        "add 5 lb",
    ),
    (
        "alternating-kettlebell-swing",
        [_result(7, rpe=5, load=16), _result(14, rpe=6, load=16)],
        Action.ADD_LOAD,
        None,
        20,
        "add 4 kg",
    ),
    (
        "alternating-kettlebell-swing",
        [
            _result(7, rpe=5, load=16, variation="kettlebell-deadlift"),
            _result(14, rpe=6, load=16, variation="kettlebell-deadlift"),
        ],
        Action.MOVE_UP,
        "two-hand-kettlebell-swing",
        16,
        "move up the ladder",
    ),
    (
        "alternating-kettlebell-swing",
        [
            _result(7, rpe=7, load=16, variation="two-hand-kettlebell-swing"),
            _result(14, rpe=7, load=16, variation="two-hand-kettlebell-swing"),
        ],
        Action.MOVE_UP,
        None,
        16,
        "move up the ladder",
    ),
    (
        "b-squat",
        [
            _result(7, rpe=7, load=10, variation="goblet-squat"),
            _result(14, load=10, variation="goblet-squat"),
        ],
        Action.MOVE_UP,
        None,
        10,
        "move up",
    ),
    (
        "forward-backward-pogo",
        [_result(7, rpe=6, variation="pogo-steps"), _result(14, rpe=6, variation="pogo-steps")],
        Action.MOVE_UP,
        None,
        None,
        "move up the ladder",
    ),
    (
        "forward-backward-pogo",
        [_result(7, rpe=6), _result(14, rpe=6)],
        Action.HOLD,
        None,
        None,
        "top of the ladder",
    ),
    (
        "b-squat",
        [_result(7, rpe=6, load=12), _result(14, rpe=8, load=12)],
        Action.HOLD,
        None,
        12,
        "one more session like that",
    ),
    (
        "b-squat",
        [_result(7, rpe=6, load=12), _result(14, rpe=6, load=10)],
        Action.HOLD,
        None,
        12,
        "one more session like that",
    ),
    ("b-squat", [_result(7, rpe=6, load=12)], Action.HOLD, None, 12, "RPE 6"),
    (
        "b-squat",
        [_result(7, rpe=8, load=12), _result(14, rpe=6, load=12)],
        Action.HOLD,
        None,
        12,
        "RPE 8",
    ),
    ("b-squat", [_result(7, rpe=9, load=12)], Action.STEP_BACK, None, 9.5, "very hard (RPE 9)"),
    (
        "lateral-step-down",
        [_result(7, rpe=6, load=10, complete=False)],
        Action.STEP_BACK,
        None,
        9,
        "work was missed",
    ),
    (
        "forward-backward-pogo",
        [_result(7, rpe=10)],
        Action.STEP_BACK,
        "pogo-steps",
        None,
        "go back one rung",
    ),
    (
        "plantarflexion-walk",
        [_result(7, rpe=9)],
        Action.HOLD,
        None,
        None,
        "repeat it at the same level",
    ),
    (
        "b-squat",
        [_result(7, rpe=None, load=12)],
        Action.HOLD,
        None,
        12,
        "no effort (RPE) was logged",
    ),
    (
        "alternating-kettlebell-swing",
        [_result(28, rpe=6, load=16), _result(35, rpe=6, load=16)],
        Action.EASE_BACK_IN,
        None,
        12,
        "4 weeks since you last did this: ease back in one step lighter than last time (16 kg)",
    ),
    (
        "b-squat",
        [_result(21, rpe=6, load=12), _result(28, rpe=6, load=12)],
        Action.EASE_BACK_IN,
        None,
        9.5,
        "3 weeks since you last did this: ease back in one step lighter than last time (12 kg)",
    ),
    (
        "b-squat",
        [_result(20, rpe=6, load=12), _result(27, rpe=6, load=12)],
        Action.ADD_LOAD,
        None,
        14.5,
        "add",
    ),
    (
        "alternating-kettlebell-swing",
        [_result(7, rpe=9, load=4)],
        Action.STEP_BACK,
        "two-hand-kettlebell-swing",
        4,
        "very hard (RPE 9): go back one rung",
    ),
    (
        "forward-backward-pogo",
        [_result(7, rpe=6, complete=False)],
        Action.STEP_BACK,
        "pogo-steps",
        None,
        "some of the work was missed last time: go back one rung",
    ),
    (
        "forward-backward-pogo",
        [_result(30, rpe=6, variation="pogo-steps")],
        Action.EASE_BACK_IN,
        "pogo-steps",
        None,
        "4 weeks since",
    ),
]


@pytest.mark.parametrize(("exercise_id", "results", "action", "variation", "load", "reason"), CASES)
def test_rules(
    exercise_id: str,
    results: list[Result],
    action: Action,
    variation: str | None,
    load: float | None,
    reason: str,
) -> None:
    advice = advise(WORKOUT.exercise(exercise_id), results, today=TODAY)
    assert advice.action is action
    assert advice.variation_id == variation
    assert advice.load_kg == (None if load is None else pytest.approx(load))
    assert reason.lower() in advice.reason.lower()


def test_plantarflexion_walk_without_a_logged_weight_asks_for_one() -> None:
    advice = advise(
        WORKOUT.exercise("plantarflexion-walk"),
        [_result(7, rpe=6), _result(14, rpe=6)],
        today=TODAY,
    )
    assert advice.action is Action.HOLD and "log the weight you use" in advice.reason


@pytest.mark.parametrize(
    ("implement", "load", "unit", "up", "expected"),
    [
        ("dumbbell", 8, "kg", True, 9),
        ("dumbbell", 10, "kg", True, 12.5),
        ("dumbbell", 10, "kg", False, 9),
        ("dumbbell", 12.5, "kg", False, 10),
        ("dumbbell", 15, "lb", True, 17.5),
        ("dumbbell", 20, "lb", True, 25),
        ("dumbbell", 20, "lb", False, 17.5),
        ("kettlebell", 16, "kg", True, 20),
        ("kettlebell", 35, "lb", True, 45),
        ("kettlebell", 4, "kg", False, 0),
    ],
)
def test_load_steps(implement: str, load: float, unit: str, up: bool, expected: float) -> None:
    stepped = step_load(implement, to_kg(load, unit), unit, up=up)
    assert stepped == pytest.approx(to_kg(expected, unit))


def test_advice_speaks_in_the_runners_unit() -> None:
    advice = advise(
        WORKOUT.exercise("b-squat"),
        [
            _result(3, rpe=6, load=to_kg(25, "lb"), unit="lb"),
            _result(10, rpe=6, load=to_kg(25, "lb"), unit="lb"),
        ],
        today=TODAY,
    )
    assert advice.what == "B Squat, 30 lb"
    assert advice.headline == "B Squat: 30 lb"  # the standard move is not named twice


@pytest.mark.parametrize(
    ("results", "headline"),
    [
        ([], "B Squat"),
        ([_result(3, rpe=8, load=12)], "B Squat: 12 kg"),
        ([_result(3, rpe=8, variation="goblet-squat")], "B Squat: Goblet Squat with Pause"),
        (
            [_result(3, rpe=8, load=12, variation="goblet-squat")],
            "B Squat: Goblet Squat with Pause, 12 kg",
        ),
    ],
)
def test_headline_names_a_variation_only_when_it_is_not_the_standard_move(
    results: list[Result], headline: str
) -> None:
    assert advise(WORKOUT.exercise("b-squat"), results, today=TODAY).headline == headline
