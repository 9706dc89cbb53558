"""What a player tells the outside world as a session goes: the seam between players and the log.

Players call a recorder; the training log provides one that writes each step
in its own transaction.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Protocol

from runstrong.timeline import Step, Timeline
from runstrong.workouts.model import Workout


class Outcome(StrEnum):
    DONE = "done"
    SKIPPED = "skipped"


class SessionRecorder(Protocol):
    """Receives a session's progress; every call is made as it happens."""

    def started(self, *, workout: Workout, timeline: Timeline, at: datetime) -> None:
        """A session began (or resumed) with this timeline."""

    def step_finished(self, step: Step, *, outcome: Outcome, seconds: float, at: datetime) -> None:
        """A step ended: done or skipped, after `seconds` of active (unpaused) time."""

    def finished(self, *, completed: bool, at: datetime) -> None:
        """The session ended: completed to the last step, or abandoned."""
