"""The player's recorder backed by the log: every finished step is its own transaction.

A crash or a closed laptop loses at most the step in progress; the session
stays "in progress" in the log and what was done before it is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from runstrong.play.recording import Outcome
from runstrong.store.database import Store
from runstrong.store.entries import DEFAULT_USER, SessionEntry, SetEntry, Status, set_values
from runstrong.store.schema import SetRecord, TrainingSession, User
from runstrong.store.sessions import add_row, set_row
from runstrong.timeline import Step, StepKind, Timeline
from runstrong.workouts.model import Unit, Workout


class StoreRecorder:
    """A `runstrong.play.recording.SessionRecorder` that writes to the training log.

    Args:
        store: the open log.
        user: who is training.
        loads: exercise id -> (kilograms, unit typed) the runner chose for this session.
        rpe: exercise id -> effort (1-10) the runner reported, when known up front.
        resume: carry on the user's latest unfinished session of the workout
            (quit or interrupted) instead of starting a new one.
    """

    def __init__(
        self,
        store: Store,
        *,
        user: str = DEFAULT_USER,
        loads: Mapping[str, tuple[float, Unit]] | None = None,
        rpe: Mapping[str, int] | None = None,
        resume: bool = False,
    ) -> None:
        self._store = store
        self._user = user
        self._loads = dict(loads or {})
        self._rpe = dict(rpe or {})
        self._resume = resume
        self.session_id: int | None = None

    def started(self, *, workout: Workout, timeline: Timeline, at: datetime) -> None:
        if self.session_id is not None:  # resumed: keep adding to the same session
            return
        entry = SessionEntry(
            user=self._user,
            workout_id=timeline.workout_id,
            workout_version=timeline.workout_version,
            started_at=at,
            status=Status.IN_PROGRESS,
        )
        with self._store.transaction() as session:
            if self._resume:
                self.session_id = _reopen_unfinished(session, self._user, timeline.workout_id)
                if self.session_id is not None:
                    return
            row = add_row(session, entry)
            session.flush()
            self.session_id = row.id

    def step_finished(self, step: Step, *, outcome: Outcome, seconds: float, at: datetime) -> None:
        if step.kind is not StepKind.WORK or self.session_id is None:
            return
        kilograms, unit = self._loads.get(step.exercise_id or "", (None, None))
        values = set_values(
            step,
            outcome=outcome,
            seconds=seconds,
            load_kg=kilograms,
            load_unit=unit,
            rpe=self._rpe.get(step.exercise_id or ""),
        )
        record = set_row(SetEntry.model_validate(values))
        record.session_id = self.session_id
        with self._store.transaction() as session:
            session.execute(
                delete(SetRecord).where(
                    SetRecord.session_id == self.session_id, SetRecord.position == step.index
                )
            )
            session.add(record)

    def finished(self, *, completed: bool, at: datetime) -> None:
        if self.session_id is None:
            return
        status = Status.COMPLETED if completed else Status.ABANDONED
        with self._store.transaction() as session:
            session.execute(
                update(TrainingSession)
                .where(TrainingSession.id == self.session_id)
                .values(status=status.value, ended_at=at)
            )


def _reopen_unfinished(session: Session, user: str, workout_id: str) -> int | None:
    """Mark the latest unfinished session of the workout in progress again; its id."""
    found = session.scalar(
        select(TrainingSession.id)
        .join(User)
        .where(
            User.name == user,
            TrainingSession.workout_id == workout_id,
            TrainingSession.status != Status.COMPLETED.value,
        )
        .order_by(TrainingSession.started_at.desc(), TrainingSession.id.desc())
        .limit(1)
    )
    if found is not None:
        session.execute(
            update(TrainingSession)
            .where(TrainingSession.id == found)
            .values(status=Status.IN_PROGRESS.value, ended_at=None)
        )
    return found
