"""Play a workout in the terminal player to its end on a simulated clock, logging to the store.

The tests that follow a whole workout differ only in what they look at on the way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from textual.pilot import Pilot

from fake_clock import FakeClock
from runstrong.play.session import Session
from runstrong.store.database import open_store
from runstrong.store.entries import SessionEntry
from runstrong.store.recorder import StoreRecorder
from runstrong.store.sessions import last_session
from runstrong.tui.app import PlayerApp
from runstrong.tui.summary_screen import SummaryScreen
from runstrong.workouts.model import Workout


@dataclass
class Watch:
    """What a test sees at each moment the player waits: the app, its clock and its pilot."""

    app: PlayerApp
    clock: FakeClock
    pilot: Pilot

    def text(self, widget: str) -> str:
        """What the widget with this id shows."""
        return str(self.app.screen.query_one(f"#{widget}").render())


async def play_through(
    workout: Workout, look: Callable[[Watch], Awaitable[None]]
) -> tuple[PlayerApp, SessionEntry]:
    """Play `workout` to its summary, calling `look` before each wait; the app and its log entry."""
    clock = FakeClock()
    with open_store() as store:
        app = PlayerApp(
            lambda now: Session(workout, now=now),
            clock=clock,
            recorder=StoreRecorder(store),
            announce=lambda cue: None,
        )
        async with app.run_test(size=(100, 42)) as pilot:
            watch = Watch(app, clock, pilot)
            while not app.session.finished:
                await look(watch)
                if app.session.next_deadline() is None:
                    await pilot.press("enter")
                else:
                    await clock.advance(app.session.next_deadline() - clock.now())
            await pilot.pause()
            assert isinstance(app.screen, SummaryScreen)
        entry = last_session(store)
    assert entry is not None
    return app, entry
