"""Time budgets stop work that never hands back control, measured on a simulated clock."""

from __future__ import annotations

import sys
from datetime import datetime

import pytest

from fake_clock import TickingClock
from plan.hostile_calendars import calendar, many_repeating_events
from runstrong.plan import calendar_ics
from runstrong.plan.calendar_ics import read_ics
from runstrong.plan.deadline import Deadline, OutOfTime
from runstrong.plan.read_options import ReadOptions
from runstrong.plan.zones import user_zone

UTC = user_zone("UTC")
NEVER = "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"


def _busy(calls: list[int]) -> None:
    def step() -> None:
        calls.append(1)

    while True:  # never returns by itself, like a rule searching for a date until year 9999
        step()


def test_enforced_stops_a_loop_that_never_yields_and_restores_the_tracer():
    clock = TickingClock(step=1.0)
    calls: list[int] = []
    before = sys.gettrace()
    with pytest.raises(OutOfTime), Deadline(100, clock=clock).enforced():
        _busy(calls)
    assert 95 <= len(calls) <= 100
    assert sys.gettrace() is before


def test_sooner_never_extends_a_deadline_and_a_passed_one_refuses_at_once():
    now = [0.0]
    deadline = Deadline(10, clock=lambda: now[0])
    near, far = deadline.sooner(2), deadline.sooner(1000)
    now[0] = 2
    assert (near.passed, deadline.passed, far.passed) == (True, False, False)
    now[0] = 10
    assert deadline.passed and far.passed
    with pytest.raises(OutOfTime), deadline.enforced():
        raise AssertionError("the block must not run")


def _read(data: bytes, clock: TickingClock):
    return read_ics(
        data,
        source="runs.ics",
        start=datetime(2026, 10, 19, tzinfo=UTC),
        end=datetime(2026, 11, 30, tzinfo=UTC),
        options=ReadOptions(tz=UTC),
        deadline=Deadline(calendar_ics.REPEAT_SECONDS, clock=clock),
    )


def test_a_rule_that_finds_no_date_is_skipped_when_its_time_runs_out():
    clock = TickingClock(step=0.001)
    result = _read(calendar("DTSTART:20261022T060000Z", NEVER), clock)
    assert len(result.events) == 6
    (warning,) = result.warnings
    assert "found no date within the time allowed (1 s for one event" in warning.problem
    # One second of simulated time is a thousand clock readings: the walk stopped there.
    assert 1000 <= clock.readings < 1500


def test_the_calendar_budget_caps_many_slow_rules_together(monkeypatch):
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:never{n}\r\nDTSTART:20261022T060000Z\r\n{NEVER}\r\n"
        f"SUMMARY:Never {n}\r\nEND:VEVENT\r\n"
        for n in range(20)
    )
    data = calendar("DTSTART:20261022T060000Z").replace(
        b"END:VCALENDAR", events.encode() + b"END:VCALENDAR"
    )
    clock = TickingClock(step=0.001)
    result = _read(data, clock)
    assert len(result.events) == 7  # the six easy runs and the one-off intervals
    assert len(result.warnings) == 20
    # Five seconds for the calendar, not one second for each of twenty rules.
    assert clock.readings < 5 * 1000 + 20 * 500


def test_ordinary_rules_are_not_slowed_into_the_budget():
    clock = TickingClock(step=0.001)
    result = _read(many_repeating_events(20, rule="FREQ=WEEKLY"), clock)
    assert not result.warnings and len(result.events) == 6 + 20 * 6
