"""Where each browser session stands, kept on the server so a lost tab can pick up again.

The page also keeps its position in localStorage; the server copy lets another
tab (or a browser that cleared its storage) find the unfinished session.
Step outcomes go on to the training log through a `SessionRecorder`.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from runstrong.model import Workout
from runstrong.recording import Outcome, SessionRecorder
from runstrong.timeline import Timeline

#: builds the recorder for a new session (None: positions are kept, nothing is logged).
RecorderFactory = Callable[[], SessionRecorder | None]
#: the log's id for what a recorder wrote, so the page can link to the after-session form.
LogUidOf = Callable[[SessionRecorder], str | None]


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
    ) -> None:
        self._sessions: dict[str, PlayerSession] = {}
        self._lock = threading.Lock()
        self._recorder_factory = recorder_factory
        self._log_uid_of = log_uid_of

    def start(self, workout: Workout, timeline: Timeline) -> PlayerSession:
        now = _now()
        session = PlayerSession(
            id=uuid.uuid4().hex,
            workout=workout,
            timeline=timeline,
            started_at=now,
            updated_at=now,
            recorder=self._recorder_factory(),
        )
        with self._lock:
            self._sessions[session.id] = session
        return session

    def get(self, session_id: str) -> PlayerSession | None:
        with self._lock:
            return self._sessions.get(session_id)

    def latest_unfinished(self, workout_id: str) -> PlayerSession | None:
        with self._lock:
            open_ = [
                s for s in self._sessions.values() if s.workout.id == workout_id and not s.finished
            ]
        return max(open_, key=lambda s: s.updated_at, default=None)

    def move(self, session: PlayerSession, *, index: int, elapsed: float, paused: bool) -> None:
        with session.lock:
            session.index, session.elapsed, session.paused = index, elapsed, paused
            session.updated_at = _now()

    def change_timeline(self, session: PlayerSession, timeline: Timeline, *, index: int) -> None:
        """Swap in a recompiled timeline (an easier variation chosen mid-session)."""
        with session.lock:
            session.timeline, session.index, session.elapsed = timeline, index, 0.0
            session.updated_at = now = _now()
            if session.recorder and session.logging:
                session.recorder.started(workout=session.workout, timeline=timeline, at=now)

    def record(
        self, session: PlayerSession, step_index: int, *, outcome: Outcome, seconds: float
    ) -> None:
        """A step ended; the log hears of it at once, so a crash loses nothing already done.

        The log entry is opened by the first step that ends, so a player opened
        and left untouched leaves nothing behind in the log.
        """
        with session.lock:
            session.outcomes[step_index] = outcome
            session.updated_at = now = _now()
            if session.recorder is None:
                return
            if not session.logging:
                session.recorder.started(workout=session.workout, timeline=session.timeline, at=now)
                session.logging = True
                session.log_uid = self._log_uid_of(session.recorder)
            step = session.timeline.steps[step_index]
            session.recorder.step_finished(step, outcome=outcome, seconds=seconds, at=now)

    def finish(self, session: PlayerSession, *, completed: bool) -> None:
        with session.lock:
            already = session.finished
            session.finished, session.completed = True, completed
            session.updated_at = now = _now()
            if session.recorder and session.logging and not already:
                session.recorder.finished(completed=completed, at=now)


def _now() -> datetime:
    return datetime.now(UTC)
