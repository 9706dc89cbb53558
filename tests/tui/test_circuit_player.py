"""The terminal player through a circuit of five: alternating and per-direction work say
which way, an exercise's own rest is played, and every set is logged in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from runstrong.play.session import Session
from runstrong.timeline import StepKind
from runstrong.workouts.file import load_workout_file
from tui.play_through import Watch, play_through

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
    visited: list[int] = []
    seen: dict[int, tuple[str, str, str, str]] = {}

    async def look(watch: Watch) -> None:
        index = watch.app.session.index
        if not visited or visited[-1] != index:
            visited.append(index)
        if index in looked_at and index not in seen:
            await watch.pilot.pause()  # drawn: read what the runner sees
            countdown = watch.app.screen.query_one("#countdown").value
            where, title, target = (watch.text(w) for w in ("where", "title", "target"))
            seen[index] = (where, title, target, countdown)

    _app, entry = await play_through(workout, look)

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
