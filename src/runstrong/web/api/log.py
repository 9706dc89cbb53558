"""The training log: recent sessions, one session in full, and the after-session details."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from runstrong.store.entries import SessionEntry
from runstrong.store.history import SessionSummary, recent_sessions
from runstrong.web.deps import LibraryDep, LogDep, LogUid
from runstrong.web.errors import ERROR_RESPONSES, InputError
from runstrong.web.log_details import SessionDetails, logged_entry, save_details

router = APIRouter(prefix="/api/log", tags=["sessions"], responses=ERROR_RESPONSES)


@router.get("", response_model=list[SessionSummary])
def list_logged_sessions(
    log: LogDep, limit: Annotated[int, Query(ge=1, le=500)] = 20
) -> list[SessionSummary]:
    """The most recent sessions, newest first (as `runstrong history` lists them)."""
    return recent_sessions(log.store(), limit=limit)


@router.get("/{uid}", response_model=SessionEntry)
def read_logged_session(uid: LogUid, log: LogDep) -> SessionEntry:
    return logged_entry(log, uid)


@router.patch("/{uid}", response_model=SessionEntry)
def update_logged_session(
    uid: LogUid, body: SessionDetails, log: LogDep, library: LibraryDep
) -> SessionEntry:
    """Add loads, reps and effort to a session; blank values leave what is logged."""
    entry = logged_entry(log, uid)
    try:
        workout = library.get(entry.workout_id)
    except LookupError as err:
        raise InputError(str(err.args[0]), field="uid") from None
    return save_details(log, uid, workout, body)
