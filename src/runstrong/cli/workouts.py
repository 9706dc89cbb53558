"""Commands that read workouts: list, show, timeline, validate, schema."""

from __future__ import annotations

import json
from pathlib import Path

import click

from runstrong.cli.common import (
    dir_option,
    echo_markdown,
    load_workout,
    warn_skipped,
    workout_argument,
)
from runstrong.cli.errors import ExitStatus, UserError
from runstrong.export.markdown import workout_markdown
from runstrong.settings import Settings
from runstrong.timeline import compile_timeline
from runstrong.wording import dose_text, duration_text
from runstrong.workouts.catalog import builtin_catalog
from runstrong.workouts.file import WorkoutFileError, load_workout_file
from runstrong.workouts.library import load_library
from runstrong.workouts.model import Workout


@click.command("list")
@dir_option
def list_workouts(dirs: tuple[Path, ...]) -> None:
    """List the built-in workouts and those in your workouts folder."""
    library = load_library(dirs)
    width = max(len(e.workout.id) for e in library.entries)
    for entry in library.entries:
        planned = duration_text(compile_timeline(entry.workout).total_seconds)
        where = "built-in" if entry.builtin else str(entry.path)
        click.echo(f"{entry.workout.id:<{width}}  {entry.workout.title}  ~{planned}  [{where}]")
    for broken in library.broken:
        warn_skipped(broken)
    click.echo(f"\nYour own workouts go in {Settings.from_env().user_workouts_dir}", err=True)


@click.command()
@workout_argument
@dir_option
def show(workout: str | None, dirs: tuple[Path, ...]) -> None:
    """Show WORKOUT (default: the built-in lower-body routine) in full."""
    echo_markdown(workout_markdown(load_workout(workout, dirs)))


@click.command()
@workout_argument
@dir_option
@click.option(
    "--variation",
    "variations",
    multiple=True,
    metavar="EXERCISE=VARIATION",
    help="Do a variation instead of the standard move (repeatable).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the steps as JSON.")
def timeline(
    workout: str | None, dirs: tuple[Path, ...], variations: tuple[str, ...], as_json: bool
) -> None:
    """Every step of a WORKOUT session in order, with planned seconds and totals."""
    loaded = load_workout(workout, dirs)
    chosen = dict(_pair(v) for v in variations)
    try:
        compiled = compile_timeline(loaded, chosen)
    except KeyError as err:
        raise UserError(str(err.args[0]), hint="'runstrong show' lists the variations") from None
    if as_json:
        click.echo(compiled.model_dump_json(indent=2))
        return
    click.echo(f"{'#':>3}  {'block':<15} {'round':<5} {'kind':<14} {'step':<48} {'planned':>8}")
    for step in compiled.steps:
        planned = f"{'~' if step.estimated else ''}{step.seconds:g} s"
        rounds = f"{step.round}/{step.rounds}"
        reps = f" - {step.reps} reps" if step.reps and step.kind == "work" else ""
        click.echo(
            f"{step.index + 1:>3}  {step.block_name:<15} {rounds:<5} {step.kind.value:<14} "
            f"{step.label + reps:<48} {planned:>8}"
        )
    click.echo("")
    for kind, seconds in compiled.seconds_by_kind().items():
        if seconds:
            click.echo(f"{kind.value:>16}: {duration_text(seconds)}")
    click.echo(
        f"{'total':>16}: {duration_text(compiled.total_seconds)} in {len(compiled.steps)} steps"
        f" (~ marks estimates: {duration_text(compiled.estimated_seconds)})"
    )


def _pair(text: str) -> tuple[str, str]:
    exercise, sep, variation = text.partition("=")
    if not sep or not exercise or not variation:
        raise UserError(f"--variation {text!r} should look like EXERCISE=VARIATION")
    return exercise, variation


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
def validate(files: tuple[Path, ...]) -> None:
    """Check workout FILES; print each problem as path:line:col: field: message."""
    failed = False
    for path in files:
        try:
            workout = load_workout_file(path)
        except WorkoutFileError as err:
            failed = True
            for problem in err.problems:
                click.echo(str(problem), err=True)
            continue
        planned = duration_text(compile_timeline(workout).total_seconds)
        click.echo(f"{path}: ok ({workout.id} v{workout.version}, planned {planned})")
    if failed:
        raise click.exceptions.Exit(ExitStatus.BAD_INPUT)


@click.command()
def exercises() -> None:
    """List the catalog's exercises: use one in a workout as `- exercise: ID`."""
    catalog = builtin_catalog().exercises
    width = max(len(exercise_id) for exercise_id in catalog)
    for exercise_id, exercise in sorted(catalog.items()):
        click.echo(f"{exercise_id:<{width}}  {exercise.name}  ({dose_text(exercise.dose)})")


@click.command()
def schema() -> None:
    """Print the JSON Schema of workout files (for editor validation and completion)."""
    document = Workout.model_json_schema(mode="validation")
    document["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    document["title"] = "runstrong workout"
    click.echo(json.dumps(document, indent=2))
