"""`runstrong plan` and `runstrong calendar show` on the example calendars and on bad input."""

from __future__ import annotations

import itertools
from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events

from plan.plan_helpers import DATA
from runstrong.cli import main


@pytest.fixture(autouse=True)
def planned_in_october(monkeypatch):
    """Plans are made on 1 Oct 2026, before every week these tests plan."""
    import runstrong.cli.plan

    moment = datetime(2026, 10, 1, 12, 0, tzinfo=ZoneInfo("UTC"))
    monkeypatch.setattr(runstrong.cli.plan, "now", lambda: moment)


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_marathon_plan_places_15_sessions_and_skips_race_week(capsys, tmp_path):
    out_ics = tmp_path / "strength.ics"
    status, out, _ = run(
        capsys, "plan", "--calendar", str(DATA / "marathon-16-weeks.ics"), "--start", "2026-12-28",
        "--weeks", "16", "--tz", "Europe/Berlin", "--ics", str(out_ics),
    )  # fmt: skip
    assert status == 0
    assert "16 weeks: 15 sessions, 0 flagged, 1 week with a note" in out
    assert "Sun 09:00 City Marathon is less than 7 days away: skip" in out
    # The excluded Tuesday has no intervals and the moved one is on Wednesday.
    assert "Wed 18:00  Intervals 6x1000 m (moved to Wedn" in out
    assert "Tue 16 Feb" not in out
    assert any(line.split()[-1] == "busy" for line in out.splitlines() if "Team meeting" in line)
    calendar = icalendar.Calendar.from_ical(out_ics.read_bytes())
    events = recurring_ical_events.of(calendar).between(
        datetime(2026, 12, 28, tzinfo=ZoneInfo("UTC")), datetime(2027, 5, 1, tzinfo=ZoneInfo("UTC"))
    )
    assert len(events) == 15
    assert all(e.walk("VALARM") for e in events)
    assert str(events[0]["DTSTART"].params["TZID"]) == "Europe/Berlin"


def test_replanning_keeps_the_same_uids(capsys, tmp_path):
    args = ["plan", "--calendar", str(DATA / "marathon-16-weeks.ics"), "--start", "2026-12-28"]
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    run(capsys, *args, "--tz", "Europe/Berlin", "--ics", str(first))
    run(capsys, *args, "--tz", "Europe/Berlin", "--window", "18:00-20:00", "--ics", str(second))

    def uids_and_starts(path):
        events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
        return [str(e["UID"]) for e in events], [e.decoded("DTSTART") for e in events]

    (uids_a, starts_a), (uids_b, starts_b) = uids_and_starts(first), uids_and_starts(second)
    assert uids_a == uids_b and starts_a != starts_b


def test_rewriting_the_ics_bumps_sequence_for_moved_sessions_only(capsys, tmp_path):
    args = ["plan", "--calendar", str(DATA / "marathon-16-weeks.ics"), "--start", "2026-12-28",
            "--tz", "Europe/Berlin", "--weeks", "4", "--ics", str(tmp_path / "s.ics")]  # fmt: skip

    def sequences():
        events = icalendar.Calendar.from_ical((tmp_path / "s.ics").read_bytes()).walk("VEVENT")
        return {str(e["UID"]): (e.decoded("DTSTART"), int(e["SEQUENCE"])) for e in events}

    run(capsys, *args)
    before = sequences()
    assert {seq for _, seq in before.values()} == {0}
    run(capsys, *args, "--window", "Mon-Fri 18:00-20:00", "--window", "Sat,Sun 08:00-20:00")
    after = sequences()
    moved = {uid for uid in after if after[uid][0] != before[uid][0]}
    assert moved
    assert all(after[uid][1] == (1 if uid in moved else 0) for uid in after)
    run(capsys, *args, "--window", "Mon-Fri 18:00-20:00", "--window", "Sat,Sun 08:00-20:00")
    assert sequences() == after


