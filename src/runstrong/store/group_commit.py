"""Many writers, one commit: concurrent writes share a transaction and its wait for the disk.

A durable commit waits for the disk to confirm (an fsync: milliseconds), so
one commit per request caps a server at a few hundred writes a second. Here
one thread takes every write that is waiting, runs them in one transaction,
commits once, and only then answers them all: each write is as durable as if
it had been committed alone, and no caller hears "saved" before the commit.

A write refused for its own reasons (one of `refusals`, raised before it
changed anything) fails alone. Any other error rolls the whole batch back and
fails every write in it: nothing half-done is ever committed, and the callers
may send again.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import TypeVar

from sqlalchemy import Connection

from runstrong.store.database import Store

T = TypeVar("T")
Work = Callable[[Connection], T]

#: At most this many writes share one commit (the rest wait for the next).
MAX_BATCH = 128


class GroupCommit:
    """A writer thread for one store, started on first use.

    Args:
        store: gives the open log; called in the writer thread, so opening
            (and migrating) it never blocks the caller.
        refusals: errors a write raises before it changes anything.
    """

    def __init__(
        self, store: Callable[[], Store], *, refusals: tuple[type[Exception], ...] = ()
    ) -> None:
        self._store = store
        self._refusals = refusals
        self._queue: queue.SimpleQueue[tuple[Work, Future] | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, work: Work[T]) -> Future[T]:
        """Run `work(db)` in the next batch; the future resolves once it is committed."""
        future: Future[T] = Future()
        self._ensure_thread()
        self._queue.put((work, future))
        return future

    async def run(self, work: Work[T]) -> T:
        """`submit`, awaited."""
        return await asyncio.wrap_future(self.submit(work))

    def close(self) -> None:
        """Finish the writes already submitted, then stop the thread."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join()

    def _ensure_thread(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._serve, name="runstrong-group-commit", daemon=True
                )
                self._thread.start()

    def _serve(self) -> None:
        while True:
            first = self._queue.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < MAX_BATCH:
                try:
                    item = self._queue.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    self._queue.put(None)  # stop after this batch
                    break
                batch.append(item)
            self._commit(batch)

    def _commit(self, batch: list[tuple[Work, Future]]) -> None:
        answers: list[tuple[Future, object, Exception | None]] = []
        try:
            with self._store().engine.begin() as connection:
                for work, future in batch:
                    if not future.set_running_or_notify_cancel():
                        continue
                    try:
                        answers.append((future, work(connection), None))
                    except self._refusals as refused:
                        answers.append((future, None, refused))
        except Exception as err:  # rolled back: nothing in the batch is saved
            for _work, future in batch:
                if not future.done():
                    future.set_exception(err)
            return
        for future, result, error in answers:
            if error is None:
                future.set_result(result)
            else:
                future.set_exception(error)
