"""The end of a session: how long it took, the sets done or skipped, which variations were used.

The counts are the log's (the sets as recorded), not the player's own tally.
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from runstrong.play.recording import Tally
from runstrong.play.session import Session
from runstrong.wording import duration_text


def summary_lines(session: Session, tally: Tally) -> list[str]:
    """The summary as lines of text, for the screen and for anyone else who wants it."""
    lines = [
        f"Time taken: {duration_text(session.active_seconds)} (pauses not counted)",
        f"Sets done: {tally.done}",
        f"Sets skipped: {tally.skipped}",
    ]
    used = [
        session.workout.exercise(exercise_id).effective(variation_id).name
        for exercise_id, variation_id in session.variations.items()
    ]
    lines.append(f"Variations used: {', '.join(used) if used else 'none'}")
    return lines


class SummaryScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q,enter,escape", "app.close_summary", "Close")
    ]

    def __init__(self, session: Session, tally: Tally) -> None:
        super().__init__()
        self._session = session
        self._tally = tally

    def compose(self) -> ComposeResult:
        with Vertical(id="summary"):
            yield Static("Session complete. Well done!", id="summary-title")
            yield Static(self._session.workout.title, id="summary-workout")
            yield Static("\n".join(summary_lines(self._session, self._tally)), id="summary-body")
        yield Footer()
