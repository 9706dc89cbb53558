"""`runstrong play`: the guided session in the terminal."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

import click

from runstrong.cli.common import dir_option, load_workout, workout_argument
from runstrong.cli.db import opened_log
from runstrong.cli.errors import ExitStatus, UserError
from runstrong.play.checkpoint import CheckpointError, clear_checkpoint, load_checkpoint
from runstrong.play.clock import MonotonicClock
from runstrong.play.cues import Voice, VoiceUnavailable
from runstrong.play.session import Session
from runstrong.progress.advice import advice_from_log
from runstrong.store.recorder import StoreRecorder
from runstrong.timeline import compile_timeline
from runstrong.tui.app import Ending, PlayerApp
from runstrong.tui.opening_screen import Opening
from runstrong.wording import equipment_text

if TYPE_CHECKING:
    from runstrong.play.checkpoint import Snapshot
    from runstrong.play.session import Cue, Session
    from runstrong.store.database import Store
    from runstrong.tui.opening_screen import Opening
    from runstrong.workouts.model import Workout


@click.command()
@workout_argument
@dir_option
@click.option(
    "--easier",
    "easier",
    multiple=True,
    metavar="EXERCISE",
    help="Do EXERCISE (its id, as in 'runstrong show') as its easier variation (repeatable).",
)
@click.option("--voice", is_flag=True, help="Speak the cues through espeak-ng instead of a bell.")
@click.option("--resume", is_flag=True, help="Carry on with the session that was interrupted.")
def play(
    workout: str | None, dirs: tuple[Path, ...], easier: tuple[str, ...], voice: bool, resume: bool
) -> int:
    """Play WORKOUT (default: the built-in lower-body routine) step by step, full screen.

    A new session opens with what to do this time, from your log; Enter starts it.
    Keys: space pause/resume, Enter done, n or right skip, b or left back,
    e easier variation, q quit (your place is saved).
    """
    announce = _voice() if voice else None
    try:
        saved = load_checkpoint()
    except CheckpointError as err:
        raise UserError(str(err), hint="delete that file to start afresh") from None
    if resume and saved is None:
        raise UserError("there is no interrupted session to resume", hint="run 'runstrong play'")
    if resume and (workout or easier):
        raise UserError("--resume carries on the saved session; leave out WORKOUT and --easier")
    if saved is not None and not resume:
        resume = click.confirm(_resume_question(saved), default=True)
        if not resume:
            clear_checkpoint()
    chosen, variations = None, {}
    if resume:
        start, source = _resumed(saved, dirs)
    else:
        chosen, variations, source = _new(workout, dirs, easier)
        start = partial(_start, chosen, variations)

    with opened_log() as store:
        today = datetime.now().astimezone().date()
        shown = None if chosen is None else opening(store, chosen, variations, today=today)
        app = PlayerApp(
            start,
            clock=MonotonicClock(),
            recorder=StoreRecorder(store, resume=resume),
            announce=announce,
            source=source,
            opening=shown,
        )
        ending = app.run()
    if ending is Ending.QUIT:
        click.echo("Session saved. Carry on later with: runstrong play --resume")
    elif ending is Ending.COMPLETED:
        click.echo("Session saved to your log: see 'runstrong history' and 'runstrong next'.")
    return int(ExitStatus.OK)


def opening(
    store: Store, workout: Workout, variations: Mapping[str, str], *, today: date
) -> Opening:
    """What a new session opens on: the workout, its planned time, and the log's advice.

    The advice is the same as `runstrong next` gives.
    """
    return Opening(
        title=workout.title,
        planned_seconds=compile_timeline(workout, variations).total_seconds,
        advice=advice_from_log(store, workout, today=today),
        equipment=equipment_text(workout),
    )


def _voice() -> Callable[[Cue], None]:
    try:
        return Voice()
    except VoiceUnavailable as err:
        raise UserError(str(err), hint="leave out --voice to hear a bell instead") from None


def _new(
    ref: str | None, dirs: Sequence[Path], easier: Sequence[str]
) -> tuple[Workout, dict[str, str], str | None]:
    """The workout, the variations chosen up front, and how to find the workout again."""
    workout = load_workout(ref, dirs)
    variations = {exercise_id: _easier_variation(workout, exercise_id) for exercise_id in easier}
    source = str(Path(ref).resolve()) if ref and Path(ref).is_file() else ref
    return workout, variations, source


def _start(workout: Workout, variations: Mapping[str, str], now: float) -> Session:
    return Session(workout, now=now, variations=variations)


def _easier_variation(workout: Workout, exercise_id: str) -> str:
    try:
        exercise = workout.exercise(exercise_id)
    except KeyError:
        choices = ", ".join(e.id for e in workout.exercises() if e.easier()) or "none"
        raise UserError(
            f"{workout.id} has no exercise {exercise_id!r}",
            hint=f"exercises with an easier variation: {choices}",
        ) from None
    variation = exercise.easier()
    if variation is None:
        raise UserError(f"{exercise.name} has no easier variation")
    return variation.id


def _resumed(
    saved: tuple[Snapshot, str | None], dirs: Sequence[Path]
) -> tuple[Callable[[float], Session], str | None]:
    snapshot, source = saved
    workout = load_workout(source, dirs)
    try:
        Session.from_snapshot(workout, snapshot, now=0.0)
    except (ValueError, KeyError, IndexError) as err:
        raise UserError(
            f"cannot resume: {err}", hint="run 'runstrong play' and choose to start afresh"
        ) from None
    return (lambda now: Session.from_snapshot(workout, snapshot, now=now)), source


def _resume_question(saved: tuple[Snapshot, str | None]) -> str:
    snapshot, source = saved
    return (
        f"An unfinished session of {source or snapshot.workout_id} stopped at step "
        f"{snapshot.index + 1}. Resume it?"
    )
