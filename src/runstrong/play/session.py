"""The player's state machine: where a session is, and what happens as time passes.

It is pure: every method takes the current monotonic time and returns the
events it caused, so any player (terminal, tests, benchmarks) drives it with
its own clock. Time inside a step is measured from an anchor, the instant the
step's elapsed time was zero; a step that ends on its own hands its exact
deadline to the next step as that step's anchor, and a pause moves the anchor
by exactly the paused time. Nothing is ever accumulated from sleeps, so
lateness in waking up never turns into drift.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from runstrong.play.recording import Outcome, Snapshot
from runstrong.timeline import Step, StepKind, Timeline, compile_timeline
from runstrong.timeline_position import same_position
from runstrong.workouts.model import Workout

#: Seconds of "3, 2, 1" before a timed exercise.
LEAD_IN_SECONDS = 3
#: Timed work at least this long gets a halfway cue.
LONG_STEP_SECONDS = 30


class CueKind(StrEnum):
    LEAD_IN = "lead-in"
    START = "start"
    HALFWAY = "halfway"
    SWITCH = "switch"
    END = "end"
    FINISHED = "finished"


@dataclass(frozen=True)
class Cue:
    """A moment worth a sound: `step` is the step it is about (the upcoming one for a lead-in)."""

    kind: CueKind
    step: Step | None
    count: int | None = None


@dataclass(frozen=True)
class StepStarted:
    step: Step


@dataclass(frozen=True)
class StepEnded:
    step: Step
    outcome: Outcome
    seconds: float


@dataclass(frozen=True)
class SessionFinished:
    """The last step ended; the session is complete."""


Event = Cue | StepStarted | StepEnded | SessionFinished


class NoEasierVariation(ValueError):
    """The current exercise has no easier variation to switch to."""


class Session:
    """One playthrough of a workout.

    Args:
        workout: the workout to play.
        now: the clock reading at which the session starts.
        variations: exercise id -> variation id chosen before starting.
        index: the step to start at (a resumed session starts where it stopped).
        elapsed: seconds already done of that step.
        paused: start paused, waiting for the runner to resume.
    """

    def __init__(
        self,
        workout: Workout,
        *,
        now: float,
        variations: Mapping[str, str] | None = None,
        index: int = 0,
        elapsed: float = 0.0,
        paused: bool = False,
    ) -> None:
        self.workout = workout
        self.timeline: Timeline = compile_timeline(workout, variations)
        if not 0 <= index < len(self.timeline.steps):
            raise IndexError(f"step {index + 1} is outside this workout")
        self.index = index
        self.active_seconds = 0.0
        self._paused_at: float | None = None
        self._anchor = now
        self._cues: list[tuple[float, Cue]] = []
        self._enter(index, at=now - elapsed, counted_in=elapsed > 0)
        if elapsed > 0:
            self._cues = [(offset, cue) for offset, cue in self._cues if offset > elapsed]
        if paused:
            self._paused_at = now

    @classmethod
    def from_snapshot(cls, workout: Workout, snapshot: Snapshot, *, now: float) -> Session:
        """Pick a saved session up again, paused, so the runner can get into position first.

        Raises:
            ValueError: the workout is not the one (or not the version) that was saved.
        """
        saved = (snapshot.workout_id, snapshot.workout_version)
        if saved != (workout.id, workout.version):
            raise ValueError(
                f"the saved session is of {saved[0]} version {saved[1]}, "
                f"not {workout.id} version {workout.version}"
            )
        session = cls(
            workout,
            now=now,
            variations=snapshot.variations,
            index=snapshot.index,
            elapsed=snapshot.elapsed,
            paused=True,
        )
        session.active_seconds = snapshot.active_seconds
        return session

    # -- what players read -------------------------------------------------

    @property
    def finished(self) -> bool:
        return self.index >= len(self.timeline.steps)

    @property
    def paused(self) -> bool:
        return self._paused_at is not None

    @property
    def step(self) -> Step | None:
        return None if self.finished else self.timeline.steps[self.index]

    @property
    def next_step(self) -> Step | None:
        steps = self.timeline.steps
        return steps[self.index + 1] if self.index + 1 < len(steps) else None

    @property
    def variations(self) -> dict[str, str]:
        return dict(self.timeline.variations)

    def elapsed(self, now: float) -> float:
        """Seconds into the current step; negative during a lead-in."""
        return (self._paused_at if self._paused_at is not None else now) - self._anchor

    def time_left(self, now: float) -> float:
        """Planned seconds left in the session, lead-in included (rep work and rests estimated)."""
        elapsed = self.elapsed(now)
        return self.timeline.time_left(self.index, elapsed) + max(0.0, -elapsed)

    def next_deadline(self) -> float | None:
        """When something will happen on its own next; None while paused or waiting."""
        if self.finished or self.paused:
            return None
        times = [self._anchor + offset for offset, _ in self._cues[:1]]
        if not self.step.waits_for_runner:
            times.append(self._anchor + self.step.seconds)
        return min(times, default=None)

    def snapshot(self, now: float) -> Snapshot:
        return Snapshot(
            workout_id=self.workout.id,
            workout_version=self.workout.version,
            index=self.index,
            elapsed=max(0.0, self.elapsed(now)),
            variations=self.variations,
            active_seconds=self.active_seconds,
            paused=self.paused,
        )

    # -- what happens ----------------------------------------------------------

    def advance(self, now: float) -> list[Event]:
        """Fire every cue and end every timed step that is due by `now`."""
        events: list[Event] = []
        while not self.finished and not self.paused:
            elapsed = now - self._anchor
            while self._cues and self._cues[0][0] <= elapsed:
                events.append(self._cues.pop(0)[1])
            step = self.step
            if step.waits_for_runner or elapsed < step.seconds:
                break
            deadline = self._anchor + step.seconds
            events += self._end(Outcome.DONE, seconds=step.seconds)
            events += self._enter(self.index + 1, at=deadline, counted_in=True)
        return events

    def pause(self, now: float) -> list[Event]:
        events = self.advance(now)
        if not self.finished and not self.paused:
            self._paused_at = now
        return events

    def resume(self, now: float) -> list[Event]:
        if self._paused_at is not None:
            self._anchor += now - self._paused_at
            self._paused_at = None
        return self.advance(now)

    def done(self, now: float) -> list[Event]:
        """The runner says the current step is done (ends rep work and open rests)."""
        return self._leave(now, Outcome.DONE)

    def skip(self, now: float) -> list[Event]:
        return self._leave(now, Outcome.SKIPPED)

    def back(self, now: float) -> list[Event]:
        """Go to the start of the previous step (or restart the first one)."""
        events = self.advance(now)
        if self.finished:
            return events
        return events + self._enter(max(0, self.index - 1), at=now, counted_in=False)

    def use_easier(self, now: float) -> tuple[list[Event], Step]:
        """Switch the exercise at hand (or the next one, between exercises) to its easier variation.

        The timeline is compiled again and play continues where
        `runstrong.timeline_position.same_position` lands in the new one. Call `advance(now)`
        first, so the change applies to the step the runner sees.

        Returns:
            The events caused, and the step the session is now on.

        Raises:
            NoEasierVariation: the exercise has none, or it is already in use.
        """
        target = self._exercise_at_hand()
        if target is None:
            raise NoEasierVariation("there is no exercise here to make easier")
        exercise = self.workout.exercise(target.exercise_id)
        easier = exercise.easier()
        if easier is None:
            raise NoEasierVariation(f"{exercise.name} has no easier variation")
        if self.timeline.variations.get(exercise.id) == easier.id:
            raise NoEasierVariation(f"already doing {easier.name}")
        old, elapsed = self.timeline, self.elapsed(now)
        self.timeline = compile_timeline(self.workout, {**self.variations, exercise.id: easier.id})
        landing = same_position(old, self.index, self.timeline)
        if landing.exact:
            self.index = landing.index
            cues = _cues_for(self.step, self.next_step, lead_in=elapsed < 0)
            self._cues = [(offset, cue) for offset, cue in cues if offset > elapsed]
            return [], self.step
        return self._enter(landing.index, at=now, counted_in=False), self.step

    # -- inside --------------------------------------------------------------

    def _exercise_at_hand(self) -> Step | None:
        if self.finished:
            return None
        if self.step.exercise_id is not None:
            return self.step
        upcoming = self.next_step
        return upcoming if upcoming is not None and upcoming.exercise_id else None

    def _leave(self, now: float, outcome: Outcome) -> list[Event]:
        events = self.advance(now)
        if self.finished:
            return events
        events += self._end(outcome, seconds=max(0.0, self.elapsed(now)))
        return events + self._enter(self.index + 1, at=now, counted_in=False)

    def _end(self, outcome: Outcome, *, seconds: float) -> list[Event]:
        self.active_seconds += seconds
        return [StepEnded(self.step, outcome, seconds)]

    def _enter(self, index: int, *, at: float, counted_in: bool) -> list[Event]:
        """Start step `index` with its elapsed time zero at `at` (after a lead-in if one is due)."""
        self.index = index
        if self.finished:
            self._cues = []
            return [Cue(CueKind.FINISHED, None), SessionFinished()]
        if self._paused_at is not None:
            self._paused_at = at
        step = self.step
        lead_in = _is_timed_work(step) and not counted_in
        self._anchor = at + (LEAD_IN_SECONDS if lead_in else 0)
        self._cues = _cues_for(step, self.next_step, lead_in=lead_in)
        return [StepStarted(step)]


def _is_timed_work(step: Step | None) -> bool:
    return step is not None and step.kind is StepKind.WORK and not step.waits_for_runner


def _counts_in(step: Step, following: Step | None) -> bool:
    """A timed step long enough counts the runner into the timed exercise after it."""
    return (
        not step.waits_for_runner and step.seconds >= LEAD_IN_SECONDS and _is_timed_work(following)
    )


def _cues_for(step: Step, following: Step | None, *, lead_in: bool) -> list[tuple[float, Cue]]:
    """The cues of one step, as (seconds into the step, cue), in firing order."""
    cues: list[tuple[float, Cue]] = []
    if lead_in:
        cues += [(-n, Cue(CueKind.LEAD_IN, step, n)) for n in range(LEAD_IN_SECONDS, 0, -1)]
    if step.kind is StepKind.WORK:
        cues.append((0.0, Cue(CueKind.START, step)))
    elif step.kind is StepKind.SWITCH:
        cues.append((0.0, Cue(CueKind.SWITCH, following)))
    if _is_timed_work(step) and step.seconds >= LONG_STEP_SECONDS:
        cues.append((step.seconds / 2, Cue(CueKind.HALFWAY, step)))
    if _counts_in(step, following):
        cues += [
            (step.seconds - n, Cue(CueKind.LEAD_IN, following, n))
            for n in range(LEAD_IN_SECONDS, 0, -1)
        ]
    if _is_timed_work(step):
        cues.append((step.seconds, Cue(CueKind.END, step)))
    return sorted(cues, key=lambda pair: pair[0])
