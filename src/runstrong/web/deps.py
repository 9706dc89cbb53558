"""Dependencies the routes declare, as `Annotated` aliases so signatures stay short."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.templating import Jinja2Templates
from pydantic import StringConstraints

from runstrong.settings import Settings
from runstrong.web.auth import CurrentAccount
from runstrong.web.catalog import Catalog
from runstrong.web.errors import InputError
from runstrong.web.player_sessions import PlayerSessions
from runstrong.web.training_log import TrainingLog, UserLog
from runstrong.workouts.library import Library
from runstrong.workouts.model import Workout

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: an id in a request body: a workout, exercise or variation id.
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]


# The lookups below are `async` although they rarely wait: FastAPI runs plain
# functions in a thread pool, and a hop there per dependency costs more than the work.
# Anything that reads files or the database goes to the thread pool instead, so a
# slow request never holds up the others.


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


async def get_current_user(account: CurrentAccount) -> str:
    """The name of the user the request acts for (store queries take names)."""
    return account.name


CurrentUser = Annotated[str, Depends(get_current_user)]


async def get_catalog(request: Request, user: CurrentUser) -> Catalog:
    """The user's catalog: the built-ins and their own workouts."""
    return request.app.state.catalogs.of(user)


CatalogDep = Annotated[Catalog, Depends(get_catalog)]


async def get_library(catalog: CatalogDep) -> Library:
    """The library; when a workout file changed, it is parsed again in the thread pool."""
    library = catalog.current()
    return library if library is not None else await run_in_threadpool(catalog.library)


async def get_templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates


async def get_log(request: Request, user: CurrentUser) -> UserLog:
    """The log as the request's user sees it."""
    return request.app.state.log.for_user(user)


async def get_shared_log(request: Request) -> TrainingLog:
    """The whole log, for the few routes that find their user themselves (the feed, login)."""
    return request.app.state.log


SettingsDep = Annotated[Settings, Depends(get_settings)]
LibraryDep = Annotated[Library, Depends(get_library)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
LogDep = Annotated[UserLog, Depends(get_log)]
SharedLogDep = Annotated[TrainingLog, Depends(get_shared_log)]


async def get_player_sessions(request: Request, user: CurrentUser) -> PlayerSessions:
    # The library is looked up here, not declared: each dependency FastAPI resolves
    # costs a recorded set more than the lookup itself.
    library = await get_library(await get_catalog(request, user))
    return PlayerSessions(
        request.app.state.log, request.app.state.writes, user=user, workouts=library.get
    )


PlayerSessionsDep = Annotated[PlayerSessions, Depends(get_player_sessions)]
LogUid = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9._:-]{1,36}$", description="A logged session's uid.")
]
WorkoutId = Annotated[
    str,
    Path(
        pattern=SLUG_PATTERN, max_length=64, description="A workout id, e.g. `runners-lower-body`."
    ),
]


def find_workout(workout_id: str, library: Library, *, location: str = "path") -> Workout:
    """The workout, or a 404 naming `workout_id`."""
    try:
        return library.get(workout_id)
    except LookupError as err:
        raise InputError(str(err.args[0]), field="workout_id", location=location) from None


async def get_workout(workout_id: WorkoutId, library: LibraryDep) -> Workout:
    return find_workout(workout_id, library)


WorkoutDep = Annotated[Workout, Depends(get_workout)]
