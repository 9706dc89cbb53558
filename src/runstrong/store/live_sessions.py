"""The session being played: one row of the log that both players and every server worker share.

Nothing about a session in play is kept anywhere else. The terminal player,
the browser (through the web API) and any number of server processes read
and write this row and its sets, so whichever of them carries on, it carries
on from the same step. The log's uid is the session's id.

Each step outcome carries an id the player made. Sending it again finds the
set already written and gives the same answer, so a player may resend
whatever it is unsure about. Every query names the user: nobody reaches
another's sessions. A preview (played faster than real time) lives here
while it plays, is left out of everything the log shows, and is gone once
it ends.

Every method runs in a transaction of its own, or in the caller's (`db=`),
so a server can commit many requests' writes at once. The statements a
player sends many times a minute (an outcome, a move) are plain SQL that
SQLite and PostgreSQL both speak, prepared once: building them afresh per
request cost more than the database work itself.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError
from sqlalchemy import (
    JSON,
    Boolean,
    Connection,
    Float,
    Row,
    bindparam,
    delete,
    insert,
    select,
    text,
    update,
)
from sqlalchemy.exc import IntegrityError

from runstrong.play.recording import Outcome
from runstrong.store.database import Store
from runstrong.store.driver_sql import DriverStatement
from runstrong.store.entries import SetEntry, Status, explain, set_values
from runstrong.store.schema import TrainingSession, User
from runstrong.store.types import UTCDateTime
from runstrong.timeline import Step, StepKind, Timeline, compile_timeline
from runstrong.timeline_position import same_position
from runstrong.workouts.model import Unit, Workout

#: A preview left unfinished this long is removed when the runner starts another.
PREVIEW_KEPT = timedelta(days=1)


class LiveSessionError(Exception):
    """A request about a live session that cannot be met; `field` names the input at fault."""

    def __init__(self, message: str, *, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class UnknownSession(LiveSessionError):
    """No such session for this user (never was, deleted, or a preview that ended)."""


class SessionClosed(LiveSessionError):
    """The session has ended, or its workout changed under it: it takes no more changes."""


class InvalidStep(LiveSessionError):
    """A step index, exercise or variation that does not fit the session's workout."""


class OutcomeConflict(LiveSessionError):
    """The outcome id was already used for a different outcome."""


@dataclass(frozen=True)
class LiveSession:
    """A session as stored: where it is, how far it got, and how it ended (if it has)."""

    uid: str
    workout_id: str
    workout_version: int
    variations: dict[str, str]
    index: int
    elapsed: float
    active_seconds: float
    paused: bool
    preview: bool
    status: Status
    started_at: datetime
    updated_at: datetime | None
    ended_at: datetime | None
    done: int
    skipped: int

    @property
    def finished(self) -> bool:
        return self.status is not Status.IN_PROGRESS


@dataclass(frozen=True)
class StepOutcome:
    """How one work step went, as a player reports it.

    `client_id` is made by the player, unique within the session; `exercise_id`
    is the exercise the player showed, checked against the step at `step_index`.
    """

    client_id: str
    step_index: int
    exercise_id: str
    outcome: Outcome
    seconds: float
    load_kg: float | None = None
    load_unit: Unit | None = None
    rpe: int | None = None
    reps: int | None = None
    """Reps done (rep work); the plan's reps when None."""


@dataclass(frozen=True)
class RecordedOutcome:
    """The answer to a step outcome: the set as written (the same for every resend)."""

    client_id: str
    step_index: int
    exercise_id: str
    variation_id: str | None
    side: str | None
    round: int
    outcome: Outcome
    seconds: float | None


def timeline_of(workout: Workout, variations: Mapping[str, str]) -> Timeline:
    """The compiled timeline, from a small cache (a request must not compile 69 steps again).

    Raises:
        KeyError: a variation names an exercise or variation the workout lacks.
    """
    return _compiled(_Same(workout), tuple(sorted(variations.items())))


