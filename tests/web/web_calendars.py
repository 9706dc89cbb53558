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
