"""The calendar feed: the one way to read a plan without logging in, with its secret.

Calendar apps poll it and cannot log in, so the address itself is the
password; renewing it (the plan page, `runstrong calendar --rotate`) kills
the old one at once.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Path, Request
from fastapi.responses import Response

from runstrong.store.plans import plan_by_token
from runstrong.web.deps import SettingsDep, SharedLogDep
from runstrong.web.errors import InputError
from runstrong.web.pages.plan import ICS
from runstrong.web.plan_refresh import needs_refresh, refresh
from runstrong.web.planning import plan_ics, stored_options

router = APIRouter(tags=["pages"], include_in_schema=False)


@router.get("/calendar/{token}.ics")
def read_calendar_feed(
    request: Request,
    token: Annotated[str, Path(max_length=100)],
    log: SharedLogDep,
    settings: SettingsDep,
    background: BackgroundTasks,
) -> Response:
    """The feed calendar apps subscribe to: the stored plan's sessions. A plan made from
    a runs feed follows it: a stale plan is refreshed after this answer."""
    stored = plan_by_token(log.store(), token)
    if stored is None:
        raise InputError("no calendar feed here", field="token")
    store = log.store().acting_as(stored.user)
    library = request.app.state.catalogs.of(stored.user).library()
    if needs_refresh(stored, datetime.now(UTC)):
        background.add_task(
            refresh, store, stored.user, library, private_ok=settings.allow_private_feeds
        )
    if stored.sessions_ics is not None:
        return Response(stored.sessions_ics, media_type=ICS)
    workout = _workout(library, stored_options(stored).workout_id)
    return Response(plan_ics(None, workout), media_type=ICS)


def _workout(library, workout_id: str):
    try:
        return library.get(workout_id)
    except LookupError as err:
        raise InputError(str(err.args[0]), field="workout_id", status=409) from None
