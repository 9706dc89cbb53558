"""Where data lives is decided by Settings alone, from RUNSTRONG_HOME and RUNSTRONG_DATABASE_URL."""

from __future__ import annotations

from pathlib import Path

import pytest

from runstrong.settings import Settings
from runstrong.store.database import database_url

SRC = Path(__file__).resolve().parent.parent / "src" / "runstrong"


def test_the_data_folder_and_everything_in_it_follow_runstrong_home(
    runstrong_home: Path,
) -> None:
    settings = Settings.from_env()
    assert settings.data_dir == runstrong_home
    assert settings.log_url == f"sqlite:///{runstrong_home / 'runstrong.db'}"
    assert settings.user_workouts_dir.parent == runstrong_home
    assert database_url().database == str(runstrong_home / "runstrong.db")


def test_a_database_url_moves_only_the_log(
    runstrong_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", "postgresql+psycopg://someone@db/log")
    settings = Settings.from_env()
    assert (settings.log_url, settings.data_dir) == (
        "postgresql+psycopg://someone@db/log",
        runstrong_home,
    )


def test_no_other_module_reads_the_environment_for_paths() -> None:
    readers = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "RUNSTRONG_HOME" in (text := path.read_text(encoding="utf-8"))
        or "environ.get(DATABASE_URL" in text
        or 'environ.get("RUNSTRONG_' in text
    ]
    assert readers == ["settings.py"]


@pytest.mark.parametrize(
    ("value", "allowed"),
    [(None, False), ("", False), ("0", False), ("1", True), ("yes", True), ("TRUE", True)],
)
def test_private_feeds_are_allowed_only_when_asked(
    runstrong_home: Path, monkeypatch: pytest.MonkeyPatch, value: str | None, allowed: bool
) -> None:
    if value is None:
        monkeypatch.delenv("RUNSTRONG_ALLOW_PRIVATE_FEEDS", raising=False)
    else:
        monkeypatch.setenv("RUNSTRONG_ALLOW_PRIVATE_FEEDS", value)
    assert Settings.from_env().allow_private_feeds is allowed
