"""Read the log back: recent sessions, summarised, and the last sessions in full."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import case, func, select
from sqlalchemy.orm import aliased

from runstrong.store.database import Store
from runstrong.store.entries import SessionEntry
from runstrong.store.schema import SetRecord, TrainingSession, User, in_log
from runstrong.store.sessions import to_entry, whole_sessions
from runstrong.workouts.model import Unit


def unit_counts() -> tuple:
    """Columns counting the sets whose load was typed in kilograms, then in pounds."""
    return tuple(
        func.count(case((SetRecord.load_unit == unit, SetRecord.id))) for unit in ("kg", "lb")
    )


def usual_unit(kg_sets: int, lb_sets: int) -> Unit:
    """The unit the runner used most (kilograms on a tie or with no loads)."""
    return "lb" if lb_sets > kg_sets else "kg"


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
    unit: Unit = "kg"
    """The unit most of the session's loads were typed in (kilograms on a tie)."""
    best_load_unit: Unit = "kg"
    """The unit the heaviest load was typed in."""


#: The start of a session id as `runstrong history` shows it (enough to tell sessions apart).
SHORT_ID = 8


def _recent(user: str, workout_id: str | None, limit: int, id_prefix: str | None = None):
    query = (
        select(TrainingSession.id)
        .join(User)
        .where(User.name == user, in_log())
        .order_by(TrainingSession.started_at.desc(), TrainingSession.id.desc())
        .limit(limit)
    )
    if workout_id is not None:
        query = query.where(TrainingSession.workout_id == workout_id)
    if id_prefix is not None:
        query = query.where(TrainingSession.uid.startswith(id_prefix, autoescape=True))
    return query.subquery()


def recent_sessions(
    store: Store,
    *,
    user: str | None = None,
    workout_id: str | None = None,
    id_prefix: str | None = None,
    limit: int = 10,
) -> list[SessionSummary]:
    """The latest `limit` sessions (whose id starts with `id_prefix`, if given), newest
    first, with their sets counted and weighed."""
    done = SetRecord.outcome == "done"
    recent = _recent(store.owner(user), workout_id, limit, id_prefix)
    heaviest = aliased(SetRecord)
    best_unit = (
        select(heaviest.load_unit)
        .where(heaviest.session_id == TrainingSession.id, heaviest.load_kg.is_not(None))
        .order_by(heaviest.load_kg.desc(), heaviest.id)
        .limit(1)
        .correlate(TrainingSession)
        .scalar_subquery()
    )
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
            *unit_counts(),
            best_unit,
        )
        .join(recent, recent.c.id == TrainingSession.id)
        .outerjoin(SetRecord, SetRecord.session_id == TrainingSession.id)
        .group_by(TrainingSession.id)
        .order_by(TrainingSession.started_at.desc(), TrainingSession.id.desc())
    )
    with store.transaction() as session:
        return [
            SessionSummary(*row[:-3], unit=usual_unit(*row[-3:-1]), best_load_unit=row[-1] or "kg")
            for row in session.execute(query)
        ]


def recent_entries_with(
    store: Store, *, exercise_ids: Collection[str], user: str | None = None, limit: int = 4
) -> list[SessionEntry]:
    """In full, newest first: for each exercise, the latest `limit` sessions that did it,
    whatever workout they were of (a catalog exercise's history goes with it)."""
    if not exercise_ids:
        return []
    rank = (
        func.row_number()
        .over(
            partition_by=SetRecord.exercise_id,
            order_by=(TrainingSession.started_at.desc(), TrainingSession.id.desc()),
        )
        .label("rank")
    )
    done_by = (
        select(TrainingSession.id.label("id"), rank)
        .join(SetRecord, SetRecord.session_id == TrainingSession.id)
        .join(User)
        .where(
            User.name == store.owner(user),
            in_log(),
            SetRecord.exercise_id.in_(list(exercise_ids)),
        )
        .group_by(TrainingSession.id, SetRecord.exercise_id)
        .subquery()
    )
    wanted = select(done_by.c.id).where(done_by.c.rank <= limit).distinct()
    query = (
        select(TrainingSession)
        .where(TrainingSession.id.in_(wanted))
        .order_by(TrainingSession.started_at.desc(), TrainingSession.id.desc())
        .options(*whole_sessions())
    )
    with store.transaction() as session:
        return [to_entry(row) for row in session.scalars(query)]


def session_entry(
    store: Store,
    uid: str | None = None,
    *,
    started: datetime | None = None,
    user: str | None = None,
) -> SessionEntry | None:
    """One of the user's sessions in full: by uid, or the first that started in the minute
    from `started` (the minute `runstrong history` shows)."""
    query = (
        select(TrainingSession)
        .join(User)
        .where(User.name == store.owner(user))
        .options(*whole_sessions())
    )
    if uid is not None:
        query = query.where(TrainingSession.uid == uid)
    if started is not None:
        query = query.where(
            TrainingSession.started_at >= started,
            TrainingSession.started_at < started + timedelta(minutes=1),
        ).order_by(TrainingSession.started_at, TrainingSession.id)
    with store.transaction() as session:
        row = session.scalars(query).first()
        return to_entry(row) if row else None
