"""The terminal player's recorder: the session it plays is the live session in the log.

Every finished step and every move is written at once (each its own
transaction), so a crash or a closed laptop loses at most the step in
progress, and the browser, or `runstrong play --resume`, carries on from the
same step.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from datetime import datetime
from typing import TypeVar

from runstrong.play.recording import Outcome, RecordingRefused, Snapshot, Tally
from runstrong.store.database import Store
from runstrong.store.live_sessions import LiveSession, LiveSessionError, LiveSessions, StepOutcome
from runstrong.timeline import Step, StepKind, Timeline
from runstrong.workouts.model import Unit, Workout

T = TypeVar("T")


class StoreRecorder:
    """A `runstrong.play.recording.SessionRecorder` that plays a live session of the log.

    Args:
        store: the open log.
        user: who is training.
        loads: exercise id -> (kilograms, unit typed) the runner chose for this session.
        rpe: exercise id -> effort (1-10) the runner reported, when known up front.
        session_id: the live session to carry on (a resume); a new one starts when None.
    """

    def __init__(
        self,
        store: Store,
        *,
        user: str | None = None,
        loads: Mapping[str, tuple[float, Unit]] | None = None,
        rpe: Mapping[str, int] | None = None,
        session_id: str | None = None,
    ) -> None:
        self._store = store
        self._user = user
        self._loads = dict(loads or {})
        self._rpe = dict(rpe or {})
        self._live: LiveSessions | None = None
        self.session_id = session_id

    def started(self, *, workout: Workout, timeline: Timeline, at: datetime) -> None:
        self._live = LiveSessions(self._store, user=self._user, workouts=_only(workout))
        if self.session_id is None:
            with _refusals():
                started = self._live.start(workout, variations=timeline.variations, at=at)
            self.session_id = started.uid

    def step_finished(
        self,
        step: Step,
        *,
        outcome: Outcome,
        seconds: float,
        at: datetime,
        reps: int | None = None,
        load_kg: float | None = None,
        load_unit: Unit | None = None,
    ) -> None:
        if step.kind is not StepKind.WORK or step.exercise_id is None:
            return
        if load_kg is not None:
            unit = load_unit or "kg"
        else:
            load_kg, unit = self._loads.get(step.exercise_id, (None, None))
        self._call(
            LiveSessions.record,
            StepOutcome(
                client_id=uuid.uuid4().hex,
                step_index=step.index,
                exercise_id=step.exercise_id,
                outcome=outcome,
                seconds=seconds,
                load_kg=load_kg,
                load_unit=unit,
                rpe=self._rpe.get(step.exercise_id),
                reps=reps,
            ),
        )

    def rate(self, rpe: int) -> None:
        self._call(LiveSessions.rate, rpe)

    def moved(self, snapshot: Snapshot, *, at: datetime) -> None:
        self._call(
            LiveSessions.save_position,
            index=snapshot.index,
            elapsed=snapshot.elapsed,
            paused=snapshot.paused,
            active_seconds=snapshot.active_seconds,
            variations=snapshot.variations,
        )

    def tally(self) -> Tally:
        stored = self.stored()
        return Tally(done=stored.done, skipped=stored.skipped)

    def stored(self) -> LiveSession:
        """The session as the log has it now."""
        return self._call(LiveSessions.get)

    def finished(self, *, completed: bool, at: datetime) -> None:
        self._call(LiveSessions.finish, completed=completed, at=at)

    def discard(self) -> None:
        self._call(LiveSessions.delete)

    def _call(self, method: Callable[..., T], *args: object, **kwargs: object) -> T:
        """`method(live sessions, this session's id, ...)`, a refusal told as `RecordingRefused`."""
        if self._live is None or self.session_id is None:
            raise RuntimeError("the session has not started")
        with _refusals():
            return method(self._live, self.session_id, *args, **kwargs)


@contextmanager
def _refusals() -> Iterator[None]:
    try:
        yield
    except LiveSessionError as err:
        raise RecordingRefused(err.message) from None


def _only(workout: Workout):
    """A workout finder that knows one workout: the one being played."""

    def find(workout_id: str) -> Workout:
        if workout_id != workout.id:
            raise LookupError(f"no workout {workout_id!r}")
        return workout

    return find