def test_5k_plan_with_two_sessions_flags_the_second(capsys):
    status, out, _ = run(
        capsys, "plan", "--calendar", str(DATA / "5k-two-speed-days.ics"), "--start",
        "2026-10-19", "--tz", "America/Chicago", "--per-week", "2",
    )  # fmt: skip
    assert status == 0
    assert "+ Strength: Tue 20 Oct 07:30-07:51, 70 h before Fri 06:00 Tempo 3 mi" in out
    assert "only 47 h before Sun 07:00 Long run 8 mi" in out
    assert "Wed 07:00  Easy 4 mi" in out  # all-day event at the usual run time


def test_buffer_sets_the_gap_after_a_run(capsys):
    args = ["plan", "--calendar", str(DATA / "5k-two-speed-days.ics"), "--start", "2026-10-19",
            "--tz", "America/Chicago", "--weeks", "1"]  # fmt: skip
    assert "Strength: Tue 20 Oct 07:00-07:21" in run(capsys, *args, "--buffer", "0")[1]
    assert "Strength: Tue 20 Oct 08:00-08:21" in run(capsys, *args, "--buffer", "60")[1]
    status, _, err = run(capsys, *args, "--buffer", "-5")
    assert status == 2 and "--buffer" in err


def test_without_start_nothing_is_proposed_before_now(capsys, monkeypatch, tmp_path):
    import runstrong.cli.plan

    late = datetime(2026, 12, 1, 16, 45, tzinfo=ZoneInfo("Europe/Berlin"))
    monkeypatch.setattr(runstrong.cli.plan, "now", lambda: late)
    calendar = tmp_path / "runs.csv"
    calendar.write_text(
        "2026-12-01,06:00,Intervals 6x800,speed,60\n2026-12-06,09:00,Long run,long,90\n"
    )
    status, out, _ = run(capsys, "plan", "--calendar", str(calendar), "--tz", "Europe/Berlin",
                         "--weeks", "1")  # fmt: skip
    assert status == 0, out
    assert "Strength: Tue 01 Dec 16:45-17:06" in out


def test_daily_doubles_week_is_flagged_with_a_fix(capsys):
    status, out, _ = run(
        capsys, "plan", "--calendar", str(DATA / "daily-doubles.ics"), "--start", "2026-12-07",
        "--weeks", "1", "--tz", "Europe/Madrid",
    )  # fmt: skip
    assert status == 0
    assert "! Strength: Mon 07 Dec 07:15-07:36, 46 h before Wed 06:00 Intervals 10x400" in out
    assert "lower the recovery to 46 h" in out
    assert "Qee eee Qee" in out


def test_calendar_show_lists_kinds_and_reasons_from_csv(capsys):
    status, out, _ = run(
        capsys, "calendar", "show", str(DATA / "runs.csv"), "--start", "2026-11-30", "--tz", "UTC"
    )
    assert status == 0
    assert 'speed work    keyword "Track"' in out
    assert "Thu 2026-12-03 07:00-07:30" in out
    assert "long run      kind given in the calendar" in out


GOOD_CSV = "date,time,title\n2026-12-01,06:00,Tempo\n"


@pytest.mark.parametrize(
    ("content", "suffix", "args", "message"),
    [
        ("hello\n", ".ics", (), "line 1: 'hello' is not a calendar line"),
        ("date,time,title\n2026-12-01,6pm,Tempo\n", ".csv", (),
         "line 2: event 'Tempo': '6pm' is not a time"),
        (GOOD_CSV, ".csv", ("--tz", "Mars/Olympus"), "unknown time zone"),
        (GOOD_CSV, ".csv", ("--window", "Fri 25:00-07:00"), "25:00 is not a time of day"),
        ("date,time,title\n2025-01-01,06:00,Tempo\n", ".csv", (), "no events between 2026-11-30"),
        ("BEGIN:VCALENDAR\nVERSION:2.0\n", ".ics", (), "line 1: BEGIN:VCALENDAR has no END"),
        ('date,time,title\n2026-12-01,06:00,"Tempo\n2026-12-02,06:00,Easy\n', ".csv", (),
         "line 2: an event with no title: a quote is never closed"),
        ("date,time,title\n2026-12-01,06:00,Tempo,fast\n", ".csv", (),
         "line 2: event 'Tempo': unknown kind 'fast'"),
        ("date,time,title\n2026-12-01,06:00\n", ".csv", (),
         "line 2: an event with no title: expected 3 to 5 columns"),
        (GOOD_CSV, ".csv", ("--window", "Fri 09:00-07:00"), "ends (07:00) before it starts"),
    ],
)  # fmt: skip
def test_bad_input_is_one_clear_line_and_status_2(capsys, tmp_path, content, suffix, args, message):
    path = tmp_path / f"runs{suffix}"
    path.write_text(content)
    status, _, err = run(
        capsys, "plan", "--calendar", str(path), "--start", "2026-11-30", "--tz", "UTC", *args
    )
    assert status == 2
    assert message in err
    assert err.startswith("runstrong: error: ") and "Traceback" not in err


