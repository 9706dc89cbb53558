"""Write sessions to the log and read them back whole.

Each function is one transaction: a session and its sets land together or
not at all.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from runstrong.store import DEFAULT_USER
from runstrong.store.database import Store
from runstrong.store.entries import SessionEntry, SetEntry
from runstrong.store.schema import SetRecord, TrainingSession, User, in_log

_SET_FIELDS = tuple(SetEntry.model_fields)


def user_id(session: Session, name: str = DEFAULT_USER) -> int:
    """The id of user `name`, adding the user the first time it is seen."""
    found = session.scalar(select(User.id).where(User.name == name))
    if found is not None:
        return found
    try:
        with session.begin_nested():
            user = User(name=name, created_at=datetime.now(UTC))
            session.add(user)
        return user.id
    except IntegrityError:  # another process added it a moment ago
        return session.scalar(select(User.id).where(User.name == name))


def add_row(session: Session, entry: SessionEntry, *, owner: str) -> TrainingSession:
    """Add a session and its sets for `owner` inside the caller's transaction (whoever
    `entry.user` names: a runner writes only to their own log)."""
    row = TrainingSession(
        uid=entry.uid,
        user_id=user_id(session, owner),
        workout_id=entry.workout_id,
        workout_version=entry.workout_version,
        started_at=entry.started_at,
        ended_at=entry.ended_at,
        status=entry.status.value,
        rpe=entry.rpe,
        notes=entry.notes,
        sets=[set_row(s) for s in entry.sets],
    )
    session.add(row)
    return row


def set_row(entry: SetEntry) -> SetRecord:
    """A new row for one set."""
    return SetRecord(**_set_values(entry))


def _set_values(entry: SetEntry) -> dict:
    values = entry.model_dump(include=set(_SET_FIELDS))
    values["outcome"] = entry.outcome.value
    return values


def save_session(store: Store, entry: SessionEntry) -> None:
    """Write a new session with all its sets in one transaction, for the store's user."""
    with store.transaction() as session:
        add_row(session, entry, owner=store.owner())


def to_entry(row: TrainingSession) -> SessionEntry:
    """A stored session as an entry (what export and amend work with)."""
    return SessionEntry(
        uid=row.uid,
        user=row.user.name,
        workout_id=row.workout_id,
        workout_version=row.workout_version,
        started_at=row.started_at,
        ended_at=row.ended_at,
        status=row.status,
        rpe=row.rpe,
        notes=row.notes,
        sets=[SetEntry.model_validate({f: getattr(s, f) for f in _SET_FIELDS}) for s in row.sets],
    )


def whole_sessions() -> tuple:
    """Loader options that fetch each session's sets and user along with it."""
    return (selectinload(TrainingSession.sets), selectinload(TrainingSession.user))


def last_session(store: Store, user: str | None = None) -> SessionEntry | None:
    """The user's most recent session (by start time), if any."""
    with store.transaction() as session:
        row = session.scalar(
            select(TrainingSession)
            .join(User)
            .where(User.name == store.owner(user), in_log())
            .order_by(TrainingSession.started_at.desc(), TrainingSession.id.desc())
            .limit(1)
            .options(*whole_sessions())
        )
        return to_entry(row) if row else None


def session_by_uid(store: Store, uid: str) -> SessionEntry | None:
    """One of the store's user's logged sessions in full, by uid; None when they have none
    (another user's session is not theirs to see, and a preview is not in the log)."""
    query = (
        select(TrainingSession)
        .join(User)
        .where(TrainingSession.uid == uid, User.name == store.owner(), in_log())
        .options(*whole_sessions())
    )
    with store.transaction() as session:
        row = session.scalar(query)
        return to_entry(row) if row else None


def replace_session(store: Store, entry: SessionEntry) -> None:
    """Write `entry` over the stored session with the same uid, in one transaction.

    The row is updated in place and its sets matched by position, so a player
    still recording the session keeps writing to it: a set the entry does not
    have (one finished since the entry was read) is left as it is. Only the
    store's user's session is touched.
    """
    owner = store.owner()
    with store.transaction() as session:
        row = session.scalar(
            select(TrainingSession)
            .join(User)
            .where(TrainingSession.uid == entry.uid, User.name == owner)
            .options(selectinload(TrainingSession.sets))
        )
        if row is None:
            add_row(session, entry, owner=owner)
            return
        for name in ("workout_id", "workout_version", "started_at", "ended_at", "rpe", "notes"):
            setattr(row, name, getattr(entry, name))
        row.status = entry.status.value
        stored = {done.position: done for done in row.sets}
        for done in entry.sets:
            if done.position in stored:
                for name, value in _set_values(done).items():
                    setattr(stored[done.position], name, value)
            else:
                row.sets.append(set_row(done))


def all_sessions(store: Store) -> list[SessionEntry]:
    """Every session of the store's user, oldest first (for export); previews are not
    training."""
    with store.transaction() as session:
        rows = session.scalars(
            select(TrainingSession)
            .join(User)
            .where(User.name == store.owner(), in_log())
            .order_by(TrainingSession.started_at, TrainingSession.id)
            .options(*whole_sessions())
        )
        return [to_entry(row) for row in rows]


def import_sessions(store: Store, entries: list[SessionEntry]) -> int:
    """Add the sessions the log does not have yet (matched by uid), all in one transaction.

    They become the store's user's, whoever the file says logged them.

    Returns:
        How many sessions were added.
    """
    with store.transaction() as session:
        present = set(session.scalars(select(TrainingSession.uid)))
        fresh: dict[str, SessionEntry] = {}
        for entry in entries:
            if entry.uid not in present:
                fresh.setdefault(entry.uid, entry)
        owner = store.owner()
        for entry in fresh.values():
            add_row(session, entry, owner=owner)
        return len(fresh)
