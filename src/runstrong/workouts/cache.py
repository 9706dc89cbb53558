"""Remember workouts (and catalog files) that already validated, keyed by their exact bytes.

Parsing YAML with positions is the slow part of loading a workout (a tenth of
a second or more); a file that has not changed since it last validated is
read back from JSON instead. The key includes runstrong's version, so a new
release never trusts an old verdict; callers add whatever else the verdict
depends on (a workout's, the exercise catalog) to `raw`.
"""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from runstrong.atomic import write_atomic
from runstrong.settings import Settings
from runstrong.version import runstrong_version
from runstrong.workouts.model import Workout

Model = TypeVar("Model", bound=BaseModel)


def lookup(raw: bytes, model: type[Model] = Workout) -> Model | None:
    """The workout (or other `model`) these bytes validated to before, or None."""
    path = _entry(raw)
    try:
        return model.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        return None


def remember(raw: bytes, validated: BaseModel) -> None:
    """Keep a validated document; a cache that cannot be written is simply skipped."""
    with contextlib.suppress(OSError):
        write_atomic(_entry(raw), validated.model_dump_json().encode("utf-8"))


def _entry(raw: bytes) -> Path:
    digest = hashlib.sha256(runstrong_version().encode() + b"\0" + raw).hexdigest()
    return Settings.from_env().workout_cache_dir / f"{digest}.json"
