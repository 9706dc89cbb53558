"""Read a workout file and report every problem as `path:line:col: field: message`.

Reading is guarded (size, binary, encoding) before any YAML is parsed, and a
file already validated once is served from the workout cache.
"""

from __future__ import annotations

from pathlib import Path

from runstrong.workouts import cache as workout_cache
from runstrong.workouts.catalog import builtin_catalog, catalog_digest
from runstrong.workouts.model import Workout
from runstrong.workouts.problems import Problem, WorkoutFileError
from runstrong.workouts.yaml_positions import parse_workout_yaml

MAX_BYTES = 1024 * 1024


def load_workout_file(path: Path) -> Workout:
    """Parse and validate a workout file.

    Raises:
        WorkoutFileError: with one problem per thing to fix.
    """
    raw = _read_bytes(path)
    key = raw + b"\0" + catalog_digest()  # a workout may use the catalog's exercises
    cached = workout_cache.lookup(key)
    if cached is not None:
        return cached
    workout = parse_workout_text(_decode(raw, str(path)), str(path))
    workout_cache.remember(key, workout)
    return workout


def parse_workout_text(text: str, name: str = "<workout>") -> Workout:
    """Parse and validate workout YAML already in memory (uploads, tests), using the
    built-in exercise catalog for the exercises it names by catalog id."""
    return parse_workout_yaml(text, name, context={"catalog": builtin_catalog().exercises})


def _read_bytes(path: Path) -> bytes:
    where = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise WorkoutFileError(
                [Problem(where, 1, 1, "", f"the file is too large ({size} bytes; limit 1 MiB)")]
            )
        raw = path.read_bytes()
    except FileNotFoundError:
        raise WorkoutFileError([Problem(where, 1, 1, "", "no such file")]) from None
    except IsADirectoryError:
        raise WorkoutFileError([Problem(where, 1, 1, "", "this is a folder, not a file")]) from None
    except OSError as err:
        raise WorkoutFileError([Problem(where, 1, 1, "", f"cannot read: {err.strerror}")]) from None
    if b"\x00" in raw:
        raise WorkoutFileError([Problem(where, 1, 1, "", "this is a binary file, not YAML")])
    return raw


def _decode(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problem = Problem(where, line, 1, "", "the file is not UTF-8 text")
        raise WorkoutFileError([problem]) from None
