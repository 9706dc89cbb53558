"""The words and numbers the player shows for a moment of a session.

Kept apart from the widgets so what a runner reads is decided in one place,
from the session alone, and can be checked without a terminal.
"""

from __future__ import annotations

import math
from datetime import datetime

from runstrong.play.session import Session
from runstrong.progress.loads import load_text as weight_text
from runstrong.progress.set_check import SetCheck
from runstrong.progress.set_plan import SetPlan
from runstrong.timeline import Step, StepKind
from runstrong.wording import clock_text, duration_text, load_text, when_text
from runstrong.workouts.model import Movement, Workout


def movement(workout: Workout, step: Step) -> Movement | None:
    """The move a step is part of, as done with its variation; None between exercises."""
    if step.exercise_id is None:
        return None
    return workout.exercise(step.exercise_id).effective(step.variation_id)


def side_text(step: Step) -> str:
    """ "left leg", "to the left", "alternating hands", or "" for work done one way."""
    return step.how


def where_text(step: Step) -> str:
    """ "Strength Set B · round 2 / 3"."""
    return f"{step.block_name} · round {step.round} / {step.rounds}"


def title_text(step: Step) -> str:
    if step.kind is StepKind.WORK:
        return step.exercise_name or ""
    return step.label


def target_text(step: Step, workout: Workout, plan: SetPlan | None = None) -> str:
    """What to do right now: "8 reps · left leg · 12 kg", with the advised weight where
    there is one, else the kind of load ("dumbbell (medium)")."""
    if step.kind is not StepKind.WORK:
        return ""
    parts = [_amount(step), side_text(step)]
    found = movement(workout, step)
    if plan is not None and plan.weighted and plan.load_kg:
        parts.append(weight_text(plan.load_kg, plan.unit))
    elif found is not None:
        parts.append(load_text(found.load))
    return " · ".join(part for part in parts if part)


def check_text(check: SetCheck) -> str:
    """The set waiting to be logged, and the keys that log or change it."""
    step = check.step
    name = f"{step.exercise_name}, {step.how}" if step.how else step.exercise_name
    keys = ["Enter logs it", f"a number changes the {check.editing}"]
    other = [field for field in check.fields() if field != check.editing]
    if other:
        keys.append(f"w: the {other[0]}")
    last = check.last_text()
    tail = f"  ({last})" if last else ""
    return f"Log {name}: {check.values_text()}{tail}\n" + " · ".join(keys)


def phase_text(session: Session, now: float) -> str:
    """The instruction line under the title."""
    step = session.step
    if session.paused:
        return "Paused: press space to carry on"
    if session.elapsed(now) < 0:
        return "Get ready"
    if step.kind is StepKind.WORK and step.reps:
        return f"Press Enter when your reps are done (about {duration_text(step.seconds)})"
    if step.kind is StepKind.WORK:
        return "Work!"
    if step.kind is StepKind.SWITCH:
        following = session.next_step
        return f"Switch to your {side_text(following)}" if following else "Switch sides"
    if step.kind is StepKind.REST_AS_NEEDED:
        return "Rest as long as you need, then press Enter"
    return "Breathe and get set up"


def big_clock(session: Session, now: float) -> str:
    """The big number: lead-in count, time left in a timed step, or time spent waiting."""
    elapsed = session.elapsed(now)
    if elapsed < 0:
        return str(math.ceil(-elapsed - 1e-9))  # float noise must not show a 4 before 3, 2, 1
    if session.step.waits_for_runner:
        return clock_text(math.floor(elapsed))
    return clock_text(session.step.seconds - elapsed)


def step_fraction(session: Session, now: float) -> float:
    """How far through the current step (against the estimate for rep work), 0 to 1."""
    step = session.step
    return min(1.0, max(0.0, session.elapsed(now)) / step.seconds) if step.seconds else 1.0


def instructions_text(session: Session) -> str:
    """Setup, numbered steps and cues of the exercise at hand (the next one between exercises)."""
    step = session.step
    if step.exercise_id is None and session.next_step is not None:
        step = session.next_step
    found = movement(session.workout, step)
    if found is None:
        return ""
    lines = [found.setup] if found.setup else []
    lines += [f"{number}. {text}" for number, text in enumerate(found.steps, start=1)]
    lines += [f"» {cue}" for cue in found.cues]
    return "\n".join(lines)


def figure_key(session: Session) -> tuple[str, str | None, bool] | None:
    """Which picture to show: (exercise, variation, mirrored) of the move being done, or
    between moves of the next one; None when there is nothing left to do."""
    step = session.step
    if step.exercise_id is None and session.next_step is not None:
        step = session.next_step
    if step.exercise_id is None:
        return None
    return step.exercise_id, step.variation_id, step.side == "left"


def next_up_text(session: Session) -> str:
    """The next exercise to do, with its block when a new set begins."""
    steps = session.timeline.steps
    current = session.step
    for step in steps[session.index + 1 :]:
        if step.kind is StepKind.WORK:
            block = f"{step.block_name}: " if step.block_id != current.block_id else ""
            side = f" ({side_text(step)})" if step.how else ""
            return f"Next up: {block}{step.exercise_name}{side}, {_amount(step)}"
    return "Next up: the end of the session"


def _amount(step: Step) -> str:
    return f"{step.reps} reps" if step.reps else f"{step.seconds:g} s"


def time_left_text(session: Session, now: float) -> str:
    """ "12% done · about 18:20 left", beside the session's bar."""
    done = f"{math.floor(100 * session_fraction(session, now))}% done"
    left = session.time_left(now)
    return f"{done} · about {clock_text(left)} left" if left else f"{done} · nearly there"


def session_fraction(session: Session, now: float) -> float:
    total = session.timeline.total_seconds
    return max(0.0, 1.0 - session.time_left(now) / total) if total else 1.0


def resume_question(
    workout: Workout, step: Step, *, total: int, stopped_at: datetime, now: datetime
) -> str:
    """What an unfinished session was doing, where and when it stopped, and whether to go on:
    "Lower-Body Strength for Runners stopped yesterday at 18:30 at step 24 of 69: B Squat,
    right leg (Strength Set A, round 2 of 3). Resume it?"."""
    what = title_text(step)
    if step.how:
        what += f", {step.how}"
    return (
        f"{workout.title} stopped {when_text(stopped_at, now)} at step {step.index + 1} of "
        f"{total}: {what} ({step.block_name}, round {step.round} of {step.rounds}). Resume it?"
    )
