"""`runstrong export`: a workout in another format, to a file or stdout."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from runstrong.cli.common import dir_option, load_workout, workout_argument
from runstrong.cli.errors import UserError
from runstrong.workouts.model import Workout

if TYPE_CHECKING:
    from runstrong.export.fit import Weight


def _json(workout: Workout) -> str:
    from runstrong.export import workout_json

    return workout_json(workout)


def _markdown(workout: Workout) -> str:
    from runstrong.export.markdown import workout_markdown

    return workout_markdown(workout)


def _card(workout: Workout) -> str:
    from runstrong.export.card import workout_card_html

    return workout_card_html(workout)


def _fit(workout: Workout) -> bytes:
    # Options only one format uses are read from the command's parameters.
    from runstrong.export.fit import workout_fit

    sides = click.get_current_context().params["sides"]
    weights, variations = _suggestions(workout)
    return workout_fit(workout, sides=sides, weights=weights, variations=variations)


def _suggestions(workout: Workout) -> tuple[dict[str, Weight], dict[str, str]]:
    """The loads and variations the log suggests for next time; none before anything is
    logged."""
    from runstrong.cli.db import opened_log
    from runstrong.export.fit import Weight
    from runstrong.progress.advice import advice_from_log
    from runstrong.store.database import log_exists

    if not log_exists():
        return {}, {}
    try:
        with opened_log() as store:
            advice = advice_from_log(store, workout)
    except UserError as err:
        # Advice is a bonus on the watch: a log that cannot be read costs only that.
        click.echo(f"runstrong: warning: exporting without loads: {err.format_message()}", err=True)
        return {}, {}
    weights = {a.exercise_id: Weight(a.load_kg, a.unit) for a in advice if a.load_kg}
    variations = {a.exercise_id: a.variation_id for a in advice if a.variation_id}
    return weights, variations


def _ics(workout: Workout) -> bytes:
    from runstrong.cli.plan import session_start
    from runstrong.export.ics import one_session_ics

    params = click.get_current_context().params
    return one_session_ics(workout, session_start(params["at"], params["zone"]))


#: format -> writer; a writer returns text (or bytes for binary formats).
WRITERS: dict[str, Callable[[Workout], str | bytes]] = {
    "json": _json,
    "md": _markdown,
    "html": _card,
    "fit": _fit,
    "ics": _ics,
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
@click.option(
    "--sides",
    type=click.Choice(["per-side", "combined"]),
    default="per-side",
    show_default=True,
    help="FIT: a left and a right step for per-side work, or one combined step.",
)
@click.option(
    "--at",
    type=click.DateTime(["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M"]),
    help='ICS: when the session starts, "YYYY-MM-DD HH:MM".',
)
@click.option("--tz", "zone", metavar="ZONE", help="ICS: time zone of --at, e.g. Europe/Berlin.")
def export(
    workout: str | None,
    dirs: tuple[Path, ...],
    fmt: str,
    output: Path | None,
    sides: str,
    at: datetime | None,
    zone: str | None,
) -> None:
    """Write WORKOUT as JSON, Markdown, a printable HTML card, a FIT workout or a calendar event."""
    loaded = load_workout(workout, dirs)
    data = WRITERS[fmt](loaded)
    if output is None and isinstance(data, bytes) and click.get_binary_stream("stdout").isatty():
        combined = fmt == "fit" and sides == "combined"
        output = Path(f"{loaded.id}{'-combined' if combined else ''}.{fmt}")
    if output is None:
        if isinstance(data, bytes):
            click.get_binary_stream("stdout").write(data)
        else:
            click.echo(data, nl=False)
        return
    from runstrong.atomic import write_atomic

    try:
        write_atomic(output, data if isinstance(data, bytes) else data.encode("utf-8"))
    except OSError as err:
        raise UserError(f"cannot write {output}: {err.strerror}") from None
    click.echo(f"wrote {output}", err=True)
