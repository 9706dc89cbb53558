"""Writing sessions: what goes in comes back, impossible values write nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from runstrong.store.database import Store
from runstrong.store.errors import InvalidEntry
from runstrong.store.history import recent_sessions
from runstrong.store.manual import Details, amend, new_session
from runstrong.store.sessions import (
    all_sessions,
    import_sessions,
    last_session,
    replace_session,
    save_session,
)
from runstrong.workouts.model import Workout


def test_a_logged_session_comes_back_whole_in_utc(
    store: Store, workout: Workout, now: datetime
) -> None:
    local = timezone(timedelta(hours=-5))
    started = datetime(2026, 11, 18, 7, 15, tzinfo=local)
    entry = new_session(
        workout,
        Details(started_at=started, rpe=7, notes="windy", loads={"b-squat": (12.0, "kg")}),
        now=now,
    )
    save_session(store, entry)
    [back] = all_sessions(store)
    assert back == entry
    assert back.started_at == started and back.started_at.tzinfo == UTC
    squats = [s for s in back.sets if s.exercise_id == "b-squat"]
    assert len(squats) == 6 and {s.load_kg for s in squats} == {12.0}


@pytest.mark.parametrize(
    ("details", "message"),
    [
        (Details(loads={"b-squat": (-2.0, "kg")}), "b-squat load: input should be greater"),
        (Details(rpe=0), "RPE: input should be greater than or equal to 1"),
        (Details(exercise_rpe={"b-squat": 11}), "b-squat RPE: input should be less"),
        (
            Details(loads={"burpee": (5.0, "kg")}),
            "'burpee': runners-lower-body has no such exercise",
        ),
        (Details(started_at=datetime.now(UTC) + timedelta(hours=26)), "in the future"),
        (Details(loads={"forward-backward-pogo": (4.0, "kg")}), "bodyweight exercise"),
        (Details(reps={"b-squat": 5}), "'b-squat': it is timed work"),
    ],
)
def test_impossible_values_write_nothing(
    store: Store, workout: Workout, now: datetime, details: Details, message: str
) -> None:
    with pytest.raises(InvalidEntry, match=message):
        save_session(store, new_session(workout, details, now=now))
    assert all_sessions(store) == []


def test_a_date_within_a_day_ahead_is_accepted(
    store: Store, workout: Workout, now: datetime
) -> None:
    ahead = now + timedelta(hours=20)
    save_session(store, new_session(workout, Details(started_at=ahead), now=now))
    assert recent_sessions(store)[0].started_at == ahead


def test_amend_changes_only_what_is_given(store: Store, workout: Workout, now: datetime) -> None:
    first = new_session(
        workout, Details(rpe=6, notes="ok", loads={"b-squat": (12.0, "kg")}), now=now
    )
    save_session(store, first)
    last = last_session(store)
    replace_session(
        store, amend(last, workout, Details(rpe=8, loads={"lateral-step-down": (10.0, "kg")}))
    )
    [back] = all_sessions(store)
    assert (back.uid, back.rpe, back.notes) == (first.uid, 8, "ok")
    loads = {s.exercise_id: s.load_kg for s in back.sets if s.load_kg}
    assert loads == {"b-squat": 12.0, "lateral-step-down": 10.0}


def test_amend_with_a_bad_value_keeps_the_session(
    store: Store, workout: Workout, now: datetime
) -> None:
    save_session(store, new_session(workout, Details(rpe=6), now=now))
    before = all_sessions(store)
    with pytest.raises(InvalidEntry):
        replace_session(store, amend(last_session(store), workout, Details(rpe=12)))
    assert all_sessions(store) == before


def test_import_skips_sessions_already_there(store: Store, workout: Workout, now: datetime) -> None:
    one = new_session(workout, Details(rpe=6), now=now - timedelta(days=7))
    two = new_session(workout, Details(rpe=7), now=now)
    save_session(store, one)
    assert import_sessions(store, [one, two, two]) == 1
    assert [s.uid for s in all_sessions(store)] == [one.uid, two.uid]
