"""The figures runstrong draws for its own exercises: one YAML file per exercise or variation id.

Kept out of the workout files so those stay readable; a workout file that
carries its own figure for an exercise wins over the one shipped here.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import resources
from pathlib import Path

from runstrong.figures.drawing_version import drawing_version
from runstrong.figures.model import Figure
from runstrong.workouts.model import Exercise


def builtin_figure_dir() -> Path:
    """Where the shipped figures live (beside the code that draws them)."""
    return Path(str(resources.files("runstrong.figures") / "builtin"))


@functools.cache
def builtin_ids() -> frozenset[str]:
    """Ids with a shipped figure (a folder listing, no parsing)."""
    return frozenset(p.stem for p in builtin_figure_dir().glob("*.yaml"))


@functools.cache
def builtin_figure(figure_id: str) -> Figure | None:
    """The shipped figure for an exercise or variation id, if there is one.

    Raises:
        WorkoutFileError: the shipped file is broken (path:line:col: field: message).
    """
    if figure_id not in builtin_ids():
        return None
    from runstrong.workouts.yaml_positions import parse_model_yaml  # lazy: ruamel only when drawing

    path = builtin_figure_dir() / f"{figure_id}.yaml"
    return parse_model_yaml(path.read_text(encoding="utf-8"), str(path), Figure)


def figure_for(exercise: Exercise, variation_id: str | None = None) -> Figure | None:
    """The figure to show: the variation's own, else the exercise's (each from the workout
    file first, then runstrong's own for that id)."""
    origin = _origin(exercise, variation_id)
    return builtin_figure(origin) if isinstance(origin, str) else origin


def figure_version(exercise: Exercise, variation_id: str | None = None) -> str | None:
    """A short token that changes whenever the picture would (its data or the code that
    draws it), so a picture's address can be cached for good; None when there is no figure.
    Reads at most one small file and parses nothing."""
    origin = _origin(exercise, variation_id)
    if origin is None:
        return None
    if isinstance(origin, str):
        data = (builtin_figure_dir() / f"{origin}.yaml").read_bytes()
    else:
        data = origin.model_dump_json().encode()
    return hashlib.sha256(drawing_version().encode() + b"\0" + data).hexdigest()[:12]


def _origin(exercise: Exercise, variation_id: str | None) -> Figure | str | None:
    """The workout file's own figure, or the id of a shipped one, in `figure_for`'s order."""
    if variation_id:
        variation = exercise.variation(variation_id)
        if variation.figure is not None:
            return variation.figure
        if variation.id in builtin_ids():
            return variation.id
    if exercise.figure is not None:
        return exercise.figure
    return exercise.id if exercise.id in builtin_ids() else None
