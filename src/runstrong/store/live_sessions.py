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
so a server can commit many requests' writes at once.
"""

from __future__ import annotations

import functools
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from pydantic import ValidationError
from sqlalchemy import Row, and_, delete, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from runstrong.play.recording import Outcome
from runstrong.progress.loads import Unit
from runstrong.store.database import Store
from runstrong.store.entries import SetEntry, explain, set_values
from runstrong.store.schema import DEFAULT_USER, SetRecord, Status, TrainingSession, User
from runstrong.store.sessions import user_id
from runstrong.timeline import Step, StepKind, Timeline, compile_timeline
from runstrong.timeline_position import same_position
from runstrong.workouts.model import Workout

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
        user: str = DEFAULT_USER,
        workouts: Callable[[str], Workout] | None = None,
        now: Callable[[], datetime] | None = None,
    ) -> None:
        self._store = store
        self._user = user
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
        db: Session | None = None,
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
        started = at or now
        with self._unit(db) as session:
            owner = user_id(session, self._user)
            if preview:
                self._drop_previews(session, owner, workout.id, now=now)
            uid = str(uuid.uuid4())
            session.execute(
                insert(TrainingSession).values(
                    uid=uid,
                    user_id=owner,
                    workout_id=workout.id,
                    workout_version=workout.version,
                    started_at=started,
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
            return self._view(self._row(session, uid))

    def get(self, uid: str, *, db: Session | None = None) -> LiveSession:
        """Raises: UnknownSession."""
        with self._unit(db) as session:
            return self._view(self._row(session, uid))

    def current(
        self, workout_id: str | None = None, *, preview: bool = False, db: Session | None = None
    ) -> LiveSession | None:
        """The unfinished session last played (of one workout, if given), to resume it."""
        query = (
            self._select()
            .where(
                TrainingSession.status == Status.IN_PROGRESS.value,
                TrainingSession.preview.is_(preview),
            )
            .order_by(TrainingSession.updated_at.desc().nulls_last(), TrainingSession.id.desc())
            .limit(1)
        )
        if workout_id is not None:
            query = query.where(TrainingSession.workout_id == workout_id)
        with self._unit(db) as session:
            row = session.execute(query).first()
            return self._view(row) if row else None

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
        db: Session | None = None,
    ) -> LiveSession:
        """Keep where the player is (and, from a player that switched itself, the variations).

        `index` may be the step count: the player is past the last step.

        Raises:
            UnknownSession, SessionClosed, InvalidStep (field `index` or `variations`).
        """
        with self._unit(db) as session:
            row = self._open_row(session, uid)
            chosen = dict(row.variations if variations is None else variations)
            timeline = self._timeline(row, chosen)
            _check_index(timeline, index, field="index", allow_end=True)
            values = {
                "step_index": index,
                "step_elapsed": elapsed,
                "paused": paused,
                "variations": chosen,
                "updated_at": self._now(),
            }
            if active_seconds is not None:
                values["active_seconds"] = active_seconds
            self._update(session, row.id, values)
            return self._view(self._row(session, uid))

    def switch_variations(
        self, uid: str, variations: Mapping[str, str], *, db: Session | None = None
    ) -> LiveSession:
        """Use other variations from here on; the position moves by the one position rule.

        Raises:
            UnknownSession, SessionClosed, InvalidStep (field `variations`).
        """
        with self._unit(db) as session:
            row = self._open_row(session, uid)
            old = self._timeline(row, row.variations)
            new = self._timeline(row, variations)
            landing = same_position(old, min(row.step_index, len(old.steps)), new)
            values = {
                "step_index": landing.index,
                "step_elapsed": row.step_elapsed if landing.exact else 0.0,
                "variations": dict(variations),
                "updated_at": self._now(),
            }
            self._update(session, row.id, values)
            return self._view(self._row(session, uid))

    def record(
        self, uid: str, outcome: StepOutcome, *, db: Session | None = None
    ) -> RecordedOutcome:
        """Write how a work step went, once: a resend of the same outcome changes nothing.

        A new outcome for a step already recorded (the runner went back and did
        it again) replaces the earlier one.

        Raises:
            UnknownSession, SessionClosed (a new outcome for an ended session),
            InvalidStep (field `step_index` or `exercise_id`),
            OutcomeConflict (the id was used for a different outcome).
        """
        with self._unit(db) as session:
            row = self._row(session, uid, counts=False)
            earlier = _recorded(session, row.id, outcome.client_id)
            if earlier is not None:
                return _same_or_conflict(earlier, outcome)
            _check_open(row)
            step = self._step(row, outcome)
            values = _set_columns(step, outcome)
            values.update(session_id=row.id, client_id=outcome.client_id)
            written = _write_set(session, row.id, values)
            if written is not None:
                return _same_or_conflict(written, outcome)
            self._update(session, row.id, {"updated_at": self._now()})
            return _recorded(session, row.id, outcome.client_id)

    def finish(
        self,
        uid: str,
        *,
        completed: bool,
        active_seconds: float | None = None,
        at: datetime | None = None,
        db: Session | None = None,
    ) -> LiveSession:
        """End the session (at `at`, else now): completed to the last step, or stopped early.

        A preview is removed as it ends; the answer is its last state.

        Raises:
            UnknownSession, SessionClosed.
        """
        with self._unit(db) as session:
            row = self._open_row(session, uid)
            now = self._now()
            status = Status.COMPLETED if completed else Status.ABANDONED
            values = {
                "status": status.value,
                "ended_at": at or now,
                "paused": True,
                "updated_at": now,
            }
            if active_seconds is not None:
                values["active_seconds"] = active_seconds
            self._update(session, row.id, values)
            ended = self._view(self._row(session, uid))
            if row.preview:
                session.execute(delete(TrainingSession).where(TrainingSession.id == row.id))
            return ended

    def delete(self, uid: str, *, db: Session | None = None) -> None:
        """Remove a session and its sets, whether it is being played or long logged.

        Raises:
            UnknownSession.
        """
        with self._unit(db) as session:
            row = self._row(session, uid, counts=False)
            session.execute(delete(TrainingSession).where(TrainingSession.id == row.id))

    # -- inside ----------------------------------------------------------------

    @contextmanager
    def _unit(self, db: Session | None) -> Iterator[Session]:
        if db is not None:
            yield db
        else:
            with self._store.transaction() as session:
                yield session

    def _select(self, *, counts: bool = True):
        """The session's columns (and its sets counted), for this user only."""
        counted = (
            (_count(Outcome.DONE).label("done"), _count(Outcome.SKIPPED).label("skipped"))
            if counts
            else ()
        )
        return (
            select(
                TrainingSession.id,
                TrainingSession.uid,
                TrainingSession.workout_id,
                TrainingSession.workout_version,
                TrainingSession.variations,
                TrainingSession.step_index,
                TrainingSession.step_elapsed,
                TrainingSession.active_seconds,
                TrainingSession.paused,
                TrainingSession.preview,
                TrainingSession.status,
                TrainingSession.started_at,
                TrainingSession.updated_at,
                TrainingSession.ended_at,
                *counted,
            )
            .join(User, User.id == TrainingSession.user_id)
            .where(User.name == self._user)
        )

    def _row(self, session: Session, uid: str, *, counts: bool = True) -> Row:
        query = self._select(counts=counts).where(TrainingSession.uid == uid)
        row = session.execute(query).first()
        if row is None:
            raise UnknownSession(f"no session {uid!r}", field="session_id")
        return row

    def _open_row(self, session: Session, uid: str) -> Row:
        row = self._row(session, uid)
        _check_open(row)
        return row

    def _update(self, session: Session, row_id: int, values: dict) -> None:
        session.execute(update(TrainingSession).where(TrainingSession.id == row_id).values(values))

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

    def _drop_previews(
        self, session: Session, owner: int, workout_id: str, *, now: datetime
    ) -> None:
        session.execute(
            delete(TrainingSession).where(
                TrainingSession.user_id == owner,
                TrainingSession.preview.is_(True),
                (TrainingSession.workout_id == workout_id)
                | (TrainingSession.updated_at < now - PREVIEW_KEPT),
            )
        )

    def _view(self, row: Row) -> LiveSession:
        return LiveSession(
            uid=row.uid,
            workout_id=row.workout_id,
            workout_version=row.workout_version,
            variations=dict(row.variations),
            index=row.step_index,
            elapsed=row.step_elapsed,
            active_seconds=row.active_seconds,
            paused=row.paused,
            preview=row.preview,
            status=Status(row.status),
            started_at=row.started_at,
            updated_at=row.updated_at,
            ended_at=row.ended_at,
            done=row.done,
            skipped=row.skipped,
        )


