"""Calendars are read as calendar apps read them: a broken event is skipped with a warning
naming its line, UID and problem, and everything else is planned."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from fake_clock import TickingClock
from plan.hostile_calendars import (
    BROKEN_EVENTS,
    BROKEN_ROWS,
    HOSTILE_LINE,
    RECURRENCE_ID_TWICE,
    calendar,
    with_header,
)
from runstrong.plan.calendar_csv import read_csv
from runstrong.plan.calendar_file import read_calendar
from runstrong.plan.calendar_ics import REPEAT_SECONDS, read_ics
from runstrong.plan.deadline import Deadline
from runstrong.plan.errors import PlanInputError
from runstrong.plan.read_options import ReadOptions
from runstrong.plan.zones import user_zone

UTC = user_zone("UTC")
OPTIONS = ReadOptions(tz=UTC)
START = datetime(2026, 10, 19, tzinfo=UTC)
END = datetime(2026, 11, 30, tzinfo=UTC)
EASY_RUNS = 6  # one each Tuesday from 20 October to 24 November


def read(data: bytes):
    """Read with time simulated: 10 µs for each look at the clock (about each call)."""
    deadline = Deadline(REPEAT_SECONDS, clock=TickingClock(step=1e-5))
    return read_ics(
        data, source="runs.ics", start=START, end=END, options=OPTIONS, deadline=deadline
    )


@pytest.mark.parametrize("case", sorted(BROKEN_EVENTS))
def test_a_broken_event_is_skipped_and_the_rest_is_read(case):
    data, problem = BROKEN_EVENTS[case]
    result = read(data)
    assert [e.title for e in result.events] == ["Easy run"] * EASY_RUNS
    (warning,) = result.warnings
    assert warning.where == f"runs.ics line {HOSTILE_LINE}"
    assert (warning.title, warning.uid) == ("Intervals 6x800", "bad@example.org")
    assert problem in warning.problem
    assert str(warning).startswith(
        f"runs.ics line {HOSTILE_LINE}: event 'Intervals 6x800' (UID bad@example.org): "
    )
    assert warning.message.startswith("skipped runs.ics line 10: ")


def test_a_move_with_two_recurrence_ids_is_skipped_and_its_series_kept():
    result = read(RECURRENCE_ID_TWICE)
    assert sorted(e.start.day for e in result.events if e.title == "Intervals 6x800") == [
        22, 23, 24
    ]  # fmt: skip
    (warning,) = result.warnings
    assert warning.where == "runs.ics line 16"
    assert warning.problem == "it has 2 RECURRENCE-ID lines; an event has one"


def test_an_unknown_calendar_time_zone_is_ignored_with_a_note():
    result = read(with_header("X-WR-TIMEZONE:Mars/Olympus"))
    assert len(result.events) == EASY_RUNS
    (note,) = result.warnings
    assert not note.skipped_event
    assert str(note) == (
        "runs.ics line 4: X-WR-TIMEZONE 'Mars/Olympus' is not a time zone runstrong knows; "
        "times without a zone are read in your time zone (UTC)"
    )


def test_a_known_calendar_time_zone_still_applies():
    result = read(with_header("X-WR-TIMEZONE:America/New_York"))
    assert not result.warnings and len(result.events) == EASY_RUNS


def test_a_calendar_cut_short_keeps_the_events_before_the_cut():
    data = calendar("DTSTART:20261022T060000Z").replace(b"END:VCALENDAR\r\n", b"")
    result = read(data)
    assert len(result.events) == EASY_RUNS + 1
    assert [str(w) for w in result.warnings] == [
        "runs.ics line 1: BEGIN:VCALENDAR has no END:VCALENDAR; the events before the end of "
        "the file were read, but is the file complete?"
    ]


def test_two_calendars_in_one_file_are_read_as_one():
    data = calendar("DTSTART:20261022T060000Z") + calendar("DTSTART:20261023T060000Z", uid="b")
    result = read(data)
    # Both hold the same weekly run (one UID: one event); each adds its own interval session.
    assert len(result.events) == EASY_RUNS + 2 and not result.warnings


@pytest.mark.parametrize("case", sorted(BROKEN_ROWS))
def test_a_broken_csv_row_is_skipped_and_the_rest_is_read(case):
    text, line, problem = BROKEN_ROWS[case]
    result = read_csv(text, source="runs.csv", start=START, end=END, options=OPTIONS)
    assert [e.title for e in result.events] == ["Easy run"]
    (warning,) = result.warnings
    assert warning.where == f"runs.csv line {line}"
    assert problem in warning.problem


def _file(tmp_path, name: str, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_a_file_with_no_usable_event_is_refused_listing_the_problems(tmp_path):
    data = b"date,time,title\n2026-10-20,6am,Easy\n2026-10-21,06:00\n2026-13-01,06:00,Long\n"
    data += b"2026-10-22,06:00,Tempo,fast\n"
    with pytest.raises(PlanInputError) as caught:
        read_calendar(
            _file(tmp_path, "runs.csv", data), first_day=date(2026, 10, 19), days=42,
            options=OPTIONS,
        )  # fmt: skip
    lines = str(caught.value).splitlines()
    assert lines[0] == "runs.csv: no event in the file could be used:"
    assert lines[1].startswith("runs.csv line 2: event 'Easy': '6am' is not a time (HH:MM)")
    assert lines[2].startswith("runs.csv line 3: an event with no title: expected 3 to 5")
    assert lines[3].startswith("runs.csv line 4: event 'Long': '2026-13-01' is not a date")
    assert lines[4] == "... and 1 more"
    assert "calendar app" in caught.value.hint


def test_an_empty_repeat_rule_is_read_as_no_rule():
    result = read(calendar("DTSTART:20261022T060000Z", "RRULE:"))
    assert not result.warnings and len(result.events) == EASY_RUNS + 1


def test_the_libraries_own_warnings_stay_out_of_the_output(recwarn):
    zone = "/freeassociation.sourceforge.net/Europe/Berlin"
    result = read(calendar(f"DTSTART;TZID={zone}:20261022T060000"))
    assert len(result.events) == EASY_RUNS + 1
    assert not recwarn.list


def test_broken_lines_that_do_not_say_when_are_ignored_as_calendar_apps_do():
    lines = ("DTSTART:20261022T060000Z", "CREATED:00001231T000000Z", "X-APPLE-RADIUS=49.9")
    result = read(calendar(*lines))
    assert not result.warnings and len(result.events) == EASY_RUNS + 1
