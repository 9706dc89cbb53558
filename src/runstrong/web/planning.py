"""The plan the web app shows and publishes: the uploaded run calendar, its options, the weeks.

The calendar file and the options it was uploaded with are kept in the data
folder, so the plan page and the calendar feed both recompute the plan from
them (a feed always shows the weeks from today on).
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from runstrong.plan import pipeline
from runstrong.plan.rules import PlanRules
from runstrong.plan.windows import parse_windows
from runstrong.plan.zones import user_zone
from runstrong.web.deps import Slug
from runstrong.workouts.library import DEFAULT_WORKOUT
from runstrong.workouts.model import Workout

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
SUFFIXES = (".ics", ".csv")
_FOLDER = "plan"
_OPTIONS = "options.json"


class PlanOptions(BaseModel):
    """How to read the calendar and what to plan; all have sensible defaults."""

    model_config = ConfigDict(extra="forbid")

    workout_id: Slug = DEFAULT_WORKOUT
    weeks: Annotated[int, Field(ge=1, le=26)] = 4
    start: date | None = Field(None, description="First day to plan; default today.")
    tz: Annotated[str, StringConstraints(max_length=64)] | None = Field(
        None, description="Time zone such as Europe/Berlin; default this machine's."
    )
    run_time: time = Field(time(7, 0), description="Start given to runs without a time.")
    windows: Annotated[
        list[Annotated[str, StringConstraints(max_length=64)]], Field(max_length=14)
    ] = Field(default_factory=list, description='When you can lift, e.g. "Mon-Fri 06:00-07:30".')


@dataclass(frozen=True)
class Plan:
    """Planned weeks and what they were made from."""

    weeks: tuple
    options: PlanOptions
    zone: str
    source: str


def plan_folder(data_dir: Path) -> Path:
    return data_dir / _FOLDER


def stored_calendar(data_dir: Path) -> Path | None:
    """The calendar uploaded last, under its own name (so messages name the user's file)."""
    folder = plan_folder(data_dir) / "calendar"
    files = sorted(folder.glob("*")) if folder.is_dir() else []
    return next((p for p in files if p.suffix in SUFFIXES and p.is_file()), None)


def stored_options(data_dir: Path) -> PlanOptions:
    path = plan_folder(data_dir) / _OPTIONS
    if not path.is_file():
        return PlanOptions()
    return PlanOptions.model_validate_json(path.read_text(encoding="utf-8"))


def accept_upload(
    data_dir: Path, *, filename: str, data: bytes, options: PlanOptions, workout: Workout
) -> Plan:
    """Plan from an uploaded calendar and keep it only if it can be planned from.

    Raises:
        PlanInputError: the file or an option is not usable (nothing is kept).
        ValueError: the file is not .ics or .csv.
    """
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"{filename!r} is not an .ics or .csv calendar")
    folder = plan_folder(data_dir)
    incoming, kept = folder / "incoming", folder / "calendar"
    incoming.mkdir(parents=True, exist_ok=True)
    kept.mkdir(exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9._-]", "_", Path(filename).stem)[:80] + suffix
    trial = incoming / name
    trial.write_bytes(data)
    try:
        plan = make_plan(trial, options, workout)
    except BaseException:
        trial.unlink(missing_ok=True)
        raise
    for old in kept.iterdir():
        old.unlink()
    os.replace(trial, kept / name)
    (folder / _OPTIONS).write_text(json.dumps(options.model_dump(mode="json")), encoding="utf-8")
    return plan


def make_plan(
    calendar: Path,
    options: PlanOptions,
    workout: Workout,
    *,
    today: date | None = None,
) -> Plan:
    """The weeks planned from a calendar file (the same steps as `runstrong plan`).

    Raises:
        PlanInputError: the calendar, a window or the time zone is not usable.
    """
    tz = user_zone(options.tz)
    weeks = pipeline.plan_calendar(
        calendar,
        rules=PlanRules.for_workout(workout),
        windows=parse_windows(options.windows),
        tz=tz,
        first_day=options.start or today or datetime.now(tz).date(),
        weeks=options.weeks,
        run_time=options.run_time,
    )
    return Plan(weeks=weeks, options=options, zone=tz.key, source=calendar.name)


def plan_ics(plan: Plan, workout: Workout) -> bytes:
    """The planned sessions as an iCalendar file (stable UIDs, so re-imports update)."""
    return pipeline.weeks_ics(workout, plan.weeks)
