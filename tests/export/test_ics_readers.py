"""Planned sessions read back by two independent .ics readers land at the same instants."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from runstrong.export.ics import SessionEvent, read_revisions, revise, revisions, sessions_ics
from runstrong.workouts.library import DEFAULT_WORKOUT, load_library

#: Zones with DST in either hemisphere, a half-hour DST, one without DST, and UTC.
ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Australia/Lord_Howe",
         "Asia/Kolkata", "UTC"]  # fmt: skip
#: Local days next to clock changes, before and well past 2038, up to the planner's last year.
DAYS = ["2027-03-27", "2027-03-28", "2027-03-29", "2027-10-30", "2027-10-31", "2027-11-01",
        "2027-03-13", "2027-03-14", "2027-11-07", "2027-04-04", "2027-10-03", "2038-01-19",
        "2038-03-28", "2041-10-27", "2099-03-29", "2199-10-27", "2200-12-31"]  # fmt: skip
#: Wall-clock times, including those that happen twice (or not at all) when clocks change.
CLOCKS = ["00:30", "01:30", "02:15", "02:30", "03:30", "06:00", "18:45", "23:30"]


@pytest.fixture(scope="module")
def workout():
    return load_library(()).get(DEFAULT_WORKOUT)


def _sessions(zone: ZoneInfo) -> list[SessionEvent]:
    """Sessions at every day and clock above, and at both readings of a repeated hour."""
    sessions = []
    for day in DAYS:
        for clock in CLOCKS:
            for fold in (0, 1):
                wall = datetime.fromisoformat(f"{day} {clock}").replace(tzinfo=zone, fold=fold)
                start = wall.astimezone(UTC).astimezone(zone)  # a real instant, as planned
                uid = f"{start.astimezone(UTC):%Y%m%dT%H%M%SZ}@test"
                end = (start.astimezone(UTC) + timedelta(minutes=21)).astimezone(zone)
                sessions.append(SessionEvent(uid, start, end))
    return list({s.uid: s for s in sessions}.values())


def _utc(moment: datetime) -> datetime:
    return moment.astimezone(UTC)


def _vobject_instants(data: bytes) -> dict[str, tuple[datetime, datetime]]:
    """Each event's instants as the file's own zone definitions give them.

    vobject keeps one zone per TZID for the whole process (and may take it
    from pytz, which stops in 2037), so the file's VTIMEZONE is read here
    through vobject's own parser and applied to the wall-clock times.
    """
    parsed = vobject.readOne(data.decode(), transform=False)
    native = vobject.readOne(data.decode())
    zones = {z.tzid.value: z.gettzinfo() for z in getattr(native, "vtimezone_list", [])}

    def instant(line) -> datetime:
        if line.value.endswith("Z"):
            return datetime.strptime(line.value, "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        wall = datetime.strptime(line.value, "%Y%m%dT%H%M%S")
        return _utc(wall.replace(tzinfo=zones[line.params["TZID"][0]]))

    return {e.uid.value: (instant(e.dtstart), instant(e.dtend)) for e in parsed.vevent_list}


@pytest.mark.parametrize("zone", ZONES)
def test_every_instant_reads_the_same_in_icalendar_and_vobject(zone, workout):
    sessions = _sessions(ZoneInfo(zone))
    data = sessions_ics(workout, sessions)
    expected = {s.uid: (_utc(s.start), _utc(s.end)) for s in sessions}
    assert len(expected) > len(DAYS) * len(CLOCKS) - 10

    by_icalendar = {
        str(e["UID"]): (_utc(e.decoded("DTSTART")), _utc(e.decoded("DTEND")))
        for e in icalendar.Calendar.from_ical(data).walk("VEVENT")
    }
    assert by_icalendar == expected
    by_vobject = _vobject_instants(data)
    assert {uid: got for uid, got in by_vobject.items() if got != expected[uid]} == {}


def test_events_keep_the_users_zone_and_its_definition_comes_first(workout):
    berlin = ZoneInfo("Europe/Berlin")
    starts = [datetime(2027, 3, day, 18, 0, tzinfo=berlin) for day in (25, 29)]
    sessions = [SessionEvent(f"{s:%d}@test", s, s + timedelta(minutes=21)) for s in starts]
    data = sessions_ics(workout, sessions)
    text = data.decode()
    assert "DTSTART;TZID=Europe/Berlin:20270329T180000" in text
    assert text.index("BEGIN:VTIMEZONE") < text.index("BEGIN:VEVENT")
    (timezone,) = icalendar.Calendar.from_ical(data).walk("VTIMEZONE")
    (daylight,) = timezone.walk("DAYLIGHT")
    # Clocks go forward at 02:00 CET (01:00 UTC), not at 03:00.
    assert daylight.decoded("DTSTART") == datetime(2027, 3, 28, 2, 0)
    assert "2038" not in text


def test_the_second_of_two_equal_wall_clock_times_is_written_in_utc(workout):
    berlin = ZoneInfo("Europe/Berlin")
    second = datetime(2027, 10, 31, 2, 30, tzinfo=berlin, fold=1)
    data = sessions_ics(workout, [SessionEvent("b@test", second, second + timedelta(hours=1))])
    assert "DTSTART:20271031T013000Z" in data.decode()


def test_sequence_goes_up_only_for_a_session_that_moved(workout):
    berlin = ZoneInfo("Europe/Berlin")
    first = datetime(2027, 1, 5, 18, 0, tzinfo=berlin)
    plan = [
        SessionEvent("w1@test", first, first + timedelta(minutes=21)),
        SessionEvent("w2@test", first + timedelta(days=7), first + timedelta(days=7, minutes=21)),
    ]
    written = sessions_ics(workout, revise(plan, {}))
    moved = [plan[0], SessionEvent("w2@test", plan[1].start + timedelta(hours=1), plan[1].end)]
    again = revise(moved, read_revisions(written))
    assert [e.sequence for e in again] == [0, 1]
    third = revise(moved, revisions(again))
    assert [e.sequence for e in third] == [0, 1]
    events = icalendar.Calendar.from_ical(sessions_ics(workout, again)).walk("VEVENT")
    assert [int(e["SEQUENCE"]) for e in events] == [0, 1]
