"""The live session in the log: one row both players share, written once per outcome, per user."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest

from runstrong.play.recording import Outcome
from runstrong.progress.advice import advice_from_log
from runstrong.store.database import Store
from runstrong.store.group_commit import GroupCommit
from runstrong.store.history import recent_entries_with, recent_sessions
from runstrong.store.live_sessions import (
    PREVIEW_KEPT,
    InvalidStep,
    LiveSessionError,
    LiveSessions,
    OutcomeConflict,
    SessionClosed,
    StepOutcome,
    UnknownSession,
)
from runstrong.store.sessions import all_sessions
from runstrong.store.stats import completed_days, exercise_totals
from runstrong.timeline import StepKind, compile_timeline
from runstrong.workouts.model import Workout


@pytest.fixture
def live(store: Store, workout: Workout) -> LiveSessions:
    return LiveSessions(store, workouts={workout.id: workout}.__getitem__)


def work_steps(workout: Workout, variations=None):
    return [s for s in compile_timeline(workout, variations).steps if s.kind is StepKind.WORK]


def outcome(step, client_id: str, result: Outcome = Outcome.DONE) -> StepOutcome:
    return StepOutcome(client_id, step.index, step.exercise_id, result, step.seconds)


def test_a_session_is_stored_where_it_stands(live: LiveSessions, workout: Workout) -> None:
    started = live.start(workout, variations={"b-squat": "goblet-squat"})
    assert (started.index, started.paused, started.status.value) == (0, True, "in progress")
    moved = live.save_position(started.uid, index=7, elapsed=4.5, paused=False, active_seconds=90.0)
    again = live.get(started.uid)
    assert again == moved
    assert (again.index, again.elapsed, again.paused, again.active_seconds) == (7, 4.5, False, 90)
    assert again.variations == {"b-squat": "goblet-squat"}
    assert live.current(workout.id) == again


def test_the_same_outcome_twice_is_one_set(live: LiveSessions, workout: Workout) -> None:
    session = live.start(workout)
    step = work_steps(workout)[4]
    first = live.record(session.uid, outcome(step, "c-1"))
    assert live.record(session.uid, outcome(step, "c-1")) == first
    with pytest.raises(OutcomeConflict) as refused:
        live.record(session.uid, outcome(step, "c-1", Outcome.SKIPPED))
    assert refused.value.field == "client_id"
    [entry] = all_sessions(live._store)
    assert [(s.position, s.outcome) for s in entry.sets] == [(step.index, Outcome.DONE)]
    assert live.get(session.uid).done == 1


@pytest.mark.parametrize(
    ("change", "error", "field"),
    [
        ({"step_index": 10_000}, InvalidStep, "step_index"),
        ({"step_index": 1}, InvalidStep, "step_index"),  # switch sides: not an exercise
        ({"exercise_id": "b-squat"}, InvalidStep, "exercise_id"),
        ({"seconds": 100_000.0}, InvalidStep, "outcome"),
    ],
)
def test_bad_outcomes_write_nothing(live, workout, change, error, field) -> None:
    session = live.start(workout)
    step = work_steps(workout)[0]
    bad = StepOutcome(
        **{**outcome(step, "c-1").__dict__, **change}  # one field wrong at a time
    )
    with pytest.raises(error) as refused:
        live.record(session.uid, bad)
    assert refused.value.field == field
    assert live.get(session.uid).done == 0


def test_unknown_and_finished_sessions_are_refused(live: LiveSessions, workout: Workout) -> None:
    with pytest.raises(UnknownSession):
        live.record("no-such-session", outcome(work_steps(workout)[0], "c-1"))
    session = live.start(workout)
    live.finish(session.uid, completed=False)
    for change in (
        lambda: live.record(session.uid, outcome(work_steps(workout)[0], "c-2")),
        lambda: live.save_position(session.uid, index=1, elapsed=0, paused=True),
        lambda: live.switch_variations(session.uid, {"b-squat": "goblet-squat"}),
        lambda: live.finish(session.uid, completed=True),
    ):
        with pytest.raises(SessionClosed, match="abandoned"):
            change()


def test_a_changed_workout_closes_its_live_session(store: Store, workout: Workout) -> None:
    session = LiveSessions(store, workouts=lambda _id: workout).start(workout)
    newer = workout.model_copy(update={"version": workout.version + 1})
    live = LiveSessions(store, workouts=lambda _id: newer)
    with pytest.raises(SessionClosed, match="version 1"):
        live.record(session.uid, outcome(work_steps(workout)[0], "c-1"))


def test_each_user_sees_only_their_own(store: Store, workout: Workout) -> None:
    workouts = {workout.id: workout}.__getitem__
    mine = LiveSessions(store, user="ana", workouts=workouts)
    theirs = LiveSessions(store, user="ben", workouts=workouts)
    session = mine.start(workout)
    for look in (
        lambda: theirs.get(session.uid),
        lambda: theirs.record(session.uid, outcome(work_steps(workout)[0], "c-1")),
        lambda: theirs.delete(session.uid),
    ):
        with pytest.raises(UnknownSession):
            look()
    assert theirs.current(workout.id) is None
    assert mine.current(workout.id).uid == session.uid


def test_previews_stay_out_of_the_log(live: LiveSessions, store: Store, workout: Workout) -> None:
    preview = live.start(workout, preview=True)
    for n, step in enumerate(work_steps(workout)):
        live.record(preview.uid, outcome(step, f"c-{n}"))
    assert recent_sessions(store) == [] and all_sessions(store) == []
    exercises = {e.id for e in workout.exercises()}
    assert recent_entries_with(store, exercise_ids=exercises) == []
    assert exercise_totals(store, workout_id=workout.id) == []
    advice = advice_from_log(store, workout)
    assert {a.action.value for a in advice} == {"start"}
    assert live.current(workout.id) is None
    ended = live.finish(preview.uid, completed=True)
    assert (ended.done, ended.preview) == (35, True)
    assert completed_days(store, workout_id=workout.id) == []
    with pytest.raises(UnknownSession):
        live.get(preview.uid)


def test_a_forgotten_preview_goes_when_the_next_one_starts(store: Store, workout: Workout) -> None:
    clock = [datetime.now(UTC)]
    live = LiveSessions(store, workouts=lambda _id: workout, now=lambda: clock[0])
    old = live.start(workout, preview=True)
    clock[0] += PREVIEW_KEPT + timedelta(minutes=1)
    live.start(workout, preview=True)
    with pytest.raises(UnknownSession):
        live.get(old.uid)


def test_deleting_removes_the_session_and_its_sets(live: LiveSessions, workout: Workout) -> None:
    session = live.start(workout)
    live.record(session.uid, outcome(work_steps(workout)[0], "c-1"))
    live.delete(session.uid)
    assert all_sessions(live._store) == []
    with pytest.raises(UnknownSession):
        live.delete(session.uid)


def test_racing_resends_from_two_connections_write_once(
    store: Store, live: LiveSessions, workout: Workout
) -> None:
    """Two server processes answering the same resend at the same moment."""
    session = live.start(workout)
    steps = work_steps(workout)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def resend() -> None:
        try:
            for n, step in enumerate(steps):
                barrier.wait(timeout=10)
                live.record(session.uid, outcome(step, f"c-{n}"))
        except BaseException as err:  # surfaced below
            errors.append(err)
            barrier.abort()

    threads = [threading.Thread(target=resend) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    [entry] = all_sessions(store)
    assert [s.position for s in entry.sets] == [s.index for s in steps]


def test_a_group_commit_answers_each_write_on_its_own(
    store: Store, live: LiveSessions, workout: Workout
) -> None:
    session = live.start(workout)
    steps = work_steps(workout)
    writes = GroupCommit(lambda: store, refusals=(LiveSessionError,))
    try:
        futures = [
            writes.submit(
                lambda db, step=step, n=n: live.record(session.uid, outcome(step, f"c-{n}"), db=db)
            )
            for n, step in enumerate(steps[:10])
        ]
        bad = writes.submit(
            lambda db: live.record(session.uid, outcome(steps[0], "c-0", Outcome.SKIPPED), db=db)
        )
        results = [future.result(timeout=30) for future in futures]
        with pytest.raises(OutcomeConflict):
            bad.result(timeout=30)
    finally:
        writes.close()
    assert [r.step_index for r in results] == [s.index for s in steps[:10]]
    assert live.get(session.uid).done == 10