def test_broken_event_names_its_line_and_title(capsys, tmp_path):
    path = tmp_path / "runs.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nDTSTART:2026120\n"
        "SUMMARY:Tempo\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    status, _, err = run(capsys, "calendar", "show", str(path), "--tz", "UTC")
    assert status == 2
    assert "runs.ics line 3: event 'Tempo' (UID x): its DTSTART cannot be read" in err


def test_an_event_in_an_unknown_zone_is_named(capsys, tmp_path):
    path = tmp_path / "runs.ics"
    path.write_text(
        "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\n"
        "DTSTART;TZID=Mars/Olympus:20261201T060000\nSUMMARY:Tempo\nEND:VEVENT\nEND:VCALENDAR\n"
    )
    status, _, err = run(capsys, "calendar", "show", str(path), "--start", "2026-11-30")
    assert status == 2
    assert (
        "runs.ics line 3: event 'Tempo' (UID x): its DTSTART is in the time zone 'Mars/Olympus'"
        in err
    )


def test_calendar_show_reads_exactly_the_weeks_asked_for(capsys):
    status, _, err = run(
        capsys, "calendar", "show", str(DATA / "runs.csv"), "--start", "2026-11-26", "--weeks", "1"
    )
    assert status == 2
    assert "no events between 2026-11-23 and 2026-11-29" in err


@pytest.mark.parametrize(
    ("name", "start", "zone", "sessions"),
    [
        ("marathon-16-weeks.ics", "2026-12-28", "Europe/Berlin", 4),
        ("5k-two-speed-days.ics", "2026-10-19", "America/Chicago", 4),
        ("daily-doubles.ics", "2026-12-07", "Europe/Madrid", 4),
    ],
)
def test_each_example_plan_reads_back_as_a_calendar(capsys, tmp_path, name, start, zone, sessions):
    out_ics = tmp_path / "strength.ics"
    common = ("--start", start, "--tz", zone)
    assert (
        run(capsys, "plan", "--calendar", str(DATA / name), *common, "--ics", str(out_ics))[0] == 0
    )
    status, out, _ = run(capsys, "calendar", "show", str(out_ics), *common)
    assert status == 0
    assert out.count("Strength: ") == sessions
    assert f"{sessions} event" in out and "busy" in out


def test_one_week_one_session_reads_in_the_singular(capsys, tmp_path):
    status, out, err = run(
        capsys, "plan", "--calendar", str(DATA / "5k-two-speed-days.ics"), "--start",
        "2026-10-19", "--tz", "America/Chicago", "--weeks", "1", "--ics", str(tmp_path / "s.ics"),
    )  # fmt: skip
    assert status == 0
    assert "1 week: 1 session, 0 flagged, 0 weeks with a note" in out
    assert "wrote 1 session to" in err
    assert "(s)" not in out + err


def test_seven_sessions_a_week_never_share_a_slot_and_come_in_order(capsys):
    status, out, _ = run(
        capsys, "plan", "--calendar", str(DATA / "5k-two-speed-days.ics"), "--start",
        "2026-10-19", "--tz", "America/Chicago", "--per-week", "7", "--weeks", "1",
    )  # fmt: skip
    assert status == 0
    # "  ! Strength: Fri 23 Oct 07:00-07:21, 47 h before ..."
    slots = [line.split(": ")[1].split(",")[0] for line in out.splitlines() if "Strength: " in line]
    assert len(slots) == 7
    spans = [(s[:16], s[:11] + s[17:]) for s in slots]
    spans = [tuple(datetime.strptime(t, "%a %d %b %H:%M") for t in span) for span in spans]
    assert spans == sorted(spans)
    assert all(end <= start for (_, end), (start, _) in itertools.pairwise(spans)), slots


