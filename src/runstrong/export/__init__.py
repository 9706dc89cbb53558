"""Turn a workout into files other tools read: one module per format, all listed in formats.py."""

from __future__ import annotations

import json

from runstrong.workouts.model import Workout


def workout_json(workout: Workout) -> str:
    """The workout in the same structure as its YAML file (so it validates as one)."""
    return json.dumps(workout.model_dump(mode="json", exclude_none=True), indent=2) + "\n"
