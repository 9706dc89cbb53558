"""After a loaded or rep set: pre-filled values, one key to confirm, a number to change."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from runstrong.progress.set_check import SetCheck
from runstrong.progress.set_plan import LastTime, SetPlan
from runstrong.timeline import StepKind, compile_timeline
from runstrong.workouts.library import builtin_workout

STEPS = compile_timeline(builtin_workout()).steps


def _step(exercise_id: str):
    return next(s for s in STEPS if s.kind is StepKind.WORK and s.exercise_id == exercise_id)


def _plan(exercise_id: str, load_kg: float | None, *, weighted: bool = True, unit="kg"):
    last = LastTime(day=date(2026, 11, 20), load_kg=12.0, unit="kg", reps=7)
    return SetPlan(exercise_id, load_kg, unit, weighted, advice=None, last=last)


def test_a_loaded_rep_set_starts_from_the_plan_and_the_advice():
    step = _step("lateral-step-down")
    check = SetCheck.after(step, _plan("lateral-step-down", 14.0))
    assert check.values_text() == "14 kg × 8 reps"
    assert check.last_text() == "last time 12 kg × 7"
    assert check.fields() == ["reps", "weight"]


def test_typing_changes_the_field_being_edited_then_the_other():
    check = SetCheck.after(_step("lateral-step-down"), _plan("lateral-step-down", 14.0))
    assert check.type("7")
    assert check.values_text() == "14 kg × 7 reps"
    check.next_field()
    for key in "12.5":
        assert check.type(key)
    assert not check.type("."), "one decimal point"
    assert check.values_text() == "12.5 kg × 7 reps"
    check.backspace()
    assert check.values_text() == "12 kg × 7 reps"  # "12." is 12


def test_a_timed_loaded_set_asks_only_for_the_weight():
    check = SetCheck.after(_step("b-squat"), _plan("b-squat", None))
    assert check.fields() == ["weight"] and check.editing == "weight"
    assert check.values_text() == "no weight"
    check.type("9")
    assert check.values_text() == "9 kg" and check.load_unit == "kg"


def test_a_timed_bodyweight_move_asks_nothing():
    assert SetCheck.after(_step("standing-figure-8"), _plan("x", None, weighted=False)) is None


def test_pounds_are_typed_in_pounds_and_kept_in_kilograms():
    check = SetCheck.after(_step("b-squat"), _plan("b-squat", None, unit="lb"))
    check.type("2")
    check.type("5")
    assert check.values_text() == "25 lb"
    assert abs(check.load_kg - 11.34) < 0.01


@given(st.text(alphabet="0123456789.x ", max_size=20))
def test_whatever_is_typed_the_values_stay_sensible(keys: str):
    check = SetCheck.after(_step("lateral-step-down"), _plan("lateral-step-down", 14.0))
    for n, key in enumerate(keys):
        if n == 5:
            check.next_field()
        check.type(key)
    assert 0 <= check.reps <= 999
    assert check.load_kg is None or 0 <= check.load_kg <= 999