def _count(outcome: Outcome):
    return (
        select(func.count(SetRecord.id))
        .where(SetRecord.session_id == TrainingSession.id, SetRecord.outcome == outcome.value)
        .correlate(TrainingSession)
        .scalar_subquery()
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


_ANSWER_COLUMNS = (
    SetRecord.client_id,
    SetRecord.position,
    SetRecord.exercise_id,
    SetRecord.variation_id,
    SetRecord.side,
    SetRecord.round,
    SetRecord.outcome,
    SetRecord.seconds_done,
)


def _recorded(session: Session, session_id: int, client_id: str) -> RecordedOutcome | None:
    row = session.execute(
        select(*_ANSWER_COLUMNS).where(
            and_(SetRecord.session_id == session_id, SetRecord.client_id == client_id)
        )
    ).first()
    if row is None:
        return None
    return RecordedOutcome(
        client_id=row.client_id,
        step_index=row.position,
        exercise_id=row.exercise_id,
        variation_id=row.variation_id,
        side=row.side,
        round=row.round,
        outcome=Outcome(row.outcome),
        seconds=row.seconds_done,
    )


def _set_columns(step: Step, outcome: StepOutcome) -> dict:
    """The set's columns, checked the way every entry into the log is checked."""
    values = set_values(
        step,
        outcome=outcome.outcome,
        seconds=outcome.seconds,
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


def _write_set(session: Session, session_id: int, values: dict) -> RecordedOutcome | None:
    """Insert the set in place of any earlier one at its step.

    Returns None once written, or the set another writer saved with the same
    client id a moment before (on a server database, two workers can race).
    """
    for _attempt in range(3):
        try:
            with session.begin_nested():
                session.execute(
                    delete(SetRecord).where(
                        SetRecord.session_id == session_id,
                        SetRecord.position == values["position"],
                    )
                )
                session.execute(insert(SetRecord).values(values))
            return None
        except IntegrityError:
            found = _recorded(session, session_id, values["client_id"])
            if found is not None:
                return found
    raise RuntimeError("the set could not be written: its step kept changing under it")


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
