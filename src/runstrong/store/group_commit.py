"""Many writers, one commit: concurrent writes share a transaction and its wait for the disk.

A durable commit waits for the disk to confirm (an fsync: milliseconds), so
one commit per request caps a server at a few hundred writes a second. Here
one thread takes every write that is waiting, runs them in one transaction,
commits once, and only then answers them all: each write is as durable as if
it had been committed alone, and no caller hears "saved" before the commit.

Callers on an event loop are answered a whole batch at a time: one wake-up of
their loop per commit, not one per write.

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
#: who waits for a write: a thread (a concurrent future) or a task on an event loop
Waiter = Future | asyncio.Future

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
        self._queue: queue.SimpleQueue[tuple[Work, Waiter] | None] = queue.SimpleQueue()
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
        waiter: asyncio.Future[T] = asyncio.get_running_loop().create_future()
        self._ensure_thread()
        self._queue.put((work, waiter))
        return await waiter

    def close(self) -> None:
        """Finish the writes already submitted, then stop the thread."""
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(None)
            thread.join()

    def _ensure_thread(self) -> None:
        if self._thread is not None:
            return
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

    def _commit(self, batch: list[tuple[Work, Waiter]]) -> None:
        answers: list[tuple[Waiter, object, BaseException | None]] = []
        try:
            with self._store().engine.begin() as connection:
                for work, waiter in batch:
                    if not _still_wanted(waiter):
                        continue
                    try:
                        answers.append((waiter, work(connection), None))
                    except self._refusals as refused:
                        answers.append((waiter, None, refused))
        except Exception as err:  # rolled back: nothing in the batch is saved
            answers = [(waiter, None, err) for _work, waiter in batch]
        _answer(answers)


def _still_wanted(waiter: Waiter) -> bool:
    """False for a write whose caller gave up (cancelled) before it ran."""
    if isinstance(waiter, Future):
        return waiter.set_running_or_notify_cancel()
    return not waiter.cancelled()


def _answer(answers: list[tuple[Waiter, object, BaseException | None]]) -> None:
    """Resolve each waiter; those on an event loop with one call into their loop."""
    on_loops: dict[asyncio.AbstractEventLoop, list] = {}
    for waiter, result, error in answers:
        if isinstance(waiter, Future):
            if waiter.done():
                continue
            if error is None:
                waiter.set_result(result)
            else:
                waiter.set_exception(error)
        else:
            on_loops.setdefault(waiter.get_loop(), []).append((waiter, result, error))
    for loop, waiting in on_loops.items():
        try:
            loop.call_soon_threadsafe(_settle, waiting)
        except RuntimeError:  # that loop is closed: nobody is waiting any more
            continue


def _settle(waiting: list[tuple[asyncio.Future, object, BaseException | None]]) -> None:
    for waiter, result, error in waiting:
        if waiter.done():  # cancelled meanwhile
            continue
        if error is None:
            waiter.set_result(result)
        else:
            waiter.set_exception(error)
