"""Problems with the log database that the user can act on, and how they name it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy.engine import URL


class StoreError(Exception):
    """The log cannot be used as it is: unreadable, foreign, newer, or unreachable."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


class InvalidEntry(ValueError):
    """What was to be logged is impossible; nothing was written."""


def describe(url: URL) -> str:
    """The URL as it may be shown to a person: never with its password."""
    if url.get_backend_name() == "sqlite":
        return url.database or ":memory:"
    return url.render_as_string(hide_password=True)


def unreadable(where: Path | str) -> StoreError:
    """The error for a log file that is damaged or not a database at all."""
    return StoreError(
        f"{where} is not a readable runstrong log (the file is damaged or is something else)",
        hint="it was left untouched; move it aside or point RUNSTRONG_DATABASE_URL elsewhere",
    )
