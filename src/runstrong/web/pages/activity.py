"""A logged session as a FIT activity file, downloaded from the history page."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import Response

from runstrong.export.formats import SESSION_FORMATS
from runstrong.store.history import session_entry
from runstrong.web.deps import CurrentUser, LibraryDep, LogDep, LogUid
from runstrong.web.errors import InputError

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/history/{uid}/activity.fit")
def download_activity(uid: LogUid, user: CurrentUser, log: LogDep, library: LibraryDep) -> Response:
    """The session as a strength-training activity for Garmin Connect, Strava or intervals.icu."""
    entry = session_entry(log.store(), uid, user=user)
    if entry is None:
        raise InputError(f"no session {uid!r} in the log", field="uid")
    try:
        workout = library.get(entry.workout_id)
    except LookupError:
        workout = None  # sets then carry no exercise category
    fit = SESSION_FORMATS["fit"]
    name = f"{entry.workout_id}-{entry.started_at.astimezone():%Y-%m-%d-%H%M}{fit.suffix}"
    return Response(
        fit.write(entry, workout),
        media_type=fit.media_type,
        headers={"content-disposition": f'attachment; filename="{name}"'},
    )
