"""Everything the web app can be configured with, read in one place."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from runstrong.paths import data_dir


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
