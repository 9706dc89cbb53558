"""The terminal player through a circuit of five: alternating and per-direction work say
which way, an exercise's own rest is played, and every set is logged in order."""

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
from runstrong.workouts.file import load_workout_file

pytestmark = pytest.mark.asyncio

WORKOUT = Path(__file__).parents[1] / "workouts" / "files" / "circuit-of-five.yaml"


async def test_a_circuit_of_five_plays_to_the_end_in_order(runstrong_home) -> None:
    workout = load_workout_file(WORKOUT)
    steps = Session(workout, now=0.0).timeline.steps
    work = [s for s in steps if s.kind is StepKind.WORK]
    swing = next(s for s in work if s.exercise_id == "leg-swing")
    pose = [s for s in work if s.exercise_id == "childs" and s.round == 2]
    step_up_rest = next(
        s for s in steps if s.kind is StepKind.REST and steps[s.index - 1].exercise_id == "step-up"
    )
    looked_at = {swing.index, step_up_rest.index, *(s.index for s in pose)}
    clock = FakeClock()
    visited: list[int] = []
    seen: dict[int, tuple[str, str, str, str]] = {}
    with open_store() as store:
        app = PlayerApp(
            lambda now: Session(workout, now=now),
            clock=clock,
            recorder=StoreRecorder(store),
            announce=lambda cue: None,
        )

        def text(widget: str) -> str:
            return str(app.screen.query_one(f"#{widget}").render())

        async with app.run_test(size=(100, 42)) as pilot:
            while not app.session.finished:
                index = app.session.index
                if not visited or visited[-1] != index:
                    visited.append(index)
                if index in looked_at and index not in seen:
                    await pilot.pause()  # drawn: read what the runner sees
                    countdown = app.screen.query_one("#countdown").value
                    seen[index] = (text("where"), text("title"), text("target"), countdown)
                if app.session.next_deadline() is None:
                    await pilot.press("enter")
                else:
                    await clock.advance(app.session.next_deadline() - clock.now())
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
        entry = last_session(store)

    assert visited == list(range(len(steps)))  # every step, in order
    assert [(s.round, s.exercise_id, s.side) for s in entry.sets] == [
        (s.round, s.exercise_id, s.side) for s in work
    ]
    assert seen[swing.index][:3] == (
        "Warm Up · round 1 / 3",
        "Alternating Leg Swing",
        "30 s · alternating legs · no equipment",
    )
    assert [seen[s.index][2] for s in pose] == [
        f"10 s · direction {n} · bodyweight" for n in (1, 2, 3)
    ]
    where, title, _, countdown = seen[step_up_rest.index]
    assert (where, title) == ("Circuit · round 1 / 3", "Rest")
    assert countdown.endswith("20")  # the step up's own rest, not the block's
