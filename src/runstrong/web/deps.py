"""Dependencies the routes declare, as `Annotated` aliases so signatures stay short."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Request
from fastapi.templating import Jinja2Templates
from pydantic import StringConstraints

from runstrong.library import Library
from runstrong.model import Workout
from runstrong.web.catalog import Catalog
from runstrong.web.errors import InputError
from runstrong.web.player_sessions import SessionBoard
from runstrong.web.settings import Settings
from runstrong.web.training_log import TrainingLog

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
#: an id in a request body: a workout, exercise or variation id.
Slug = Annotated[str, StringConstraints(pattern=SLUG_PATTERN, max_length=64)]


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_library(request: Request) -> Library:
    return get_catalog(request).library()


def get_catalog(request: Request) -> Catalog:
    return request.app.state.catalog


def get_templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates


def get_board(request: Request) -> SessionBoard:
    return request.app.state.board


def get_log(request: Request) -> TrainingLog:
    return request.app.state.log


SettingsDep = Annotated[Settings, Depends(get_settings)]
LibraryDep = Annotated[Library, Depends(get_library)]
CatalogDep = Annotated[Catalog, Depends(get_catalog)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
BoardDep = Annotated[SessionBoard, Depends(get_board)]
LogDep = Annotated[TrainingLog, Depends(get_log)]
LogUid = Annotated[
    str, Path(pattern=r"^[A-Za-z0-9._:-]{1,36}$", description="A logged session's uid.")
]
WorkoutId = Annotated[
    str,
    Path(
        pattern=SLUG_PATTERN, max_length=64, description="A workout id, e.g. `runners-lower-body`."
    ),
]


def get_workout(workout_id: WorkoutId, library: LibraryDep) -> Workout:
    try:
        return library.get(workout_id)
    except LookupError as err:
        raise InputError(str(err.args[0]), field="workout_id") from None


WorkoutDep = Annotated[Workout, Depends(get_workout)]
