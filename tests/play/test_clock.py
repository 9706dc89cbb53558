"""The clocks: simulated time wakes sleepers exactly on time; real time never wakes early."""

from __future__ import annotations

import asyncio
import time

import pytest

from fake_clock import FakeClock
from runstrong.play.clock import MonotonicClock

pytestmark = pytest.mark.asyncio


async def test_fake_clock_wakes_each_sleeper_at_its_own_deadline_in_order() -> None:
    clock = FakeClock(start=0.0)
    woke: list[tuple[str, float]] = []

    async def sleeper(name: str, deadline: float) -> None:
        await clock.sleep_until(deadline)
        woke.append((name, clock.now()))

    tasks = [asyncio.create_task(sleeper(n, d)) for n, d in [("late", 5.0), ("early", 2.5)]]
    await asyncio.sleep(0)
    await clock.advance(3.0)
    assert woke == [("early", 2.5)] and clock.now() == 3.0
    await clock.advance(10.0)
    assert woke == [("early", 2.5), ("late", 5.0)]
    await asyncio.gather(*tasks)


async def test_fake_clock_skips_cancelled_sleepers() -> None:
    clock = FakeClock(start=0.0)
    task = asyncio.create_task(clock.sleep_until(1.0))
    await asyncio.sleep(0)
    task.cancel()
    await clock.advance(2.0)
    assert task.cancelled() and clock.next_deadline is None


async def test_real_clock_never_returns_before_the_deadline() -> None:
    clock = MonotonicClock()
    for gap in (0.001, 0.005, 0.02):
        deadline = clock.now() + gap
        await clock.sleep_until(deadline)
        assert time.monotonic() >= deadline


async def test_fake_wall_time_follows_simulated_time() -> None:
    clock = FakeClock(start=10.0)
    before = clock.wall()
    await clock.advance(90)
    assert (clock.wall() - before).total_seconds() == 90
