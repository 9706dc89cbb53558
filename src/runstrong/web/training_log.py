"""The training log as the web app uses it: opened on first use and shared by all requests.

Opening lazily keeps pages that never touch the log (the library, the
player's first paint) free of database start-up, and lets tests point each
app at its own database. The shared log acts for nobody: a route sees it
through `for_user`, so every query it makes is limited to the request's user.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from typing import TYPE_CHECKING

from runstrong.store.database import open_store
from runstrong.store.sessions import session_by_uid

if TYPE_CHECKING:
    from runstrong.store.database import Store
    from runstrong.store.entries import SessionEntry


class TrainingLog:
    """One open `Store` per app, plus the lookups the pages need that the store lacks."""

    def __init__(self, url: str | None = None) -> None:
        self._url = url
        self._store: Store | None = None
        self._lock = threading.Lock()

    def store(self) -> Store:
        """The open log, acting for nobody (created or migrated the first time).

        Raises:
            StoreError: the database cannot be used.
        """
        with self._lock:
            if self._store is None:
                self._store = replace(open_store(self._url), user=None)
            return self._store

    def for_user(self, user: str) -> UserLog:
        return UserLog(self, user)

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None


class UserLog:
    """The log as one user sees it: their sessions, their plan, nobody else's."""

    def __init__(self, log: TrainingLog, user: str) -> None:
        self._log = log
        self.user = user

    def store(self) -> Store:
        """The open log acting for this user (opened the first time; see `TrainingLog`)."""
        return self._log.store().acting_as(self.user)

    def entry(self, uid: str) -> SessionEntry | None:
        """One of the user's logged sessions in full, by uid."""
        return session_by_uid(self.store(), uid)
