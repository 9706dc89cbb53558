"""The end of a session: how long it took, what was done or skipped, which variations were used."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

from runstrong.play.session import Session
from runstrong.wording import duration_text


def summary_lines(session: Session) -> list[str]:
    """The summary as lines of text, for the screen and for anyone else who wants it."""
    lines = [
        f"Time taken: {duration_text(session.active_seconds)} (pauses not counted)",
        f"Steps done: {session.done_count}",
        f"Steps skipped: {session.skipped_count}",
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

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._session = session

    def compose(self) -> ComposeResult:
        with Vertical(id="summary"):
            yield Static("Session complete. Well done!", id="summary-title")
            yield Static(self._session.workout.title, id="summary-workout")
            yield Static("\n".join(summary_lines(self._session)), id="summary-body")
        yield Footer()
