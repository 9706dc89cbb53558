"""Calendar limits: one occurrence budget for the whole calendar, repeat rules walked lazily,
only regular files of bounded size read; each limit skips the event or refuses the file
with a clear message, quickly."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

from plan.hostile_calendars import calendar, many_repeating_events
from plan.plan_helpers import DATA
from runstrong.plan import calendar_ics
from runstrong.plan.calendar_file import MAX_CALENDAR_BYTES, read_calendar, read_calendar_data
from runstrong.plan.calendar_ics import MAX_OCCURRENCES, read_ics
from runstrong.plan.errors import PlanInputError
from runstrong.plan.read_options import ReadOptions
from runstrong.plan.zones import user_zone

UTC = user_zone("UTC")
OPTIONS = ReadOptions(tz=UTC)
START = datetime(2026, 10, 19, tzinfo=UTC)
END = datetime(2026, 11, 30, tzinfo=UTC)
HOURS = 42 * 24  # hours in the six weeks read


def read(data: bytes):
    return read_ics(data, source="runs.ics", start=START, end=END, options=OPTIONS)


def test_the_occurrence_budget_is_for_the_whole_calendar_not_each_event():
    result = read(many_repeating_events(40))  # 40 hourly events: ~40,000 occurrences
    ticks = [e for e in result.events if e.title.startswith("Tick")]
    assert len(ticks) + 6 <= MAX_OCCURRENCES
    read_in_full = {e.title for e in ticks}
    assert len(read_in_full) == (MAX_OCCURRENCES - 6) // HOURS
    skipped = [w for w in result.warnings if w.skipped_event]
    assert len(skipped) == 40 - len(read_in_full)
    assert skipped[0].where == f"runs.ics line {10 + 6 * len(read_in_full)}"
    assert skipped[0].problem.startswith(
        f"it repeats too often: with it the calendar has more than {MAX_OCCURRENCES:,} "
        "occurrences between 2026-10-19 and 2026-11-29"
    )


def test_an_event_walking_too_many_occurrences_before_the_range_is_skipped(monkeypatch):
    monkeypatch.setattr(calendar_ics, "MAX_STEPS", 100)
    (warning,) = read(calendar("DTSTART:20261001T000000Z", "RRULE:FREQ=HOURLY")).warnings
    assert "more than 100 occurrences between 2026-10-01 and 2026-10-19" in warning.problem


@pytest.mark.parametrize(
    "rule",
    [
        "FREQ=MINUTELY;COUNT=500",
        "FREQ=MINUTELY;UNTIL=20261019T120000Z",
        "FREQ=HOURLY;INTERVAL=2",
        "FREQ=DAILY;UNTIL=20261101",
    ],
)
def test_events_repeating_a_bounded_number_of_times_are_read(rule):
    result = read(calendar("DTSTART:20261019T060000Z", f"RRULE:{rule}", title="Tick"))
    assert not result.warnings
    assert 0 < len([e for e in result.events if e.title == "Tick"]) <= MAX_OCCURRENCES


def test_the_limit_allows_a_busy_but_real_calendar():
    result = read(calendar("DTSTART:20261019T060000Z", "RRULE:FREQ=HOURLY", title="Tick"))
    assert len([e for e in result.events if e.title == "Tick"]) == HOURS - 6


def test_plan_on_a_secondly_event_plans_the_rest_quickly(tmp_path):
    path = tmp_path / "runs.ics"
    path.write_bytes(calendar("DTSTART:20261019T060000Z", "RRULE:FREQ=SECONDLY"))
    done = subprocess.run(
        [sys.executable, "-m", "runstrong", "plan", "--calendar", str(path),
         "--start", "2026-10-19", "--tz", "UTC"],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "RUNSTRONG_HOME": str(tmp_path)},
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(
        "runstrong: warning: skipped runs.ics line 10: event 'Intervals 6x800' "
        "(UID bad@example.org): it repeats too often"
    )
    assert "Planned without 1 run the calendar could not give:" in done.stdout
    assert "4 weeks: " in done.stdout  # (weeks in the past get no session)


@pytest.mark.parametrize("first_day", [date(1, 1, 1), date(9999, 12, 27), date(9999, 12, 31)])
def test_reading_at_the_ends_of_the_calendar_is_an_input_error(tmp_path, first_day):
    path = tmp_path / "runs.ics"
    path.write_bytes(calendar("DTSTART:20261019T060000Z", "RRULE:FREQ=WEEKLY"))
    with pytest.raises(PlanInputError, match="years 1900 to 2200"):
        read_calendar(path, first_day=first_day, days=35, options=OPTIONS)


def test_when_the_expansion_library_fails_each_event_is_tried_alone():
    # From year 1 on, expanding overflows for every event of this calendar, one by one.
    start = datetime(1, 1, 1, tzinfo=UTC)
    result = read_ics(
        (DATA / "5k-two-speed-days.ics").read_bytes(), source="runs.ics", start=start, end=END,
        options=OPTIONS,
    )  # fmt: skip
    assert not result.events
    assert [w.where for w in result.warnings] == [f"runs.ics line {n}" for n in (4, 11, 18, 25)]
    assert all("cannot be worked out" in w.problem for w in result.warnings)


def _read_file(path: Path):
    return read_calendar(path, first_day=date(2026, 10, 19), days=42, options=OPTIONS)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: os.mkfifo(p), "this is a pipe (FIFO), not a regular file"),
        (lambda p: p.mkdir(), "this is a folder, not a file"),
        (lambda p: p.symlink_to("/dev/zero"), "this is a device, not a regular file"),
        (lambda p: None, "no such file"),
        (
            lambda p: p.write_bytes(b" " * (MAX_CALENDAR_BYTES + 1)),
            "the file is too large (2 MiB; the limit is 2 MiB)",
        ),
    ],
)
def test_only_regular_files_within_the_size_limit_are_read(tmp_path, make, message):
    path = tmp_path / "runs.ics"
    make(path)
    with pytest.raises(PlanInputError, match=re.escape(f"cannot read {path}: {message}")):
        _read_file(path)


def test_calendars_in_memory_have_the_same_size_limit():
    with pytest.raises(PlanInputError, match=r"feed\.ics: the file is too large"):
        read_calendar_data(
            b" " * (MAX_CALENDAR_BYTES + 1), source="feed.ics", kind="ics",
            first_day=date(2026, 10, 19), days=42, options=OPTIONS,
        )  # fmt: skip
