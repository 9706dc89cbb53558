"""Read a workout file and report every problem as `path:line:col: field: message`.

Reading is guarded before any YAML is parsed: only a regular file is read
(never a pipe or a device), at most MAX_BYTES of it, and it must be UTF-8
text; parsing then keeps to the limits in `yaml_limits`. A file already
validated once is served from the workout cache.
"""

from __future__ import annotations

from pathlib import Path

from runstrong.regular_files import FileRefused, read_regular_file, too_large
from runstrong.workouts import cache as workout_cache
from runstrong.workouts.catalog import builtin_catalog, catalog_digest
from runstrong.workouts.model import Workout
from runstrong.workouts.problems import Problem, WorkoutFileError
from runstrong.workouts.yaml_positions import parse_workout_yaml

#: The largest workout file read; the built-in routine is about 12 KiB.
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
    size = len(text.encode("utf-8", errors="surrogatepass"))
    if size > MAX_BYTES:
        raise WorkoutFileError([Problem(name, 1, 1, "", too_large(size, MAX_BYTES))])
    return parse_workout_yaml(text, name, context={"catalog": builtin_catalog().exercises})


def _read_bytes(path: Path) -> bytes:
    where = str(path)
    try:
        raw = read_regular_file(path, max_bytes=MAX_BYTES)
    except FileRefused as err:
        raise WorkoutFileError([Problem(where, 1, 1, "", str(err))]) from None
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
