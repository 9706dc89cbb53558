"""A small run calendar dated from next Monday, so plans and feeds always have runs ahead."""

from __future__ import annotations

from datetime import date, timedelta


def next_monday() -> date:
    today = date.today()
    return today + timedelta(days=7 - today.weekday())


def runs_csv(weeks: int = 2) -> bytes:
    """Speed work on Tuesday, an easy run on Thursday and a long run on Sunday, each week."""
    rows = ["date,time,title,kind,duration"]
    for week in range(weeks):
        monday = next_monday() + timedelta(weeks=week)
        rows += [
            f"{monday + timedelta(days=1)},18:00,Track 6x800,speed,60",
            f"{monday + timedelta(days=3)},07:00,Easy jog,easy,40",
            f"{monday + timedelta(days=6)},08:00,Long run,long,1:45",
        ]
    return ("\n".join(rows) + "\n").encode()


def runs_ics(*, weeks: int, hour: int) -> bytes:
    """The runs of `runs_csv` as an .ics feed, with the speed session at `hour`."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//feed//EN"]
    for row in runs_csv(weeks).decode().splitlines()[1:]:
        day, clock, title, kind, _ = row.split(",")
        clock = f"{hour:02d}:00" if kind == "speed" else clock
        stamp = f"{day.replace('-', '')}T{clock.replace(':', '')}00"
        lines += ["BEGIN:VEVENT", f"UID:{stamp}-{kind}@test", f"DTSTAMP:{stamp}Z",
                  f"DTSTART;TZID=Europe/Berlin:{stamp}", "DURATION:PT1H",
                  f"SUMMARY:{title} [kind: {kind}]", "END:VEVENT"]  # fmt: skip
    lines.append("END:VCALENDAR")
    return ("\r\n".join(lines) + "\r\n").encode()
