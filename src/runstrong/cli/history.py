"""Commands that read the log (history, stats, next and chart), and delete from it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from runstrong.cli.common import load_workout, workout_argument
from runstrong.cli.db import opened_log
from runstrong.cli.errors import UserError
from runstrong.progress.advice import advice_from_log
from runstrong.progress.charts import ChartError, adherence_svg, load_svg, save
from runstrong.progress.loads import load_text
from runstrong.store.history import SHORT_ID, SessionSummary, recent_sessions
from runstrong.store.live_sessions import LiveSessions
from runstrong.store.stats import (
    adherence,
    completed_days,
    exercise_totals,
    first_day,
    load_over_time,
    load_unit,
)
from runstrong.wording import duration_text, plural

if TYPE_CHECKING:
    from runstrong.workouts.model import Exercise, Workout

unit_option = click.option(
    "--unit",
    type=click.Choice(["kg", "lb"]),
    help="Show loads in this unit (default: the unit you logged them in; the one used more "
    "where a figure mixes both).",
)


@click.command()
@click.option("-n", "--limit", default=10, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--workout", "workout_id", metavar="WORKOUT", help="Only sessions of this workout.")
@unit_option
def history(limit: int, workout_id: str | None, unit: str | None) -> None:
    """Your most recent sessions, newest first."""
    with opened_log() as store:
        rows = recent_sessions(store, workout_id=workout_id, limit=limit)
    if not rows:
        of = f" of {workout_id}" if workout_id else ""
        click.echo(f"No sessions{of} logged yet. Record one with 'runstrong log'.")
        return
    click.echo(
        f"{'id':<{SHORT_ID}}  {'date':<16}  {'workout':<20} {'status':<11} {'time':>9} "
        f"{'sets':>5} {'volume':>10} {'best':>9} {'RPE':>3}  notes"
    )
    for row in rows:
        took = (
            duration_text((row.ended_at - row.started_at).total_seconds()) if row.ended_at else "-"
        )
        volume = load_text(row.volume_kg, unit or row.unit) if row.volume_kg else "-"
        best = load_text(row.best_load_kg, unit or row.best_load_unit) if row.best_load_kg else "-"
        notes = (row.notes or "").replace("\n", " ")
        click.echo(
            f"{row.uid[:SHORT_ID]:<{SHORT_ID}}  {row.started_at.astimezone():%Y-%m-%d %H:%M}  "
            f"{row.workout_id[:20]:<20} {row.status:<11} {took:>9} "
            f"{f'{row.sets_done}/{row.sets}':>5} {volume:>10} {best:>9} {row.rpe or '-':>3}  "
            f"{notes[:40]}"
        )


@click.command("delete")
@click.argument("session_id", metavar="ID")
@click.option("-y", "--yes", is_flag=True, help="Delete without asking first.")
def delete_session(session_id: str, yes: bool) -> None:
    """Delete the session ID from the log, with all its sets (ID: its start, as 'history' shows).

    A session being played is deleted too: neither player can carry it on.
    """
    if not 4 <= len(session_id) <= 36:
        raise UserError(
            f"{session_id!r} is not a session id",
            hint="give its first 8 characters, as 'runstrong history' shows",
        )
    with opened_log() as store:
        found = recent_sessions(store, id_prefix=session_id, limit=2)
        if not found:
            raise UserError(
                f"no session has an id starting with {session_id!r}",
                hint="'runstrong history' lists sessions with their ids",
            )
        if len(found) > 1:
            raise UserError(
                f"more than one session has an id starting with {session_id!r}",
                hint="give more of the id: " + ", ".join(row.uid for row in found),
            )
        [row] = found
        if not yes and not click.confirm(f"Delete {_described(row)}?", default=False):
            click.echo("Nothing was deleted.")
            return
        LiveSessions(store).delete(row.uid)
    click.echo(f"Deleted {_described(row)}.")


def _described(row: SessionSummary) -> str:
    """ "the runners-lower-body session of 2026-11-20 07:00 (abandoned, 2/35 sets)"."""
    return (
        f"the {row.workout_id} session of {row.started_at.astimezone():%Y-%m-%d %H:%M} "
        f"({row.status}, {row.sets_done}/{row.sets} sets)"
    )


@click.command()
@workout_argument
@click.option("--weeks", default=12, show_default=True, type=click.IntRange(1, 520))
@unit_option
def stats(workout: str | None, weeks: int, unit: str | None) -> None:
    """Weekly adherence, streak of weeks, and totals per exercise for WORKOUT."""
    chosen = load_workout(workout)
    with opened_log() as store:
        days = completed_days(store, workout_id=chosen.id)
        first = first_day(store, workout_id=chosen.id)
        totals = exercise_totals(store, workout_id=chosen.id)
    target = chosen.schedule.sessions_per_week
    today = datetime.now().astimezone().date()
    record = adherence(days, target=target, today=today, weeks=weeks, since=first or today)
    per = "once a week" if target == 1 else f"{target} times a week"
    click.echo(f"{chosen.title}: target {per}")
    judged = len(record.judged)
    if judged:
        share = round(100 * record.on_target / judged)
        since = "" if first is None or judged == weeks else f" since {first:%d %b %Y}"
        click.echo(f"Weeks on target: {record.on_target} of {judged}{since} ({share}%)")
    if record.under_way:
        so_far = record.weeks[-1].sessions
        click.echo(f"This week: {so_far} of {target} so far (the week is not over)")
    click.echo(f"Current streak: {plural(record.streak, 'week')}")
    if not totals:
        click.echo("No sets logged yet for this workout.")
        return
    names = {e.id: e.name for e in chosen.exercises()}
    click.echo(
        f"\n{'exercise':<40} {'sets':>5} {'reps':>6} {'time':>12} {'volume':>12} {'best load':>10}"
    )
    order = {exercise_id: n for n, exercise_id in enumerate(names)}
    for row in sorted(totals, key=lambda t: order.get(t.exercise_id, len(order))):
        volume = load_text(row.volume_kg, unit or row.unit) if row.volume_kg else "-"
        best = load_text(row.best_load_kg, unit or row.unit) if row.best_load_kg else "-"
        took = duration_text(row.seconds) if row.seconds else "-"
        click.echo(
            f"{names.get(row.exercise_id, row.exercise_id)[:40]:<40} {row.sets:>5} "
            f"{row.reps or '-':>6} {took:>12} {volume:>12} {best:>10}"
        )


@click.command("next")
@workout_argument
@unit_option
def next_session(workout: str | None, unit: str | None) -> None:
    """What to do next time in WORKOUT, exercise by exercise, and why."""
    chosen = load_workout(workout)
    with opened_log() as store:
        advice_list = advice_from_log(store, chosen, unit=unit)
    click.echo(f"Next time in {chosen.title}:")
    for advice in advice_list:
        click.echo(f"\n{advice.headline}")
        click.echo(f"  {advice.reason}")


@click.command()
@click.argument("subject", required=False, default="adherence", metavar="[EXERCISE|adherence]")
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the chart: a .svg or .png file.",
)
@click.option("--workout", "workout_ref", metavar="WORKOUT", help="Workout id (default: built-in).")
@click.option("--weeks", default=26, show_default=True, type=click.IntRange(1, 520))
@unit_option
def chart(
    subject: str, output: Path, workout_ref: str | None, weeks: int, unit: str | None
) -> None:
    """Chart the load of one EXERCISE over time, or the weeks done and missed."""
    chosen = load_workout(workout_ref)
    with opened_log() as store:
        if subject == "adherence":
            days = completed_days(store, workout_id=chosen.id)
            today = datetime.now().astimezone().date()
            since = first_day(store, workout_id=chosen.id) or today
            record = adherence(
                days,
                target=chosen.schedule.sessions_per_week,
                today=today,
                weeks=weeks,
                since=since,
            )
            svg = adherence_svg(record)
        else:
            exercise = _exercise(chosen, subject)
            points = load_over_time(store, exercise_id=exercise.id)
            if not points:
                raise UserError(
                    f"no loads logged for {exercise.name} yet",
                    hint="log one with 'runstrong log --load EXERCISE=KG'",
                )
            shown = unit or load_unit(store, exercise_id=exercise.id)
            svg = load_svg(points, exercise_name=exercise.name, unit=shown)
    try:
        save(svg, output)
    except ChartError as err:
        raise UserError(str(err), hint="use a .svg or .png file") from None
    click.echo(f"Wrote {output}.")


def _exercise(workout: Workout, name: str) -> Exercise:
    """An exercise by id or by name (any case)."""
    for exercise in workout.exercises():
        if name == exercise.id or name.lower() == exercise.name.lower():
            return exercise
    known = ", ".join(e.id for e in workout.exercises())
    raise UserError(
        f"{workout.id} has no exercise {name!r}", hint=f"use 'adherence' or one of: {known}"
    )
