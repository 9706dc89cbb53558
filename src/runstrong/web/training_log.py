"""The training log as the web app uses it: opened on first use and shared by all requests.

Opening lazily keeps pages that never touch the log (the library, the
player's first paint) free of database start-up, and lets tests point each
app at its own database.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

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
        """The open log (created or migrated the first time).

        Raises:
            StoreError: the database cannot be used.
        """
        with self._lock:
            if self._store is None:
                from runstrong.store.database import open_store

                self._store = open_store(self._url)
            return self._store

    def entry(self, uid: str) -> SessionEntry | None:
        """One logged session in full, by uid."""
        from sqlalchemy import select
        from sqlalchemy.orm import selectinload

        from runstrong.store.schema import TrainingSession, in_log
        from runstrong.store.sessions import to_entry

        query = (
            select(TrainingSession)
            .where(TrainingSession.uid == uid, in_log())
            .options(selectinload(TrainingSession.sets), selectinload(TrainingSession.user))
        )
        with self.store().transaction() as session:
            row = session.scalar(query)
            return to_entry(row) if row else None

    def close(self) -> None:
        with self._lock:
            if self._store is not None:
                self._store.close()
                self._store = None
