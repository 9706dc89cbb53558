"""`runstrong plan` and `runstrong calendar show`: strength sessions around the user's runs."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time
from pathlib import Path

import click

from runstrong.atomic import write_atomic
from runstrong.cli.common import dir_option, load_workout
from runstrong.cli.errors import ExitStatus, UserError, warn
from runstrong.export.ics import read_revisions
from runstrong.plan.calendar_file import FIRST_YEAR, LAST_YEAR, CalendarBytes
from runstrong.plan.errors import PlanInputError
from runstrong.plan.feed_files import load_copy, save_copy
from runstrong.plan.feeds import FeedError, feed_url, fetch_feed, is_feed_url, shown_url
from runstrong.plan.pipeline import plan_calendar, read_classified, weeks_ics
from runstrong.plan.read_warnings import FIX_HINT, warning_lines
from runstrong.plan.report import events_text, plan_heading, plan_text
from runstrong.plan.rules import DEFAULT_BUFFER_MINUTES, PlanRules
from runstrong.plan.windows import parse_windows
from runstrong.plan.zones import user_zone
from runstrong.settings import Settings
from runstrong.wording import plural

calendar_argument = click.argument("calendar_file", metavar="FILE|URL")


def _calendar_options(*, start_help: str):
    """Options shared by every command that reads a calendar; `start_help` fits the command."""
    options = [
        click.option(
            "--start",
            type=click.DateTime(["%Y-%m-%d"]),
            callback=_check_start,
            help=f"{start_help} (YYYY-MM-DD); default today. Weeks run Monday to Sunday.",
        ),
        click.option("--weeks", type=click.IntRange(1, 104), default=4, show_default=True),
        click.option("--tz", "zone", metavar="ZONE", help="Your time zone, e.g. Europe/Berlin."),
        click.option(
            "--run-time",
            type=click.DateTime(["%H:%M"]),
            default="07:00",
            show_default=True,
            help="When you usually run: the start given to all-day events.",
        ),
        click.option(
            "--rules",
            "rules_file",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Your keyword rules (TOML, keyword = kind); default: calendar-rules.toml "
            "in the runstrong folder, if present.",
        ),
    ]

    def decorate(command):
        for option in reversed(options):
            command = option(command)
        return command

    return decorate


def _check_start(ctx: click.Context, param: click.Parameter, value: datetime | None):
    """A --start in the years calendars are read for, so no date arithmetic runs off the end."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise click.BadParameter(
            f"{value.date().isoformat()} is outside the years {FIRST_YEAR} to {LAST_YEAR}",
            ctx=ctx,
            param=param,
        )
    return value


@click.command()
@click.option(
    "--calendar",
    "calendar_file",
    required=True,
    metavar="FILE|URL",
    help="Your runs: an .ics file, a CSV of date,time,title[,kind][,duration], or a "
    "calendar feed's https:// or webcal:// address.",
)
@_calendar_options(start_help="First day to plan")
@click.option(
    "--per-week", type=click.IntRange(1, 7), help="Sessions a week (default: the workout's)."
)
@click.option(
    "--recovery-hours",
    type=click.FloatRange(0, 168),
    help="Hours between a session's end and the next quality run (default: the workout's).",
)
@click.option(
    "--race-taper-days",
    type=click.FloatRange(0, 28),
    default=7,
    show_default=True,
    help="No strength in this many days before a race.",
)
@click.option(
    "--buffer",
    "buffer_minutes",
    type=click.IntRange(0, 240),
    default=DEFAULT_BUFFER_MINUTES,
    show_default=True,
    help="Minutes kept clear between a run and a session, before and after the run.",
)
@click.option(
    "--window",
    "window_texts",
    multiple=True,
    metavar='"DAYS HH:MM-HH:MM"',
    help='When you can lift, e.g. "Mon-Fri 06:00-07:30" (repeatable; default 06:00-21:00 daily).',
)
@click.option(
    "--ics",
    "ics_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the sessions to this .ics file for your calendar app.",
)
@click.option("--workout", "workout_ref", metavar="WORKOUT", help="Workout id or YAML file.")
@dir_option
def plan(
    calendar_file: str,
    start: datetime | None,
    weeks: int,
    zone: str | None,
    run_time: datetime,
    rules_file: Path | None,
    per_week: int | None,
    recovery_hours: float | None,
    race_taper_days: float,
    buffer_minutes: int,
    window_texts: tuple[str, ...],
    ics_file: Path | None,
    workout_ref: str | None,
    dirs: tuple[Path, ...],
) -> None:
    """Place strength sessions around the runs in your calendar, week by week."""
    workout = load_workout(workout_ref, dirs)
    with _user_errors():
        windows = parse_windows(window_texts)
        rules = PlanRules.for_workout(
            workout,
            sessions_per_week=per_week,
            recovery_hours=recovery_hours,
            race_taper_days=race_taper_days,
            buffer_minutes=buffer_minutes,
        )
        tz = user_zone(zone)
        calendar = calendar_source(calendar_file)
        planned = plan_calendar(
            calendar,
            rules=rules,
            windows=windows,
            tz=tz,
            first_day=_first_day(start, tz),
            weeks=weeks,
            run_time=_clock(run_time),
            rules_file=rules_file,
            now=now(),
        )
    _warn_left_out(planned.warnings)
    heading = plan_heading(
        workout.title, rules, windows=windows.text, zone=tz.key, source=calendar.name
    )
    text = plan_text(planned.weeks, heading=heading, runs_left_out=planned.runs_left_out)
    click.echo(text, nl=False)
    if ics_file is not None:
        _write_ics(ics_file, workout, planned.weeks)


