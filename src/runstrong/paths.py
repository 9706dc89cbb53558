"""Where runstrong keeps the user's files: one data folder, overridable for tests."""

from __future__ import annotations

import os
from pathlib import Path


def data_dir() -> Path:
    """The user's runstrong folder: `RUNSTRONG_HOME`, else the platform's data dir."""
    override = os.environ.get("RUNSTRONG_HOME")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_dir  # lazy: only when RUNSTRONG_HOME is not set

    return Path(user_data_dir("runstrong", appauthor=False))


def user_workouts_dir() -> Path:
    """Workout files the user wrote; `runstrong list` shows them beside the built-ins."""
    return data_dir() / "workouts"
