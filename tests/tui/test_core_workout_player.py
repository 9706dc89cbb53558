"""The terminal player through the core workout: a warmup of two rounds, a superset of three,
and a stretch held in three directions."""

from __future__ import annotations

import pytest

from runstrong.timeline import StepKind
from runstrong.workouts.library import builtin_workout
from tui.play_through import Watch, play_through

pytestmark = pytest.mark.asyncio

CORE = builtin_workout("core-for-runners")


async def test_the_core_workout_plays_to_the_end_in_order(runstrong_home) -> None:
    seen: list[tuple[str, str, str]] = []

    async def look(watch: Watch) -> None:
        session = watch.app.session
        if session.step.kind is StepKind.WORK and session.elapsed(watch.clock.now()) >= 0:
            await watch.pilot.pause()
            seen.append((watch.text("where"), watch.text("title"), watch.text("target")))

    app, entry = await play_through(CORE, look)

    work = [s for s in app.session.timeline.steps if s.kind is StepKind.WORK]
    logged = [(s.round, s.exercise_id, s.side) for s in entry.sets]
    assert logged == [(s.round, s.exercise_id, s.side) for s in work]
    assert entry.status == "completed"

    shown = list(dict.fromkeys(seen))  # a step is seen more than once while it counts down
    assert ("Warm Up · round 2 / 2", "Cat Cow", "30 s · bodyweight") in shown
    set_a_round_2 = [title for where, title, _ in shown if where == "Strength Set A · round 2 / 2"]
    assert list(dict.fromkeys(set_a_round_2)) == [
        "Bird Dog Row",
        "Modified Side Plank Clamshell Lift",
        "Dead Bug Pullover",
    ]
    assert shown[-3:] == [
        ("Cool Down · round 1 / 1", "3-Way Child's Pose", f"10 s · {way} · bodyweight")
        for way in ("centre", "left", "right")
    ]
