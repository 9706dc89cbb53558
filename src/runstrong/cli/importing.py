"""`runstrong import`: turn a workout article into a workout file, with a report of its guesses."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from runstrong.atomic import write_atomic
from runstrong.cli.errors import ExitStatus, UserError
from runstrong.settings import Settings
from runstrong.workouts.article_import import NoWorkoutFound, import_article

#: The largest article read (a saved web page with its markup).
MAX_ARTICLE_BYTES = 4 * 1024 * 1024


@click.command("import")
@click.argument("source", metavar="FILE|-")
@click.option(
    "-o",
    "--output",
    metavar="PATH|-",
    help="Where to write the workout (default: your workouts folder, by its id; - prints it).",
)
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
@click.option(
    "--no-catalog",
    is_flag=True,
    help="Write every exercise out in full instead of taking known ones from the catalog.",
)
def import_article_command(source: str, output: str | None, force: bool, no_catalog: bool) -> None:
    """Turn a workout article (plain text, Markdown, or a web page saved as HTML; - for stdin)
    into a workout file, and report what had to be inferred and what was not found."""
    text, name = _read(source)
    try:
        imported = import_article(text, name=name, use_catalog=not no_catalog)
    except NoWorkoutFound:
        raise UserError(
            f"no workout found in {name}",
            hint=f"looked for {NoWorkoutFound.LOOKED_FOR}",
        ) from None
    workout = imported.workout
    if output == "-":
        click.echo(imported.yaml, nl=False)
        target = None
    else:
        folder = Settings.from_env().user_workouts_dir
        target = Path(output) if output else folder / f"{workout.id}.yaml"
        if target.exists() and not force:
            raise UserError(
                f"{target} already exists", hint="pass --force to replace it, or -o another path"
            )
        try:
            write_atomic(target, imported.yaml.encode("utf-8"))
        except OSError as err:
            raise UserError(
                f"cannot write {target}: {err.strerror}", status=ExitStatus.FAILURE
            ) from None
    exercises = len(workout.exercises())
    where = f" -> {target}" if target else ""
    click.echo(
        f"Imported {workout.title!r}: {len(workout.blocks)} blocks, {exercises} exercises{where}",
        err=True,
    )
    for note in imported.notes:
        click.echo(f"  {note}", err=True)


def _read(source: str) -> tuple[str, str]:
    """The article's text and a name for it; a clear error for anything unreadable."""
    if source == "-":
        data = sys.stdin.buffer.read(MAX_ARTICLE_BYTES + 1)
        name = "stdin"
    else:
        path = Path(source)
        if not path.is_file():
            problem = "is a folder" if path.is_dir() else "does not exist"
            raise UserError(f"{source} {problem}", hint="give an article file, or - for stdin")
        try:
            with path.open("rb") as handle:
                data = handle.read(MAX_ARTICLE_BYTES + 1)
        except OSError as err:
            raise UserError(f"cannot read {source}: {err.strerror}") from None
        name = path.name
    if len(data) > MAX_ARTICLE_BYTES:
        raise UserError(f"{name} is larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MB")
    if b"\x00" in data:
        raise UserError(f"{name} is a binary file, not an article")
    try:
        return data.decode("utf-8-sig"), name
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), name
