"""A session stopped early says nothing about the exercises it never got to."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from runstrong.play.recording import Outcome
from runstrong.progress.progression import Action, advise_workout
from runstrong.store.entries import Status
from runstrong.store.manual import Details, new_session
from runstrong.workouts.library import builtin_workout

WORKOUT = builtin_workout()
NOW = datetime(2026, 11, 26, 7, tzinfo=UTC)
EASY = Details(rpe=6, loads={"b-squat": (12.0, "kg"), "alternating-kettlebell-swing": (16.0, "kg")})


def _done_as_planned(days_ago: int):
    return new_session(WORKOUT, EASY, now=NOW - timedelta(days=days_ago))


def _tried_the_keys(days_ago: int, *, done: int):
    """Opened, `done` sets done, then skipped through a few more and quit."""
    full = _done_as_planned(days_ago)
    sets = [
        s.model_copy(update={"outcome": Outcome.DONE if n < done else Outcome.SKIPPED})
        for n, s in enumerate(full.sets[: done + 12])
    ]
    return full.model_copy(update={"sets": sets, "status": Status.ABANDONED, "rpe": None})


def _advice(sessions):
    return {a.exercise_id: a for a in advise_workout(WORKOUT, sessions, today=NOW.date())}


def test_exercises_never_reached_keep_their_earlier_advice() -> None:
    before = [_done_as_planned(9), _done_as_planned(16)]
    tried = _tried_the_keys(1, done=2)
    reached = {s.exercise_id for s in tried.sets if s.outcome is Outcome.DONE}
    skipped_past = {s.exercise_id for s in tried.sets} - reached
    assert skipped_past, "the try skipped past some exercises"
    with_try, without = _advice([tried, *before]), _advice(before)
    for exercise_id in with_try.keys() - reached:
        assert with_try[exercise_id] == without[exercise_id], exercise_id
    assert with_try["b-squat"].action is Action.ADD_LOAD
    assert Action.STEP_BACK not in {a.action for a in with_try.values()}


def test_an_exercise_begun_and_left_half_done_is_missed_work() -> None:
    begun = _tried_the_keys(1, done=10)  # stopped between the sides of a B Squat set
    squats = [s for s in begun.sets if s.exercise_id == "b-squat"]
    assert any(s.outcome is Outcome.DONE for s in squats)
    advice = _advice([begun, _done_as_planned(9), _done_as_planned(16)])
    assert advice["b-squat"].action is Action.STEP_BACK
    assert "missed" in advice["b-squat"].reason


def test_a_completed_session_that_skipped_an_exercise_still_counts_it_missed() -> None:
    skipped = _done_as_planned(1)
    sets = [
        s.model_copy(update={"outcome": Outcome.SKIPPED}) if s.exercise_id == "b-squat" else s
        for s in skipped.sets
    ]
    advice = _advice([skipped.model_copy(update={"sets": sets}), _done_as_planned(9)])
    assert advice["b-squat"].action is Action.STEP_BACK
