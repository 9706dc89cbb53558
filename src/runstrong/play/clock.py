"""Time as the player sees it: a monotonic reading and a way to wait for a deadline.

The player never adds up sleeps; it waits for absolute deadlines on a clock
that can be swapped, so tests play a whole session in simulated time and the
real clock can only be late, never early.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
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
