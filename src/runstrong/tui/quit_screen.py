"""Ask before quitting: a stray `q` should not end a session."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static


class QuitScreen(ModalScreen[bool]):
    """Dismissed with True to quit, False to keep going."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Quit"),
        Binding("n,escape,q", "answer(False)", "Keep going"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="question"):
            yield Static("Quit this session?", id="question-title")
            yield Static(
                "Your place is saved: `runstrong play --resume` picks up from this step.\n\n"
                "[b]y[/b] quit    [b]n[/b] keep going"
            )

    def action_answer(self, quit_: bool) -> None:
        self.dismiss(quit_)
