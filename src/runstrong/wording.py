"""Short human phrases for doses, rests, loads and durations, shared by every view."""

from __future__ import annotations

from datetime import datetime

from runstrong.workouts.model import AS_NEEDED, Dose, Load, LoadKind, Rest, Schedule, Workout


def dose_text(dose: Dose) -> str:
    """ "20 s per side", "8 reps per side", "12 reps alternating", "10 s per direction (...)"."""
    amount = f"{dose.seconds} s" if dose.seconds is not None else _reps(dose.reps or 0)
    extras = []
    if dose.directions:
        extras.append(", ".join(dose.directions))
    if dose.tempo:
        extras.append(f"tempo {dose.tempo}")
    side = " per side" if dose.per_side else ""
    side += " per direction" if dose.directions else ""
    side += " alternating" if dose.alternating else ""
    tail = f" ({', '.join(extras)})" if extras else ""
    return f"{amount}{side}{tail}"


def _reps(reps: int) -> str:
    return f"{reps} rep" if reps == 1 else f"{reps} reps"


def rest_text(rest: Rest) -> str:
    if rest == AS_NEEDED:
        return "rest as needed"
    if rest == "none" or rest == 0:
        return "no rest"
    return f"{rest} s rest"


def load_text(load: Load) -> str:
    if load.kind is LoadKind.BODYWEIGHT:
        return "bodyweight"
    if load.kind is LoadKind.NONE:
        return "no equipment"
    if load.kind is LoadKind.OTHER:
        return load.note or "other"
    text = load.kind.value
    if load.weight_class:
        text += f" ({load.weight_class.value})"
    if load.note:
        text += f", {load.note}"
    return text


def schedule_text(schedule: Schedule) -> str:
    """ "1 per week, 48 h before a quality run", or "... any time, even next to a run"."""
    hours = schedule.recovery_hours_before_quality_run
    when = f"{hours} h before a quality run" if hours else "any time, even next to a run"
    return f"{schedule.sessions_per_week} per week, {when}"


def equipment_text(workout: Workout) -> list[str]:
    """What to have ready: the workout's own list, or else what its exercises list, each
    once, or else their loads ("kettlebell (medium)")."""
    things = workout.equipment or [t for e in workout.exercises() for t in e.equipment]
    if not things:
        things = [
            load_text(e.load)
            for e in workout.exercises()
            if e.load.kind not in (LoadKind.BODYWEIGHT, LoadKind.NONE)
        ]
    return list(dict.fromkeys(things))


def duration_text(seconds: float) -> str:
    """ "20 min 46 s", "45 s"."""
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"


def clock_text(seconds: float) -> str:
    """ "12:05" for a countdown or time left (rounded up, so 0:00 means done)."""
    whole = max(0, int(-(-seconds // 1)))
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


def plural(count: int, noun: str, many: str | None = None) -> str:
    """ "1 session", "3 sessions" ("1 week", "2 weeks"; irregular forms via `many`)."""
    return f"{count} {noun if count == 1 else (many or noun + 's')}"


def when_text(moment: datetime, now: datetime) -> str:
    """ "today at 17:05", "yesterday at 18:30", "Mon 24 Nov at 07:00", in local time."""
    local, today = moment.astimezone(), now.astimezone().date()
    days = (today - local.date()).days
    day = {0: "today", 1: "yesterday"}.get(days, f"{local:%a} {local.day} {local:%b}")
    if days > 300 or days < 0:
        day += f" {local:%Y}"
    return f"{day} at {local:%H:%M}"
