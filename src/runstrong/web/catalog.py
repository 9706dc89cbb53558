"""The workout library, reloaded only when a workout file changes, and its timelines cached.

Parsing YAML on every request would dominate the API's latency, and even
looking at the files' modification times (a listing and a stat per file)
costs a busy server more than recording a set: so the files are looked at
once a second at most, and at once after the app itself saved a workout.
The timeline JSON the player fetches is kept per workout and variations
until the library reloads.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

from runstrong.settings import Settings
from runstrong.store import DEFAULT_USER
from runstrong.workouts.library import Library, builtin_dir, load_library

#: How long the files as last looked at are trusted, in seconds.
RECHECK_SECONDS = 1.0


def workouts_dir_of(settings: Settings, user: str) -> Path:
    """Workout files of one user of a shared log: the local runner's are the data
    folder's `workouts/`, everyone else's are in a folder of their own under `users/`."""
    if user == DEFAULT_USER:
        return settings.user_workouts_dir
    if not user or user.startswith(".") or "/" in user or "\\" in user:
        raise ValueError(f"{user!r} cannot name a folder")
    return settings.data_dir / "users" / user / "workouts"


class Catalogs:
    """One catalog per user: each sees the built-ins, the server's extra folders and only
    their own workout files."""

    def __init__(self, settings: Settings, *, clock: Callable[[], float] = time.monotonic) -> None:
        self._settings = settings
        self._clock = clock
        self._lock = threading.Lock()
        self._by_user: dict[str, Catalog] = {}

    def of(self, user: str) -> Catalog:
        with self._lock:
            found = self._by_user.get(user)
            if found is None:
                found = self._by_user[user] = Catalog(self._settings, user=user, clock=self._clock)
            return found


class Catalog:
    """A cached `Library` that notices new, changed and removed workout files within a second.

    Args:
        settings: where the workouts are.
        user: whose workout files it holds, beside the built-ins and the server's folders.
        clock: monotonic seconds (tests pass their own).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        user: str = DEFAULT_USER,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._clock = clock
        self._checked: float | None = None
        self._extra_dirs = settings.workout_dirs
        self._user_dir = workouts_dir_of(settings, user)
        self._folders = tuple(
            str(folder) for folder in (builtin_dir(), self._user_dir, *self._extra_dirs)
        )
        self._lock = threading.Lock()
        self._signature: tuple | None = None
        self._library: Library | None = None
        self._cached: dict[tuple, bytes] = {}

    def current(self) -> Library | None:
        """The library as loaded, if no workout file changed since, else None.

        Looks at the files only if it last did a second or more ago.
        """
        checked = self._checked
        if checked is not None and self._clock() - checked < RECHECK_SECONDS:
            return self._library
        now = self._clock()
        signature = self._current_signature()
        with self._lock:
            if signature != self._signature:
                return None
            self._checked = now
            return self._library

    def changed(self) -> None:
        """The app itself changed a workout file: look at the files on the next request."""
        self._checked = None

    def library(self) -> Library:
        """The library, (re)loaded first if a workout file changed: reads and parses YAML."""
        now = self._clock()
        signature = self._current_signature()
        with self._lock:
            self._checked = now
            if self._library is None or signature != self._signature:
                self._library = load_library(self._extra_dirs, user_dir=self._user_dir)
                self._signature = signature
                self._cached.clear()
            return self._library

    def cached(
        self,
        workout_id: str,
        variations: Mapping[str, str],
        build: Callable[[], bytes],
        *,
        form: str = "json",
    ) -> bytes:
        """`build()` once per workout, variations and `form` for the library as last loaded."""
        key = (workout_id, tuple(sorted(variations.items())), form)
        with self._lock:
            found = self._cached.get(key)
        if found is None:
            found = build()
            with self._lock:
                self._cached[key] = found
        return found

    def _current_signature(self) -> tuple:
        entries = []
        for folder in self._folders:
            try:
                listing = sorted(os.scandir(folder), key=lambda entry: entry.name)
            except OSError:  # not there (yet), or not a folder
                continue
            for entry in listing:
                try:
                    entries.append((entry.path, entry.stat().st_mtime_ns))
                except OSError:
                    continue
        return tuple(entries)
