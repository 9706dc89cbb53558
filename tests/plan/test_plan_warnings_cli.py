"""A calendar with one broken event still gives a plan; the CLI names what it left out."""

from __future__ import annotations

import pytest

from plan.hostile_calendars import calendar
from runstrong.cli import main

BROKEN_RUN = ("DTSTART:20261022T060000Z", "DTSTART:20261023T060000Z")


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    def _run(*argv: str) -> tuple[int, str, str]:
        status = main(list(argv))
        out, err = capsys.readouterr()
        return status, out, err

    return _run


def _plan(run, tmp_path, data: bytes, *extra: str):
    path = tmp_path / "runs.ics"
    path.write_bytes(data)
    return run("plan", "--calendar", str(path), "--start", "2026-10-19", "--tz", "UTC", *extra)


def test_a_broken_run_is_called_out_and_the_rest_is_planned(run, tmp_path):
    status, out, err = _plan(run, tmp_path, calendar(*BROKEN_RUN))
    assert status == 0
    assert err.splitlines() == [
        "runstrong: warning: skipped runs.ics line 10: event 'Intervals 6x800' "
        "(UID bad@example.org): it has 2 DTSTART lines; an event has one",
        "  hint: fix or delete those events in your calendar app, then export the calendar again",
    ]
    assert (
        "Planned without 1 run the calendar could not give:\n"
        "  ! Intervals 6x800 (runs.ics line 10, UID bad@example.org): it has 2 DTSTART lines; "
        "an event has one; planned without it\n"
    ) in out
    assert "4 weeks: " in out  # (weeks in the past get no session)


def test_a_broken_event_that_is_no_run_is_warned_about_but_not_called_out(run, tmp_path):
    status, out, err = _plan(run, tmp_path, calendar(*BROKEN_RUN, title="Dentist"))
    assert status == 0
    assert "event 'Dentist' (UID bad@example.org): it has 2 DTSTART lines" in err
    assert "Planned without" not in out


def test_a_broken_run_outside_the_weeks_planned_is_not_called_out(run, tmp_path):
    data = calendar("DTSTART:20270322T060000Z", "DTEND:20270322T070000Z", "DTEND:20270322T0800Z")
    status, out, err = _plan(run, tmp_path, data)
    assert status == 0 and "skipped runs.ics line 10" in err
    assert "Planned without" not in out


def test_calendar_show_lists_the_events_and_warns_about_the_rest(run, tmp_path):
    path = tmp_path / "runs.ics"
    path.write_bytes(calendar(*BROKEN_RUN))
    status, out, err = run("calendar", "show", str(path), "--start", "2026-10-19", "--tz", "UTC")
    assert status == 0
    assert out.count("Easy run") == 4 and "Intervals" not in out
    assert err.startswith("runstrong: warning: skipped runs.ics line 10: event 'Intervals 6x800'")
