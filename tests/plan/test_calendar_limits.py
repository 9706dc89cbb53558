"""Calendars that repeat absurdly often or reach past the calendar's years: a clear error, fast."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date, datetime, time

import pytest

from plan.plan_helpers import DATA
from runstrong.plan import calendar_ics
from runstrong.plan.calendar_file import read_calendar
from runstrong.plan.calendar_ics import MAX_OCCURRENCES, read_ics
from runstrong.plan.errors import PlanInputError
from runstrong.plan.read_options import ReadOptions
from runstrong.plan.zones import user_zone

UTC = user_zone("UTC")
OPTIONS = ReadOptions(tz=UTC)
START = datetime(2026, 10, 19, tzinfo=UTC)
END = datetime(2026, 11, 30, tzinfo=UTC)


def calendar(dtstart: str, rule: str, title: str = "Tick") -> bytes:
    return (
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n"
        "BEGIN:VEVENT\r\nUID:easy@example.org\r\nDTSTART:20261020T060000Z\r\n"
        "RRULE:FREQ=WEEKLY\r\nSUMMARY:Easy run\r\nEND:VEVENT\r\n"
        f"BEGIN:VEVENT\r\nUID:tick@example.org\r\nDTSTART:{dtstart}\r\n"
        f"RRULE:{rule}\r\nSUMMARY:{title}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    ).encode()


def read(data: bytes):
    return read_ics(data, source="runs.ics", start=START, end=END, options=OPTIONS)


@pytest.mark.parametrize("dtstart", ["20261019T060000Z", "20261019T060000", "20261001"])
def test_an_event_repeating_every_minute_is_refused_naming_its_line(dtstart):
    with pytest.raises(PlanInputError) as caught:
        read(calendar(dtstart, "FREQ=MINUTELY"))
    assert str(caught.value) == (
        f"runs.ics line 10: event 'Tick' repeats too often: more than {MAX_OCCURRENCES:,} "
        "occurrences between 2026-10-19 and 2026-11-29"
    )
    assert caught.value.hint


def test_an_event_walking_too_many_occurrences_before_the_range_is_refused(monkeypatch):
    monkeypatch.setattr(calendar_ics, "MAX_STEPS", 100)
    with pytest.raises(PlanInputError, match="more than 100 occurrences between 2026-10-01 and "):
        read(calendar("20261001T000000Z", "FREQ=HOURLY"))


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
    events, _ = read(calendar("20261019T060000Z", rule))
    assert len([e for e in events if e.title == "Tick"]) <= MAX_OCCURRENCES


def test_the_limit_allows_a_busy_but_real_calendar():
    events, _ = read(calendar("20261019T060000Z", "FREQ=HOURLY"))
    assert len([e for e in events if e.title == "Tick"]) == 42 * 24 - 6


def test_plan_on_a_secondly_event_stops_quickly(tmp_path):
    path = tmp_path / "runs.ics"
    path.write_bytes(calendar("20261019T060000Z", "FREQ=SECONDLY"))
    done = subprocess.run(
        [sys.executable, "-m", "runstrong", "plan", "--calendar", str(path),
         "--start", "2026-10-19", "--tz", "UTC"],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "RUNSTRONG_HOME": str(tmp_path)},
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith("runstrong: error: runs.ics line 10: event 'Tick' repeats")


@pytest.mark.parametrize("first_day", [date(1, 1, 1), date(9999, 12, 27), date(9999, 12, 31)])
def test_reading_at_the_ends_of_the_calendar_is_an_input_error(tmp_path, first_day):
    path = tmp_path / "runs.ics"
    path.write_bytes(calendar("20261019T060000Z", "FREQ=WEEKLY"))
    with pytest.raises(PlanInputError, match="years 1900 to 2200"):
        read_calendar(path, first_day=first_day, days=35, options=OPTIONS)


def test_read_ics_turns_an_overflow_into_an_input_error():
    start = datetime.combine(date(1, 1, 1), time(0), tzinfo=UTC)
    with pytest.raises(PlanInputError, match="cannot expand the recurring events"):
        read_ics(
            (DATA / "5k-two-speed-days.ics").read_bytes(),
            source="runs.ics", start=start, end=END, options=OPTIONS,
        )  # fmt: skip
