"""Before the first step: the workout, its planned time, what to have ready, and what to do
this time, and why (exercises with the same advice share one line, not one each)."""

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
        equipment: what to have ready before starting.
    """

    title: str
    planned_seconds: float
    advice: Sequence[Advice]
    equipment: Sequence[str] = ()


def advice_lines(advice: Sequence[Advice]) -> list[tuple[str, str]]:
    """(what, why) lines: advice that shares its reason is one line naming every exercise."""
    groups: dict[str, list[str]] = {}
    for item in advice:
        groups.setdefault(item.reason, []).append(item.headline)
    lines = []
    for reason, headlines in groups.items():
        why = reason if len(headlines) == 1 else reason.replace("this exercise", "these exercises")
        lines.append((" · ".join(headlines), why))
    return lines


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
            with VerticalScroll(id="advice"):
                if opening.equipment:
                    yield Static("You need", classes="opening-heading")
                    yield Static(
                        "\n".join(f"• {thing}" for thing in opening.equipment),
                        id="equipment",
                        markup=False,
                    )
                yield Static("This time", id="advice-heading", classes="opening-heading")
                for what, why in advice_lines(opening.advice):
                    yield Static(what, classes="advice-what", markup=False)
                    yield Static(why, classes="advice-reason", markup=False)
                if not opening.advice:
                    yield Static("Do every exercise as written.", classes="advice-what")
            yield Static("Press Enter or space to start, q to leave", id="opening-start")
        yield Footer()

    def action_answer(self, start: bool) -> None:
        self.dismiss(start)
