"""The web plan lives in the database: computed once, refreshed from its feed by one worker."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import pytest
from icalendar import Calendar

from feed_server import Answer
from web.forms import with_token
from web.web_calendars import next_monday, runs_csv, runs_ics

LOCAL = "http://localhost"


def _form(**fields):
    return {"tz": "Europe/Berlin", "weeks": "2", "start": str(next_monday()), **fields}


def _feed_path(client) -> str:
    page = client.get("/plan").text
    url = re.search(r'class="feed" readonly value="([^"]+)"', page).group(1)
    return urlsplit(url).path


def _sessions(body: bytes) -> list:
    return Calendar.from_ical(body).walk("VEVENT")


@pytest.fixture
def planned(monkeypatch):
    """Counts every time the planner runs."""
    import runstrong.plan.pipeline

    calls = []
    original = runstrong.plan.pipeline.plan_calendar

    def counted(*args, **kwargs):
        calls.append(kwargs.get("first_day"))
        return original(*args, **kwargs)

    monkeypatch.setattr(runstrong.plan.pipeline, "plan_calendar", counted)
    return calls


def test_the_plan_is_computed_once_and_read_by_every_page(client, planned):
    response = client.post("/api/plan", files={"calendar": ("runs.csv", runs_csv())}, data=_form())
    assert response.status_code == 201
    feed = _feed_path(client)
    for _ in range(3):
        assert client.get("/plan").status_code == 200
        assert client.get("/api/plan").json() == response.json()
        assert len(_sessions(client.get(feed).content)) == 2
        assert client.get("/plan/sessions.ics").status_code == 200
    assert len(planned) == 1


def test_the_plan_outlives_the_server(runstrong_home):
    from fastapi.testclient import TestClient

    from runstrong.settings import Settings
    from runstrong.web.app import create_app

    with TestClient(create_app(Settings(data_dir=runstrong_home)), base_url=LOCAL) as first:
        first.post("/api/plan", files={"calendar": ("runs.csv", runs_csv())}, data=_form())
        feed = _feed_path(first)
    with TestClient(create_app(Settings(data_dir=runstrong_home)), base_url=LOCAL) as second:
        assert second.get("/api/plan").json()["source"] == "runs.csv"
        assert len(_sessions(second.get(feed).content)) == 2


def test_rotating_the_feed_secret_retires_the_old_address(client):
    client.post("/api/plan", files={"calendar": ("runs.csv", runs_csv())}, data=_form())
    old = _feed_path(client)
    response = client.post("/plan/feed-token", data=with_token(client), follow_redirects=False)
    assert response.status_code == 303
    page = client.get(response.headers["location"]).text
    assert "The feed has a new address" in page
    new = _feed_path(client)
    assert new != old
    assert client.get(old).status_code == 404
    assert len(_sessions(client.get(new).content)) == 2
    api = client.post("/api/plan/feed-token").json()["feed_path"]
    assert client.get(new).status_code == 404 and client.get(api).status_code == 200


def test_forms_posted_from_another_site_are_refused(client):
    client.post("/api/plan", files={"calendar": ("runs.csv", runs_csv())}, data=_form())
    feed = _feed_path(client)
    for headers in ({"sec-fetch-site": "cross-site"}, {"origin": "https://evil.example"}):
        token = with_token(client)  # even with the page's own token
        response = client.post(
            "/plan/feed-token", data=token, headers=headers, follow_redirects=False
        )
        assert response.status_code == 403
        response = client.post(
            "/plan",
            files={"calendar": ("other.csv", runs_csv())},
            data={**_form(), **token},
            headers=headers,
        )
        assert response.status_code == 403
    assert _feed_path(client) == feed
    assert client.get("/api/plan").json()["source"] == "runs.csv"
    for path in ("/api/plan", "/api/plan/feed-token"):
        refused = client.post(path, data=_form(), headers={"sec-fetch-site": "cross-site"})
        assert refused.status_code == 403
    same = {"sec-fetch-site": "same-origin", "origin": "http://testserver"}
    renewed = client.post(
        "/plan/feed-token", data=with_token(client), headers=same, follow_redirects=False
    )
    assert renewed.status_code == 303


def test_an_old_feed_secret_from_the_data_folder_keeps_working(client, runstrong_home):
    runstrong_home.mkdir(parents=True, exist_ok=True)
    (runstrong_home / "calendar-feed-token").write_text("kept-from-before\n")
    client.get("/plan")
    client.post("/api/plan", files={"calendar": ("runs.csv", runs_csv())}, data=_form())
    assert _feed_path(client) == "/calendar/kept-from-before.ics"


def _backdate(hours: float) -> None:
    """Make the stored plan look as if it was made and fetched `hours` ago (the app's
    database, opened as another server process would)."""
    from runstrong.store.database import open_store
    from runstrong.store.plans import save_plan

    earlier = datetime.now(UTC) - timedelta(hours=hours)
    with open_store() as store:
        save_plan(store, fetched_at=earlier, computed_at=earlier, refresh_claimed_at=None)


def test_a_plan_from_a_feed_follows_the_feed(client, feed_server):
    feed_server.answers["/runs.ics"] = Answer(body=runs_ics(weeks=2, hour=18))
    url = feed_server.url("/runs.ics", scheme="webcal")
    response = client.post("/api/plan", data=_form(feed_url=url))
    assert response.status_code == 201, response.text
    assert response.json()["source"] == feed_server.url("/runs.ics")
    assert response.json()["source_kind"] == "feed"
    feed = _feed_path(client)
    before = [s.decoded("DTSTART") for s in _sessions(client.get(feed).content)]
    assert feed_server.hits("/runs.ics") == 1

    client.get(feed)  # fresh: not fetched again
    assert feed_server.hits("/runs.ics") == 1
    feed_server.answers["/runs.ics"] = Answer(body=runs_ics(weeks=2, hour=6))
    _backdate(hours=2)
    client.get(feed)  # stale: answered from the stored plan, refreshed after
    assert feed_server.hits("/runs.ics") == 2
    after = [s.decoded("DTSTART") for s in _sessions(client.get(feed).content)]
    assert after != before
    assert all(int(s["SEQUENCE"]) >= 1 for s in _sessions(client.get(feed).content))


def test_a_failing_feed_keeps_the_last_good_plan_and_says_why(client, feed_server):
    feed_server.answers["/runs.ics"] = Answer(body=runs_ics(weeks=2, hour=18))
    client.post("/api/plan", data=_form(feed_url=feed_server.url("/runs.ics")))
    plan = client.get("/api/plan").json()
    feed_server.answers["/runs.ics"] = Answer(
        headers={"content-type": "text/html"}, body=b"<html>Please log in</html>"
    )
    _backdate(hours=2)
    client.get("/plan")
    page = client.get("/plan").text
    assert "Could not update the plan" in page
    assert f"{feed_server.url('/runs.ics')} is not a calendar (it sent text/html)" in page
    assert client.get("/api/plan").json()["weeks"] == plan["weeks"]
    assert feed_server.hits("/runs.ics") == 2  # the failure is not retried on every read


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://example.com/runs.ics", "use https:// or webcal://"),
        # The server's own network is off limits on a shared server.
        ("https://127.0.0.1:1/runs.ics", "https://127.0.0.1:1/runs.ics is refused"),
        ("webcal://169.254.169.254/latest/meta-data/", "169.254.169.254 is on a private network"),
        ("https://[::1]/runs.ics", "is on a private network"),
    ],
)
def test_a_bad_feed_address_is_a_422_and_keeps_the_plan(client, url, message):
    client.post("/api/plan", files={"calendar": ("runs.csv", runs_csv())}, data=_form())
    response = client.post("/api/plan", data=_form(feed_url=url))
    assert response.status_code == 422
    error = response.json()["errors"][0]
    assert error["field"] == "feed_url" and message in error["message"]
    assert client.get("/api/plan").json()["source"] == "runs.csv"
