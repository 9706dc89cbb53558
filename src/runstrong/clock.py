"""Time as the player sees it: a monotonic reading and a way to wait for a deadline.

The player never adds up sleeps; it waits for absolute deadlines on a clock
that can be swapped, so tests play a whole session in simulated time and the
real clock can only be late, never early.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from datetime import UTC, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    """What the player needs from time."""

    def now(self) -> float:
        """Monotonic seconds; only differences between readings mean anything."""

    def wall(self) -> datetime:
        """The current date and time (UTC), for records people read."""

    async def sleep_until(self, deadline: float) -> None:
        """Return once `now()` has reached `deadline` (at once if it already has)."""


class MonotonicClock:
    """The real clock: `time.monotonic` and asyncio sleeps that never wake early."""

    def now(self) -> float:
        return time.monotonic()

    def wall(self) -> datetime:
        return datetime.now(UTC)

    async def sleep_until(self, deadline: float) -> None:
        # asyncio may wake a hair early (clock resolution), so check and top up.
        while (left := deadline - time.monotonic()) > 0:
            await asyncio.sleep(left)


class FakeClock:
    """Simulated time for tests: it only moves when `advance` is awaited."""

    def __init__(self, start: float = 1000.0, *, wall_start: datetime | None = None) -> None:
        self._start = start
        self._now = start
        self._wall_start = wall_start or datetime(2025, 3, 3, 7, 0, tzinfo=UTC)
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    def now(self) -> float:
        return self._now

    def wall(self) -> datetime:
        return self._wall_start + timedelta(seconds=self._now - self._start)

    async def sleep_until(self, deadline: float) -> None:
        if deadline <= self._now:
            await asyncio.sleep(0)
            return
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (deadline, next(self._order), future))
        await future

    async def advance(self, seconds: float) -> None:
        """Move time forward, waking each sleeper at exactly its deadline, in order."""
        target = self._now + seconds
        while self._sleepers and self._sleepers[0][0] <= target:
            deadline, _, future = heapq.heappop(self._sleepers)
            if future.done():
                continue
            self._now = max(self._now, deadline)
            future.set_result(None)
            await _let_others_run()
        self._now = target
        await _let_others_run()

    @property
    def next_deadline(self) -> float | None:
        """The earliest deadline someone is still waiting for."""
        pending = [d for d, _, f in self._sleepers if not f.done()]
        return min(pending, default=None)


async def _let_others_run() -> None:
    """Give woken tasks a few turns of the event loop to act and sleep again."""
    for _ in range(5):
        await asyncio.sleep(0)
