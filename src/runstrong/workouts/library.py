"""Find and load workouts: the built-ins shipped with runstrong plus the user's own files."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from runstrong.settings import Settings
from runstrong.workouts.file import load_workout_file
from runstrong.workouts.model import Workout
from runstrong.workouts.problems import Problem, WorkoutFileError

DEFAULT_WORKOUT = "runners-lower-body"
_SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class Entry:
    """A workout found in the library, with where it came from."""

    workout: Workout
    path: Path
    builtin: bool


@dataclass(frozen=True)
class Library:
    """All workouts available, and the files in the user's folders that failed to load."""

    entries: tuple[Entry, ...]
    broken: tuple[WorkoutFileError, ...]

    def get(self, workout_id: str) -> Workout:
        """The workout with this id (a user's file wins over a built-in of the same id).

        Raises:
            LookupError: no such workout; the message lists the ids there are.
        """
        for entry in reversed(self.entries):
            if entry.workout.id == workout_id:
                return entry.workout
        known = ", ".join(sorted({e.workout.id for e in self.entries})) or "none"
        raise LookupError(f"no workout called {workout_id!r} (available: {known})")


def builtin_dir() -> Path:
    """The folder of workouts shipped inside the package."""
    return Path(str(resources.files("runstrong.workouts") / "builtin"))


def load_library(extra_dirs: Iterable[Path] = (), *, user_dir: Path | None = None) -> Library:
    """Built-ins first, then the user's own folder (default: the settings'), then `extra_dirs`."""
    entries: list[Entry] = []
    broken: list[WorkoutFileError] = []
    user_dir = user_dir or Settings.from_env().user_workouts_dir
    sources = [(builtin_dir(), True), (user_dir, False)]
    sources += [(Path(d), False) for d in extra_dirs]
    for folder, builtin in sources:
        for path in _workout_files(folder):
            try:
                entries.append(Entry(load_workout_file(path), path, builtin))
            except WorkoutFileError as err:
                if builtin:
                    raise
                broken.append(err)
    return Library(tuple(entries), tuple(broken))


def resolve_workout(
    ref: str | None,
    extra_dirs: Iterable[Path] = (),
    *,
    on_skipped: Callable[[WorkoutFileError], None] | None = None,
) -> Workout:
    """A workout by id, or by path to a YAML file; the built-in routine when `ref` is None.

    `on_skipped` hears of each file in the workout folders that could not be
    read (and was left out) while looking `ref` up by id.

    Raises:
        WorkoutFileError: `ref` is a file that is not a valid workout.
        LookupError: no workout has that id.
    """
    if ref is None:
        ref = DEFAULT_WORKOUT
    candidate = Path(ref)
    if candidate.suffix in _SUFFIXES or candidate.is_file():
        return load_workout_file(candidate)
    library = load_library(extra_dirs)
    for broken in library.broken if on_skipped else ():
        on_skipped(broken)
    return library.get(ref)


def builtin_workout(workout_id: str = DEFAULT_WORKOUT) -> Workout:
    """A built-in workout, without looking at the user's folders."""
    path = builtin_dir() / f"{workout_id}.yaml"
    if not path.is_file():
        raise LookupError(f"no built-in workout called {workout_id!r}")
    return load_workout_file(path)


def _workout_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    # Anything but a folder is tried, so a pipe or a dangling link is reported, not ignored.
    return sorted(p for p in folder.iterdir() if p.suffix in _SUFFIXES and not p.is_dir())


__all__ = ["DEFAULT_WORKOUT", "Entry", "Library", "Problem", "builtin_workout", "load_library"]
