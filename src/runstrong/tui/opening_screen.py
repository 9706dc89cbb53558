"""Before the first step: the workout, its planned time, and what to do this time, and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Static

from runstrong.wording import duration_text

if TYPE_CHECKING:
    from runstrong.progress.progression import Advice


@dataclass(frozen=True)
class Opening:
    """What the opening screen shows.

    Args:
        title: the workout's title.
        planned_seconds: how long the session should take (rep work and open rests estimated).
        advice: what to do with each exercise that can progress, from the log.
    """

    title: str
    planned_seconds: float
    advice: Sequence[Advice]


class OpeningScreen(Screen[bool]):
    """Dismissed with True to start the session, False to leave without starting it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "answer(True)", "Start"),
        Binding("q,escape", "answer(False)", "Quit"),
    ]

    def __init__(self, opening: Opening) -> None:
        super().__init__()
        self._opening = opening

    def compose(self) -> ComposeResult:
        opening = self._opening
        with Vertical(id="opening"):
            yield Static(opening.title, id="opening-title", markup=False)
            yield Static(
                f"Planned time: about {duration_text(opening.planned_seconds)}",
                id="opening-planned",
            )
            yield Static("This time", id="advice-heading")
            with VerticalScroll(id="advice"):
                for advice in opening.advice:
                    yield Static(
                        advice.headline,
                        classes="advice-what",
                        markup=False,
                    )
                    yield Static(advice.reason, classes="advice-reason", markup=False)
                if not opening.advice:
                    yield Static("Do every exercise as written.", classes="advice-what")
            yield Static("Press Enter or space to start, q to leave", id="opening-start")
        yield Footer()

    def action_answer(self, start: bool) -> None:
        self.dismiss(start)
