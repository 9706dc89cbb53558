"""What a player tells the outside world as a session goes: the seam between players and the log.

Players call a recorder; the training log provides one that keeps the
session where both players can pick it up (`runstrong.store.recorder`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from runstrong.timeline import Step, StepKind, Timeline
from runstrong.workouts.model import Unit, Workout


class Outcome(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class Snapshot:
    """Where a session stands: what is kept, so any player can pick it up again."""

    workout_id: str
    workout_version: int
    index: int
    elapsed: float
    variations: dict[str, str]
    active_seconds: float
    paused: bool = True


@dataclass(frozen=True)
class Tally:
    """The work steps recorded so far."""

    done: int
    skipped: int


#: Fewer sets done than this share of the workout's sets is "little done": quitting then
#: asks whether the session is worth keeping at all.
LITTLE_DONE_SHARE = 0.2


def little_done(tally: Tally, timeline: Timeline) -> bool:
    """Whether so little was done that keeping the session is worth asking about."""
    work = sum(step.kind is StepKind.WORK for step in timeline.steps)
    return tally.done < max(1.0, LITTLE_DONE_SHARE * work)


class RecordingRefused(Exception):
    """The log would not take what the player reported (the session ended or went elsewhere)."""


class SessionRecorder(Protocol):
    """Receives a session's progress; every call is made as it happens.

    Any call may raise `RecordingRefused`: the player then stops.
    """

    def started(self, *, workout: Workout, timeline: Timeline, at: datetime) -> None:
        """A session began (or resumed) with this timeline."""

    def step_finished(
        self,
        step: Step,
        *,
        outcome: Outcome,
        seconds: float,
        at: datetime,
        reps: int | None = None,
        load_kg: float | None = None,
        load_unit: Unit | None = None,
    ) -> None:
        """A step ended: done or skipped, after `seconds` of active (unpaused) time, with the
        reps and weight the runner confirmed (the plan's when not given)."""

    def rate(self, rpe: int) -> None:
        """How hard the whole session felt (1-10), asked once it is over."""

    def moved(self, snapshot: Snapshot, *, at: datetime) -> None:
        """The session is now here (a new step, a pause, a switch, or time going by)."""

    def tally(self) -> Tally:
        """What has been recorded of the session so far."""

    def finished(self, *, completed: bool, at: datetime) -> None:
        """The session ended: completed to the last step, or abandoned."""

    def discard(self) -> None:
        """Forget the session altogether: the runner chose not to keep it."""