@pytest.mark.parametrize("start", ["0001-01-01", "1899-12-31", "2201-01-01", "9999-12-31"])
@pytest.mark.parametrize("command", [("plan", "--calendar"), ("calendar", "show")])
def test_a_start_outside_the_years_planned_for_is_refused(capsys, start, command):
    status, _, err = run(
        capsys, *command, str(DATA / "5k-two-speed-days.ics"), "--start", start, "--tz", "UTC"
    )
    assert status == 2
    assert err.startswith("runstrong: error: ") and "Traceback" not in err
    assert f"{start} is outside the years 1900 to 2200" in err


def test_calendar_show_explains_start_in_its_own_words(capsys):
    status, out, _ = run(capsys, "calendar", "show", "--help")
    assert status == 0
    assert "to show" in out and "to plan" not in out
    status, out, _ = run(capsys, "plan", "--help")
    assert "First day to plan" in out


def test_plan_from_a_feed_keeps_the_last_good_copy(capsys, feed_server):
    from feed_server import Answer

    feed_server.answers["/runs.ics"] = Answer(
        body=(DATA / "marathon-16-weeks.ics").read_bytes(),
        headers={"content-type": "text/calendar", "etag": '"a"'},
    )
    args = ["plan", "--calendar", feed_server.url("/runs.ics", scheme="webcal"),
            "--start", "2026-12-28", "--weeks", "2", "--tz", "Europe/Berlin"]  # fmt: skip
    status, out, _ = run(capsys, *args)
    assert status == 0
    assert f"Calendar {feed_server.url('/runs.ics')}" in out
    assert "2 weeks: 2 sessions" in out
    feed_server.answers["/runs.ics"] = Answer(500, body=b"down for maintenance")
    status, again, err = run(capsys, *args)
    assert status == 0 and "2 weeks: 2 sessions" in again
    assert f"warning: {feed_server.url('/runs.ics')} answered 500" in err
    assert "planning from the copy fetched" in err
    assert feed_server.requests[-1][1]["if-none-match"] == '"a"'


def test_a_feed_that_never_worked_is_an_error_naming_it(capsys, feed_server):
    from feed_server import Answer

    feed_server.answers["/page"] = Answer(headers={"content-type": "text/html"}, body=b"<html>")
    status, _, err = run(capsys, "calendar", "show", feed_server.url("/page"))
    assert status == 1
    page = feed_server.url("/page")
    assert f"runstrong: error: {page} is not a calendar (it sent text/html)" in err
    status, _, err = run(capsys, "plan", "--calendar", "http://example.com/runs.ics")
    assert status == 2
    assert "use https:// or webcal://" in err


def test_a_feed_on_a_private_network_is_read_only_when_allowed(capsys, feed_server, monkeypatch):
    from feed_server import Answer

    feed_server.answers["/runs.ics"] = Answer(body=(DATA / "marathon-16-weeks.ics").read_bytes())
    url = feed_server.url("/runs.ics")
    args = ["calendar", "show", url, "--start", "2026-12-28", "--weeks", "1"]
    monkeypatch.delenv("RUNSTRONG_ALLOW_PRIVATE_FEEDS")
    status, _, err = run(capsys, *args)
    assert status == 1 and f"runstrong: error: {url} is refused: 127.0.0.1 is on a private" in err
    assert "RUNSTRONG_ALLOW_PRIVATE_FEEDS=1" in err
    assert feed_server.hits("/runs.ics") == 0
    monkeypatch.setenv("RUNSTRONG_ALLOW_PRIVATE_FEEDS", "1")
    status, out, _ = run(capsys, *args)
    assert status == 0 and "Intervals" in out


def test_the_feed_secret_can_be_shown_and_rotated(capsys):
    status, first, _ = run(capsys, "calendar", "feed-token")
    assert status == 0 and first.startswith("/calendar/") and first.strip().endswith(".ics")
    assert run(capsys, "calendar", "feed-token")[1] == first
    status, rotated, err = run(capsys, "calendar", "feed-token", "--rotate")
    assert status == 0 and rotated != first and "no longer works" in err
    assert run(capsys, "calendar", "feed-token")[1] == rotated