@click.group()
def calendar() -> None:
    """Look at a calendar the way the planner reads it."""


@calendar.command("show")
@calendar_argument
@_calendar_options(start_help="A day in the first week to show")
def show_calendar(
    calendar_file: str,
    start: datetime | None,
    weeks: int,
    zone: str | None,
    run_time: datetime,
    rules_file: Path | None,
) -> None:
    """List the events in FILE (or the feed at URL) and how each one was classified."""
    with _user_errors():
        tz = user_zone(zone)
        read = read_classified(
            calendar_source(calendar_file),
            tz=tz,
            first_day=_first_day(start, tz),
            weeks=weeks,
            run_time=_clock(run_time),
            rules_file=rules_file,
        )
    _warn_left_out(read.warnings)
    click.echo(events_text(read.events), nl=False)


def _warn_left_out(warnings) -> None:
    """Each event the calendar had but the plan is made without, then what to do about them."""
    if not warnings:
        return
    for line in warning_lines(warnings, carrying_on=True):
        warn(line)
    if any(w.skipped_event for w in warnings):
        click.echo(f"  hint: {FIX_HINT}", err=True)


@calendar.command("feed-token")
@click.option("--rotate", is_flag=True, help="Give the feed a new secret; the old address stops.")
def feed_token(rotate: bool) -> None:
    """Print the path of the strength-session feed `runstrong serve` publishes."""
    # lazy: the log (SQLAlchemy) loads only for this command
    from runstrong.cli.db import opened_log
    from runstrong.store.plans import ensure_plan, rotate_token

    with opened_log() as store:
        token = rotate_token(store) if rotate else ensure_plan(store).feed_token
    click.echo(f"/calendar/{token}.ics")
    if rotate:
        click.echo("The old feed address no longer works: subscribe to the new one.", err=True)


def calendar_source(text: str) -> Path | CalendarBytes:
    """A calendar file's path, or a feed fetched now (its last good copy when that fails).

    A feed's copy is kept in the data folder, so an unchanged feed is not sent
    again and an unreachable one still plans from what it last said.
    """
    if not is_feed_url(text):
        return Path(text)
    url = feed_url(text)
    settings = Settings.from_env()
    folder = settings.feed_copies_dir
    kept = load_copy(folder, url)
    try:
        copy = fetch_feed(url, previous=kept, now=now(), private_ok=settings.allow_private_feeds)
    except FeedError as err:
        if kept is None:
            raise UserError(str(err), hint=err.hint, status=ExitStatus.FAILURE) from None
        click.echo(
            f"runstrong: warning: {err}; planning from the copy fetched "
            f"{kept.fetched_at.astimezone():%Y-%m-%d %H:%M}",
            err=True,
        )
        copy = kept
    else:
        save_copy(folder, copy)
    return CalendarBytes(name=shown_url(url), data=copy.body)


def now() -> datetime:
    """The current time: no session is proposed before it (tests set their own)."""
    return datetime.now(UTC)


def _first_day(start: datetime | None, tz) -> date:
    return start.date() if start else now().astimezone(tz).date()


def _clock(value: datetime) -> time:
    return time(value.hour, value.minute)


def _write_ics(path: Path, workout, weeks) -> None:
    # Sessions that moved since the file was last written get a higher SEQUENCE.
    previous = read_revisions(path.read_bytes()) if path.is_file() else {}
    write_atomic(path, weeks_ics(workout, weeks, previous))
    count = sum(len(week.sessions) for week in weeks)
    click.echo(f"wrote {plural(count, 'session')} to {path}", err=True)


def session_start(at: datetime | None, zone: str | None) -> datetime:
    """`--at` read in the zone `--tz` names (default: this machine's zone)."""
    if at is None:
        raise UserError("--format ics needs --at", hint='e.g. --at "2026-12-03 18:30"')

    with _user_errors():
        return at.replace(tzinfo=user_zone(zone))


@contextmanager
def _user_errors() -> Iterator[None]:
    """Planner input problems become one error line and exit status 2."""
    try:
        yield
    except PlanInputError as err:
        raise UserError(str(err), hint=err.hint) from None
