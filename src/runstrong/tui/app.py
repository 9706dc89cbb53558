"""The terminal player: drives a session with a clock and shows it on the player screen.

A new session may open on a screen of advice for this time; it starts when
the runner is ready. The app owns the session and one timer. The timer
sleeps until the next thing due (a cue, the end of a step, or the next whole
second on screen), asks the session what happened, and passes those events
on: cues to the bell or voice, finished steps and the place to the recorder
(the live session in the log, where the browser can pick it up too). Keys
call the session the same way.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from enum import StrEnum
from functools import partial

from textual.app import App
from textual.worker import Worker

from runstrong.play.clock import Clock
from runstrong.play.recording import Outcome, RecordingRefused, SessionRecorder, little_done
from runstrong.play.session import (
    Cue,
    Event,
    NoEasierVariation,
    Session,
    SessionFinished,
    StepEnded,
    StepStarted,
)
from runstrong.progress.set_check import SetCheck
from runstrong.progress.set_plan import SetPlan
from runstrong.timeline import StepKind
from runstrong.tui.effort_screen import EffortScreen
from runstrong.tui.opening_screen import Opening, OpeningScreen
from runstrong.tui.player_screen import PlayerScreen
from runstrong.tui.quit_screen import QuitAnswer, QuitScreen
from runstrong.tui.summary_screen import SummaryScreen

#: Save the place at least this often (seconds), besides at every step change.
SAVE_EVERY = 5.0

Command = Callable[[float], list[Event]]


class Ending(StrEnum):
    COMPLETED = "completed"
    QUIT = "quit"
    DISCARDED = "discarded"
    NOT_STARTED = "not started"
    REFUSED = "refused"
    """The log stopped taking the session (ended or deleted elsewhere); see `refusal`."""


class PlayerApp(App[Ending]):
    """Plays one session full screen.

    Args:
        start: makes the session, given the clock reading when the screen is up (so a
            lead-in is not eaten by start-up time); new or picked up from the log.
        clock: where time comes from.
        recorder: told about the session as it goes.
        announce: called with each cue; rings the terminal bell when not given.
        opening: shown before the session starts (for a new session); the session
            starts straight away when not given.
        plans: per exercise, the weight to use and last time's numbers: each loaded or
            rep set is then shown for the runner to confirm (Enter) or correct (a number)
            before it is logged, and the session's effort is asked at the end.
    """

    CSS_PATH = "player.tcss"
    TITLE = "runstrong"
    ENABLE_COMMAND_PALETTE = False

    def __init__(
        self,
        start: Callable[[float], Session],
        *,
        clock: Clock,
        recorder: SessionRecorder,
        announce: Callable[[Cue], None] | None = None,
        opening: Opening | None = None,
        plans: Mapping[str, SetPlan] | None = None,
    ) -> None:
        super().__init__()
        self.plans = dict(plans or {})
        self.check: SetCheck | None = None
        self._checked: StepEnded | None = None
        self._start = start
        self.session: Session
        self.clock = clock
        self.recorder = recorder
        self._announce = announce or (lambda cue: self.bell())
        self._opening = opening
        self.refusal: str | None = None
        self._timer: Worker[None] | None = None
        self._saved_at = -math.inf

    # -- lifecycle -----------------------------------------------------------------

    async def on_mount(self) -> None:
        if self._opening is None:
            await self._begin()
        else:
            self.push_screen(OpeningScreen(self._opening), self._opening_answered)

    async def _opening_answered(self, start: bool | None) -> None:
        if start:
            await self._begin()
        else:
            self.exit(Ending.NOT_STARTED)

    async def _begin(self) -> None:
        await self.push_screen(PlayerScreen())
        self.session = self._start(self.clock.now())
        self.sub_title = self.session.workout.title
        with self._refusals():
            self.recorder.started(
                workout=self.session.workout, timeline=self.session.timeline, at=self.clock.wall()
            )
            self._after(self.session.advance(self.clock.now()), moved=True)

    def on_unmount(self) -> None:
        self._cancel_timer()

    # -- keys ------------------------------------------------------------------

    def action_toggle_pause(self) -> None:
        session = self.session
        if session.paused:
            self._run(session.resume)
        elif session.step is not None and session.step.waits_for_runner:
            self._run(session.done)
        else:
            self._run(session.pause)

    def action_done(self) -> None:
        # Enter logs the set waiting to be checked, unless this step waits for Enter itself
        # (then the set is logged as shown when the next set begins).
        step = self.session.step
        if self.check is not None and not (step is not None and step.waits_for_runner):
            self._log_check()
            self._redraw()
            return
        self._run(self.session.done)

    def action_check_key(self, key: str) -> None:
        """A digit, a decimal point, backspace or `w` for the set waiting to be checked."""
        if self.check is None:
            return
        if key == "backspace":
            self.check.backspace()
        elif key == "w":
            self.check.next_field()
        else:
            self.check.type(key)
        self._redraw()

    def action_skip(self) -> None:
        self._run(self.session.skip)

    def action_back(self) -> None:
        self._run(self.session.back)

    def action_easier(self) -> None:
        self._run(self.session.advance)
        if self.session.finished:
            return
        try:
            events, step = self.session.use_easier(self.clock.now())
        except NoEasierVariation as err:
            self.notify(str(err), severity="warning")
            return
        self.notify(f"Switched to {step.exercise_name}")
        self._after(events, moved=True)

    def action_close_summary(self) -> None:
        self.exit(Ending.COMPLETED)

    def action_quit_session(self) -> None:
        """Ask first, with the session paused while the runner answers."""
        was_paused = self.session.paused
        self._run(self.session.pause)
        if self.session.finished or self.refusal is not None:
            return
        with self._refusals():
            tally = self.recorder.tally()
            screen = QuitScreen(tally, little_done=little_done(tally, self.session.timeline))
            self.push_screen(screen, partial(self._quit_answered, carry_on=not was_paused))

    def _quit_answered(self, answer: QuitAnswer | None, *, carry_on: bool) -> None:
        if answer in (None, QuitAnswer.KEEP_GOING):
            if carry_on:
                self._run(self.session.resume)
            return
        self._cancel_timer()
        with self._refusals():
            self._log_check()
            if answer is QuitAnswer.DISCARD:
                self.recorder.discard()
                self.exit(Ending.DISCARDED)
            else:
                self._save(self.clock.now())
                self.exit(Ending.QUIT)

    # -- driving the session ------------------------------------------------------

    def _run(self, command: Command) -> None:
        if not self.session.finished and self.refusal is None:
            with self._refusals():
                self._after(command(self.clock.now()), moved=True)

    @contextmanager
    def _refusals(self) -> Iterator[None]:
        """A refusal from the log (the session ended or was deleted elsewhere) ends the player."""
        try:
            yield
        except RecordingRefused as err:
            self.refusal = str(err)
            self._cancel_timer()
            self.exit(Ending.REFUSED)

    def _after(self, events: list[Event], *, moved: bool = False) -> None:
        """Pass events on, save the place, redraw and wait for the next thing due."""
        now = self.clock.now()
        for event in events:
            if isinstance(event, Cue):
                self._announce(event)
            elif isinstance(event, StepEnded):
                self._ended(event)
            elif isinstance(event, StepStarted):
                moved = True
                if event.step.kind is StepKind.WORK:
                    self._log_check()
            elif isinstance(event, SessionFinished):
                self._log_check()
                self._finish()
                return
        if moved or now - self._saved_at >= SAVE_EVERY:
            self._save(now)
        self._redraw()
        self._schedule(now)

    def _ended(self, event: StepEnded) -> None:
        """Log a finished step, or hold a loaded or rep set for the runner to check first."""
        self._log_check()
        step = event.step
        check = None
        if self.plans and event.outcome is Outcome.DONE and step.exercise_id:
            check = SetCheck.after(step, self.plans.get(step.exercise_id))
        if check is None:
            self.recorder.step_finished(
                step, outcome=event.outcome, seconds=event.seconds, at=self.clock.wall()
            )
            return
        self.check, self._checked = check, event

    def _log_check(self) -> None:
        """Log the set waiting to be checked, as it now stands."""
        check, event = self.check, self._checked
        if check is None or event is None:
            return
        self.check = self._checked = None
        self.recorder.step_finished(
            event.step,
            outcome=event.outcome,
            seconds=event.seconds,
            at=self.clock.wall(),
            reps=check.reps,
            load_kg=check.load_kg,
            load_unit=check.load_unit,
        )

    def _redraw(self) -> None:
        if isinstance(self.screen, PlayerScreen):
            self.screen.show(self.session, self.clock.now(), check=self.check, plans=self.plans)

    def _finish(self) -> None:
        self._cancel_timer()
        self.recorder.moved(self.session.snapshot(self.clock.now()), at=self.clock.wall())
        self.recorder.finished(completed=True, at=self.clock.wall())
        summary = SummaryScreen(self.session, self.recorder.tally())
        if not self.plans:
            self.switch_screen(summary)
            return
        self.push_screen(EffortScreen(), partial(self._rated, summary=summary))

    def _rated(self, rpe: int | None, *, summary: SummaryScreen) -> None:
        if rpe is not None:
            with self._refusals():
                self.recorder.rate(rpe)
        self.switch_screen(summary)

    def _save(self, now: float) -> None:
        self.recorder.moved(self.session.snapshot(now), at=self.clock.wall())
        self._saved_at = now

    def _schedule(self, now: float) -> None:
        """Wake at the next event or the next whole second of the step, whichever is first."""
        self._cancel_timer()
        if self.session.finished or self.session.paused:
            return
        elapsed = self.session.elapsed(now)
        wake = now + (math.floor(elapsed) + 1 - elapsed)
        deadline = self.session.next_deadline()
        if deadline is not None:
            wake = min(wake, deadline)
        self._timer = self.run_worker(partial(self._wake_at, wake), name="timer")

    async def _wake_at(self, deadline: float) -> None:
        await self.clock.sleep_until(deadline)
        self._timer = None
        with self._refusals():
            self._after(self.session.advance(self.clock.now()))

    def _cancel_timer(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
