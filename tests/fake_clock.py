"""Simulated time for tests: the player's clock, moved only when a test says so."""

from __future__ import annotations

import asyncio
import heapq
import itertools
from datetime import UTC, datetime, timedelta


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


class TickingClock:
    """Monotonic readings that move `step` seconds each time they are read.

    Work measured against it takes as long as the number of times it looks at
    the clock, so a time budget runs out after the same work on every machine.
    """

    def __init__(self, step: float = 0.001) -> None:
        self.step = step
        self.readings = 0

    def __call__(self) -> float:
        self.readings += 1
        return self.readings * self.step
