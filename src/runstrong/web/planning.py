"""The plan the web app shows and publishes, kept per user in the database.

A plan is computed once when a calendar is uploaded or a runs feed is
subscribed to, and stored with the calendar it came from; pages and the
calendar feed read the stored plan. Keeping it fresh is `plan_refresh`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any
from zoneinfo import ZoneInfo

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from runstrong.export.ics import Revision, SessionEvent, sessions_ics
from runstrong.plan import pipeline
from runstrong.plan.calendar_file import MAX_CALENDAR_BYTES, CalendarBytes
from runstrong.plan.classify import HINT_UNCLASSIFIED
from runstrong.plan.events import Kind
from runstrong.plan.feeds import FeedCopy, feed_url, fetch_feed, shown_url
from runstrong.plan.read_warnings import warning_lines
from runstrong.plan.report import session_line
from runstrong.plan.rules import PlanRules
from runstrong.plan.windows import parse_windows
from runstrong.plan.zones import user_zone
from runstrong.store.plans import read_plan, save_plan
from runstrong.web.deps import Slug
from runstrong.web.plan_view import EventView, PlanView, SessionSlot, WeekView
from runstrong.wording import plural
from runstrong.workouts.library import DEFAULT_WORKOUT
from runstrong.workouts.model import Workout

if TYPE_CHECKING:
    from runstrong.store.database import Store
    from runstrong.store.plans import StoredPlan

MAX_UPLOAD_BYTES = MAX_CALENDAR_BYTES
SUFFIXES = (".ics", ".csv")
#: Session revisions (for SEQUENCE) are kept this long after the session.
REVISIONS_KEPT = timedelta(days=400)


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
class Computed:
    """A freshly computed plan and what to store with it."""

    view: PlanView
    ics: bytes
    warnings: list[str]
    revisions: dict[str, Any]


def compute(
    calendar: CalendarBytes,
    options: PlanOptions,
    workout: Workout,
    *,
    source: str,
    source_kind: str,
    now: datetime,
    revisions: dict[str, Any] | None = None,
) -> Computed:
    """Plan from a calendar (the same steps as `runstrong plan`), from today on.

    Raises:
        PlanInputError: the calendar, a window or the time zone is not usable.
    """
    tz = user_zone(options.tz)
    today = now.astimezone(tz).date()
    planned = pipeline.plan_calendar(
        calendar,
        rules=PlanRules.for_workout(workout),
        windows=parse_windows(options.windows),
        tz=tz,
        first_day=max(options.start or today, today),
        weeks=options.weeks,
        run_time=options.run_time,
        now=now,
    )
    weeks = planned.weeks
    events = iter(pipeline.session_events(workout, weeks, _revisions_in(revisions or {})))
    view = PlanView(
        source=source,
        source_kind=source_kind,
        zone=tz.key,
        workout_id=workout.id,
        weeks=[_week_view(week, events) for week in weeks],
        left_out=warning_lines(planned.warnings, carrying_on=True),
        runs_left_out=[run.planned_without for run in planned.runs_left_out],
    )
    kept = {
        uid: entry
        for uid, entry in (revisions or {}).items()
        if datetime.fromisoformat(entry["start"]) > now - REVISIONS_KEPT
    }
    for week in view.weeks:
        for slot in week.sessions:
            kept[slot.uid] = {"start": slot.start.isoformat(), "sequence": slot.sequence}
    return Computed(view, plan_ics(view, workout), _warnings(weeks), kept)


def _week_view(week, events) -> WeekView:

    sessions = []
    for session in week.sessions:
        event = next(events)
        sessions.append(
            SessionSlot(
                start=session.start,
                end=session.end,
                reason=session.reason,
                margin_hours=session.margin_hours,
                next_quality=session.next_quality.label if session.next_quality else None,
                problems=list(session.problems),
                fixes=list(session.fixes),
                summary=session_line(session),
                uid=event.uid,
                sequence=event.sequence,
            )
        )
    return WeekView(
        monday=week.monday,
        note=week.note,
        events=[
            EventView(title=e.title, start=e.start, end=e.end, kind=e.kind.value, reason=e.reason)
            for e in week.events
        ],
        sessions=sessions,
    )


def _warnings(weeks) -> list[str]:

    unclassified = sum(1 for w in weeks for e in w.events if e.kind is Kind.UNCLASSIFIED)
    if not unclassified:
        return []
    return [
        f"{plural(unclassified, 'event')} unclassified, counted as busy time: {HINT_UNCLASSIFIED}"
    ]


def _revisions_in(stored: dict[str, Any]):

    return {
        uid: Revision(datetime.fromisoformat(entry["start"]), int(entry["sequence"]))
        for uid, entry in stored.items()
    }


def calendar_of(filename: str, data: bytes) -> CalendarBytes:
    """An uploaded calendar, named as the user named it.

    Raises:
        ValueError: the file is not .ics or .csv.
    """
    suffix = Path(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise ValueError(f"{filename!r} is not an .ics or .csv calendar")
    return CalendarBytes(name=Path(filename).name[:200], data=data, csv=suffix == ".csv")


def accept_upload(
    store: Store,
    user: str,
    *,
    filename: str,
    data: bytes,
    options: PlanOptions,
    workout: Workout,
    now: datetime,
) -> PlanView:
    """Plan from an uploaded calendar and keep both, replacing the user's plan.

    Raises:
        PlanInputError: the file or an option is not usable (nothing is kept).
        ValueError: the file is not .ics or .csv.
    """
    calendar = calendar_of(filename, data)
    previous = read_plan(store, user)
    computed = compute(
        calendar,
        options,
        workout,
        source=calendar.name,
        source_kind="file",
        now=now,
        revisions=previous.revisions if previous else None,
    )
    save_plan(
        store,
        user,
        **source_values("file", calendar.name, data, None),
        **plan_values(options, computed, now),
    )
    return computed.view


def accept_feed(
    store: Store,
    user: str,
    *,
    url: str,
    options: PlanOptions,
    workout: Workout,
    now: datetime,
    private_ok: bool = False,
) -> PlanView:
    """Fetch a runs feed, plan from it and keep both, replacing the user's plan.

    `private_ok` lets the feed be on a private network (see `Settings`).

    Raises:
        PlanInputError: not an https/webcal address, or the calendar or an
            option is not usable (nothing is kept).
        FeedError: the feed cannot be fetched, is on a private network, or is
            not a calendar.
    """
    copy = fetch_feed(feed_url(url), now=now, private_ok=private_ok)
    previous = read_plan(store, user)
    computed = compute(
        CalendarBytes(name=shown_url(copy.url), data=copy.body),
        options,
        workout,
        source=shown_url(copy.url),
        source_kind="feed",
        now=now,
        revisions=previous.revisions if previous else None,
    )
    save_plan(
        store,
        user,
        **source_values("feed", copy.url, copy.body, copy),
        **plan_values(options, computed, now),
    )
    return computed.view


def source_values(kind: str, name: str, data: bytes, copy: FeedCopy | None) -> dict[str, Any]:
    return {
        "source_kind": kind,
        "source_name": name,
        "calendar": data,
        "feed_etag": copy.etag if copy else None,
        "feed_last_modified": copy.last_modified if copy else None,
        "fetched_at": copy.fetched_at if copy else None,
        "feed_error": None,
        "feed_error_at": None,
    }


def plan_values(options: PlanOptions, computed: Computed, now: datetime) -> dict[str, Any]:
    return {
        "options": options.model_dump(mode="json"),
        "plan": computed.view.model_dump(mode="json"),
        "sessions_ics": computed.ics,
        "warnings": computed.warnings,
        "revisions": computed.revisions,
        "computed_at": now,
    }


def stored_view(stored: StoredPlan | None) -> PlanView | None:
    return PlanView.model_validate(stored.plan) if stored and stored.plan else None


def stored_options(stored: StoredPlan | None) -> PlanOptions:
    return (
        PlanOptions.model_validate(stored.options) if stored and stored.options else PlanOptions()
    )


def plan_ics(view: PlanView | None, workout: Workout) -> bytes:
    """The stored sessions as an iCalendar file (stable UIDs and SEQUENCE, in the plan's zone)."""

    if view is None:
        return sessions_ics(workout, [])
    zone = ZoneInfo(view.zone)
    events = [
        SessionEvent(
            slot.uid,
            slot.start.astimezone(zone),
            slot.end.astimezone(zone),
            note="\n".join(slot.problems or [slot.reason]),
            sequence=slot.sequence,
        )
        for week in view.weeks
        for slot in week.sessions
    ]
    return sessions_ics(workout, events)


def legacy_token(path: Path) -> str | None:
    """The feed secret kept in a file by earlier versions, so old subscriptions keep working."""
    try:
        token = path.read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return token or None
