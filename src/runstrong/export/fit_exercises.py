"""Which FIT exercise each runstrong exercise is, so a watch can name and count it.

Garmin's profile lists exercises by category, each with its own table of
names. Built-in exercises get the closest honest entry; an exercise the
profile lacks keeps only its category. A user's own exercise is matched on
words in its name, and falls back to the profile's "unknown" category.
"""

from __future__ import annotations

from enum import Enum
from typing import NamedTuple

from fit_tool.profile.profile_type import (
    CarryExerciseName,
    ExerciseCategory,
    HipStabilityExerciseName,
    HipSwingExerciseName,
    LungeExerciseName,
    PlankExerciseName,
    SquatExerciseName,
    WarmUpExerciseName,
)

from runstrong.workouts.model import Exercise


class FitExercise(NamedTuple):
    category: ExerciseCategory
    name: Enum | None = None


#: Built-in exercise id -> its FIT exercise (comments say where the match is loose).
BUILTIN: dict[str, FitExercise] = {
    "standing-figure-8": FitExercise(ExerciseCategory.WARM_UP, WarmUpExerciseName.HIP_CIRCLES),
    "dynamic-pigeon": FitExercise(ExerciseCategory.WARM_UP, WarmUpExerciseName.STRETCH_PIGEON_POSE),
    # No calf rock in the profile: a plank is what the body holds.
    "high-plank-calf-rock": FitExercise(ExerciseCategory.PLANK, PlankExerciseName.PLANK),
    "plantarflexion-walk": FitExercise(
        ExerciseCategory.CARRY, CarryExerciseName.FARMERS_WALK_ON_TOES
    ),
    "b-squat": FitExercise(ExerciseCategory.SQUAT, SquatExerciseName.WEIGHTED_STAGGERED_SQUAT),
    # No step down in the profile: the same single-leg squat off a box.
    "lateral-step-down": FitExercise(
        ExerciseCategory.SQUAT, SquatExerciseName.WEIGHTED_ELEVATED_SINGLE_LEG_SQUAT
    ),
    "ffe-split-squat": FitExercise(
        ExerciseCategory.LUNGE, LungeExerciseName.FRONT_FOOT_ELEVATED_DUMBBELL_SPLIT_SQUAT
    ),
    # The profile has no pogo hop; plyometrics is the category.
    "forward-backward-pogo": FitExercise(ExerciseCategory.PLYO),
    "alternating-kettlebell-swing": FitExercise(
        ExerciseCategory.HIP_SWING, HipSwingExerciseName.SINGLE_ARM_KETTLEBELL_SWING
    ),
    "standing-hamstring-stretch": FitExercise(
        ExerciseCategory.WARM_UP, WarmUpExerciseName.STANDING_HAMSTRING_STRETCH
    ),
    "supine-figure-4-stretch": FitExercise(
        ExerciseCategory.WARM_UP, WarmUpExerciseName.STRETCH_LYING_PIRIFORMIS
    ),
    "cat-cow": FitExercise(ExerciseCategory.WARM_UP, WarmUpExerciseName.STRETCH_CAT_COW),
    # The profile's side planks are from the feet; reaching under is the rotation.
    "modified-side-plank-rotation": FitExercise(
        ExerciseCategory.PLANK, PlankExerciseName.SIDE_PLANK_WITH_REACH_UNDER
    ),
    # No bird dog row in the profile: a row is what the arm does.
    "bird-dog-row": FitExercise(ExerciseCategory.ROW),
    "modified-side-plank-clamshell-lift": FitExercise(
        ExerciseCategory.PLANK, PlankExerciseName.KNEELING_SIDE_PLANK_WITH_LEG_LIFT
    ),
    "dead-bug-pullover": FitExercise(
        ExerciseCategory.HIP_STABILITY, HipStabilityExerciseName.WEIGHTED_DEAD_BUG
    ),
    # The profile's plank pull through is filed under sandbags; the plank is the honest part.
    "high-plank-pull-through": FitExercise(ExerciseCategory.PLANK),
    "unilateral-suitcase-march": FitExercise(ExerciseCategory.CARRY),
    "cobra": FitExercise(ExerciseCategory.WARM_UP, WarmUpExerciseName.STRETCH_COBRA),
    "three-way-childs-pose": FitExercise(
        ExerciseCategory.WARM_UP, WarmUpExerciseName.STRETCH_CHILDS_POSE
    ),
}

#: Words in a user's exercise name -> category; the first match wins, so
#: "split squat" is a lunge before "squat" makes it a squat.
KEYWORDS: tuple[tuple[str, ExerciseCategory], ...] = (
    ("split squat", ExerciseCategory.LUNGE),
    ("lunge", ExerciseCategory.LUNGE),
    ("squat", ExerciseCategory.SQUAT),
    ("step down", ExerciseCategory.SQUAT),
    ("step up", ExerciseCategory.SQUAT),
    ("deadlift", ExerciseCategory.DEADLIFT),
    ("swing", ExerciseCategory.HIP_SWING),
    ("calf", ExerciseCategory.CALF_RAISE),
    ("bridge", ExerciseCategory.HIP_RAISE),
    ("hip thrust", ExerciseCategory.HIP_RAISE),
    ("plank", ExerciseCategory.PLANK),
    ("carry", ExerciseCategory.CARRY),
    ("hop", ExerciseCategory.PLYO),
    ("jump", ExerciseCategory.PLYO),
    ("bound", ExerciseCategory.PLYO),
    ("stretch", ExerciseCategory.WARM_UP),
)


def fit_exercise(exercise: Exercise) -> FitExercise:
    """The FIT category (and name, when the profile has one) for `exercise`."""
    if exercise.id in BUILTIN:
        return BUILTIN[exercise.id]
    words = " ".join([exercise.name, *exercise.aka]).lower()
    for keyword, category in KEYWORDS:
        if keyword in words:
            return FitExercise(category)
    return FitExercise(ExerciseCategory.UNKNOWN)
