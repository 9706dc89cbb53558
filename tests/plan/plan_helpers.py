"""Helpers for planner tests: events built in one line, and where the example calendars are."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from runstrong.plan.events import CalendarEvent, ClassifiedEvent, Kind

DATA = Path(__file__).parent / "data"


def event(
    start: datetime, kind: Kind, *, minutes: int = 60, title: str | None = None
) -> ClassifiedEvent:
    """A classified event, as the scheduler receives it."""
    raw = CalendarEvent(title or kind.value, start, start + timedelta(minutes=minutes), "test")
    return ClassifiedEvent(raw, kind, "test")


def at(text: str, zone: str = "Europe/Berlin") -> datetime:
    """An aware datetime from "2026-12-01 06:00"."""
    return datetime.fromisoformat(text).replace(tzinfo=ZoneInfo(zone))
