"""Run the `runstrong` command in-process and capture what the user would see."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from runstrong.cli import main

Run = Callable[..., tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Run:
    def _run(*argv: str) -> tuple[int, str, str]:
        status = main(list(argv))
        out, err = capsys.readouterr()
        return status, out, err

    return _run


@pytest.fixture
def on_database(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """Point the CLI at the test database (SQLite, then PostgreSQL)."""
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", database_url)
    return database_url
