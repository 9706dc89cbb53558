"""Commands that write the log or move it in and out: log, export-log, import-log."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from runstrong.atomic import write_atomic
from runstrong.cli.common import load_workout
from runstrong.cli.db import opened_log
from runstrong.cli.errors import UserError
from runstrong.progress.loads import parse_load
from runstrong.store.entries import EARLIEST, FUTURE_ALLOWANCE, Status, check_against
from runstrong.store.history import session_entry
from runstrong.store.manual import Details, amend, new_session
from runstrong.store.sessions import (
    all_sessions,
    import_sessions,
    last_session,
    replace_session,
    save_session,
)
from runstrong.store.transfer import read_csv, read_json, write_csv, write_json
from runstrong.wording import plural

if TYPE_CHECKING:
    from runstrong.progress.loads import Unit
    from runstrong.store.database import Store
    from runstrong.store.manual import Details
    from runstrong.workouts.model import Workout

T = TypeVar("T")
unit_option = click.option(
    "--unit",
    type=click.Choice(["kg", "lb"]),
    default="kg",
    show_default=True,
    help="Unit for loads typed without one.",
)


def parse_when(text: str, *, now: datetime) -> datetime:
    """ "2026-11-20" (at noon, or now if today) or "2026-11-20 18:30", in local time.

    Raises:
        UserError: not a date, before 1970, or more than a day ahead of `now`.
    """
    try:
        day = date.fromisoformat(text)
    except ValueError:
        moment = _moment(text, now=now)
    else:
        _check_day(text, day, now=now)
        if day == now.astimezone().date():
            return now
        moment = datetime.combine(day, time(12)).astimezone()
    if moment > now + FUTURE_ALLOWANCE:
        raise _in_the_future(text)
    return moment


def _moment(text: str, *, now: datetime) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise UserError(
            f"{text!r} is not a date", hint="write YYYY-MM-DD, or YYYY-MM-DD HH:MM"
        ) from None
    _check_day(text, moment.date(), now=now)
    return moment if moment.tzinfo else moment.astimezone()


def _check_day(text: str, day: date, *, now: datetime) -> None:
    """Refuse days out of the log's range before any time zone arithmetic can overflow."""
    if day < EARLIEST.date():
        raise UserError(
            f"{text!r} is too early", hint=f"a session can be dated {EARLIEST:%Y-%m-%d} or later"
        )
    if day > now.date() + timedelta(days=2):
        raise _in_the_future(text)


def _in_the_future(text: str) -> UserError:
    return UserError(
        f"{text!r} is in the future", hint="a session can be logged at most a day ahead"
    )


def _pairs(values: tuple[str, ...], option: str, convert: Callable[[str], T]) -> dict[str, T]:
    """ "b-squat=12" pairs into a dict, each value converted (ValueError -> usage error)."""
    result: dict[str, T] = {}
    for value in values:
        name, sep, raw = value.partition("=")
        if not sep or not name.strip() or not raw.strip():
            raise UserError(f"{option} {value!r}: expected EXERCISE=VALUE")
        try:
            result[name.strip()] = convert(raw.strip())
        except ValueError as err:
            raise UserError(f"{option} {value!r}: {err}") from None
    return result


