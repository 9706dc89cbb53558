"""Ask before quitting: a stray `q` should not end a session, and a mere try need not be kept."""

from __future__ import annotations

from enum import StrEnum
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from runstrong.play.recording import Tally
from runstrong.wording import plural


class QuitAnswer(StrEnum):
    KEEP_GOING = "keep going"
    QUIT = "quit"
    """Leave, keeping the session to carry on later."""
    DISCARD = "discard"
    """Leave, and forget the session: nothing of it stays in the log."""


class QuitScreen(ModalScreen[QuitAnswer]):
    """Quit or keep going; with little done, whether to keep the session at all.

    Args:
        tally: what has been recorded so far.
        little_done: offer to discard the session instead of keeping it.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer('quit')", "Quit"),
        Binding("d", "discard", "Discard", show=False),
        Binding("n,escape,q", "answer('keep going')", "Keep going"),
    ]

    def __init__(self, tally: Tally, *, little_done: bool) -> None:
        super().__init__()
        self._tally = tally
        self._little_done = little_done

    def compose(self) -> ComposeResult:
        with Vertical(id="question"):
            yield Static("Quit this session?", id="question-title")
            if self._little_done:
                done = plural(self._tally.done, "set")
                yield Static(
                    f"Only {done} done so far. Keep this session to carry on later, "
                    "or discard it so it is not in your log?\n\n"
                    "[b]y[/b] quit and keep it    [b]d[/b] quit and discard it    "
                    "[b]n[/b] keep going",
                    id="question-body",
                )
            else:
                yield Static(
                    "Your place is saved: `runstrong play --resume` (or the browser) picks up "
                    "from this step.\n\n[b]y[/b] quit    [b]n[/b] keep going",
                    id="question-body",
                )

    def action_answer(self, answer: str) -> None:
        self.dismiss(QuitAnswer(answer))

    def action_discard(self) -> None:
        if self._little_done:
            self.dismiss(QuitAnswer.DISCARD)
