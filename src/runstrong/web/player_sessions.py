"""The web's way to the live sessions in the log: the server itself keeps none.

Every change joins the process's next group commit and is answered once it
is on disk; reads run in the thread pool. So any number of server processes
can share the sessions, and a request may land on any of them. A problem
with the request (an unknown session, a step past the end) comes back as a
4xx naming the field at fault, with nothing written.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, TypeVar

from fastapi.concurrency import run_in_threadpool

from runstrong.store.group_commit import GroupCommit
from runstrong.store.live_sessions import (
    InvalidStep,
    LiveSessionError,
    LiveSessions,
    OutcomeConflict,
    SessionClosed,
    UnknownSession,
)
from runstrong.web.errors import InputError
from runstrong.web.training_log import TrainingLog
from runstrong.workouts.model import Workout

if TYPE_CHECKING:
    from sqlalchemy import Connection

T = TypeVar("T")
Use = Callable[[LiveSessions, "Connection | None"], T]

_STATUS = {UnknownSession: 404, SessionClosed: 409, OutcomeConflict: 409, InvalidStep: 422}


class PlayerSessions:
    """The live sessions of one user, for the routes of one request.

    Args:
        log: the training log (opened in a worker thread when first needed).
        writes: this process's group commit.
        user: who the request acts for.
        workouts: finds a workout of the library by id.
    """

    def __init__(
        self,
        log: TrainingLog,
        writes: GroupCommit,
        *,
        user: str,
        workouts: Callable[[str], Workout],
    ) -> None:
        self._log = log
        self._writes = writes
        self._user = user
        self._workouts = workouts

    async def write(self, use: Use[T]) -> T:
        """Run a change in the next group commit; answered once it is committed."""
        with _as_input_errors():
            return await self._writes.run(lambda db: use(self._sessions(), db))

    async def read(self, use: Use[T]) -> T:
        """Look something up in a transaction of its own, off the event loop."""
        with _as_input_errors():
            return await run_in_threadpool(self._read, use)

    def _read(self, use: Use[T]) -> T:
        return use(self._sessions(), None)  # in a transaction of its own

    def _sessions(self) -> LiveSessions:
        return LiveSessions(self._log.store(), user=self._user, workouts=self._workouts)


@contextmanager
def _as_input_errors() -> Iterator[None]:
    """Turn a live-session problem into the API's error: the field at fault and a 4xx."""
    try:
        yield
    except LiveSessionError as error:
        location = "path" if error.field == "session_id" else "body"
        raise InputError(
            error.message, field=error.field, location=location, status=_STATUS[type(error)]
        ) from None