def _whole(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise ValueError(f"{text!r} is not a whole number") from None


@click.command("log")
@click.option("--workout", "workout_ref", metavar="WORKOUT", help="Workout id or file.")
@click.option("--date", "when", metavar="DATE", help="When: YYYY-MM-DD [HH:MM], local time.")
@click.option(
    "--load",
    "loads",
    multiple=True,
    metavar="EXERCISE=LOAD",
    help="Weight used, e.g. b-squat=12 or b-squat=25lb (repeatable).",
)
@unit_option
@click.option("--rpe", type=int, help="How hard the session felt, 1 (easy) to 10 (maximal).")
@click.option(
    "--exercise-rpe", "exercise_rpe", multiple=True, metavar="EXERCISE=N", help="RPE of one move."
)
@click.option(
    "--reps", multiple=True, metavar="EXERCISE=N", help="Reps done per set when short of the plan."
)
@click.option(
    "--variation", "variations", multiple=True, metavar="EXERCISE=VARIATION", help="Variation done."
)
@click.option("--notes", help="Anything worth remembering about the session.")
@click.option("--abandoned", is_flag=True, help="The session was stopped before the end.")
@click.option("--amend", is_flag=True, help="Change the last session instead of adding one.")
@click.option("-i", "--interactive", is_flag=True, help="Ask for each detail in turn.")
def log_session(
    workout_ref: str | None,
    when: str | None,
    loads: tuple[str, ...],
    unit: Unit,
    rpe: int | None,
    exercise_rpe: tuple[str, ...],
    reps: tuple[str, ...],
    variations: tuple[str, ...],
    notes: str | None,
    abandoned: bool,
    amend: bool,
    interactive: bool,
) -> None:
    """Record a session done away from the player (or fix the last one with --amend).

    Without details the session is logged as done in full, today, at the
    standard dose. Sets take the loads given; the effort (--rpe) is the
    session's, --exercise-rpe the effort of one move.
    """
    now = datetime.now(UTC)
    details = Details(
        started_at=parse_when(when, now=now) if when else None,
        rpe=rpe,
        notes=notes or None,
        status=Status.ABANDONED if abandoned else None,
        variations=_pairs(variations, "--variation", str),
        loads=_pairs(loads, "--load", lambda text: parse_load(text, unit)),
        reps=_pairs(reps, "--reps", _whole),
        exercise_rpe=_pairs(exercise_rpe, "--exercise-rpe", _whole),
    )
    with opened_log() as store:
        if amend:
            _amend_last(store, details, interactive, unit, workout_ref)
            return
        workout = load_workout(workout_ref)
        if interactive:
            details = _ask(workout, details, unit, amending=False)
        _add(store, workout, details, now)


def _add(store: Store, workout: Workout, details: Details, now: datetime) -> None:
    entry = new_session(workout, details, now=now)
    save_session(store, entry)
    when = entry.started_at.astimezone()
    sets = plural(len(entry.sets), "set")
    click.echo(f"Logged {workout.title} on {when:%a %d %b %Y %H:%M} ({sets}).")


def _amend_last(
    store: Store, details: Details, interactive: bool, unit: Unit, ref: str | None
) -> None:
    last = last_session(store)
    if last is None:
        raise UserError("the log is empty: there is no session to amend")
    if ref is not None and load_workout(ref).id != last.workout_id:
        raise UserError(f"the last session was {last.workout_id}, not {ref}")
    workout = load_workout(last.workout_id)
    if interactive:
        details = _ask(workout, details, unit, amending=True)
    replace_session(store, amend(last, workout, details))
    when = last.started_at.astimezone()
    click.echo(f"Amended the session of {when:%a %d %b %Y %H:%M} ({workout.title}).")


def _ask(workout: Workout, given: Details, unit: Unit, *, amending: bool) -> Details:
    """Prompt for what was not given on the command line; a bad answer is asked again.

    Blank answers mean "none" for a new session and "keep it" when amending.
    """
    blank = "blank to keep" if amending else "blank for none"
    now = datetime.now(UTC)

    def when(text: str) -> datetime | None:
        if text in ("today", "unchanged"):
            return None
        try:
            return parse_when(text, now=now)
        except UserError as err:
            raise click.BadParameter(f"{err.format_message()} ({err.hint})") from None

    def rpe(text: str) -> int | None:
        if not text.strip():
            return None
        if not text.strip().isdigit() or not 1 <= int(text) <= 10:
            raise click.BadParameter("write a whole number from 1 (easy) to 10 (maximal)")
        return int(text)

    def load(text: str) -> tuple[float, Unit] | None:
        if not text.strip():
            return None
        try:
            return parse_load(text, unit)
        except ValueError as err:
            raise click.BadParameter(str(err)) from None

    def ask(question: str, convert: Callable[[str], T], default: str = "") -> T:
        return click.prompt(
            question, default=default, show_default=bool(default), value_proc=convert
        )

    started = given.started_at
    if started is None:
        started = ask("Date (YYYY-MM-DD [HH:MM])", when, "unchanged" if amending else "today")
    effort = given.rpe if given.rpe is not None else ask(f"Overall effort, RPE 1-10 ({blank})", rpe)
    loads = dict(given.loads)
    for exercise in workout.exercises():
        if not exercise.load.kind.weight or exercise.id in loads:
            continue
        answer = ask(f"Load for {exercise.name} ({unit}, {blank})", load)
        if answer is not None:
            loads[exercise.id] = answer
    notes = given.notes or ask(f"Notes ({blank})", str).strip()
    return replace(given, started_at=started, rpe=effort, loads=loads, notes=notes or None)


@click.command("export-log")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json", "fit"]),
    default="csv",
    show_default=True,
    help="csv or json: the whole log; fit: one session as an activity for Garmin Connect, "
    "Strava or intervals.icu.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="File (default: stdout).",
)
@click.option(
    "--session",
    "uid",
    metavar="WHEN|UID",
    help="FIT: the session to write, by its start as `runstrong history` shows it "
    '("2026-10-05 07:30") or its uid; default the latest.',
)
def export_log(fmt: str, output: Path | None, uid: str | None) -> None:
    """Write the whole log as CSV (one row per set) or JSON, or one session as a FIT activity."""
    if fmt == "fit":
        _export_activity(uid, output)
        return
    if uid is not None:
        raise UserError("--session only applies to --format fit", hint="add --format fit")
    with opened_log() as store:
        entries = all_sessions(store)
    text = (write_csv if fmt == "csv" else write_json)(entries)
    if output is None:
        sys.stdout.write(text)
        return
    write_atomic(output, text.encode("utf-8"))
    click.echo(f"Wrote {plural(len(entries), 'session')} to {output}.", err=True)


