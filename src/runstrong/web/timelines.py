"""The timeline as the browser receives it: the compiled steps plus what a view needs to show them.

Labels, "waits for the runner" and time left after each step are computed
here from `runstrong.timeline`, so the page never re-derives the workout.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated

from fastapi import Query
from pydantic import BaseModel, Field, StringConstraints, create_model

from runstrong.timeline import Step, StepKind, Timeline, compile_timeline
from runstrong.web.errors import InputError
from runstrong.web.pages.figures import figure_url
from runstrong.workouts.model import Workout

#: The fastest a player may run its clock (a preview: never part of the log).
MAX_SPEED = 120.0
VARIATION_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*=[a-z0-9]+(-[a-z0-9]+)*$"
VariationPair = Annotated[str, StringConstraints(pattern=VARIATION_PATTERN, max_length=130)]
#: the `?variation=EXERCISE=VARIATION` query parameter (repeatable).
VariationQuery = Annotated[
    list[VariationPair],
    Query(
        default_factory=list,
        max_length=50,
        description="`EXERCISE=VARIATION` to do a variation instead (repeatable).",
    ),
]


#: A step with its display label, how it ends, and the planned time after it
#: (Step's `label` and `waits_for_runner` are properties, so they are made fields here).
StepView = create_model(
    "StepView",
    **{name: (field.annotation, field) for name, field in Step.model_fields.items()},
    label=(str, ...),
    how=(str, Field(description='Which way: "left leg", "centre", "alternating hands" or "".')),
    waits_for_runner=(bool, Field(description="Rep work and rest as needed end on 'done'.")),
    seconds_after=(float, Field(description="Planned seconds of every step after this one.")),
    figure_url=(
        str | None,
        Field(None, description="Work steps: the move drawn as SVG (mirrored for the left side)."),
    ),
)


class TimelineView(BaseModel):
    """A compiled session ready to play."""

    workout_id: str
    workout_version: int
    title: str
    variations: dict[str, str]
    easier: dict[str, str] = Field(
        description="Exercise id -> its easier variation, for the player's 'easier' button."
    )
    total_seconds: float
    estimated_seconds: float
    steps: list[StepView]


def parse_variations(pairs: list[str]) -> dict[str, str]:
    """`["b-squat=goblet-squat"]` -> `{"b-squat": "goblet-squat"}` (already pattern-checked)."""
    return dict(pair.split("=", 1) for pair in pairs)


def compile_or_reject(
    workout: Workout, variations: Mapping[str, str], *, field: str, location: str = "query"
) -> Timeline:
    """Compile, turning an unknown exercise or variation into a 422 on `field`."""
    try:
        return compile_timeline(workout, variations)
    except KeyError as err:
        raise InputError(str(err.args[0]), field=field, location=location, status=422) from None


def timeline_view(workout: Workout, timeline: Timeline) -> TimelineView:
    after = timeline.total_seconds
    steps = []
    for step in timeline.steps:
        after -= step.seconds
        steps.append(
            StepView(
                **step.model_dump(),
                label=step.label,
                how=step.how,
                waits_for_runner=step.waits_for_runner,
                seconds_after=round(max(after, 0.0), 3),
                figure_url=_figure_url(workout, step),
            )
        )
    return TimelineView(
        workout_id=timeline.workout_id,
        workout_version=timeline.workout_version,
        title=workout.title,
        variations=timeline.variations,
        easier=easier_variations(workout),
        total_seconds=timeline.total_seconds,
        estimated_seconds=timeline.estimated_seconds,
        steps=steps,
    )


def _figure_url(workout: Workout, step: Step) -> str | None:
    if step.kind is not StepKind.WORK or step.exercise_id is None:
        return None
    exercise = workout.exercise(step.exercise_id)
    return figure_url(workout.id, exercise, step.variation_id, step.side)


def easier_variations(workout: Workout) -> dict[str, str]:
    return {e.id: easier.id for e in workout.exercises() if (easier := e.easier())}
