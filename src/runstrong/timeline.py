"""Compile a workout into the flat, ordered list of steps a session is made of.

Players, exports and the log read the timeline, never the YAML, so the rules
for ordering (supersets alternate round by round, straight sets finish one
exercise before the next), sides, transitions and rests are decided here once.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict

from runstrong.workouts.model import AS_NEEDED, Block, BlockKind, Exercise, Rest, Workout

Side = Literal["left", "right"]


class StepKind(StrEnum):
    WORK = "work"
    SWITCH = "switch"
    TRANSITION = "transition"
    REST = "rest"
    REST_AS_NEEDED = "rest as needed"


class Step(BaseModel):
    """One thing the runner does, with its planned length."""

    model_config = ConfigDict(frozen=True)

    index: int
    kind: StepKind
    block_id: str
    block_name: str
    block_kind: BlockKind
    round: int
    rounds: int
    exercise_id: str | None = None
    exercise_name: str | None = None
    variation_id: str | None = None
    side: Side | None = None
    side_label: str | None = None
    direction: str | None = None
    alternating: bool = False
    reps: int | None = None
    seconds: float
    estimated: bool = False

    @property
    def waits_for_runner(self) -> bool:
        """Rep work and "rest as needed" end when the runner says so, not on a timer."""
        return self.kind is StepKind.REST_AS_NEEDED or (
            self.kind is StepKind.WORK and self.reps is not None
        )

    @property
    def how(self) -> str:
        """Which way the work goes: "left leg", "to the left", "alternating hands", or ""."""
        if self.side:
            return f"{self.side} {self.side_label}"
        if self.direction:
            return self.direction
        if self.alternating:
            return f"alternating {self.side_label}s"
        return ""

    @property
    def label(self) -> str:
        if self.kind is StepKind.WORK:
            how = f" ({self.how})" if self.how else ""
            return f"{self.exercise_name}{how}"
        if self.kind is StepKind.SWITCH:
            return "Switch sides"
        if self.kind is StepKind.TRANSITION:
            return "Get ready for the next exercise"
        if self.kind is StepKind.REST:
            return "Rest"
        return "Rest as needed"


class Timeline(BaseModel):
    """A compiled session: steps in order, plus the totals players show."""

    model_config = ConfigDict(frozen=True)

    workout_id: str
    workout_version: int
    variations: dict[str, str]
    steps: tuple[Step, ...]

    @property
    def total_seconds(self) -> float:
        return sum(step.seconds for step in self.steps)

    def seconds_by_kind(self) -> dict[StepKind, float]:
        totals = dict.fromkeys(StepKind, 0.0)
        for step in self.steps:
            totals[step.kind] += step.seconds
        return totals

    @property
    def calendar_seconds(self) -> int:
        """The total rounded up to whole minutes: how long a calendar event for it lasts."""
        return math.ceil(self.total_seconds / 60) * 60

    @property
    def estimated_seconds(self) -> float:
        """The part of the total that is an estimate (rep work, rest as needed)."""
        return sum(step.seconds for step in self.steps if step.estimated)

    def time_left(self, index: int, elapsed_in_step: float = 0.0) -> float:
        """Planned seconds still to go when `elapsed_in_step` seconds into step `index`."""
        if index >= len(self.steps):
            return 0.0
        current = self.steps[index].seconds
        rest = sum(step.seconds for step in self.steps[index + 1 :])
        return rest + max(0.0, current - max(0.0, elapsed_in_step))


@dataclass(frozen=True)
class _Set:
    """One occurrence of an exercise inside a block (all its sides)."""

    block: Block
    exercise: Exercise
    round: int


def compile_timeline(workout: Workout, variations: Mapping[str, str] | None = None) -> Timeline:
    """Turn a workout into its steps.

    Args:
        workout: the validated workout.
        variations: exercise id -> variation id to do instead of the standard move.

    Raises:
        KeyError: a variation names an exercise or variation the workout lacks.
    """
    chosen = dict(variations or {})
    for exercise_id, variation_id in chosen.items():
        workout.exercise(exercise_id).variation(variation_id)

    builder = _Builder(workout, chosen)
    previous: _Set | None = None
    for current in _sets(workout):
        if previous is not None:
            builder.gap(previous, current)
        builder.work(current)
        previous = current
    return Timeline(
        workout_id=workout.id,
        workout_version=workout.version,
        variations=chosen,
        steps=tuple(builder.steps),
    )


def _sets(workout: Workout) -> Iterator[_Set]:
    for block in workout.blocks:
        if block.kind is BlockKind.STRAIGHT_SETS:
            for exercise in block.exercises:
                for round_ in range(1, block.rounds + 1):
                    yield _Set(block, exercise, round_)
        else:
            for round_ in range(1, block.rounds + 1):
                for exercise in block.exercises:
                    yield _Set(block, exercise, round_)


class _Builder:
    def __init__(self, workout: Workout, variations: dict[str, str]) -> None:
        self.workout = workout
        self.variations = variations
        self.steps: list[Step] = []

    def _add(self, kind: StepKind, at: _Set, seconds: float, **fields: object) -> None:
        self.steps.append(
            Step(
                index=len(self.steps),
                kind=kind,
                block_id=at.block.id,
                block_name=at.block.name,
                block_kind=at.block.kind,
                round=at.round,
                rounds=at.block.rounds,
                seconds=seconds,
                **fields,
            )
        )

    def work(self, at: _Set) -> None:
        exercise = at.exercise
        variation_id = self.variations.get(exercise.id)
        movement = exercise.effective(variation_id)
        dose, name = movement.dose, movement.name
        if dose.seconds is not None:
            seconds, estimated = float(dose.seconds), False
        else:
            per_rep = dose.seconds_per_rep or self.workout.timing.seconds_per_rep
            seconds, estimated = dose.reps * per_rep, True
        fields = {
            "exercise_id": exercise.id,
            "exercise_name": name,
            "variation_id": variation_id,
            "reps": dose.reps,
            "estimated": estimated,
        }
        if dose.directions:
            for direction in dose.directions:
                self._add(StepKind.WORK, at, seconds, direction=direction, **fields)
            return
        if dose.alternating:
            fields.update(alternating=True, side_label=exercise.side_label)
        if not dose.per_side:
            self._add(StepKind.WORK, at, seconds, **fields)
            return
        sided = {**fields, "side_label": exercise.side_label}
        self._add(StepKind.WORK, at, seconds, side="left", **sided)
        self._add(
            StepKind.SWITCH,
            at,
            float(self.workout.timing.switch_sides_seconds),
            exercise_id=exercise.id,
            exercise_name=name,
            variation_id=variation_id,
        )
        self._add(StepKind.WORK, at, seconds, side="right", **sided)

    def gap(self, before: _Set, after: _Set) -> None:
        """Insert the rest or transition between two consecutive sets."""
        if before.block.kind is BlockKind.STRAIGHT_SETS:
            new_round = before.exercise is after.exercise
        else:
            new_round = before.round != after.round
        if before.block is not after.block:
            rule: Rest = before.block.rest.after_block
        elif before.exercise.rest is not None:
            rule = before.exercise.rest
        elif new_round:
            rule = before.block.rest.between_rounds
        else:
            rule = before.block.rest.between_exercises
        timing = self.workout.timing
        if rule == AS_NEEDED:
            self._add(
                StepKind.REST_AS_NEEDED,
                before,
                float(timing.rest_as_needed_estimate_seconds),
                estimated=True,
            )
        elif isinstance(rule, int) and rule > 0:
            self._add(StepKind.REST, before, float(rule))
        elif before.exercise is not after.exercise:
            self._add(StepKind.TRANSITION, before, float(timing.transition_seconds))
