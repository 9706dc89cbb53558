"""Player sessions: start one, keep its position, record each step's outcome, finish it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, status
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from runstrong.play.recording import Outcome
from runstrong.timeline import Timeline
from runstrong.web.deps import SLUG_PATTERN, BoardDep, LibraryDep, Slug, find_workout
from runstrong.web.errors import ERROR_RESPONSES, ErrorBody, InputError
from runstrong.web.player_sessions import PlayerSession, SessionBoard, SessionClosed
from runstrong.web.timelines import compile_or_reject

router = APIRouter(
    prefix="/api/sessions",
    tags=["sessions"],
    responses={
        **ERROR_RESPONSES,
        409: {"model": ErrorBody, "description": "The session is finished and takes no changes."},
    },
)

SessionId = Annotated[str, Path(pattern=r"^[0-9a-f]{32}$", description="From POST /api/sessions.")]
Variations = Annotated[
    dict[Slug, Slug],
    Field(max_length=50, description="Exercise id -> variation id to do instead."),
]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SessionStart(_Input):
    workout_id: Slug
    variations: Variations = {}


class Position(_Input):
    """Where the player is: the step, seconds of (scaled) time spent in it, and paused or not."""

    index: Annotated[int, Field(ge=0, le=100_000, strict=True)]
    elapsed: Annotated[float, Field(ge=0, le=24 * 3600)] = 0.0
    paused: StrictBool = False


class VariationChange(_Input):
    variations: Variations


class SetResult(_Input):
    """How one step went; `seconds` is active (unpaused) time."""

    step_index: Annotated[int, Field(ge=0, le=100_000, strict=True)]
    outcome: Outcome
    seconds: Annotated[float, Field(ge=0, le=24 * 3600)]


class Finish(_Input):
    completed: StrictBool


class SessionView(BaseModel):
    id: str
    workout_id: str
    variations: dict[str, str]
    steps: int
    index: int
    elapsed: float
    paused: bool
    finished: bool
    completed: bool
    log_uid: str | None = Field(
        description="The session in the training log, once a step has been recorded."
    )
    done: int = Field(description="Steps finished as done so far.")
    skipped: int
    started_at: datetime
    updated_at: datetime


@router.post("", response_model=SessionView, status_code=status.HTTP_201_CREATED)
def create_session(body: SessionStart, library: LibraryDep, board: BoardDep) -> SessionView:
    """Start playing a workout (with any variations chosen up front)."""
    workout = find_workout(body.workout_id, library, location="body")
    timeline = compile_or_reject(workout, body.variations, field="variations", location="body")
    return _view(board.start(workout, timeline))


@router.get("/current", response_model=SessionView)
def read_current_session(
    workout_id: Annotated[str, Query(pattern=SLUG_PATTERN, max_length=64)], board: BoardDep
) -> SessionView:
    """The most recently active unfinished session of a workout, to resume it."""
    session = board.latest_unfinished(workout_id)
    if session is None:
        raise InputError(
            f"no unfinished session of {workout_id!r}", field="workout_id", location="query"
        )
    return _view(session)


@router.get("/{session_id}", response_model=SessionView)
def read_session(session_id: SessionId, board: BoardDep) -> SessionView:
    return _view(_session(board, session_id))


@router.put("/{session_id}/position", response_model=SessionView)
def update_position(session_id: SessionId, body: Position, board: BoardDep) -> SessionView:
    """Remember where the player is, so a reload elsewhere resumes at the same step."""
    session = _session(board, session_id)
    _check_index(session, body.index, field="index", allow_end=True)
    with _refused_once_finished():
        board.move(session, index=body.index, elapsed=body.elapsed, paused=body.paused)
    return _view(session)


@router.put("/{session_id}/variations", response_model=SessionView)
def update_variations(session_id: SessionId, body: VariationChange, board: BoardDep) -> SessionView:
    """Switch variations mid-session; the position moves to the same set in the new timeline."""
    session = _session(board, session_id)
    timeline = compile_or_reject(
        session.workout, body.variations, field="variations", location="body"
    )
    with _refused_once_finished():
        board.change_timeline(session, timeline, index=_same_set(session, timeline))
    return _view(session)


@router.post("/{session_id}/sets", response_model=SessionView, status_code=201)
def create_set(session_id: SessionId, body: SetResult, board: BoardDep) -> SessionView:
    """Record a step as done or skipped; it reaches the training log straight away."""
    session = _session(board, session_id)
    _check_index(session, body.step_index, field="step_index")
    with _refused_once_finished():
        board.record(session, body.step_index, outcome=body.outcome, seconds=body.seconds)
    return _view(session)


@router.post("/{session_id}/finish", response_model=SessionView)
def finish_session(session_id: SessionId, body: Finish, board: BoardDep) -> SessionView:
    """End the session: completed to the last step, or stopped early (only once)."""
    session = _session(board, session_id)
    with _refused_once_finished():
        board.finish(session, completed=body.completed)
    return _view(session)


def _session(board: SessionBoard, session_id: str) -> PlayerSession:
    session = board.get(session_id)
    if session is None:
        raise InputError(f"no session {session_id!r} on this server", field="session_id")
    return session


@contextmanager
def _refused_once_finished() -> Iterator[None]:
    """A change to a finished session is a 409 naming it; the session stays as it was."""
    try:
        yield
    except SessionClosed as err:
        raise InputError(
            f"session {err.session_id!r} is finished; start a new one to go on",
            field="session_id",
            status=409,
        ) from None


def _check_index(
    session: PlayerSession, index: int, *, field: str, allow_end: bool = False
) -> None:
    count = len(session.timeline.steps)
    if index > count or (index == count and not allow_end):
        raise InputError(
            f"step {index} is past the last step ({count - 1})",
            field=field,
            location="body",
            status=422,
        )


def _same_set(session: PlayerSession, timeline: Timeline) -> int:
    """The index in `timeline` of the set the session is on: same exercise and round,
    the same side when the new dose still has sides, else its first step."""
    if session.index >= len(session.timeline.steps):
        return len(timeline.steps)
    here = session.timeline.steps[session.index]
    same = [
        step
        for step in timeline.steps
        if (step.exercise_id, step.round, step.kind) == (here.exercise_id, here.round, here.kind)
    ]
    same_side = [
        step for step in same if (step.side, step.direction) == (here.side, here.direction)
    ]
    chosen = (same_side or same or [None])[0]
    return chosen.index if chosen else min(session.index, len(timeline.steps))


def _view(session: PlayerSession) -> SessionView:
    outcomes = list(session.outcomes.values())
    return SessionView(
        id=session.id,
        workout_id=session.workout.id,
        variations=session.timeline.variations,
        steps=len(session.timeline.steps),
        index=session.index,
        elapsed=session.elapsed,
        paused=session.paused,
        finished=session.finished,
        completed=session.completed,
        log_uid=session.log_uid,
        done=outcomes.count(Outcome.DONE),
        skipped=outcomes.count(Outcome.SKIPPED),
        started_at=session.started_at,
        updated_at=session.updated_at,
    )
