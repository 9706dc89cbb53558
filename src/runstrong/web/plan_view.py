"""The computed plan as it is stored and served: weeks, events and sessions as plain data.

The plan is computed once (on upload or when the runs feed changes) and kept
as this model's JSON, so the plan page, the JSON API and the calendar feed
all read one stored result instead of planning again.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from runstrong.plan.events import Kind


class EventView(BaseModel):
    title: str
    start: datetime
    end: datetime
    kind: str
    reason: str

    @property
    def css(self) -> str:
        """The kind as a CSS class name ("speed", "long", ...)."""
        return Kind(self.kind).name.lower()


class SessionSlot(BaseModel):
    start: datetime
    end: datetime
    reason: str
    margin_hours: float | None
    next_quality: str | None
    problems: list[str]
    fixes: list[str]
    summary: str = Field("", description='e.g. "Thu 03 Dec 18:30-18:51, 62 h before ...".')
    uid: str = Field("", description="The calendar event's UID, stable for its week.")
    sequence: int = Field(0, description="Goes up each time the session moves.")

    @property
    def flagged(self) -> bool:
        return bool(self.problems)


class WeekView(BaseModel):
    monday: date
    note: str | None
    events: list[EventView]
    sessions: list[SessionSlot]


class PlanView(BaseModel):
    source: str = Field(description="The calendar file's name, or the feed's address.")
    source_kind: Literal["file", "feed"] = "file"
    zone: str
    workout_id: str
    weeks: list[WeekView]
    left_out: list[str] = Field([], description="What of the calendar was left out, and why.")
    runs_left_out: list[str] = Field(
        [], description="Skipped events that look like runs: the plan was made without them."
    )
