"""A time budget on an injectable monotonic clock, enforced even inside library loops.

dateutil walks a repeat rule whose every candidate day is filtered out
(`FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30`) in a loop that yields nothing until
the year 9999: seconds of work no caller can interrupt by checking between
results. `Deadline.enforced` checks the clock at every Python function call
made inside it (a trace hook on this thread only) and stops the work there.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Clock = Callable[[], float]


class OutOfTime(Exception):
    """The deadline passed while the work was running."""


class Deadline:
    """A moment on a monotonic clock by which some work must be done.

    Args:
        seconds: from now.
        clock: monotonic seconds; tests pass one that moves as they say.
    """

    def __init__(self, seconds: float, *, clock: Clock = time.monotonic) -> None:
        self._clock = clock
        self._at = clock() + seconds

    @property
    def passed(self) -> bool:
        return self._clock() >= self._at

    def sooner(self, seconds: float) -> Deadline:
        """This deadline or one `seconds` from now, whichever comes first."""
        nearer = Deadline(seconds, clock=self._clock)
        nearer._at = min(nearer._at, self._at)
        return nearer

    @contextmanager
    def enforced(self) -> Iterator[None]:
        """Raise OutOfTime from the code run in the block once the deadline has passed.

        Raises:
            OutOfTime: at the first function call after the deadline.
        """

        def check(_frame, _event, _arg) -> None:
            if self._clock() >= self._at:
                raise OutOfTime
            # No per-line tracing: one check per call is enough and costs little.

        if self.passed:
            raise OutOfTime
        previous = sys.gettrace()
        sys.settrace(check)
        try:
            yield
        finally:
            sys.settrace(previous)
