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
from runstrong.play.clock import MonotonicClock
from runstrong.play.cues import Voice, VoiceUnavailable
from runstrong.play.recording import Snapshot
from runstrong.play.session import Session
from runstrong.progress.advice import advice_from_log
from runstrong.progress.set_plan import set_plans_from_log
from runstrong.store.live_sessions import LiveSessions, timeline_of
from runstrong.store.recorder import StoreRecorder
from runstrong.timeline import compile_timeline
from runstrong.tui.app import Ending, PlayerApp
from runstrong.tui.describe import resume_question
from runstrong.tui.opening_screen import Opening
from runstrong.wording import equipment_text

if TYPE_CHECKING:
    from runstrong.play.session import Cue
    from runstrong.store.database import Store
    from runstrong.store.live_sessions import LiveSession
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
@click.option(
    "--resume",
    is_flag=True,
    help="Carry on with the unfinished session (of WORKOUT, if given), from the terminal or "
    "the browser.",
)
def play(
    workout: str | None, dirs: tuple[Path, ...], easier: tuple[str, ...], voice: bool, resume: bool
) -> int:
    """Play WORKOUT (default: the built-in lower-body routine) step by step, full screen.

    A new session opens with what to do this time, from your log; Enter starts it.
    Keys: space pause/resume, Enter done, n or right skip, b or left back,
    e easier variation, q quit (your place is kept in the log).
    """
    if resume and easier:
        raise UserError("--resume carries on the saved session as it was; leave out --easier")
    announce = _voice() if voice else None
    with opened_log() as store:
        live = LiveSessions(store)
        named = load_workout(workout, dirs) if resume and workout else None
        unfinished = live.current(named.id if named else None)
        if resume and unfinished is None:
            raise UserError("there is no unfinished session to resume", hint="run 'runstrong play'")
        if unfinished is not None and not resume:
            resume = click.confirm(_resume_question(unfinished, workout, dirs), default=True)
            if not resume:
                live.finish(unfinished.uid, completed=False)
        shown = None
        if resume:
            chosen = named or _workout_of(unfinished, workout, dirs)
            if _at_the_end(chosen, unfinished):
                live.finish(unfinished.uid, completed=True)
                click.echo("That session had reached its last step; it is now complete.")
                return int(ExitStatus.OK)
            start = _resumed(chosen, unfinished)
            recorder = StoreRecorder(store, session_id=unfinished.uid)
        else:
            chosen, variations = _new(workout, dirs, easier)
            start = partial(_start, chosen, variations)
            recorder = StoreRecorder(store)
            today = datetime.now().astimezone().date()
            shown = opening(store, chosen, variations, today=today)
        app = PlayerApp(
            start,
            clock=MonotonicClock(),
            recorder=recorder,
            announce=announce,
            opening=shown,
            plans=set_plans_from_log(store, chosen),
        )
        ending = app.run()
    if ending is Ending.REFUSED:
        raise UserError(
            f"the session stopped: {app.refusal}",
            hint="see 'runstrong history'; 'runstrong play' starts a new session",
            status=ExitStatus.FAILURE,
        )
    if ending is Ending.QUIT:
        click.echo(
            "Session kept. Carry on later with 'runstrong play --resume', "
            "or open the workout in the browser."
        )
    elif ending is Ending.DISCARDED:
        click.echo("Session discarded: nothing of it is in your log.")
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
) -> tuple[Workout, dict[str, str]]:
    """The workout, and the variations chosen up front."""
    workout = load_workout(ref, dirs)
    variations = {exercise_id: _easier_variation(workout, exercise_id) for exercise_id in easier}
    return workout, variations


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


def _workout_of(unfinished: LiveSession, ref: str | None, dirs: Sequence[Path]) -> Workout:
    """The unfinished session's workout: from the library, or the file WORKOUT names."""
    try:
        return load_workout(ref or unfinished.workout_id, dirs)
    except UserError as err:
        raise UserError(
            f"cannot find the workout {unfinished.workout_id!r} of the unfinished session",
            hint="name its file: runstrong play --resume PATH (or use --dir)",
        ) from err


def _resumed(workout: Workout, unfinished: LiveSession) -> Callable[[float], Session]:
    """Makes the session again where the log has it, paused, so the runner can get ready."""
    snapshot = Snapshot(
        workout_id=unfinished.workout_id,
        workout_version=unfinished.workout_version,
        index=unfinished.index,
        elapsed=unfinished.elapsed,
        variations=unfinished.variations,
        active_seconds=unfinished.active_seconds,
    )
    try:
        Session.from_snapshot(workout, snapshot, now=0.0)
    except (ValueError, KeyError, IndexError) as err:
        raise UserError(
            f"cannot resume: {err}", hint="run 'runstrong play' and choose to start afresh"
        ) from None
    return lambda now: Session.from_snapshot(workout, snapshot, now=now)


def _at_the_end(workout: Workout, unfinished: LiveSession) -> bool:
    """Every step was played (in the browser, say) but the session was never closed."""
    try:
        return unfinished.index >= len(timeline_of(workout, unfinished.variations).steps)
    except KeyError:
        return False


def _resume_question(unfinished: LiveSession, ref: str | None, dirs: Sequence[Path]) -> str:
    """Which workout, at which step and exercise, stopped when: enough to decide on."""
    try:
        workout = _workout_of(unfinished, ref, dirs)
        steps = timeline_of(workout, unfinished.variations).steps
        step = steps[min(unfinished.index, len(steps) - 1)]
    except (UserError, KeyError, IndexError):
        return (
            f"An unfinished session of {unfinished.workout_id} stopped at step "
            f"{unfinished.index + 1}. Resume it?"
        )
    stopped = unfinished.updated_at or unfinished.started_at
    now = datetime.now().astimezone()
    return resume_question(workout, step, total=len(steps), stopped_at=stopped, now=now)
