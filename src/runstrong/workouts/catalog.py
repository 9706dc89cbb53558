"""The exercise catalog: exercises defined once, used by id from any workout.

The built-in workouts take every exercise from here, and a runner's own
workout can too (`- exercise: b-squat`, with its own dose if it likes). An
exercise keeps its catalog id in every workout, so the log, charts and
advice follow it from one workout to the next.
"""

from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from runstrong.workouts import cache
from runstrong.workouts.model import Exercise, ExerciseList
from runstrong.workouts.problems import Problem, WorkoutFileError
from runstrong.workouts.yaml_positions import parse_model_yaml

_SUFFIX = ".yaml"


@dataclass(frozen=True)
class ExerciseCatalog:
    """Every catalog exercise by id, and the file each came from."""

    exercises: dict[str, Exercise]
    sources: dict[str, Path]

    def get(self, exercise_id: str) -> Exercise:
        """The catalog exercise with this id.

        Raises:
            LookupError: no such exercise.
        """
        try:
            return self.exercises[exercise_id]
        except KeyError:
            raise LookupError(f"no exercise {exercise_id!r} in the catalog") from None


def catalog_dir() -> Path:
    """The folder of catalog files shipped inside the package."""
    return Path(str(resources.files("runstrong.workouts") / "exercises"))


def _files() -> list[Path]:
    return sorted(p for p in catalog_dir().iterdir() if p.suffix == _SUFFIX and p.is_file())


@functools.cache
def catalog_digest() -> bytes:
    """A fingerprint of the catalog files, for caches of what was validated against them."""
    digest = hashlib.sha256()
    for path in _files():
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.digest()


@functools.cache
def builtin_catalog() -> ExerciseCatalog:
    """The built-in catalog, read once per process (from the validation cache when it can).

    Raises:
        WorkoutFileError: a catalog file is broken, or two define the same id.
    """
    exercises: dict[str, Exercise] = {}
    sources: dict[str, Path] = {}
    for path in _files():
        raw = path.read_bytes()
        listed = cache.lookup(raw, ExerciseList)
        if listed is None:
            text = raw.decode("utf-8")  # our own package data: UTF-8 by construction
            listed = parse_model_yaml(text, str(path), ExerciseList)
            cache.remember(raw, listed)
        for exercise in listed.exercises:
            if exercise.id in sources:
                where = sources[exercise.id].name
                message = f"exercise id {exercise.id!r} is already in {where}"
                raise WorkoutFileError([Problem(str(path), 1, 1, "exercises", message)])
            exercises[exercise.id] = exercise
            sources[exercise.id] = path
    return ExerciseCatalog(exercises, sources)
