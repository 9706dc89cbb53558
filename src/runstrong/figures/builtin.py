"""The figures runstrong draws for its own exercises: one YAML file per exercise or variation id.

Kept out of the workout files so those stay readable; a workout file that
carries its own figure for an exercise wins over the one shipped here.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from runstrong.figures.model import Figure
from runstrong.workouts.model import Exercise


def builtin_figure_dir() -> Path:
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
    from runstrong.workouts.yaml_positions import parse_model_yaml

    path = builtin_figure_dir() / f"{figure_id}.yaml"
    return parse_model_yaml(path.read_text(encoding="utf-8"), str(path), Figure)


def figure_for(exercise: Exercise, variation_id: str | None = None) -> Figure | None:
    """The figure to show: the variation's own, else the exercise's (each from the workout
    file first, then runstrong's own for that id)."""
    if variation_id:
        variation = exercise.variation(variation_id)
        found = variation.figure or builtin_figure(variation.id)
        if found is not None:
            return found
    return exercise.figure or builtin_figure(exercise.id)


def has_figure(exercise: Exercise, variation_id: str | None = None) -> bool:
    """Whether `figure_for` finds one, without reading any shipped file."""
    if variation_id and (exercise.variation(variation_id).figure or variation_id in builtin_ids()):
        return True
    return exercise.figure is not None or exercise.id in builtin_ids()
