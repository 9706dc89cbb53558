"""One fuzz case per call: run an input through runstrong and fail loudly if it misbehaves.

Misbehaving is anything but a result or the documented error: a traceback of
another kind, an error that does not name its file and line (or event), or a
server error. The tests and bench/fuzz.py share these checks.
"""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from runstrong.plan.calendar_file import read_calendar_data
from runstrong.plan.calendar_ics import REPEAT_SECONDS
from runstrong.plan.deadline import Deadline
from runstrong.plan.errors import PlanInputError
from runstrong.plan.read_options import ReadOptions
from runstrong.plan.zones import user_zone
from runstrong.workouts.file import WorkoutFileError, load_workout_file

OPTIONS = ReadOptions(tz=user_zone("Europe/Berlin"))


def check_workout_file(raw: bytes) -> None:
    """Load the bytes as a workout file: a workout, or problems that each name a real line."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzzed.yaml"
        path.write_bytes(raw)
        try:
            load_workout_file(path)
        except WorkoutFileError as err:
            assert err.problems, "an error without problems"
            lines = raw.count(b"\n") + raw.count(b"\r") + 2
            for problem in err.problems:
                assert problem.path == str(path), problem
                assert 1 <= problem.line <= lines and problem.col >= 1, problem
                assert problem.message.strip(), problem
                assert "Traceback" not in problem.message, problem


def check_calendar(raw: bytes, kind: str, *, clock=None) -> None:
    """Read the bytes as a calendar: events and warnings, or an error naming the file.

    Args:
        clock: the deadline's clock (tests pass a simulated one).
    """
    source = f"fuzzed.{kind}"
    deadline = Deadline(REPEAT_SECONDS, clock=clock) if clock else None
    try:
        read = read_calendar_data(
            raw, source=source, kind=kind, first_day=date(2026, 10, 19), days=56,
            options=OPTIONS, deadline=deadline,
        )  # fmt: skip
    except PlanInputError as err:
        assert str(err).startswith(f"{source}"), str(err)
        return
    for warning in read.warnings:
        assert warning.where.startswith(f"{source} line ") or warning.where == source, warning
        assert warning.problem.strip(), warning
        if warning.skipped_event:
            assert warning.where != source or warning.uid, f"names no line or UID: {warning}"
    for event in read.events:
        assert event.start <= event.end, event


def check_response(response, what: str) -> None:
    """Anything but a server error; 4xx bodies say what was wrong."""
    assert response.status_code < 500, f"{what}: {response.status_code} {response.text[:300]}"
    if response.status_code >= 400 and response.headers.get("content-type", "").startswith(
        "application/json"
    ):
        assert response.json().get("detail"), f"{what}: no detail in {response.text[:300]}"
