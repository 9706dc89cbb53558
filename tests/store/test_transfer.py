"""Reading exports back: a problem names the CSV line of the faulty row; dates are ISO only."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from runstrong.store.errors import InvalidEntry
from runstrong.store.manual import Details, new_session
from runstrong.store.transfer import read_csv, read_json, write_csv, write_json
from runstrong.workouts.model import Workout

STARTED = datetime(2026, 11, 18, 7, 15, tzinfo=UTC)


@pytest.fixture
def csv_lines(workout: Workout, now: datetime) -> list[str]:
    """A one-session export: the header on line 1, then a line per set."""
    entry = new_session(workout, Details(started_at=STARTED), now=now)
    return write_csv([entry]).splitlines()


def _replace_cell(line: str, column: int, value: str) -> str:
    cells = line.split(",")
    cells[column] = value
    return ",".join(cells)


def test_a_bad_set_is_reported_on_its_own_line(csv_lines: list[str]) -> None:
    rpe = csv_lines[0].split(",").index("set_rpe")
    csv_lines[4] = _replace_cell(csv_lines[4], rpe, "11")  # file line 5
    with pytest.raises(InvalidEntry) as caught:
        read_csv("\n".join(csv_lines) + "\n")
    assert str(caught.value).startswith("line 5: ") and "RPE" in str(caught.value)


def test_the_same_problem_on_several_rows_names_each_line(csv_lines: list[str]) -> None:
    rpe = csv_lines[0].split(",").index("set_rpe")
    for index in (3, 4, 9):
        csv_lines[index] = _replace_cell(csv_lines[index], rpe, "0")
    with pytest.raises(InvalidEntry) as caught:
        read_csv("\n".join(csv_lines) + "\n")
    lines = [line.split(":")[0] for line in str(caught.value).splitlines()]
    assert lines == ["lines 4 and 5", "line 10"]  # two sides of one move, then another move


def test_a_session_value_is_reported_on_the_sessions_first_line(csv_lines: list[str]) -> None:
    rpe = csv_lines[0].split(",").index("session_rpe")
    csv_lines[1:] = [_replace_cell(line, rpe, "12") for line in csv_lines[1:]]
    with pytest.raises(InvalidEntry) as caught:
        read_csv("\n".join(csv_lines) + "\n")
    assert str(caught.value).startswith("line 2: RPE")


@pytest.mark.parametrize("value", [5, 1.5, "5", "1700000000", True, [2026, 11, 18]])
def test_json_dates_must_be_iso_strings(workout: Workout, now: datetime, value: object) -> None:
    data = json.loads(write_json([new_session(workout, Details(started_at=STARTED), now=now)]))
    data["sessions"][0]["started_at"] = value
    with pytest.raises(InvalidEntry) as caught:
        read_json(json.dumps(data))
    assert str(caught.value).startswith("session 1: started_at") and "ISO 8601" in str(caught.value)


def test_csv_dates_must_be_iso_strings(csv_lines: list[str]) -> None:
    started = csv_lines[0].split(",").index("started_at")
    rows = [csv_lines[0], *(_replace_cell(line, started, "5") for line in csv_lines[1:])]
    with pytest.raises(InvalidEntry) as caught:
        read_csv("\n".join(rows) + "\n")
    assert str(caught.value).startswith("line 2: started_at")


def test_an_imported_date_before_1970_is_refused(workout: Workout, now: datetime) -> None:
    data = json.loads(write_json([new_session(workout, Details(started_at=STARTED), now=now)]))
    data["sessions"][0]["started_at"] = "1900-01-01T12:00:00+00:00"
    data["sessions"][0]["ended_at"] = "1900-01-01T12:30:00+00:00"
    with pytest.raises(InvalidEntry, match="too early"):
        read_json(json.dumps(data))


def test_iso_dates_read_back_as_written(workout: Workout, now: datetime) -> None:
    entry = new_session(workout, Details(started_at=STARTED), now=now)
    assert read_json(write_json([entry])) == [entry]
    assert read_csv(write_csv([entry])) == [entry]
