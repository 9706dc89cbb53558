"""The terminal player logs each loaded or rep set as it goes, and asks the session's effort.

Enter logs the set as shown (the plan's reps, the advised weight); a number
changes it first; `w` moves to the other field. Today a whole session used to
log 35 sets with no loads and no effort, so `next` could only say "repeat it".
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from fake_clock import FakeClock
from runstrong.cli import main
from runstrong.play.session import Session
from runstrong.progress.set_plan import set_plans_from_log
from runstrong.store.database import open_store
from runstrong.store.recorder import StoreRecorder
from runstrong.store.sessions import session_by_uid
from runstrong.tui.app import PlayerApp
from runstrong.tui.effort_screen import EffortScreen
from runstrong.tui.summary_screen import SummaryScreen
from runstrong.workouts.library import builtin_workout

pytestmark = pytest.mark.asyncio

ROUTINE = builtin_workout()
SIZE = (100, 42)


async def test_sets_are_checked_with_one_key_and_the_effort_asked_at_the_end(
    runstrong_home: Path, artifacts_dir: Path
) -> None:
    last_week = date.today() - timedelta(days=7)
    assert main(["log", "--date", f"{last_week} 07:00", "--rpe", "8",
                 "--load", "lateral-step-down=12"]) == 0  # fmt: skip
    with open_store() as store:
        plans = set_plans_from_log(store, ROUTINE)
        clock = FakeClock()
        recorder = StoreRecorder(store)
        app = PlayerApp(
            lambda now: Session(ROUTINE, now=now),
            clock=clock,
            recorder=recorder,
            announce=lambda cue: None,
            plans=plans,
        )
        step_down = next(s for s in app_steps() if s.exercise_id == "lateral-step-down")
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            while app.session.index < step_down.index:
                await pilot.press("n")
            text = lambda name: str(app.screen.query_one(f"#{name}").render())  # noqa: E731
            assert text("target") == "8 reps · left leg · 12 kg"
            await pilot.press("enter")  # the reps are done
            assert "Log Lateral Step Down, left leg: 12 kg × 8 reps" in text("set-check")
            assert "last time 12 kg × 8" in text("set-check")
            await pilot.press("7", "w", "1", "3")
            assert "13 kg × 7 reps" in text("set-check")
            app.save_screenshot("player-set-check.svg", str(artifacts_dir))
            await pilot.press("enter")  # during the switch: logs the set as corrected
            await pilot.pause()
            assert not app.screen.query_one("#set-check").display
            logged = session_by_uid(store, recorder.session_id)
            [done] = [s for s in logged.sets if s.position == step_down.index]
            assert (done.reps_done, done.load_kg, done.load_unit) == (7, 13.0, "kg")

            await pilot.press("enter")  # the switch is over
            await pilot.press("enter")  # the right leg's reps: left unchecked, logged as shown
            for _ in range(2 * len(app_steps())):
                if isinstance(app.screen, EffortScreen):
                    break
                await pilot.press("n")
                await pilot.pause()
            assert isinstance(app.screen, EffortScreen)
            app.save_screenshot("player-effort.svg", str(artifacts_dir))
            await pilot.press("6", "enter")
            for _ in range(50):  # a busy machine may take a moment to show it
                if isinstance(app.screen, SummaryScreen):
                    break
                await pilot.pause(0.05)
            assert isinstance(app.screen, SummaryScreen)
        entry = session_by_uid(store, recorder.session_id)
        assert entry.rpe == 6
        right = next(s for s in entry.sets if s.position == step_down.index + 2)
        assert right.load_kg == 12.0 and right.reps_done == 8


def app_steps():
    from runstrong.timeline import compile_timeline

    return compile_timeline(ROUTINE).steps
