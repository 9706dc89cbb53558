"""The terminal player through the core workout: a warmup of two rounds, a superset of three,
and a stretch held in three directions."""

from __future__ import annotations

from pathlib import Path

import pytest

from fake_clock import FakeClock
from runstrong.play.session import Session
from runstrong.store.database import open_store
from runstrong.store.recorder import StoreRecorder
from runstrong.store.sessions import last_session
from runstrong.timeline import StepKind
from runstrong.tui.app import PlayerApp
from runstrong.tui.summary_screen import SummaryScreen
from runstrong.workouts.library import builtin_workout

pytestmark = pytest.mark.asyncio

CORE = builtin_workout("core-for-runners")


async def test_the_core_workout_plays_to_the_end_in_order(tmp_path: Path, runstrong_home) -> None:
    clock = FakeClock()
    seen: list[tuple[str, str, str]] = []
    with open_store() as store:
        app = PlayerApp(
            lambda now: Session(CORE, now=now),
            clock=clock,
            recorder=StoreRecorder(store),
            announce=lambda cue: None,
        )

        def text(widget: str) -> str:
            return str(app.screen.query_one(f"#{widget}").render())

        async with app.run_test(size=(100, 42)) as pilot:
            while not app.session.finished:
                step = app.session.step
                if step.kind is StepKind.WORK and app.session.elapsed(clock.now()) >= 0:
                    await pilot.pause()
                    seen.append((text("where"), text("title"), text("target")))
                if app.session.next_deadline() is None:
                    await pilot.press("enter")
                else:
                    await clock.advance(app.session.next_deadline() - clock.now())
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
        entry = last_session(store)

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
