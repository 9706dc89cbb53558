"""Problems with the log database that the user can act on."""

from __future__ import annotations


class StoreError(Exception):
    """The log cannot be used as it is: unreadable, foreign, newer, or unreachable."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class InvalidEntry(ValueError):
    """What was to be logged is impossible; nothing was written."""
