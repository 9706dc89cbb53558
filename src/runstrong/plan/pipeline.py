"""Calendar file in, planned weeks (and their .ics) out: the steps `plan` and the web share.

Reading, classifying and planning are separate modules; this one strings them
together the same way for every caller, including reading a few days past the
last week so runs just after it still limit where its session can go. What
reading left out travels with the result, and a skipped event that looks
like a run is singled out: the plan was made without it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from runstrong.export.ics import Revision, SessionEvent, revise, sessions_ics, weekly_uid
from runstrong.plan.calendar_file import CalendarBytes, read_calendar
from runstrong.plan.classify import Classifier, load_rules
from runstrong.plan.events import CalendarEvent, ClassifiedEvent, Kind
from runstrong.plan.read_options import ReadOptions
from runstrong.plan.read_warnings import ReadWarning
from runstrong.plan.rules import PlanRules
from runstrong.plan.scheduler import Week, plan_weeks
from runstrong.plan.windows import Windows
from runstrong.settings import Settings
from runstrong.workouts.model import Workout

_RUNS = frozenset({Kind.SPEED, Kind.LONG, Kind.RACE, Kind.EASY})


@dataclass(frozen=True)
class ClassifiedCalendar:
    """The events read, classified, and what reading left out.

    Attributes:
        runs_left_out: the skipped events that look like runs in the days read.
    """

    events: list[ClassifiedEvent]
    warnings: tuple[ReadWarning, ...]
    runs_left_out: tuple[ReadWarning, ...]


@dataclass(frozen=True)
class CalendarPlan:
    """The planned weeks, and what of the calendar they were planned without."""

    weeks: tuple[Week, ...]
    warnings: tuple[ReadWarning, ...]
    runs_left_out: tuple[ReadWarning, ...]


def read_classified(
    calendar: Path | CalendarBytes,
    *,
    tz: ZoneInfo,
    first_day: date,
    weeks: int,
    run_time: time = time(7, 0),
    rules_file: Path | None = None,
    extra_days: int = 0,
) -> ClassifiedCalendar:
    """The events of the Monday-to-Sunday weeks from `first_day` (plus `extra_days`), classified.

    Raises:
        PlanInputError: the calendar or the rules file cannot be used.
    """
    monday = first_day - timedelta(days=first_day.weekday())
    days = 7 * weeks + extra_days
    options = ReadOptions(tz=tz, run_time=run_time)
    read = read_calendar(calendar, first_day=monday, days=days, options=options)
    own_rules = Settings.from_env().calendar_rules_file
    if rules_file is None and own_rules.is_file():
        rules_file = own_rules
    classifier = load_rules(rules_file) if rules_file else Classifier()
    last = monday + timedelta(days=days - 1)
    return ClassifiedCalendar(
        events=[classifier.classify(event) for event in read.events],
        warnings=read.warnings,
        runs_left_out=tuple(
            w for w in read.warnings if _looks_like_run(classifier, w, monday, last)
        ),
    )


def _looks_like_run(classifier: Classifier, warning: ReadWarning, first: date, last: date) -> bool:
    """A skipped event whose title or notes say run, on a day read (or on an unknown day)."""
    if not warning.skipped_event or (warning.day and not first <= warning.day <= last):
        return False
    somewhen = datetime(2000, 1, 1, tzinfo=UTC)  # classifying reads only the words
    words = CalendarEvent(
        warning.title or "", somewhen, somewhen, warning.where, description=warning.description
    )
    return classifier.classify(words).kind in _RUNS


def plan_calendar(
    calendar: Path | CalendarBytes,
    *,
    rules: PlanRules,
    windows: Windows,
    tz: ZoneInfo,
    first_day: date,
    weeks: int,
    run_time: time = time(7, 0),
    rules_file: Path | None = None,
    now: datetime | None = None,
) -> CalendarPlan:
    """Plan `weeks` weeks of sessions around the runs in `calendar`, none before `now`.

    Raises:
        PlanInputError: the calendar or the rules file cannot be used.
    """
    lookahead = math.ceil(max(rules.recovery_hours / 24, rules.race_taper_days)) + 1
    read = read_classified(
        calendar,
        tz=tz,
        first_day=first_day,
        weeks=weeks,
        run_time=run_time,
        rules_file=rules_file,
        extra_days=lookahead,
    )
    planned = plan_weeks(
        read.events, rules, windows, tz=tz, first_day=first_day, weeks=weeks, now=now
    )
    return CalendarPlan(planned, read.warnings, read.runs_left_out)


def session_events(
    workout: Workout,
    weeks: tuple[Week, ...] | list[Week],
    previous: Mapping[str, Revision] | None = None,
) -> list[SessionEvent]:
    """The planned sessions as calendar events (stable UIDs, so re-imports update), each
    with a SEQUENCE one above `previous` when it moved."""
    events = [
        SessionEvent(
            weekly_uid(workout, session.start, number),
            session.start,
            session.end,
            note="\n".join(session.problems or (session.reason,)),
        )
        for week in weeks
        for number, session in enumerate(week.sessions, start=1)
    ]
    return revise(events, previous or {})


def weeks_ics(
    workout: Workout,
    weeks: tuple[Week, ...] | list[Week],
    previous: Mapping[str, Revision] | None = None,
) -> bytes:
    """The planned sessions as an iCalendar file."""
    return sessions_ics(workout, session_events(workout, weeks, previous))
