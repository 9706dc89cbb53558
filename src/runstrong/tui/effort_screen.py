"""At the end of a session: how hard did it feel? One number, so `next` can advise from it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Footer, Static

SCALE = (
    "1-3 easy: could go on for long · 4-6 steady: some effort · "
    "7-8 hard: two or three reps left in you · 9-10 very hard to maximal"
)


class EffortScreen(Screen[int | None]):
    """Dismissed with the session's effort (RPE 1-10), or None when the runner skips it.

    Type the number (0 means 10), then Enter; Enter alone or Escape skips.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"digit({n})", show=False) for n in range(10)),
        Binding("backspace", "digit(-1)", show=False),
        Binding("enter", "answer", "Save"),
        Binding("escape", "skip", "Skip"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.typed = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="effort"):
            yield Static("Session complete. How hard did it feel?", id="effort-title")
            yield Static(SCALE, id="effort-scale")
            yield Static(self._line(), id="effort-value")
        yield Footer()

    def _line(self) -> str:
        shown = self.typed or "_"
        return f"Effort (RPE 1-10): {shown}    Enter saves it, Escape skips"

    @property
    def value(self) -> int | None:
        number = int(self.typed) if self.typed else None
        return number if number is not None and 1 <= number <= 10 else None

    def action_digit(self, digit: int) -> None:
        if digit < 0:
            self.typed = self.typed[:-1]
        elif self.typed == "1" and digit == 0:
            self.typed = "10"
        else:
            self.typed = "10" if digit == 0 else str(digit)
        self.query_one("#effort-value", Static).update(self._line())

    def action_answer(self) -> None:
        self.dismiss(self.value)

    def action_skip(self) -> None:
        self.dismiss(None)
