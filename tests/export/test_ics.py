"""`runstrong export --format ics --at`: one session as a calendar event."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import icalendar
import recurring_ical_events

from runstrong.cli import main


def test_one_session_event_in_the_users_zone(capsys, tmp_path):
    path = tmp_path / "lift.ics"
    status = main(
        ["export", "--format", "ics", "--at", "2026-12-03 18:30", "--tz", "America/Denver",
         "-o", str(path)]
    )  # fmt: skip
    assert status == 0
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    (event,) = recurring_ical_events.of(calendar).between(
        datetime(2026, 12, 1, tzinfo=ZoneInfo("UTC")), datetime(2026, 12, 5, tzinfo=ZoneInfo("UTC"))
    )
    denver = ZoneInfo("America/Denver")
    assert event.start == datetime(2026, 12, 3, 18, 30, tzinfo=denver)
    assert event.end == datetime(2026, 12, 3, 18, 51, tzinfo=denver)
    assert "Strength Set B (3 rounds)" in str(event["DESCRIPTION"])
    (alarm,) = event.walk("VALARM")
    assert alarm.decoded("TRIGGER").total_seconds() == -30 * 60


def test_without_at_the_user_is_told_what_to_add(capsys):
    assert main(["export", "--format", "ics"]) == 2
    assert "--format ics needs --at" in capsys.readouterr().err
