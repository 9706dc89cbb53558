"""`runstrong export`: a workout in another format, to a file or stdout."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from runstrong.cli.common import dir_option, load_workout, workout_argument
from runstrong.model import Workout


def _json(workout: Workout) -> str:
    from runstrong.export import workout_json

    return workout_json(workout)


def _markdown(workout: Workout) -> str:
    from runstrong.export.markdown import workout_markdown

    return workout_markdown(workout)


def _card(workout: Workout) -> str:
    from runstrong.export.card import workout_card_html

    return workout_card_html(workout)


#: format -> writer; a writer returns text (or bytes for binary formats).
WRITERS: dict[str, Callable[[Workout], str | bytes]] = {
    "json": _json,
    "md": _markdown,
    "html": _card,
}


@click.command()
@workout_argument
@dir_option
@click.option(
    "--format", "fmt", type=click.Choice(list(WRITERS)), default="json", show_default=True
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
def export(workout: str | None, dirs: tuple[Path, ...], fmt: str, output: Path | None) -> None:
    """Write WORKOUT as JSON, Markdown or a printable HTML card."""
    data = WRITERS[fmt](load_workout(workout, dirs))
    if output is None:
        if isinstance(data, bytes):
            click.get_binary_stream("stdout").write(data)
        else:
            click.echo(data, nl=False)
        return
    from runstrong.atomic import write_atomic

    write_atomic(output, data if isinstance(data, bytes) else data.encode("utf-8"))
    click.echo(f"wrote {output}", err=True)
