"""Player sessions: start one, keep its position, record each step's outcome, finish or delete it.

A session is the log's own session (its id is the log's uid), so whichever
server process answers, and whichever player asks (the browser or the
terminal), it is the same session at the same step.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response, status
from pydantic import BaseModel, ConfigDict, Field, StrictBool

from runstrong.play.recording import Outcome
from runstrong.progress.loads import Unit, to_kg
from runstrong.store.entries import Status
from runstrong.store.live_sessions import LiveSession, RecordedOutcome, StepOutcome, timeline_of
from runstrong.web.deps import (
    SLUG_PATTERN,
    LibraryDep,
    PlayerSessionsDep,
    Slug,
    find_workout,
)
from runstrong.web.errors import ERROR_RESPONSES, ErrorBody, InputError
from runstrong.web.timelines import MAX_SPEED
from runstrong.workouts.library import Library

router = APIRouter(
    prefix="/api/sessions",
    tags=["sessions"],
    responses={
        **ERROR_RESPONSES,
        409: {
            "model": ErrorBody,
            "description": "The session is finished (or its workout changed) and takes no "
            "changes, or an outcome id was already used for another outcome.",
        },
    },
)

SessionId = Annotated[
    str,
    Path(
        pattern=r"^[A-Za-z0-9._:-]{1,36}$",
        description="From POST /api/sessions (the session's uid in the log).",
    ),
]
Variations = Annotated[
    dict[Slug, Slug],
    Field(max_length=50, description="Exercise id -> variation id to do instead."),
]
StepIndex = Annotated[int, Field(ge=0, le=100_000, strict=True)]
Seconds = Annotated[float, Field(ge=0, le=24 * 3600)]


class _Input(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SessionStart(_Input):
    workout_id: Slug
    variations: Variations = {}
    speed: Annotated[float, Field(gt=0, le=MAX_SPEED)] = Field(
        1.0,
        description="The player's time scale; anything but 1 makes a preview, kept out of the log.",
    )


class Position(_Input):
    """Where the player is: the step, seconds of (scaled) time spent in it, and paused or not."""

    index: StepIndex
    elapsed: Seconds = 0.0
    paused: StrictBool = False
    active_seconds: Seconds | None = Field(
        None, description="Unpaused time of the steps already ended (kept as it was when left out)."
    )


class VariationChange(_Input):
    variations: Variations


class SetResult(_Input):
    """How one exercise step went; `seconds` is active (unpaused) time.

    `client_id` is made by the player, new for each outcome: sending the same
    outcome again (after a lost answer, say) records it once and gets the
    same answer.
    """

    client_id: Annotated[str, Field(pattern=r"^[A-Za-z0-9_-]{8,64}$")]
    step_index: StepIndex
    exercise_id: Slug = Field(description="The exercise the player showed at that step.")
    outcome: Outcome
    seconds: Seconds
    reps: Annotated[int, Field(ge=0, le=1000, strict=True)] | None = Field(
        None, description="Reps done (rep work; the plan's reps when not given)."
    )
    load: Annotated[float, Field(ge=0, le=1000)] | None = Field(
        None, description="The weight used, in `unit` (none: bodyweight or not said)."
    )
    unit: Unit = "kg"


class Finish(_Input):
    completed: StrictBool
    active_seconds: Seconds | None = None


class SessionView(BaseModel):
    id: str
    workout_id: str
    workout_version: int
    variations: dict[str, str]
    steps: int | None = Field(description="Steps in the session's timeline.")
    index: int
    elapsed: float
    active_seconds: float
    paused: bool
    preview: bool = Field(description="Played faster than real time: never part of the log.")
    status: Status
    finished: bool
    completed: bool
    log_uid: str | None = Field(description="The session in the training log (None: a preview).")
    done: int = Field(description="Exercise steps recorded as done.")
    skipped: int
    started_at: datetime
    updated_at: datetime | None


class SetView(BaseModel):
    """A step outcome as recorded: the same answer however often it is sent."""

    client_id: str
    step_index: int
    exercise_id: str
    variation_id: str | None
    side: str | None
    round: int
    outcome: Outcome
    seconds: float | None


# The first route here: a player sends this most, and routes are tried in order.
@router.post("/{session_id}/sets", response_model=SetView, status_code=201)
async def create_set(
    session_id: SessionId, body: SetResult, sessions: PlayerSessionsDep
) -> Response:
    """Record an exercise step as done or skipped; it is in the training log when answered."""
    outcome = StepOutcome(
        client_id=body.client_id,
        step_index=body.step_index,
        exercise_id=body.exercise_id,
        outcome=body.outcome,
        seconds=body.seconds,
        reps=body.reps,
        load_kg=to_kg(body.load, body.unit) if body.load else None,
        load_unit=body.unit if body.load else None,
    )
    recorded = await sessions.write(lambda live, db: live.record(session_id, outcome, db=db))
    # Serialised here: FastAPI would check the view against `SetView` once more first.
    return Response(
        _set_view(recorded).model_dump_json(), status_code=201, media_type="application/json"
    )


@router.post("", response_model=SessionView, status_code=status.HTTP_201_CREATED)
async def create_session(
    body: SessionStart, library: LibraryDep, sessions: PlayerSessionsDep
) -> SessionView:
    """Start playing a workout (with any variations chosen up front).

    The player page resumes the unfinished session (GET /api/sessions/current)
    before it starts a new one.
    """
    workout = find_workout(body.workout_id, library, location="body")
    started = await sessions.write(
        lambda live, db: live.start(
            workout, variations=body.variations, preview=body.speed != 1, db=db
        )
    )
    return _view(started, library)


@router.get("/current", response_model=SessionView)
async def read_current_session(
    workout_id: Annotated[str, Query(pattern=SLUG_PATTERN, max_length=64)],
    library: LibraryDep,
    sessions: PlayerSessionsDep,
    preview: bool = False,
) -> SessionView:
    """The unfinished session of a workout played last, to resume it."""
    found = await sessions.read(lambda live, db: live.current(workout_id, preview=preview, db=db))
    if found is None:
        raise InputError(
            f"no unfinished session of {workout_id!r}", field="workout_id", location="query"
        )
    return _view(found, library)


@router.get("/{session_id}", response_model=SessionView)
async def read_session(
    session_id: SessionId, library: LibraryDep, sessions: PlayerSessionsDep
) -> SessionView:
    return _view(await sessions.read(lambda live, db: live.get(session_id, db=db)), library)


@router.put("/{session_id}/position", response_model=SessionView)
async def update_position(
    session_id: SessionId, body: Position, library: LibraryDep, sessions: PlayerSessionsDep
) -> SessionView:
    """Remember where the player is, so a reload elsewhere resumes at the same step."""
    moved = await sessions.write(
        lambda live, db: live.save_position(
            session_id,
            index=body.index,
            elapsed=body.elapsed,
            paused=body.paused,
            active_seconds=body.active_seconds,
            db=db,
        )
    )
    return _view(moved, library)


@router.put("/{session_id}/variations", response_model=SessionView)
async def update_variations(
    session_id: SessionId, body: VariationChange, library: LibraryDep, sessions: PlayerSessionsDep
) -> SessionView:
    """Switch variations mid-session; the position moves to the same step of the new timeline
    (the rule both players share: `runstrong.timeline_position`)."""
    switched = await sessions.write(
        lambda live, db: live.switch_variations(session_id, body.variations, db=db)
    )
    return _view(switched, library)


@router.post("/{session_id}/finish", response_model=SessionView)
async def finish_session(
    session_id: SessionId, body: Finish, library: LibraryDep, sessions: PlayerSessionsDep
) -> SessionView:
    """End the session: completed to the last step, or stopped early (only once)."""
    ended = await sessions.write(
        lambda live, db: live.finish(
            session_id, completed=body.completed, active_seconds=body.active_seconds, db=db
        )
    )
    return _view(ended, library)


@router.delete("/{session_id}", status_code=status.HTTP_204_NO_CONTENT)
async def delete_session(session_id: SessionId, sessions: PlayerSessionsDep) -> Response:
    """Discard a session, being played or long logged, with all its sets."""
    await sessions.write(lambda live, db: live.delete(session_id, db=db))
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _steps(session: LiveSession, library: Library) -> int | None:
    try:
        workout = library.get(session.workout_id)
    except LookupError:
        return None
    if workout.version != session.workout_version:
        return None
    return len(timeline_of(workout, session.variations).steps)


def _view(session: LiveSession, library: Library) -> SessionView:
    return SessionView(
        id=session.uid,
        workout_id=session.workout_id,
        workout_version=session.workout_version,
        variations=session.variations,
        steps=_steps(session, library),
        index=session.index,
        elapsed=session.elapsed,
        active_seconds=session.active_seconds,
        paused=session.paused,
        preview=session.preview,
        status=session.status,
        finished=session.finished,
        completed=session.status is Status.COMPLETED,
        log_uid=None if session.preview else session.uid,
        done=session.done,
        skipped=session.skipped,
        started_at=session.started_at,
        updated_at=session.updated_at,
    )


def _set_view(recorded: RecordedOutcome) -> SetView:
    return SetView(
        client_id=recorded.client_id,
        step_index=recorded.step_index,
        exercise_id=recorded.exercise_id,
        variation_id=recorded.variation_id,
        side=recorded.side,
        round=recorded.round,
        outcome=recorded.outcome,
        seconds=recorded.seconds,
    )
