"""Write a workout as a Garmin FIT workout file, so the routine plays on a watch.

Each block becomes the steps of one round followed by a repeat step, as
Garmin's workout encoding describes (see `fit_rounds` for rounds that end in
a rest). Steps come from the compiled timeline, so sides, rests and
transitions follow the same rules as the players, and a watch plays exactly
the timeline's steps:

- per-side work is a left and a right step (or, with `sides="combined"`,
  one step covering both sides, the dose per side in its notes);
- switching sides and moving to the next exercise are short timed rest
  steps, so a timed exercise does not start before the runner is in place;
- "rest as needed" is an open rest step that ends with the lap button.

The workout's name says which of the two it is, so both can sit in a
watch's list; when the log's advice names a variation, its name and dose
replace the standard move's.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

from fit_tool.fit_file_builder import FitFileBuilder
from fit_tool.profile.messages.file_id_message import FileIdMessage
from fit_tool.profile.messages.workout_message import WorkoutMessage
from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
from fit_tool.profile.profile_type import (
    FileType,
    FitBaseUnit,
    Intensity,
    Manufacturer,
    Sport,
    SubSport,
    WorkoutStepDuration,
    WorkoutStepTarget,
)

from runstrong.export.fit_exercises import fit_exercise
from runstrong.export.fit_file import fit_bytes
from runstrong.export.fit_rounds import passes
from runstrong.export.fit_strings import NOTES_SIZE, STEP_NAME_SIZE, WORKOUT_NAME_SIZE, clip
from runstrong.timeline import Step, StepKind, compile_timeline
from runstrong.wording import dose_text
from runstrong.workouts.model import BlockKind, Workout

Sides = Literal["per-side", "combined"]
SIDES: tuple[Sides, ...] = ("per-side", "combined")
#: What the workout's name ends with, so the two exports tell apart on a watch.
SIDE_SUFFIX: dict[Sides, str] = {"per-side": "per side", "combined": "combined"}

#: FIT stores an exercise weight in hundredths of a kilogram in 16 bits.
MAX_WEIGHT_KG = 655.34

_INTENSITY = {BlockKind.WARMUP: Intensity.WARMUP, BlockKind.COOLDOWN: Intensity.COOLDOWN}
_REST_NAMES = {
    StepKind.SWITCH: "Switch sides",
    StepKind.TRANSITION: "Next exercise",
    StepKind.REST: "Rest",
    StepKind.REST_AS_NEEDED: "Rest",
}
_OPEN_REST_NOTE = "Press lap when you are ready to go on."


@dataclass(frozen=True)
class Weight:
    """A suggested load for an exercise: kilograms, and the unit the watch shows it in."""

    kg: float
    unit: Literal["kg", "lb"] = "kg"

    def __post_init__(self) -> None:
        if self.unit not in ("kg", "lb"):
            raise ValueError('a weight unit is "kg" or "lb"')
        if not 0 < self.kg <= MAX_WEIGHT_KG:
            raise ValueError(f"a weight must be above 0 and at most {MAX_WEIGHT_KG} kg")


def workout_fit(
    workout: Workout,
    *,
    sides: Sides = "per-side",
    weights: Mapping[str, Weight] | None = None,
    variations: Mapping[str, str] | None = None,
    created: datetime | None = None,
) -> bytes:
    """The FIT workout file for `workout`.

    Args:
        workout: the workout to write.
        sides: "per-side" for a left and a right step, "combined" for one step.
        weights: exercise id -> suggested load, for the exercises that have one.
        variations: exercise id -> the variation to do instead of the standard move.
        created: when the file was made (now, by default).
    """
    if sides not in SIDES:
        raise ValueError(f"sides must be one of {', '.join(SIDES)}")
    steps = list(_steps(workout, sides, weights or {}, variations or {}))
    builder = FitFileBuilder(auto_define=True)
    builder.add(_file_id(created or datetime.now(UTC)))
    builder.add(_workout_message(workout, sides, len(steps)))
    builder.add_all(steps)
    return fit_bytes(builder)


def _file_id(created: datetime) -> FileIdMessage:
    message = FileIdMessage()
    message.type = FileType.WORKOUT
    message.manufacturer = Manufacturer.DEVELOPMENT.value
    message.product = 0
    message.serial_number = 1
    message.time_created = round(created.timestamp() * 1000)
    return message


def _workout_message(workout: Workout, sides: Sides, step_count: int) -> WorkoutMessage:
    message = WorkoutMessage()
    message.workout_name = workout_name(workout, sides)
    message.sport = Sport.TRAINING
    message.sub_sport = SubSport.STRENGTH_TRAINING
    message.num_valid_steps = step_count
    return message


def workout_name(workout: Workout, sides: Sides) -> str:
    """ "Lower-Body Strength (per side)": the title, shortened to leave room for the side mode."""
    suffix = f" ({SIDE_SUFFIX[sides]})"
    room = WORKOUT_NAME_SIZE - len(suffix.encode("utf-8"))
    return (clip(workout.title, room) or clip(workout.id, room)) + suffix


def _steps(
    workout: Workout, sides: Sides, weights: Mapping[str, Weight], variations: Mapping[str, str]
) -> Iterator[WorkoutStepMessage]:
    writer = _StepWriter(workout, weights)
    for repeated in passes(compile_timeline(workout, variations)):
        first_index = writer.count
        for group in _side_groups(repeated.body, sides):
            yield writer.step(group)
        if repeated.times > 1:
            yield writer.repeat(first_index, repeated.times)


def _side_groups(steps: tuple[Step, ...], sides: Sides) -> Iterator[tuple[Step, ...]]:
    """Timeline steps grouped into FIT steps: one each, or left-switch-right as one."""
    index = 0
    while index < len(steps):
        if sides == "combined" and steps[index].side == "left":
            yield steps[index : index + 3]
            index += 3
        else:
            yield steps[index : index + 1]
            index += 1


class _StepWriter:
    """Turns timeline steps into workout step messages, numbering them in order."""

    def __init__(self, workout: Workout, weights: Mapping[str, Weight]) -> None:
        self.workout = workout
        self.weights = weights
        self.count = 0

    def _new(self) -> WorkoutStepMessage:
        message = WorkoutStepMessage()
        message.message_index = self.count
        self.count += 1
        return message

    def repeat(self, first_index: int, times: int) -> WorkoutStepMessage:
        message = self._new()
        message.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
        message.duration_step = first_index
        message.target_repeat_steps = times
        return message

    def step(self, group: tuple[Step, ...]) -> WorkoutStepMessage:
        message = self._new()
        message.target_type = WorkoutStepTarget.OPEN
        first = group[0]
        if first.kind is StepKind.WORK:
            self._work(message, group)
        else:
            self._rest(message, first)
        return message

    def _rest(self, message: WorkoutStepMessage, step: Step) -> None:
        message.workout_step_name = _REST_NAMES[step.kind]
        message.intensity = Intensity.REST
        if step.kind is StepKind.REST_AS_NEEDED:
            message.duration_type = WorkoutStepDuration.OPEN
            message.notes = _OPEN_REST_NOTE
        else:
            _set_time(message, step.seconds)

    def _work(self, message: WorkoutStepMessage, group: tuple[Step, ...]) -> None:
        step = group[0]
        exercise = self.workout.exercise(step.exercise_id or "")
        combined = len(group) > 1
        short = None if step.variation_id else exercise.short_name
        move = exercise.effective(step.variation_id)
        way = _way(step, move.dose.directions or [], combined)
        message.workout_step_name = _work_name(step.exercise_name or exercise.name, short, way)
        message.intensity = _INTENSITY.get(step.block_kind, Intensity.ACTIVE)
        if step.reps is not None:
            message.duration_type = WorkoutStepDuration.REPS
            message.duration_reps = step.reps * (2 if combined else 1)
        else:
            _set_time(message, sum(part.seconds for part in group))
        kind = fit_exercise(exercise)
        message.exercise_category = kind.category.value
        if kind.name is not None:
            message.exercise_name = kind.name.value
        shortened = step.direction is not None and way != step.direction
        how = [f"{step.how.capitalize()}."] if step.alternating or shortened else []
        # The move's own cue, else its first instruction (a variation with its own steps
        # has no cue of the standard move's).
        cue = list((move.cues or move.steps)[:1])
        notes = clip(" ".join([f"{dose_text(move.dose)}."] * combined + how + cue), NOTES_SIZE)
        if notes:
            message.notes = notes
        weight = self.weights.get(exercise.id)
        if weight is not None:
            message.exercise_weight = weight.kg
            unit = FitBaseUnit.POUND if weight.unit == "lb" else FitBaseUnit.KILOGRAM
            message.weight_display_unit = unit.value


#: Bytes a side or direction may take in a step name, " (" and ")" aside.
_WAY_SIZE = 6


def _way(step: Step, directions: list[str], combined: bool) -> str | None:
    """What a step name says about the side or direction: "left", "centre", "dir 2".

    A direction whose name is too long for a watch goes by its number, so the
    steps of one exercise never read alike ("direction 1" and "direction 2"
    would both shorten to "direct"); its notes then say the whole name.
    """
    if step.direction is None:
        return None if combined else step.side
    if clip(step.direction, _WAY_SIZE + 1) == step.direction:
        return step.direction
    return f"dir {directions.index(step.direction) + 1}"


def _work_name(name: str, short: str | None, way: str | None) -> str:
    """ "B Squat (left)": the side or direction always shows; a long name gives way to the
    short one.

    The full name is used when it fits whole, else the exercise's short name,
    else the name shortened. Both sides keep room for the longer " (right)", so
    a name reads the same on the left and the right step.
    """
    suffix = f" ({clip(way, _WAY_SIZE + 1)})" if way else ""
    room = STEP_NAME_SIZE - max(len(suffix.encode("utf-8")), len(" (right)") if way else 0)
    fits = [n for n in (name, short) if n and len(n.encode("utf-8")) < room]
    stem = fits[0] if fits else clip(short or name, room)
    return f"{stem}{suffix}".lstrip()


def _set_time(message: WorkoutStepMessage, seconds: float) -> None:
    # fit-tool picks the field's scale from the duration type: set the type first,
    # or the seconds are stored a thousand times too small.
    message.duration_type = WorkoutStepDuration.TIME
    message.duration_time = seconds