class _Same:
    """A workout compared by identity: a reloaded library is a different workout."""

    __slots__ = ("workout",)

    def __init__(self, workout: Workout) -> None:
        self.workout = workout

    def __hash__(self) -> int:
        return id(self.workout)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Same) and other.workout is self.workout


@functools.lru_cache(maxsize=64)
def _compiled(workout: _Same, variations: tuple[tuple[str, str], ...]) -> Timeline:
    return compile_timeline(workout.workout, dict(variations))


class LiveSessions:
    """The live sessions of one user.

    Args:
        store: the open log.
        user: whose sessions these are; every query is limited to them.
        workouts: finds a workout by id (needed to check steps and switch variations).
        now: the wall clock, timezone-aware (tests pass their own).
    """

    def __init__(
        self,
        store: Store,
        *,
        user: str | None = None,
        workouts: Callable[[str], Workout] | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._store = store
        self._user = store.owner(user)
        self._workouts = workouts
        self._now = now or (lambda: datetime.now(UTC))

    # -- starting and finding ----------------------------------------------

    def start(
        self,
        workout: Workout,
        *,
        variations: Mapping[str, str] | None = None,
        preview: bool = False,
        at: datetime | None = None,
        db: Connection | None = None,
    ) -> LiveSession:
        """Open a new session at its first step, paused.

        A preview replaces the runner's earlier previews of the workout (and any
        left for a day); real sessions are only ever ended by a player or the runner.

        Raises:
            InvalidStep: a variation the workout lacks (field `variations`).
        """
        chosen = dict(variations or {})
        try:
            timeline_of(workout, chosen)
        except KeyError as err:
            raise InvalidStep(str(err.args[0]), field="variations") from None
        now = self._now()
        started = LiveSession(
            uid=str(uuid.uuid4()),
            workout_id=workout.id,
            workout_version=workout.version,
            variations=chosen,
            index=0,
            elapsed=0.0,
            active_seconds=0.0,
            paused=True,
            preview=preview,
            status=Status.IN_PROGRESS,
            started_at=at or now,
            updated_at=now,
            ended_at=None,
            done=0,
            skipped=0,
        )
        with self._unit(db) as connection:
            owner = _owner(connection, self._user, now=now)
            if preview:
                _drop_previews(connection, owner, workout.id, now=now)
            connection.execute(
                insert(TrainingSession).values(
                    uid=started.uid,
                    user_id=owner,
                    workout_id=workout.id,
                    workout_version=workout.version,
                    started_at=started.started_at,
                    status=Status.IN_PROGRESS.value,
                    step_index=0,
                    step_elapsed=0.0,
                    active_seconds=0.0,
                    paused=True,
                    variations=chosen,
                    preview=preview,
                    updated_at=now,
                )
            )
        return started

    def get(self, uid: str, *, db: Connection | None = None) -> LiveSession:
        """Raises: UnknownSession."""
        with self._unit(db) as connection:
            return _view(self._row(connection, uid))

    def current(
        self,
        workout_id: str | None = None,
        *,
        preview: bool = False,
        db: Connection | None = None,
    ) -> LiveSession | None:
        """The unfinished session last played (of one workout, if given), to resume it."""
        query, params = _CURRENT, {"user": self._user, "preview": preview}
        if workout_id is not None:
            query, params = _CURRENT_OF, {**params, "workout_id": workout_id}
        with self._unit(db) as connection:
            row = connection.execute(query, params).first()
            return _view(row) if row else None

    # -- playing ---------------------------------------------------------------

    def save_position(
        self,
        uid: str,
        *,
        index: int,
        elapsed: float,
        paused: bool,
        active_seconds: float | None = None,
        variations: Mapping[str, str] | None = None,
        db: Connection | None = None,
    ) -> LiveSession:
        """Keep where the player is (and, from a player that switched itself, the variations).

        `index` may be the step count: the player is past the last step.

        Raises:
            UnknownSession, SessionClosed, InvalidStep (field `index` or `variations`).
        """
        with self._unit(db) as connection:
            row = self._row(connection, uid)
            _check_open(row)
            chosen = dict(row.variations if variations is None else variations)
            timeline = self._timeline(row, chosen)
            _check_index(timeline, index, field="index", allow_end=True)
            moved = {
                "index": index,
                "elapsed": elapsed,
                "paused": paused,
                "active_seconds": row.active_seconds if active_seconds is None else active_seconds,
                "variations": chosen,
                "updated_at": self._now(),
            }
            connection.execute(_MOVE, {**moved, "id": row.id})
            return _view(row, **moved)

    def switch_variations(
        self, uid: str, variations: Mapping[str, str], *, db: Connection | None = None
    ) -> LiveSession:
        """Use other variations from here on; the position moves by the one position rule.

        Raises:
            UnknownSession, SessionClosed, InvalidStep (field `variations`).
        """
        with self._unit(db) as connection:
            row = self._row(connection, uid)
            _check_open(row)
            old = self._timeline(row, row.variations)
            new = self._timeline(row, variations)
            landing = same_position(old, min(row.step_index, len(old.steps)), new)
            moved = {
                "index": landing.index,
                "elapsed": row.step_elapsed if landing.exact else 0.0,
                "paused": row.paused,
                "active_seconds": row.active_seconds,
                "variations": dict(variations),
                "updated_at": self._now(),
            }
            connection.execute(_MOVE, {**moved, "id": row.id})
            return _view(row, **moved)

    def record(
        self, uid: str, outcome: StepOutcome, *, db: Connection | None = None
    ) -> RecordedOutcome:
        """Write how a work step went, once: a resend of the same outcome changes nothing.

        A new outcome for a step already recorded (the runner went back and did
        it again) replaces the earlier one.

        Raises:
            UnknownSession, SessionClosed (a new outcome for an ended session),
            InvalidStep (field `step_index` or `exercise_id`),
            OutcomeConflict (the id was used for a different outcome).
        """
        with self._unit(db) as connection:
            row = _FOR_OUTCOME.first(
                connection, {"user": self._user, "uid": uid, "client_id": outcome.client_id}
            )
            if row is None:
                raise UnknownSession(f"no session {uid!r}", field="session_id")
            if row.client_id is not None:
                return _same_or_conflict(_answer(row._asdict()), outcome)
            _check_open(row)
            values = _set_columns(self._step(row, outcome), outcome)
            values.update(session_id=row.id, client_id=outcome.client_id)
            raced = _write_set(connection, values)
            return _same_or_conflict(raced, outcome) if raced else _answer(values)

    def finish(
        self,
        uid: str,
        *,
        completed: bool,
        active_seconds: float | None = None,
        at: datetime | None = None,
        db: Connection | None = None,
    ) -> LiveSession:
        """End the session (at `at`, else now): completed to the last step, or stopped early.

        A preview is removed as it ends; the answer is its last state.

        Raises:
            UnknownSession, SessionClosed.
        """
        with self._unit(db) as connection:
            row = self._row(connection, uid)
            _check_open(row)
            now = self._now()
            status = Status.COMPLETED if completed else Status.ABANDONED
            values = {"status": status.value, "ended_at": at or now, "paused": True}
            values["updated_at"] = now
            if active_seconds is not None:
                values["active_seconds"] = active_seconds
            table = TrainingSession.__table__
            if row.preview:
                connection.execute(delete(table).where(table.c.id == row.id))
            else:
                connection.execute(update(table).where(table.c.id == row.id).values(values))
            return replace(
                _view(row),
                status=status,
                ended_at=values["ended_at"],
                paused=True,
                updated_at=now,
                active_seconds=values.get("active_seconds", row.active_seconds),
            )

    def rate(self, uid: str, rpe: int, *, db: Connection | None = None) -> None:
        """Keep how hard the whole session felt (1-10), asked as it ends.

        Raises:
            UnknownSession, InvalidStep (field `rpe`: outside 1-10).
        """
        if not 1 <= rpe <= 10:
            raise InvalidStep(f"an effort (RPE) is 1 to 10, not {rpe}", field="rpe")
        with self._unit(db) as connection:
            row = self._row(connection, uid, lean=True)
            table = TrainingSession.__table__
            connection.execute(update(table).where(table.c.id == row.id).values(rpe=rpe))

    def delete(self, uid: str, *, db: Connection | None = None) -> None:
        """Remove a session and its sets, whether it is being played or long logged.

        Raises:
            UnknownSession.
        """
        with self._unit(db) as connection:
            row = self._row(connection, uid, lean=True)
            table = TrainingSession.__table__
            connection.execute(delete(table).where(table.c.id == row.id))

    # -- inside ----------------------------------------------------------------

    @contextmanager
    def _unit(self, db: Connection | None) -> Iterator[Connection]:
        if db is not None:
            yield db
        else:
            with self._store.engine.begin() as connection:
                yield connection

    def _row(self, connection: Connection, uid: str, *, lean: bool = False) -> Row:
        """The user's session `uid` (its sets counted unless `lean`).

        Raises:
            UnknownSession.
        """
        query = _SESSION_LEAN if lean else _SESSION
        row = connection.execute(query, {"user": self._user, "uid": uid}).first()
        if row is None:
            raise UnknownSession(f"no session {uid!r}", field="session_id")
        return row

    def _timeline(self, row: Row, variations: Mapping[str, str]) -> Timeline:
        if self._workouts is None:
            raise RuntimeError("LiveSessions needs `workouts` to read a session's steps")
        try:
            workout = self._workouts(row.workout_id)
        except LookupError:
            raise SessionClosed(
                f"session {row.uid!r} is of workout {row.workout_id!r}, which is no longer here",
                field="session_id",
            ) from None
        if workout.version != row.workout_version:
            raise SessionClosed(
                f"session {row.uid!r} was started on version {row.workout_version} of "
                f"{row.workout_id}; the workout is now version {workout.version}",
                field="session_id",
            )
        try:
            return timeline_of(workout, variations)
        except KeyError as err:
            raise InvalidStep(str(err.args[0]), field="variations") from None

    def _step(self, row: Row, outcome: StepOutcome) -> Step:
        timeline = self._timeline(row, row.variations)
        _check_index(timeline, outcome.step_index, field="step_index")
        step = timeline.steps[outcome.step_index]
        if step.kind is not StepKind.WORK:
            raise InvalidStep(
                f"step {outcome.step_index} is {step.label.lower()}, not an exercise; "
                "only exercises are recorded",
                field="step_index",
            )
        if step.exercise_id != outcome.exercise_id:
            raise InvalidStep(
                f"step {outcome.step_index} of this session is {step.exercise_id}, "
                f"not {outcome.exercise_id}",
                field="exercise_id",
            )
        return step


# -- the statements -------------------------------------------------------------

_TYPES = {
    "variations": JSON(),
    "paused": Boolean(),
    "preview": Boolean(),
    "started_at": UTCDateTime(),
    "updated_at": UTCDateTime(),
    "ended_at": UTCDateTime(),
}
_COLUMNS = (
    "s.id, s.uid, s.workout_id, s.workout_version, s.variations, s.step_index, s.step_elapsed,"
    " s.active_seconds, s.paused, s.preview, s.status, s.started_at, s.updated_at, s.ended_at"
)
_COUNTS = (
    "(select count(*) from sets where session_id = s.id and outcome = 'done') as done,"
    " (select count(*) from sets where session_id = s.id and outcome = 'skipped') as skipped"
)
_MINE = "from sessions s join users u on u.id = s.user_id where u.name = :user"
#: one session of the user, with its sets counted
_SESSION = text(f"select {_COLUMNS}, {_COUNTS} {_MINE} and s.uid = :uid").columns(**_TYPES)
#: the same, without the counts (recording an outcome needs none)
_SESSION_LEAN = text(f"select {_COLUMNS} {_MINE} and s.uid = :uid").columns(**_TYPES)
_UNFINISHED = (
    f"select {_COLUMNS}, {_COUNTS} {_MINE} and s.status = '{Status.IN_PROGRESS.value}'"
    " and s.preview = :preview"
)
_LAST_PLAYED = " order by s.updated_at desc nulls last, s.id desc limit 1"
_CURRENT = (
    text(_UNFINISHED + _LAST_PLAYED)
    .bindparams(bindparam("preview", type_=Boolean()))
    .columns(**_TYPES)
)
_CURRENT_OF = (
    text(_UNFINISHED + " and s.workout_id = :workout_id" + _LAST_PLAYED)
    .bindparams(bindparam("preview", type_=Boolean()))
    .columns(**_TYPES)
)
_MOVE = text(
    "update sessions set step_index = :index, step_elapsed = :elapsed, paused = :paused,"
    " active_seconds = :active_seconds, variations = :variations, updated_at = :updated_at"
    " where id = :id"
).bindparams(
    bindparam("paused", type_=Boolean()),
    bindparam("active_seconds", type_=Float()),
    bindparam("variations", type_=JSON()),
    bindparam("updated_at", type_=UTCDateTime()),
)
_SET_COLUMNS = (
    "session_id", "position", "exercise_id", "variation_id", "side", "round", "outcome",
    "reps_planned", "reps_done", "seconds_planned", "seconds_done", "load_kg", "load_unit",
    "rpe", "client_id",
)  # fmt: skip
_WRITE_SET = DriverStatement(
    f"insert into sets ({', '.join(_SET_COLUMNS)})"
    f" values ({', '.join(':' + name for name in _SET_COLUMNS)})"
    " on conflict (session_id, position) do update set "
    + ", ".join(f"{name} = excluded.{name}" for name in _SET_COLUMNS[2:])
)
_SAVEPOINT = DriverStatement("savepoint write_set")
_ROLLBACK_TO_SAVEPOINT = DriverStatement("rollback to savepoint write_set")
_RELEASE_SAVEPOINT = DriverStatement("release savepoint write_set")
_OUTCOME_COLUMNS = (
    "client_id, position, exercise_id, variation_id, side, round, outcome, seconds_done"
)
_RECORDED = DriverStatement(
    f"select {_OUTCOME_COLUMNS} from sets where session_id = :session_id and client_id = :client_id"
)
#: what recording an outcome needs, in one round trip: the session, and the
#: outcome already recorded under the same client id, if any
_FOR_OUTCOME = DriverStatement(
    "select s.id, s.uid, s.workout_id, s.workout_version, s.variations, s.status, "
    + ", ".join(f"x.{name}" for name in _OUTCOME_COLUMNS.split(", "))
    + " from sessions s join users u on u.id = s.user_id"
    " left join sets x on x.session_id = s.id and x.client_id = :client_id"
    " where u.name = :user and s.uid = :uid",
    columns={"variations": JSON()},
)


def _view(row: Row, **moved: object) -> LiveSession:
    """The session as `row` has it, with `moved` (index, elapsed, ...) written since."""
    return LiveSession(
        uid=row.uid,
        workout_id=row.workout_id,
        workout_version=row.workout_version,
        variations=dict(moved.get("variations", row.variations)),
        index=moved.get("index", row.step_index),
        elapsed=moved.get("elapsed", row.step_elapsed),
        active_seconds=moved.get("active_seconds", row.active_seconds),
        paused=moved.get("paused", row.paused),
        preview=row.preview,
        status=Status(row.status),
        started_at=row.started_at,
        updated_at=moved.get("updated_at", row.updated_at),
        ended_at=row.ended_at,
        done=row.done,
        skipped=row.skipped,
    )


def _owner(connection: Connection, name: str, *, now: datetime) -> int:
    """The user's id, adding the user the first time it is seen."""
    query = select(User.id).where(User.name == name)
    found = connection.scalar(query)
    if found is not None:
        return found
    try:
        with connection.begin_nested():
            added = connection.execute(insert(User).values(name=name, created_at=now))
            return added.inserted_primary_key[0]
    except IntegrityError:  # another process added it a moment ago
        return connection.scalar(query)


def _drop_previews(connection: Connection, owner: int, workout_id: str, *, now: datetime) -> None:
    sessions = TrainingSession.__table__
    connection.execute(
        delete(sessions).where(
            sessions.c.user_id == owner,
            sessions.c.preview.is_(True),
            (sessions.c.workout_id == workout_id) | (sessions.c.updated_at < now - PREVIEW_KEPT),
        )
    )


def _check_open(row: Row) -> None:
    if row.status != Status.IN_PROGRESS.value:
        raise SessionClosed(
            f"session {row.uid!r} is {row.status}; start a new one to go on", field="session_id"
        )


def _check_index(timeline: Timeline, index: int, *, field: str, allow_end: bool = False) -> None:
    count = len(timeline.steps)
    if index < 0 or index > count or (index == count and not allow_end):
        raise InvalidStep(
            f"step {index} is past the last step ({count - 1}) of this session", field=field
        )


def _recorded(connection: Connection, session_id: int, client_id: str) -> RecordedOutcome | None:
    found = _RECORDED.first(connection, {"session_id": session_id, "client_id": client_id})
    return _answer(found._asdict()) if found else None


def _answer(values: Mapping) -> RecordedOutcome:
    return RecordedOutcome(
        client_id=values["client_id"],
        step_index=values["position"],
        exercise_id=values["exercise_id"],
        variation_id=values["variation_id"],
        side=values["side"],
        round=values["round"],
        outcome=Outcome(values["outcome"]),
        seconds=values["seconds_done"],
    )


def _set_columns(step: Step, outcome: StepOutcome) -> dict:
    """The set's columns, checked the way every entry into the log is checked."""
    values = set_values(
        step,
        outcome=outcome.outcome,
        seconds=outcome.seconds,
        reps_done=outcome.reps,
        load_kg=outcome.load_kg,
        load_unit=outcome.load_unit,
        rpe=outcome.rpe,
    )
    try:
        entry = SetEntry.model_validate(values)
    except ValidationError as err:
        raise InvalidStep(explain(err), field="outcome") from None
    columns = entry.model_dump()
    columns["outcome"] = entry.outcome.value
    return columns


def _write_set(connection: Connection, values: dict) -> RecordedOutcome | None:
    """Write the set in place of any earlier one at its step.

    Returns None once written, or the set another writer saved with the same
    client id a moment before. Only a server database lets two writers race
    (SQLite takes one writer at a time), so only there is the write fenced
    by a savepoint it can roll back to (set on the driver's cursor too: SQLAlchemy's
    nested transaction cost as much as the rest of recording the set).
    """
    if connection.dialect.name == "sqlite":
        _WRITE_SET.run(connection, values)
        return None
    _SAVEPOINT.run(connection, {})
    try:
        _WRITE_SET.run(connection, values)
    except connection.dialect.loaded_dbapi.IntegrityError:
        _ROLLBACK_TO_SAVEPOINT.run(connection, {})
        found = _recorded(connection, values["session_id"], values["client_id"])
        if found is None:
            raise
        return found
    _RELEASE_SAVEPOINT.run(connection, {})
    return None


def _same_or_conflict(earlier: RecordedOutcome, outcome: StepOutcome) -> RecordedOutcome:
    same = (
        earlier.step_index == outcome.step_index
        and earlier.exercise_id == outcome.exercise_id
        and earlier.outcome is outcome.outcome
        and earlier.seconds == outcome.seconds
    )
    if not same:
        raise OutcomeConflict(
            f"outcome {outcome.client_id!r} was already recorded for step "
            f"{earlier.step_index} ({earlier.outcome.value}); give a new outcome a new id",
            field="client_id",
        )
    return earlier
