"""The main screen: what to do now, how long is left, and what comes next."""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Footer, ProgressBar, Static

from runstrong.figures.braille import braille_poses
from runstrong.play.session import Session
from runstrong.progress.set_check import SetCheck
from runstrong.progress.set_plan import SetPlan
from runstrong.timeline import StepKind
from runstrong.tui import describe
from runstrong.workouts.figures import figure_for


class PlayerScreen(Screen[None]):
    """Shows the session; the keys act on the app, which owns the session."""

    #: the drawing of the move shows only where it leaves room for the rest
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (90, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (34, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "app.toggle_pause", "Pause/resume"),
        Binding("enter", "app.done", "Done"),
        Binding("n,right", "app.skip", "Skip"),
        Binding("b,left", "app.back", "Back"),
        Binding("e", "app.easier", "Easier"),
        Binding("q", "app.quit_session", "Quit"),
        Binding("w", "app.check_key('w')", "Weight", show=False),
        Binding("backspace", "app.check_key('backspace')", show=False),
        Binding("full_stop", "app.check_key('.')", show=False),
        *(Binding(str(n), f"app.check_key('{n}')", show=False) for n in range(10)),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._drawings: dict[tuple[str, str | None, bool], Text] = {}
        self._shown: dict[str, object] = {}

    def _put(self, widget_id: str, content: str | Text) -> None:
        """Give a widget new content only when it changed: each update lays the screen out
        again, and most of it stays the same from one second to the next."""
        if self._shown.get(widget_id) != content:
            self._shown[widget_id] = content
            self.query_one(f"#{widget_id}", Static | Digits).update(content)

    def compose(self) -> ComposeResult:
        with Vertical(id="now"):
            yield Static(id="where")
            yield Static(id="title")
            yield Static(id="target")
            yield Digits(id="countdown")
            yield Static(id="phase")
            yield Static(id="set-check")
            yield ProgressBar(id="step-bar", show_eta=False, show_percentage=False)
        with Horizontal(id="how"):
            yield Static(id="instructions")
            yield Static(id="figure")
        yield Static(id="next-up")
        with Horizontal(id="session"):
            yield ProgressBar(id="session-bar", show_eta=False, show_percentage=False)
            yield Static(id="time-left")
        yield Footer()

    def show(
        self,
        session: Session,
        now: float,
        *,
        check: SetCheck | None = None,
        plans: Mapping[str, SetPlan] | None = None,
    ) -> None:
        """Bring every widget up to date with `session` at clock time `now`, with the set
        waiting to be checked, and the weights to use from `plans`."""
        step = session.step
        workout = session.workout
        plan = (plans or {}).get(step.exercise_id or "")
        self._put("where", describe.where_text(step))
        self._put("title", describe.title_text(step))
        self._put("target", describe.target_text(step, workout, plan))
        checking = self.query_one("#set-check", Static)
        checking.display = check is not None
        self._put("set-check", describe.check_text(check) if check else "")
        self._put("countdown", describe.big_clock(session, now))
        self._put("phase", describe.phase_text(session, now))
        bar = self.query_one("#step-bar", ProgressBar)
        bar.update(total=1.0, progress=describe.step_fraction(session, now))
        self._put("instructions", describe.instructions_text(session))
        self._put("figure", self._figure(session))
        self._put("next-up", describe.next_up_text(session))
        session_bar = self.query_one("#session-bar", ProgressBar)
        session_bar.update(total=1.0, progress=describe.session_fraction(session, now))
        self._put("time-left", describe.time_left_text(session, now))
        self.set_class(session.paused, "paused")
        self.set_class(session.elapsed(now) < 0, "lead-in")
        for kind in StepKind:
            self.set_class(step.kind is kind, f"kind-{kind.name.lower().replace('_', '-')}")
        self.set_class(step.waits_for_runner, "waiting")

    def _figure(self, session: Session) -> Text:
        """The key poses in braille, drawn once per move and side."""
        key = describe.figure_key(session)
        if key is None:
            return Text()
        if key not in self._drawings:
            exercise_id, variation_id, mirrored = key
            figure = figure_for(session.workout.exercise(exercise_id), variation_id)
            self._drawings[key] = braille_poses(figure, mirror=mirrored) if figure else Text()
        return self._drawings[key]
