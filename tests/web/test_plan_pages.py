"""The plan: upload a run calendar, see placed sessions, download them, subscribe to the feed."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from icalendar import Calendar

from plan.hostile_calendars import BROKEN_EVENTS
from web.forms import with_token
from web.web_calendars import next_monday, runs_csv


def _upload(client, data: bytes = b"", name: str = "runs.csv", **fields):
    form = {"tz": "Europe/Berlin", "weeks": "2", "start": str(next_monday()), **fields}
    return client.post("/api/plan", files={"calendar": (name, data or runs_csv())}, data=form)


def test_upload_places_a_session_clear_of_quality_runs(client):
    response = _upload(client)
    assert response.status_code == 201, response.text
    weeks = response.json()["weeks"]
    assert len(weeks) == 2
    for week in weeks:
        [session] = week["sessions"]
        assert session["problems"] == []
        assert session["margin_hours"] >= 48
        assert {e["kind"] for e in week["events"]} == {"speed work", "easy run", "long run"}
    assert client.get("/api/plan").json() == response.json()


def test_plan_page_shows_the_grid_and_the_feed(client):
    _upload(client)
    page = client.get("/plan").text
    assert page.count('class="event kind-speed"') >= 2
    assert page.count('class="strength" title=') == 2
    assert "h margin" in page
    feed = re.search(r'class="feed" readonly value="([^"]+)"', page).group(1)
    response = client.get(feed.replace("http://testserver", ""))
    assert response.headers["content-type"].startswith("text/calendar")
    events = [c for c in Calendar.from_ical(response.content).walk("VEVENT")]
    assert len(events) == 2
    download = client.get("/plan/sessions.ics")
    assert "attachment" in download.headers["content-disposition"]
    assert len(Calendar.from_ical(download.content).walk("VEVENT")) == 2


def test_form_upload_redirects_to_the_plan(client):
    response = client.post(
        "/plan",
        files={"calendar": ("runs.csv", runs_csv())},
        data=with_token(
            client, {"weeks": "2", "start": str(next_monday()), "tz": "", "windows": ""}
        ),
        follow_redirects=False,
    )
    assert response.status_code == 303


def test_feed_needs_the_secret(client):
    _upload(client)
    assert client.get("/calendar/guess.ics").status_code == 404


def test_feed_without_a_calendar_is_an_empty_valid_calendar(client):
    response = client.get(client.post("/api/plan/feed-token").json()["feed_path"])
    assert response.status_code == 200
    assert Calendar.from_ical(response.content).walk("VEVENT") == []


def test_bad_uploads_are_4xx_naming_the_field(client):
    cases = [
        (_upload(client, b"not,a\ncalendar", name="runs.txt"), "calendar"),
        (_upload(client, b"BEGIN:NOPE", name="runs.ics"), "calendar"),
        (_upload(client, bytes(range(256)) * 8, name="runs.ics"), "calendar"),
        (_upload(client, b"x" * (2 * 1024 * 1024 + 1), name="runs.ics"), "calendar"),
        (_upload(client, tz="Mars/Olympus"), "tz"),
        (_upload(client, windows="Someday 25:00-26:00"), "windows"),
        (_upload(client, weeks="0"), "weeks"),
        (_upload(client, workout_id="nope"), "workout_id"),
        (client.post("/api/plan", data={"weeks": "2"}), "calendar"),
    ]
    for response, field in cases:
        assert 400 <= response.status_code < 500, response.text
        assert response.json()["errors"][0]["field"] == field, response.text
    assert client.get("/api/plan").status_code == 404, "nothing bad was kept"


def test_an_oversized_upload_is_refused_before_it_is_read(client):
    response = _upload(client, b"x" * (3 * 1024 * 1024), name="runs.ics")
    assert response.status_code == 413
    assert response.json()["errors"][0]["field"] == "body"
    page = client.post(
        "/plan",
        files={"calendar": ("runs.ics", b"x" * (3 * 1024 * 1024))},
        headers={"accept": "text/html"},
    )
    assert page.status_code == 413 and "larger than" in page.text


def test_a_calendar_with_broken_events_is_planned_and_the_page_names_them(client):
    monday = next_monday()
    data = runs_csv() + f"{monday + timedelta(days=2)},6pm,Intervals 5x1k,speed\n".encode()
    data += b"9999-12-31,23:30,Long run\n"
    created = _upload(client, data=data)
    assert created.status_code == 201, created.text
    body = created.json()
    assert [w.split(":")[0] for w in body["left_out"]] == [
        "skipped runs.csv line 8",
        "skipped runs.csv line 9",
    ]
    (left_out,) = body["runs_left_out"]  # the 9999 long run is not in the weeks planned
    assert left_out.startswith("Intervals 5x1k (runs.csv line 8): '6pm' is not a time")
    assert left_out.endswith("; planned without it")
    page = client.get("/plan")
    assert page.status_code == 200
    assert "Planned without 1 run the calendar could not give" in page.text
    assert "runs.csv line 9: event &#39;Long run&#39;: its date is too close" in page.text


@pytest.mark.parametrize("case", sorted(BROKEN_EVENTS))
def test_every_calendar_fault_is_a_plan_or_a_4xx_never_a_500(client, case):
    data, _ = BROKEN_EVENTS[case]
    # The hostile calendars are dated October 2026: plan those weeks.
    created = _upload(client, data, "runs.ics", start="2026-10-19", weeks="6", tz="UTC")
    assert created.status_code in (201, 422), created.text
    if created.status_code == 201:
        # (which problem is told is checked on a simulated clock in tests/plan)
        assert any(w.startswith("skipped runs.ics line 10: ") for w in created.json()["left_out"])
    assert client.get("/plan").status_code == 200
    assert client.get("/api/plan").status_code in (200, 404)
