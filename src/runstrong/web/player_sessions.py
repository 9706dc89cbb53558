"""Where each browser session stands, kept on the server so a lost tab can pick up again.

The page also keeps its position in localStorage; the server copy lets another
tab (or a browser that cleared its storage) find the unfinished session.
Step outcomes go on to the training log through a `SessionRecorder`.

The board forgets a finished session after `FINISHED_KEPT` and an unfinished
one left untouched for `IDLE_KEPT`, so it does not grow while the server runs;
a page coming back after that resumes from its own localStorage copy.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from runstrong.play.recording import Outcome, SessionRecorder
from runstrong.timeline import Timeline
from runstrong.workouts.model import Workout

#: builds the recorder for a new session (None: positions are kept, nothing is logged).
RecorderFactory = Callable[[], SessionRecorder | None]
#: the log's id for what a recorder wrote, so the page can link to the after-session form.
LogUidOf = Callable[[SessionRecorder], str | None]
#: the time now, timezone-aware (tests pass their own).
Clock = Callable[[], datetime]

#: how long a finished session is kept (for a reload of the summary screen).
FINISHED_KEPT = timedelta(hours=1)
#: how long an unfinished session is kept after its last change, waiting to be resumed.
IDLE_KEPT = timedelta(days=1)


class SessionClosed(Exception):
    """The session has ended: it takes no more sets, moves, variations or finishes."""

    def __init__(self, session_id: str) -> None:
        super().__init__(f"session {session_id!r} is already finished")
        self.session_id = session_id


@dataclass
class PlayerSession:
    """One run through a workout in the browser player.

    `lock` serialises the recorder calls: the page sends step outcomes without
    waiting, so two can arrive together.
    """

    id: str
    workout: Workout
    timeline: Timeline
    started_at: datetime
    updated_at: datetime
    recorder: SessionRecorder | None = None
    logging: bool = False
    log_uid: str | None = None
    index: int = 0
    elapsed: float = 0.0
    paused: bool = False
    finished: bool = False
    completed: bool = False
    outcomes: dict[int, Outcome] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)


class SessionBoard:
    """The player sessions of this server, safe to use from concurrent requests."""

    def __init__(
        self,
        recorder_factory: RecorderFactory = lambda: None,
        log_uid_of: LogUidOf = lambda _recorder: None,
        *,
        clock: Clock | None = None,
        finished_kept: timedelta = FINISHED_KEPT,
        idle_kept: timedelta = IDLE_KEPT,
    ) -> None:
        self._sessions: dict[str, PlayerSession] = {}
        self._lock = threading.Lock()
        self._recorder_factory = recorder_factory
        self._log_uid_of = log_uid_of
        self._now = clock or _now
        self._finished_kept = finished_kept
        self._idle_kept = idle_kept

    def __len__(self) -> int:
        """Sessions held now (expired ones go when the board is next used)."""
        with self._lock:
            return len(self._sessions)

    def start(self, workout: Workout, timeline: Timeline) -> PlayerSession:
        now = self._now()
        session = PlayerSession(
            id=uuid.uuid4().hex,
            workout=workout,
            timeline=timeline,
            started_at=now,
            updated_at=now,
            recorder=self._recorder_factory(),
        )
        with self._lock:
            self._forget_expired(now)
            self._sessions[session.id] = session
        return session

    def get(self, session_id: str) -> PlayerSession | None:
        """The session, or None if there never was one or it has expired."""
        with self._lock:
            session = self._sessions.get(session_id)
            if session is not None and self._expired(session, self._now()):
                del self._sessions[session_id]
                return None
            return session

    def latest_unfinished(self, workout_id: str) -> PlayerSession | None:
        with self._lock:
            self._forget_expired(self._now())
            open_ = [
                s for s in self._sessions.values() if s.workout.id == workout_id and not s.finished
            ]
        return max(open_, key=lambda s: s.updated_at, default=None)

    def move(self, session: PlayerSession, *, index: int, elapsed: float, paused: bool) -> None:
        """Keep where the player is.

        Raises:
            SessionClosed: the session has ended.
        """
        with session.lock:
            _check_open(session)
            session.index, session.elapsed, session.paused = index, elapsed, paused
            session.updated_at = self._now()

    def change_timeline(self, session: PlayerSession, timeline: Timeline, *, index: int) -> None:
        """Swap in a recompiled timeline (an easier variation chosen mid-session).

        Raises:
            SessionClosed: the session has ended.
        """
        with session.lock:
            _check_open(session)
            session.timeline, session.index, session.elapsed = timeline, index, 0.0
            session.updated_at = now = self._now()
            if session.recorder and session.logging:
                session.recorder.started(workout=session.workout, timeline=timeline, at=now)

    def record(
        self, session: PlayerSession, step_index: int, *, outcome: Outcome, seconds: float
    ) -> None:
        """A step ended; the log hears of it at once, so a crash loses nothing already done.

        The log entry is opened by the first step that ends, so a player opened
        and left untouched leaves nothing behind in the log.

        Raises:
            SessionClosed: the session has ended; nothing is recorded.
        """
        with session.lock:
            _check_open(session)
            session.outcomes[step_index] = outcome
            session.updated_at = now = self._now()
            if session.recorder is None:
                return
            if not session.logging:
                session.recorder.started(workout=session.workout, timeline=session.timeline, at=now)
                session.logging = True
                session.log_uid = self._log_uid_of(session.recorder)
            step = session.timeline.steps[step_index]
            session.recorder.step_finished(step, outcome=outcome, seconds=seconds, at=now)

    def finish(self, session: PlayerSession, *, completed: bool) -> None:
        """Close the session, and its log entry if a step was recorded.

        Raises:
            SessionClosed: the session has already ended (it stays as it was).
        """
        with session.lock:
            _check_open(session)
            session.finished, session.completed = True, completed
            session.updated_at = now = self._now()
            if session.recorder and session.logging:
                session.recorder.finished(completed=completed, at=now)

    def _expired(self, session: PlayerSession, now: datetime) -> bool:
        kept = self._finished_kept if session.finished else self._idle_kept
        return now - session.updated_at > kept

    def _forget_expired(self, now: datetime) -> None:
        """Drop expired sessions; the caller holds the board lock."""
        for session_id in [k for k, s in self._sessions.items() if self._expired(s, now)]:
            del self._sessions[session_id]


def _check_open(session: PlayerSession) -> None:
    if session.finished:
        raise SessionClosed(session.id)


def _now() -> datetime:
    return datetime.now(UTC)
