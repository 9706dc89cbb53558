"""The workout as Markdown: the readable overview `runstrong show` prints."""

from __future__ import annotations

from runstrong.timeline import StepKind, compile_timeline
from runstrong.wording import dose_text, duration_text, load_text, rest_text, schedule_text
from runstrong.workouts.model import Block, Exercise, Variation, Workout


def workout_markdown(workout: Workout) -> str:
    timeline = compile_timeline(workout)
    by_kind = timeline.seconds_by_kind()
    lines = [f"# {workout.title}", "", workout.summary, ""]
    if workout.credit:
        credit = workout.credit
        who = f"{credit.author}, {credit.role}" if credit.role else credit.author
        lines.append(f"*Routine by {who}" + (f" ({credit.source})" if credit.source else "") + "*")
        lines.append("")
    target = f"target {workout.target_minutes} min; " if workout.target_minutes else ""
    lines += [
        f"- **Planned time:** {duration_text(timeline.total_seconds)}"
        f" ({target}{duration_text(timeline.estimated_seconds)} of it estimated)",
        f"- **Work:** {duration_text(by_kind[StepKind.WORK])}, "
        f"**switching sides:** {duration_text(by_kind[StepKind.SWITCH])}, "
        f"**transitions:** {duration_text(by_kind[StepKind.TRANSITION])}, "
        f"**rest:** {duration_text(by_kind[StepKind.REST] + by_kind[StepKind.REST_AS_NEEDED])}",
        f"- **How often:** {schedule_text(workout.schedule)}",
    ]
    if workout.equipment:
        lines.append(f"- **Equipment:** {', '.join(workout.equipment)}")
    if workout.schedule.note:
        lines += ["", workout.schedule.note]
    for block in workout.blocks:
        lines += ["", *_block(block)]
    if workout.timing.note:
        lines += ["", f"*Timing: {workout.timing.note}*"]
    return "\n".join(lines) + "\n"


def _block(block: Block) -> list[str]:
    rounds = "1 round" if block.rounds == 1 else f"{block.rounds} rounds"
    rests = [
        f"between exercises: {rest_text(block.rest.between_exercises)}",
        f"after the block: {rest_text(block.rest.after_block)}",
    ]
    if block.rounds > 1:
        rests.insert(1, f"between rounds: {rest_text(block.rest.between_rounds)}")
    lines = [
        f"## {block.name} — {block.kind.value}, {rounds}",
        "",
        f"Rest {'; '.join(rests)}.",
    ]
    for number, exercise in enumerate(block.exercises, start=1):
        lines += ["", *_exercise(number, exercise)]
    return lines


def _exercise(number: int, exercise: Exercise) -> list[str]:
    aka = f" (also: {', '.join(exercise.aka)})" if exercise.aka else ""
    lines = [
        f"### {number}. {exercise.name}{aka}",
        "",
        f"id: `{exercise.id}`",
        "",
        f"- **Dose:** {dose_text(exercise.dose)}",
        f"- **Load:** {load_text(exercise.load)}",
    ]
    if exercise.rest is not None:
        lines.append(f"- **After it:** {rest_text(exercise.rest)}")
    if exercise.equipment:
        lines.append(f"- **Equipment:** {', '.join(exercise.equipment)}")
    if exercise.muscles:
        lines.append(f"- **Works:** {', '.join(exercise.muscles)}")
    lines += _instructions(exercise.setup, exercise.steps, exercise.cues)
    for variation in exercise.variations:
        lines += ["", *_variation(exercise, variation)]
    return lines


def _variation(exercise: Exercise, variation: Variation) -> list[str]:
    movement = exercise.effective(variation.id)
    lines = [
        f"**{variation.kind.value.capitalize()}: {variation.name}** (`{variation.id}`)"
        f" — {dose_text(movement.dose)}, {load_text(movement.load)}"
    ]
    return lines + _instructions(variation.setup, variation.steps, variation.cues)


def _instructions(setup: str | None, steps: list[str], cues: list[str]) -> list[str]:
    lines: list[str] = []
    if setup:
        lines += ["", f"Setup: {setup}"]
    if steps:
        lines += ["", *[f"{i}. {step}" for i, step in enumerate(steps, start=1)]]
    if cues:
        lines += ["", f"Cues: {' '.join(cues)}"]
    return lines
