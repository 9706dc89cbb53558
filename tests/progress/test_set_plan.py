"""Each set starts from the advised weight, with last time's numbers beside it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from runstrong.progress.set_plan import plan_sets
from runstrong.store.manual import Details, new_session
from runstrong.workouts.library import builtin_workout

ROUTINE = builtin_workout()
TODAY = date(2026, 11, 26)


def _session(days_ago: int, **details):
    when = datetime(2026, 11, 26, 7, tzinfo=UTC) - timedelta(days=days_ago)
    return new_session(ROUTINE, Details(**details), now=when)


def test_nothing_logged_starts_from_the_plan_alone():
    plans = plan_sets(ROUTINE, [], today=TODAY)
    squat = plans["b-squat"]
    assert squat.weighted and squat.load_kg is None and squat.last is None
    assert not plans["standing-figure-8"].weighted


def test_the_advised_weight_and_last_time_come_from_the_newest_session():
    sessions = [
        _session(2, rpe=6, loads={"b-squat": (14.5, "kg")}, reps={"lateral-step-down": 7}),
        _session(9, rpe=6, loads={"b-squat": (12.0, "kg")}),
    ]
    plans = plan_sets(ROUTINE, sessions, today=TODAY)
    squat = plans["b-squat"]
    assert squat.load_kg == 14.5, "comfortable once at 14.5 kg: hold it"
    assert squat.last is not None and squat.last.load_kg == 14.5
    assert squat.last.day == date(2026, 11, 24)
    assert plans["lateral-step-down"].last.reps == 7


def test_two_easy_sessions_move_the_weight_up():
    sessions = [
        _session(2, rpe=6, loads={"alternating-kettlebell-swing": (16.0, "kg")}),
        _session(9, rpe=6, loads={"alternating-kettlebell-swing": (16.0, "kg")}),
    ]
    swing = plan_sets(ROUTINE, sessions, today=TODAY)["alternating-kettlebell-swing"]
    assert swing.load_kg == 20.0 and swing.last.load_kg == 16.0


def test_pounds_stay_pounds():
    sessions = [_session(2, rpe=8, loads={"b-squat": (25 * 0.45359237, "lb")})]
    squat = plan_sets(ROUTINE, sessions, today=TODAY)["b-squat"]
    assert squat.unit == "lb" and squat.last.unit == "lb"
