"""Fixtures for the log's tests: an open store on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from runstrong.store.database import Store, open_store
from runstrong.workouts.library import builtin_workout
from runstrong.workouts.model import Workout


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    opened = open_store(database_url)
    yield opened
    opened.close()


@pytest.fixture(scope="session")
def workout() -> Workout:
    return builtin_workout()


@pytest.fixture
def now() -> datetime:
    """The real present: the log refuses dates more than a day past it."""
    return datetime.now(UTC).replace(microsecond=0)