def _minute(text: str) -> datetime | None:
    """A local "YYYY-MM-DD HH:MM" as an aware datetime, or None when `text` is not one."""
    try:
        return datetime.strptime(text.strip(), "%Y-%m-%d %H:%M").astimezone()
    except ValueError:
        return None


def _export_activity(uid: str | None, output: Path | None) -> None:
    """One session as a FIT activity file: to `output`, a pipe, or `<workout>-<date>.fit`."""
    # lazy: fit-tool loads only for this format
    from runstrong.export.formats import SESSION_FORMATS

    started = _minute(uid) if uid else None
    with opened_log() as store:
        if uid is None:
            entry = last_session(store)
        else:
            entry = session_entry(store, None if started else uid, started=started)
    if entry is None:
        raise UserError(
            f"no session {uid!r} in the log" if uid else "the log has no sessions yet",
            hint="see `runstrong history` for the sessions and their ids",
        )
    try:
        workout = load_workout(entry.workout_id)
    except UserError:
        workout = None  # sets then carry no exercise category
    fit = SESSION_FORMATS["fit"]
    data = fit.write(entry, workout)
    if output is None and not click.get_binary_stream("stdout").isatty():
        click.get_binary_stream("stdout").write(data)
        return
    when = entry.started_at.astimezone()
    output = output or Path(f"{entry.workout_id}-{when:%Y-%m-%d-%H%M}{fit.suffix}")
    try:
        write_atomic(output, data)
    except OSError as err:
        raise UserError(f"cannot write {output}: {err.strerror}") from None
    click.echo(
        f"Wrote the session of {entry.started_at.astimezone():%Y-%m-%d %H:%M} to {output}.",
        err=True,
    )


@click.command("import-log")
@click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["csv", "json"]),
    help="Format of SOURCE (default: from its extension).",
)
def import_log(source: Path, fmt: str | None) -> None:
    """Add the sessions of an export to the log; sessions already there are skipped.

    Every session is checked first: if one is invalid, nothing is imported.
    """
    fmt = fmt or ("json" if source.suffix.lower() == ".json" else "csv")
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise UserError(f"cannot read {source}: {err}") from None
    with opened_log() as store:
        entries = (read_json if fmt == "json" else read_csv)(text)
        workouts: dict[str, Workout] = {}
        for entry in entries:
            if entry.workout_id not in workouts:
                workouts[entry.workout_id] = load_workout(entry.workout_id)
            check_against(entry, workouts[entry.workout_id])
        added = import_sessions(store, entries)
    skipped = len(entries) - added
    already = "was" if skipped == 1 else "were"
    click.echo(f"Imported {plural(added, 'session')} ({skipped} {already} already in the log).")
