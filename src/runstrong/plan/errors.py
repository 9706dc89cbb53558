"""The one error type the planner raises for input a user can fix."""

from __future__ import annotations


class PlanInputError(ValueError):
    """A calendar, window, rule or time zone the user gave us is not usable.

    The message names the file line or event; `hint` says what to do about it.
    """

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint
