"""Options and helpers several commands share."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from runstrong.cli.errors import UserError, warn
from runstrong.workouts.library import resolve_workout
from runstrong.workouts.problems import WorkoutFileError

if TYPE_CHECKING:
    from runstrong.workouts.model import Workout

dir_option = click.option(
    "--dir",
    "dirs",
    multiple=True,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Another folder of workout files to look in (repeatable).",
)

workout_argument = click.argument("workout", required=False, metavar="[WORKOUT]")


def load_workout(ref: str | None, dirs: Sequence[Path] = ()) -> Workout:
    """A workout by id or path; the built-in routine when `ref` is None."""
    try:
        return resolve_workout(ref, dirs, on_skipped=warn_skipped)
    except WorkoutFileError as err:
        raise UserError(str(err), hint="run 'runstrong validate FILE' for every problem") from None
    except LookupError as err:
        raise UserError(str(err.args[0]), hint="'runstrong list' shows the workouts") from None


def warn_skipped(broken: WorkoutFileError) -> None:
    """One warning line for a workout file left out of the library, naming its first problem."""
    first, more = broken.problems[0], len(broken.problems) - 1
    extra = f" (and {more} more; 'runstrong validate {first.path}' lists them)" if more else ""
    warn(f"skipped {first}{extra}")


def echo_markdown(text: str) -> None:
    """Print Markdown rendered for reading: styled in a terminal, plain text when piped.

    Either way no Markdown syntax (`**Dose:**`) shows; `runstrong export --format md`
    gives the Markdown itself.
    """
    # lazy: rich takes a while to load and only this command needs it
    from rich.console import Console
    from rich.markdown import Markdown

    if sys.stdout.isatty():
        Console().print(Markdown(text))
        return
    plain = Console(width=100, color_system=None, force_terminal=False, highlight=False)
    with plain.capture() as captured:
        plain.print(Markdown(text))
    click.echo("\n".join(line.rstrip() for line in captured.get().splitlines()).strip("\n"))
