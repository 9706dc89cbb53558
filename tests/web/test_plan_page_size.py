"""However odd the calendar, the plan page, its JSON and the calendar feed stay small."""

from __future__ import annotations

import pytest

from plan.hostile_calendars import (
    BROKEN_EVENTS,
    RECURRENCE_ID_TWICE,
    broken_runs,
    crowded,
    huge_title,
)
from web.web_calendars import next_monday

#: The most a plan page or its JSON may weigh: the longest plan (26 weeks) of a crowded
#: calendar. A real 16-week marathon plan is about 23 KB.
PAGE_BYTES = 300_000
#: The most the sessions' .ics (download and feed) may weigh: 26 weeks of sessions.
ICS_BYTES = 100_000

HOSTILE = {name: data for name, (data, _) in BROKEN_EVENTS.items()} | {
    "RECURRENCE-ID twice": RECURRENCE_ID_TWICE,
    "31 events a day, 200-character titles": crowded(next_monday(), meetings=30, title_chars=200),
    "a 1.5 MB title": huge_title(next_monday()),
    "5,000 broken runs": broken_runs(5000),
}


def _plan(client, data: bytes, *, weeks: int):
    form = {"tz": "UTC", "weeks": str(weeks), "start": str(next_monday())}
    created = client.post("/api/plan", files={"calendar": ("runs.ics", data)}, data=form)
    assert created.status_code == 201, created.text
    return created.json()


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_pages_and_feeds_stay_small_however_odd_the_calendar(client, case):
    _plan(client, HOSTILE[case], weeks=26)
    page = client.get("/plan")
    assert page.status_code == 200
    assert len(page.content) < PAGE_BYTES
    assert len(client.get("/api/plan").content) < PAGE_BYTES
    feed = client.post("/api/plan/feed-token").json()["feed_path"]
    for path in ("/plan/sessions.ics", feed):
        response = client.get(path)
        assert response.status_code == 200 and len(response.content) < ICS_BYTES


def test_a_crowded_day_shows_its_run_and_how_many_more_events_it_has(client):
    plan = _plan(client, crowded(next_monday(), meetings=20), weeks=2)
    for week in plan["weeks"]:
        assert len(week["events"]) == 7 * 6
        assert [e["title"] for e in week["events"][5::6]] == ["Long run"] * 7
        assert [(m["count"], m["kinds"]) for m in week["more"]] == [(15, {"busy": 15})] * 7
    assert client.get("/plan").text.count(">+15 more: 15 busy</div>") == 14


def test_a_huge_title_is_shown_cut(client):
    plan = _plan(client, huge_title(next_monday()), weeks=2)
    titles = {e["title"] for week in plan["weeks"] for e in week["events"]}
    (title,) = titles
    assert title.startswith("Long run xxx") and title.endswith("…") and len(title) <= 100


def test_runs_left_out_are_counted_and_the_first_few_named(client):
    plan = _plan(client, broken_runs(500), weeks=2)
    assert plan["runs_left_out_count"] == 500
    assert [r.split(" (")[0] for r in plan["runs_left_out"]] == [
        f"Intervals {n}" for n in range(20)
    ]
    page = client.get("/plan").text
    assert "Planned without 500 runs the calendar could not give" in page
    assert "<li>… and 480 more</li>" in page
