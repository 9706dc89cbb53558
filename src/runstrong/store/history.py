"""Read the log back: recent sessions, summarised, and the last sessions in full."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select

from runstrong.store.database import Store
from runstrong.store.entries import SessionEntry
from runstrong.store.schema import DEFAULT_USER, SetRecord, TrainingSession, User
from runstrong.store.sessions import to_entry, whole_sessions


@dataclass(frozen=True)
class SessionSummary:
    """One line of `runstrong history`."""

    uid: str
    workout_id: str
    started_at: datetime
    ended_at: datetime | None
    status: str
    rpe: int | None
    notes: str | None
    sets_done: int
    sets: int
    volume_kg: float
    best_load_kg: float | None


def _recent(user: str, workout_id: str | None, limit: int):
    query = (
        select(TrainingSession.id)
        .join(User)
        .where(User.name == user)
        .order_by(TrainingSession.started_at.desc(), TrainingSession.id.desc())
        .limit(limit)
    )
    if workout_id is not None:
        query = query.where(TrainingSession.workout_id == workout_id)
    return query.subquery()


def recent_sessions(
    store: Store, *, user: str = DEFAULT_USER, workout_id: str | None = None, limit: int = 10
) -> list[SessionSummary]:
    """The latest `limit` sessions, newest first, with their sets counted and weighed."""
    done = SetRecord.outcome == "done"
    recent = _recent(user, workout_id, limit)
    query = (
        select(
            TrainingSession.uid,
            TrainingSession.workout_id,
            TrainingSession.started_at,
            TrainingSession.ended_at,
            TrainingSession.status,
            TrainingSession.rpe,
            TrainingSession.notes,
            func.count(case((done, SetRecord.id))),
            func.count(SetRecord.id),
            func.coalesce(func.sum(SetRecord.load_kg * SetRecord.reps_done), 0.0),
            func.max(SetRecord.load_kg),
        )
        .join(recent, recent.c.id == TrainingSession.id)
        .outerjoin(SetRecord, SetRecord.session_id == TrainingSession.id)
        .group_by(TrainingSession.id)
        .order_by(TrainingSession.started_at.desc(), TrainingSession.id.desc())
    )
    with store.transaction() as session:
        return [SessionSummary(*row) for row in session.execute(query)]


def recent_entries(
    store: Store, *, workout_id: str, user: str = DEFAULT_USER, limit: int = 4
) -> list[SessionEntry]:
    """The latest sessions of a workout in full, newest first (what advice is made from)."""
    recent = _recent(user, workout_id, limit)
    query = (
        select(TrainingSession)
        .join(recent, recent.c.id == TrainingSession.id)
        .order_by(TrainingSession.started_at.desc(), TrainingSession.id.desc())
        .options(*whole_sessions())
    )
    with store.transaction() as session:
        return [to_entry(row) for row in session.scalars(query)]
