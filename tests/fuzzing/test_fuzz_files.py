"""Fuzzing the readers with mutated copies of the shipped examples (fixed seed, a few hundred
cases): a workout or calendar file gives a result or errors that name the file and line,
never a traceback."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from fake_clock import TickingClock
from fuzzing.checks import check_calendar, check_workout_file
from fuzzing.mutations import (
    CSV_TOKENS,
    ICS_TOKENS,
    YAML_TOKENS,
    calendar_seeds,
    mutated,
    workout_seeds,
)

FUZZ = settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=120,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@FUZZ
@given(mutated(workout_seeds(), YAML_TOKENS))
def test_mutated_workout_files(raw: bytes) -> None:
    check_workout_file(raw)


@FUZZ
@given(mutated(calendar_seeds(".ics"), ICS_TOKENS))
def test_mutated_ics_calendars(raw: bytes) -> None:
    check_calendar(raw, "ics", clock=TickingClock(step=1e-5))


@FUZZ
@given(mutated(calendar_seeds(".csv"), CSV_TOKENS))
def test_mutated_csv_calendars(raw: bytes) -> None:
    check_calendar(raw, "csv")
