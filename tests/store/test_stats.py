"""Adherence, streaks and per-exercise totals, as `runstrong stats` shows them."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from runstrong.store.database import Store
from runstrong.store.entries import Status
from runstrong.store.history import recent_sessions
from runstrong.store.manual import Details, new_session
from runstrong.store.sessions import save_session
from runstrong.store.stats import (
    adherence,
    completed_days,
    exercise_totals,
    first_day,
    load_over_time,
)
from runstrong.workouts.model import Workout

THURSDAY = date(2026, 11, 26)


def _weeks_ago(*weeks: int) -> list[date]:
    return [THURSDAY - timedelta(weeks=n) for n in weeks]


@pytest.mark.parametrize(
    ("days", "target", "on_target", "streak"),
    [
        ([], 1, 0, 0),
        (_weeks_ago(0, 1, 2), 1, 3, 3),
        (_weeks_ago(1, 2), 1, 2, 2),  # this week is not over: the streak holds
        (_weeks_ago(0, 2, 3), 1, 3, 1),  # a missed week breaks it
        (_weeks_ago(0, 0, 1), 2, 1, 1),  # twice a week: only this week made it
        (_weeks_ago(*range(20)), 1, 12, 20),  # the streak looks past the window
    ],
)
def test_adherence_and_streak(days: list[date], target: int, on_target: int, streak: int) -> None:
    record = adherence(days, target=target, today=THURSDAY, weeks=12)
    assert (record.on_target, record.streak) == (on_target, streak)
    assert len(record.weeks) == 12 and record.weeks[-1].start == date(2026, 11, 23)


def test_weeks_count_from_the_first_session_and_this_week_only_once_on_target() -> None:
    since = THURSDAY - timedelta(weeks=2)
    record = adherence(_weeks_ago(1), target=1, today=THURSDAY, weeks=12, since=since)
    assert len(record.weeks) == 3, "the weeks before the first session are not counted"
    assert record.under_way and len(record.judged) == 2 and record.on_target == 1
    done = adherence(_weeks_ago(0, 1), target=1, today=THURSDAY, weeks=12, since=since)
    assert not done.under_way and len(done.judged) == 3 and done.on_target == 2


def test_first_day_is_the_first_logged_session_whatever_its_outcome(
    store: Store, workout: Workout
) -> None:
    assert first_day(store, workout_id=workout.id) is None
    now = datetime.now(UTC)
    for weeks_ago, status in ((3, Status.ABANDONED), (1, Status.COMPLETED)):
        details = Details(status=status)
        save_session(store, new_session(workout, details, now=now - timedelta(weeks=weeks_ago)))
    expected = (now - timedelta(weeks=3)).astimezone().date()
    assert first_day(store, workout_id=workout.id) == expected


def test_totals_and_history_count_what_was_done(store: Store, workout: Workout) -> None:
    now = datetime.now(UTC)
    for weeks_ago, load in ((2, 10.0), (1, 12.0)):
        details = Details(
            rpe=7, loads={"lateral-step-down": (load, "kg")}, reps={"ffe-split-squat": 6}
        )
        save_session(store, new_session(workout, details, now=now - timedelta(weeks=weeks_ago)))
    save_session(store, new_session(workout, Details(status=Status.ABANDONED), now=now))

    totals = {t.exercise_id: t for t in exercise_totals(store, workout_id=workout.id)}
    step_down = totals["lateral-step-down"]
    assert (step_down.sets, step_down.reps, step_down.best_load_kg) == (18, 144, 12.0)
    assert step_down.volume_kg == pytest.approx(6 * 8 * 10 + 6 * 8 * 12 + 6 * 8 * 0)
    assert totals["ffe-split-squat"].reps == 2 * 6 * 6 + 6 * 8
    assert totals["plantarflexion-walk"].seconds == 3 * 3 * 30

    assert len(completed_days(store, workout_id=workout.id)) == 2
    assert [load for _, load in load_over_time(store, exercise_id="lateral-step-down")] == [10, 12]
    newest = recent_sessions(store, limit=2)
    assert [s.status for s in newest] == ["abandoned", "completed"]
    assert newest[1].best_load_kg == 12.0 and newest[1].sets_done == 35
