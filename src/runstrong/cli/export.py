"""`runstrong export`: a workout in another format, to a file or stdout."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from runstrong.atomic import write_atomic
from runstrong.cli.common import dir_option, load_workout, workout_argument
from runstrong.cli.errors import UserError
from runstrong.cli.plan import session_start
from runstrong.export.fit import SIDES, Sides, Weight
from runstrong.export.formats import FORMATS, Options
from runstrong.workouts.model import Workout


def _suggestions(workout: Workout) -> tuple[dict[str, Weight], dict[str, str]]:
    """The loads and variations the log suggests for next time; none before anything is
    logged."""
    # lazy: the log (SQLAlchemy) loads only for a format that uses it
    from runstrong.cli.db import opened_log
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


@click.command()
@workout_argument
@dir_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="json",
    show_default=True,
    help="; ".join(f"{f.name}: {f.summary}" for f in FORMATS.values()) + ".",
)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write."
)
@click.option(
    "--sides",
    type=click.Choice(SIDES),
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
    sides: Sides,
    at: datetime | None,
    zone: str | None,
) -> None:
    """Write WORKOUT as JSON, Markdown, a printable HTML card, a FIT workout or a calendar event."""
    chosen = FORMATS[fmt]
    loaded = load_workout(workout, dirs)
    weights, variations = _suggestions(loaded) if chosen.needs_log else ({}, {})
    options = Options(
        sides=sides,
        weights=weights,
        variations=variations,
        start=session_start(at, zone) if chosen.needs_start else None,
    )
    data = chosen.write(loaded, options)
    if output is None and isinstance(data, bytes) and click.get_binary_stream("stdout").isatty():
        combined = fmt == "fit" and sides == "combined"
        output = Path(f"{loaded.id}{'-combined' if combined else ''}{chosen.suffix}")
    if output is None:
        if isinstance(data, bytes):
            click.get_binary_stream("stdout").write(data)
        else:
            click.echo(data, nl=False)
        return
    try:
        write_atomic(output, data if isinstance(data, bytes) else data.encode("utf-8"))
    except OSError as err:
        raise UserError(f"cannot write {output}: {err.strerror}") from None
    click.echo(f"wrote {output}", err=True)
