"""Everything the web app can be configured with, read in one place."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from runstrong.paths import data_dir

_FEED_TOKEN_FILE = "calendar-feed-token"


class Settings(BaseModel):
    """How one app instance runs; tests build their own, `serve` reads the environment."""

    model_config = ConfigDict(frozen=True)

    data_dir: Path = Field(description="The user's runstrong folder.")
    workout_dirs: tuple[Path, ...] = Field(
        (), description="Extra folders of workout files, beside the built-ins and the user's own."
    )

    database_url: str | None = Field(
        None,
        description="The log; None: `RUNSTRONG_DATABASE_URL`, else SQLite in the data folder.",
    )

    @classmethod
    def from_env(cls, *, workout_dirs: tuple[Path, ...] = ()) -> Settings:
        """Settings for the current user (`RUNSTRONG_HOME` respected)."""
        return cls(data_dir=data_dir(), workout_dirs=workout_dirs)

    def feed_token(self) -> str:
        """The secret in the calendar feed URL, created once and kept in the data folder.

        Calendar apps poll the feed without logging in, so the URL itself is the
        password: long, random, and stable across restarts.
        """
        path = self.data_dir / _FEED_TOKEN_FILE
        if path.is_file():
            token = path.read_text(encoding="utf-8").strip()
            if token:
                return token
        path.parent.mkdir(parents=True, exist_ok=True)
        token = secrets.token_urlsafe(24)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(token + "\n")
        return token
