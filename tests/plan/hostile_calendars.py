"""Calendars that broke the reader, generated: each is one good run plus one thing that hurts.

The good run (UID easy@example.org, every Tuesday) must survive every case;
the hostile event is always the second VEVENT, starting on line 10.
"""

from __future__ import annotations

HOSTILE_LINE = 10

_HEAD = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//runstrong tests//EN\r\n"
_EASY = (
    "BEGIN:VEVENT\r\nUID:easy@example.org\r\nDTSTART:20261020T060000Z\r\n"
    "RRULE:FREQ=WEEKLY\r\nSUMMARY:Easy run\r\nEND:VEVENT\r\n"
)


def calendar(*lines: str, title: str = "Intervals 6x800", uid: str = "bad@example.org") -> bytes:
    """The good run, then one event made of `lines` (in order, after its UID and title)."""
    event = f"BEGIN:VEVENT\r\nUID:{uid}\r\nSUMMARY:{title}\r\n"
    event += "".join(f"{line}\r\n" for line in lines) + "END:VEVENT\r\n"
    return (_HEAD + _EASY + event + "END:VCALENDAR\r\n").encode()


def with_header(line: str) -> bytes:
    """The good run in a calendar with one more calendar-level line (line 4)."""
    return (_HEAD + line + "\r\n" + _EASY + "END:VCALENDAR\r\n").encode()


def many_repeating_events(count: int, rule: str = "FREQ=HOURLY") -> bytes:
    """`count` events that each repeat within any single event's limit, but not together."""
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:tick{n}@example.org\r\nDTSTART:20261019T{n % 24:02d}0000Z\r\n"
        f"RRULE:{rule}\r\nSUMMARY:Tick {n}\r\nEND:VEVENT\r\n"
        for n in range(count)
    )
    return (_HEAD + _EASY + events + "END:VCALENDAR\r\n").encode()


#: name -> (calendar, what the warning for the hostile event must say)
BROKEN_EVENTS: dict[str, tuple[bytes, str]] = {
    "DTSTART twice": (
        calendar("DTSTART:20261022T060000Z", "DTSTART:20261023T060000Z"),
        "it has 2 DTSTART lines; an event has one",
    ),
    "DTEND twice": (
        calendar("DTSTART:20261022T060000Z", "DTEND:20261022T070000Z", "DTEND:20261022T080000Z"),
        "it has 2 DTEND lines; an event has one",
    ),
    "no DTSTART": (calendar("DTEND:20261022T070000Z"), "it has no start (DTSTART)"),
    "DTSTART not a date": (calendar("DTSTART:2026120"), "its DTSTART cannot be read"),
    "10,000-character TZID": (
        calendar("DTSTART;TZID=" + "X" * 10_000 + ":20261022T060000"),
        "its time zone (TZID) is not a name runstrong can look up",
    ),
    "unknown TZID": (
        calendar("DTSTART;TZID=Mars/Olympus:20261022T060000"),
        "its DTSTART is in the time zone 'Mars/Olympus', which the file does not define",
    ),
    "5,000-digit duration": (
        calendar("DTSTART:20261022T060000Z", "DURATION:PT" + "9" * 5000 + "S"),
        "its DURATION cannot be read (a number in it is too long)",
    ),
    "duration past year 9999": (
        calendar("DTSTART:99991231T230000Z", "DURATION:PT2H"),
        "its end (DURATION) is past the last day a calendar holds",
    ),
    "repeat rule that never gives a date": (
        calendar("DTSTART:20261022T060000Z", "RRULE:FREQ=DAILY;BYMONTH=2;BYMONTHDAY=30"),
        "its repeat rule (RRULE) found no date within the time allowed",
    ),
    "repeat rule with interval 0": (
        calendar("DTSTART:20261022T060000Z", "RRULE:FREQ=DAILY;INTERVAL=0"),
        "it repeats too often",
    ),
    "repeat rule dateutil refuses": (
        calendar("DTSTART:20261022T060000Z", "RRULE:FREQ=DAILY;BYSETPOS=0"),
        "its repeat rule (RRULE) cannot be used",
    ),
    "every minute": (
        calendar("DTSTART:20261019T060000Z", "RRULE:FREQ=MINUTELY"),
        "it repeats too often: with it the calendar has more than 10,000 occurrences between "
        "2026-10-19 and 2026-11-29",
    ),
    "a start line that is no property": (
        calendar("DTSTART=20261022T060000Z"),
        "it has no start (DTSTART)",
    ),
    "no END:VEVENT": (
        calendar("DTSTART:20261022T060000Z").replace(b"END:VEVENT\r\nEND:VCAL", b"END:VCAL"),
        "BEGIN:VEVENT has no END:VEVENT",
    ),
}

#: RECURRENCE-ID twice: the move is skipped (line 16), the series it moves is read.
RECURRENCE_ID_TWICE = calendar("DTSTART:20261022T060000Z", "RRULE:FREQ=DAILY;COUNT=3").replace(
    b"END:VCALENDAR",
    b"BEGIN:VEVENT\r\nUID:bad@example.org\r\nRECURRENCE-ID:20261023T060000Z\r\n"
    b"RECURRENCE-ID:20261024T060000Z\r\nDTSTART:20261023T090000Z\r\nSUMMARY:Moved\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR",
)

#: CSV rows that broke the reader: name -> (text, line of the bad row, what the warning says)
BROKEN_ROWS: dict[str, tuple[str, int, str]] = {
    "dated 9999-12-31": (
        "2026-10-20,06:00,Easy run\n9999-12-31,23:30,Long run\n",
        2,
        "its date is too close to the end of the calendar",
    ),
    "5,000-digit duration": (
        "2026-10-20,06:00,Easy run\n2026-10-22,06:00,Long run,long," + "9" * 5000 + "\n",
        2,
        "is not minutes (75) or hours:minutes (1:15)",
    ),
    "bad time": ("2026-10-20,06:00,Easy run\n2026-10-22,6pm,Tempo\n", 2, "'6pm' is not a time"),
    "bad kind": ("2026-10-20,06:00,Easy run\n2026-10-22,06:00,Tempo,fast\n", 2, "unknown kind"),
    "too few columns": ("2026-10-20,06:00,Easy run\n2026-10-22,06:00\n", 2, "expected 3 to 5"),
    "text after a closing quote": (
        '2026-10-22,06:00,"Tem"po\n2026-10-20,06:00,Easy run\n',
        1,
        "',' expected after '\"'",
    ),
    "field over the csv module's limit": (
        '2026-10-20,06:00,Easy run\n2026-10-22,06:00,"' + "x" * 200_000 + '"\n',
        2,
        "field larger than field limit",
    ),
}
