"""The workout format: pydantic models that a YAML workout file must satisfy.

Everything else in runstrong reads these models (usually through the compiled
timeline), so the rules that keep a workout playable live here: a dose is
either seconds or reps, rounds are positive, ids are unique, and no unknown
field slips through unnoticed.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    ValidationError,
    ValidationInfo,
    model_validator,
)
from pydantic_core import InitErrorDetails, PydanticCustomError

from runstrong.figures.model import Figure

Slug = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        min_length=1,
        max_length=64,
        description="Lower-case words joined by hyphens, e.g. `b-squat`.",
    ),
]
Text = Annotated[str, Field(min_length=1, max_length=2000)]
Name = Annotated[str, Field(min_length=1, max_length=120)]
Seconds = Annotated[int, Field(gt=0, le=24 * 3600, strict=True)]
NonNegativeSeconds = Annotated[int, Field(ge=0, le=24 * 3600, strict=True)]

AS_NEEDED = "as needed"
FIGURE_HELP = "Key poses to draw the move; runstrong's own figure for this id otherwise."


def _check_rest(value: object) -> object:
    """Give one clear message instead of one per branch of the union."""
    ok_number = isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 24 * 3600
    if value in ("none", AS_NEEDED) or ok_number:
        return value
    raise ValueError(f'expected "none", a number of seconds (0 or more) or "{AS_NEEDED}"')


#: How long to rest: "none", a number of seconds, or "as needed" (the player
#: waits until the runner says they are ready).
Rest = Annotated[
    Literal["none", "as needed"] | NonNegativeSeconds,
    BeforeValidator(_check_rest),
    Field(description='"none", a number of seconds, or "as needed".'),
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class BlockKind(StrEnum):
    WARMUP = "warmup"
    SUPERSET = "superset"
    CIRCUIT = "circuit"
    STRAIGHT_SETS = "straight sets"
    COOLDOWN = "cooldown"


class VariationKind(StrEnum):
    EASIER = "easier"
    HARDER = "harder"
    ALTERNATIVE = "alternative"


class LoadKind(StrEnum):
    """What the runner holds or uses; `other` needs a note saying what."""

    BODYWEIGHT = "bodyweight"
    NONE = "none"
    DUMBBELL = "dumbbell"
    DUMBBELLS = "dumbbells"
    KETTLEBELL = "kettlebell"
    DUMBBELL_OR_KETTLEBELL = "dumbbell or kettlebell"
    BARBELL = "barbell"
    MEDICINE_BALL = "medicine ball"
    RESISTANCE_BAND = "resistance band"
    MINI_BAND = "mini band"
    BOX = "box or step"
    OTHER = "other"

    @property
    def weight(self) -> bool:
        """A free weight, whose load is logged in kilograms or pounds."""
        return self in _WEIGHTS

    @property
    def graded(self) -> bool:
        """Comes in grades (a weight, or a band's resistance), so a class can be suggested."""
        return self in _WEIGHTS or self in (LoadKind.RESISTANCE_BAND, LoadKind.MINI_BAND)


_WEIGHTS = frozenset(
    {
        LoadKind.DUMBBELL,
        LoadKind.DUMBBELLS,
        LoadKind.KETTLEBELL,
        LoadKind.DUMBBELL_OR_KETTLEBELL,
        LoadKind.BARBELL,
        LoadKind.MEDICINE_BALL,
    }
)


#: The unit a runner weighs a load in; the log keeps kilograms and remembers the unit.
Unit = Literal["kg", "lb"]


class WeightClass(StrEnum):
    LIGHT = "light"
    LIGHT_MEDIUM = "light to medium"
    MEDIUM = "medium"
    MEDIUM_HEAVY = "medium to heavy"
    HEAVY = "heavy"


def _directions(value: object) -> object:
    """A count of directions stands for that many numbered ones."""
    if isinstance(value, int) and not isinstance(value, bool) and 2 <= value <= MAX_DIRECTIONS:
        return [f"direction {n}" for n in range(1, value + 1)]
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(f"give 2 to {MAX_DIRECTIONS} directions")
    return value


MAX_DIRECTIONS = 8
Directions = Annotated[
    list[Annotated[str, Field(min_length=1, max_length=40)]],
    BeforeValidator(_directions, json_schema_input_type=list[str] | int),
    Field(
        min_length=2,
        max_length=MAX_DIRECTIONS,
        description="Do the dose once in each direction, in this order: a list of names "
        '(e.g. [centre, left, right]) or a count (3 means "direction 1" to "direction 3").',
    ),
]


class Dose(_Strict):
    """How much of an exercise: a time or a number of reps, maybe per side or per direction."""

    seconds: Seconds | None = Field(None, description="Timed work, in seconds.")
    reps: Annotated[int, Field(gt=0, le=1000, strict=True)] | None = Field(
        None, description="Rep work: the number of repetitions."
    )
    per_side: StrictBool = Field(
        False, description="Do the dose once on each side (left, then right)."
    )
    directions: Directions | None = None
    alternating: StrictBool = Field(
        False,
        description="Alternate sides as you go, in one piece of work with no switch; "
        "reps count both sides together.",
    )
    seconds_per_rep: Annotated[float, Field(gt=0, le=60)] | None = Field(
        None,
        description="Estimate used to plan rep work; defaults to the workout's timing.",
    )
    tempo: Annotated[str, Field(pattern=r"^\d+(-\d+){1,3}$")] | None = Field(
        None, description='Tempo such as "3-1-1" (down, pause, up) for rep work.'
    )

    @model_validator(mode="after")
    def _seconds_or_reps(self) -> Dose:
        if (self.seconds is None) == (self.reps is None):
            raise ValueError("give either `seconds` or `reps`, not both and not neither")
        if self.seconds is not None and (self.seconds_per_rep or self.tempo):
            raise ValueError("`seconds_per_rep` and `tempo` only apply to rep work")
        ways = [name for name in ("per_side", "directions", "alternating") if getattr(self, name)]
        if len(ways) > 1:
            chosen = " and ".join(f"`{way}`" for way in ways)
            raise ValueError(
                f"choose one of `per_side`, `directions` and `alternating`, not {chosen}"
            )
        if self.directions and len(set(self.directions)) != len(self.directions):
            raise ValueError("each direction needs its own name")
        return self

    @property
    def timed(self) -> bool:
        return self.seconds is not None


class Load(_Strict):
    """What the runner holds, with a suggested weight class."""

    kind: LoadKind = LoadKind.BODYWEIGHT
    weight_class: WeightClass | None = Field(
        None, description="Suggested weight class when the load is a weight."
    )
    note: Text | None = Field(None, description='How to hold it, e.g. "in the front-leg hand".')

    @model_validator(mode="after")
    def _class_needs_weight(self) -> Load:
        if not self.kind.graded and self.weight_class is not None:
            raise ValueError(f"a load of kind {self.kind.value!r} has no weight class")
        if self.kind is LoadKind.OTHER and self.note is None:
            raise ValueError("a load of kind 'other' needs a `note` saying what it is")
        return self


class Variation(_Strict):
    """Another way to do an exercise, carrying its own dose and instructions."""

    id: Slug
    name: Name
    kind: VariationKind
    dose: Dose | None = Field(None, description="Defaults to the exercise's dose.")
    load: Load | None = Field(None, description="Defaults to the exercise's load.")
    setup: Text | None = None
    steps: list[Text] = Field(default_factory=list)
    cues: list[Text] = Field(default_factory=list)
    figure: Figure | None = Field(None, description=FIGURE_HELP)


class Exercise(_Strict):
    """One movement inside a block."""

    id: Slug
    name: Name
    aka: list[Name] = Field(default_factory=list, description="Other names for the move.")
    short_name: Annotated[str, Field(min_length=1, max_length=15)] | None = Field(
        None,
        description="A name for small screens such as a watch (15 characters at most; "
        'per-side moves keep to 7 so that " (right)" fits).',
    )
    dose: Dose
    side_label: Literal["leg", "arm", "hand", "side"] = Field(
        "leg", description='What "left" and "right" refer to for per-side work.'
    )
    load: Load = Field(default_factory=Load)
    equipment: list[Name] = Field(default_factory=list)
    rest: Rest | None = Field(
        None,
        description="Rest after this exercise, in place of the block's rest between "
        "exercises or rounds (the block's `after_block` still ends the block).",
    )
    setup: Text | None = Field(None, description="The starting position.")
    steps: list[Text] = Field(min_length=1)
    cues: list[Text] = Field(default_factory=list)
    muscles: list[Name] = Field(default_factory=list)
    figure: Figure | None = Field(None, description=FIGURE_HELP)
    variations: list[Variation] = Field(
        default_factory=list,
        description="Easier variations are listed from the easiest up.",
    )

    @model_validator(mode="after")
    def _unique_variation_ids(self) -> Exercise:
        _reject_duplicates([v.id for v in self.variations], "variation")
        return self

    def variation(self, variation_id: str) -> Variation:
        for variation in self.variations:
            if variation.id == variation_id:
                return variation
        raise KeyError(f"{self.id} has no variation {variation_id!r}")

    def easier(self) -> Variation | None:
        """The easier variation closest to the standard move, if any."""
        easier = [v for v in self.variations if v.kind is VariationKind.EASIER]
        return easier[-1] if easier else None

    def effective(self, variation_id: str | None) -> Movement:
        """The move as done with `variation_id` chosen (None: the standard move).

        The one rule for what a variation inherits: dose and load come from
        the exercise unless the variation sets them. A variation with its own
        steps is a different move, so its setup and cues are its own too (none
        if it gives none); one without steps keeps the exercise's
        instructions, with its own setup or cues where it gives them.

        Raises:
            KeyError: the exercise has no such variation.
        """
        if variation_id is None:
            return Movement(
                exercise=self,
                variation=None,
                name=self.name,
                dose=self.dose,
                load=self.load,
                setup=self.setup,
                steps=tuple(self.steps),
                cues=tuple(self.cues),
            )
        variation = self.variation(variation_id)
        own = bool(variation.steps)
        return Movement(
            exercise=self,
            variation=variation,
            name=variation.name,
            dose=variation.dose or self.dose,
            load=variation.load or self.load,
            setup=variation.setup if own else variation.setup or self.setup,
            steps=tuple(variation.steps if own else self.steps),
            cues=tuple(variation.cues if own else variation.cues or self.cues),
        )


@dataclass(frozen=True)
class Movement:
    """An exercise as it is done once a variation is chosen: what every view shows."""

    exercise: Exercise
    variation: Variation | None
    name: str
    dose: Dose
    load: Load
    setup: str | None
    steps: tuple[str, ...]
    cues: tuple[str, ...]


class ExerciseRef(_Strict):
    """An exercise taken from the catalog by id, with the dose (and load, rest) this workout asks.

    The exercise keeps the catalog's id, so its history follows it from workout to workout.
    """

    exercise: Slug = Field(description="The id of an exercise in the catalog.")
    dose: Dose | None = Field(None, description="Replaces the catalog's dose.")
    load: Load | None = Field(None, description="Replaces the catalog's load.")
    rest: Rest | None = Field(None, description="Rest after this exercise (see Exercise.rest).")


#: What a workout may change about a catalog exercise it uses.
REF_OVERRIDES = ("dose", "load", "rest")


def _from_catalog(value: Any, info: ValidationInfo) -> Any:
    """Replace `{exercise: ID, ...}` by the catalog's exercise with the overrides given.

    The catalog comes in the validation context (`{"catalog": {id: Exercise}}`), so
    the model needs no knowledge of where catalogs are kept.
    """
    if not isinstance(value, Mapping) or "exercise" not in value:
        return value
    if "id" in value:
        raise ValueError(
            "give `id` for an exercise of your own or `exercise` for one from the catalog, not both"
        )
    fixed = sorted(set(value) - {"exercise", *REF_OVERRIDES})
    if fixed:
        raise ValueError(
            f"`{fixed[0]}` comes from the catalog; a catalog exercise takes only "
            "`dose`, `load` and `rest` here (give your own exercise an `id` to change more)"
        )
    catalog: Mapping[str, Exercise] = (info.context or {}).get("catalog") or {}
    wanted = value["exercise"]
    found = catalog.get(wanted) if isinstance(wanted, str) else None
    if found is None:
        close = difflib.get_close_matches(str(wanted), list(catalog), n=1, cutoff=0.6)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        raise ValueError(f"no exercise {wanted!r} in the catalog{hint}")
    overrides = {key: value[key] for key in REF_OVERRIDES if value.get(key) is not None}
    return {**found.model_dump(exclude_defaults=True), **overrides}


#: An exercise of the workout's own, or one taken from the catalog.
BlockExercise = Annotated[
    Exercise,
    BeforeValidator(_from_catalog, json_schema_input_type=Exercise | ExerciseRef),
]


class RestRules(_Strict):
    """Rest inside and after a block."""

    between_exercises: Rest = "none"
    between_rounds: Rest = "none"
    after_block: Rest = "none"


class Block(_Strict):
    """A group of exercises done for a number of rounds."""

    id: Slug
    name: Name
    kind: BlockKind
    rounds: Annotated[int, Field(ge=1, le=100, strict=True)] = 1
    rest: RestRules = Field(default_factory=RestRules)
    exercises: list[BlockExercise] = Field(min_length=1)


class ExerciseList(_Strict):
    """A catalog file: exercises any workout can use by id."""

    exercises: list[Exercise] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> ExerciseList:
        _reject_duplicates([e.id for e in self.exercises], "exercise")
        return self


class Credit(_Strict):
    author: Name
    role: Name | None = None
    source: Name | None = None
    writer: Name | None = Field(None, description="Who wrote up the source, if not the author.")


class Schedule(_Strict):
    """How often to do the workout and how it sits next to running."""

    sessions_per_week: Annotated[int, Field(ge=1, le=14, strict=True)] = 1
    recovery_hours_before_quality_run: Annotated[int, Field(ge=0, le=168, strict=True)] = 48
    hours_between_sessions: Annotated[int, Field(ge=0, le=168, strict=True)] = Field(
        48,
        description="How far apart two sessions of this workout start, at least, "
        "when it is done more than once a week.",
    )
    note: Text | None = None


class Timing(_Strict):
    """Estimates the planner uses where the workout does not fix a time."""

    seconds_per_rep: Annotated[float, Field(gt=0, le=60)] = 3.0
    switch_sides_seconds: Annotated[int, Field(ge=1, le=120, strict=True)] = 5
    transition_seconds: Annotated[int, Field(ge=1, le=600, strict=True)] = 10
    rest_as_needed_estimate_seconds: Annotated[int, Field(ge=1, le=1800, strict=True)] = 60
    note: Text | None = Field(None, description="How the estimates were chosen.")


class Workout(_Strict):
    """A whole session: blocks in order, with credits and scheduling guidance."""

    id: Slug
    version: Annotated[int, Field(ge=1, strict=True)] = 1
    title: Name
    summary: Text
    credit: Credit | None = None
    target_minutes: Annotated[int, Field(ge=1, le=600, strict=True)] | None = Field(
        None, description="The intended length, when the source gives one."
    )
    equipment: list[Name] = Field(default_factory=list)
    schedule: Schedule = Field(default_factory=Schedule)
    timing: Timing = Field(default_factory=Timing)
    blocks: list[Block] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_ids(self) -> Workout:
        _reject_duplicates([b.id for b in self.blocks], "block")
        _reject_repeated_exercises(self.blocks)
        return self

    def exercise(self, exercise_id: str) -> Exercise:
        for block in self.blocks:
            for exercise in block.exercises:
                if exercise.id == exercise_id:
                    return exercise
        raise KeyError(f"{self.id} has no exercise {exercise_id!r}")

    def exercises(self) -> list[Exercise]:
        return [e for b in self.blocks for e in b.exercises]


def _reject_repeated_exercises(blocks: list[Block]) -> None:
    """Each exercise appears once in a workout (its sets and history are kept by id), so a
    second one is refused where it is written."""
    seen: dict[str, str] = {}
    for b, block in enumerate(blocks):
        for e, exercise in enumerate(block.exercises):
            if exercise.id not in seen:
                seen[exercise.id] = block.name
                continue
            message = (
                f"exercise {exercise.id!r} is already in {seen[exercise.id]!r}: a workout "
                "does each exercise once (to do it again, define your own with another `id`)"
            )
            error = InitErrorDetails(
                type=PydanticCustomError("repeated_exercise", message),
                loc=("blocks", b, "exercises", e),
                input=exercise.id,
            )
            raise ValidationError.from_exception_data("Workout", [error])


def _reject_duplicates(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{what} id {item!r} is used twice")
        seen.add(item)
