"""Who may use which route: generated from the app's route table, so a new route is covered.

Every route acts for a logged-in user (one `current_account` dependency)
except a short, explicit list. With accounts in the log, a request without a
login gets 401 from the API and the login page for pages; a logged-in user
asking for another's session, log entry, plan or workout gets 404.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.routing import iter_route_contexts
from fastapi.testclient import TestClient

from runstrong.settings import Settings, with_loopback
from runstrong.store.accounts import add_user
from runstrong.store.api_tokens import create_token
from runstrong.store.database import open_store
from runstrong.web.app import create_app
from runstrong.web.auth import current_account
from runstrong.web.catalog import workouts_dir_of

#: (method, path) of the routes anyone may use: logging in, health, the calendar feed
#: (its address is its secret), the installable shell and the API's own description.
PUBLIC = {
    ("GET", "/login"),
    ("POST", "/login"),
    ("GET", "/health"),
    ("GET", "/calendar/{token}.ics"),
    ("GET", "/service-worker.js"),
    ("GET", "/manifest.webmanifest"),
    ("GET", "/openapi.json"),
    ("GET", "/docs"),
    ("GET", "/docs/oauth2-redirect"),
    ("GET", "/redoc"),
}
SAMPLES = {
    "workout_id": "runners-lower-body",
    "exercise_id": "goblet-squat",
    "uid": "00000000-0000-0000-0000-000000000000",
    "session_id": "00000000-0000-0000-0000-000000000000",
    "token_id": "1",
    "token": "not-a-feed-token",
    "name": "ben",
}
ROUTINE = "runners-lower-body"
PASSWORD = "correct horse battery"
#: the test client's Host, besides loopback
TEST_HOSTS = with_loopback(["testserver"])


def _endpoints(app: FastAPI) -> Iterator[tuple[str, str, object]]:
    """(method, path, dependant) of every route, as the app serves it (routers included)."""
    for route in iter_route_contexts(app.routes):
        for method in sorted((route.methods or set()) - {"HEAD"}):
            yield method, route.path, getattr(route, "dependant", None)


def _declares_login(dependant) -> bool:
    return dependant is not None and any(
        dep.call is current_account or _declares_login(dep) for dep in dependant.dependencies
    )


def routes_without_login(app: FastAPI) -> set[tuple[str, str]]:
    return {
        (method, path)
        for method, path, dependant in _endpoints(app)
        if not _declares_login(dependant)
    }


def _concrete(path: str) -> str:
    return re.sub(r"\{(\w+)(:\w+)?\}", lambda m: SAMPLES[m.group(1)], path)


@pytest.fixture
def club(runstrong_home: Path, database_url: str):
    """An app on a log with two runners, anna and ben, and a token for each."""
    settings = Settings(
        data_dir=runstrong_home, database_url=database_url, allowed_hosts=TEST_HOSTS
    )
    now = datetime.now(UTC)
    with open_store(database_url) as store:
        add_user(store, "anna", PASSWORD)
        add_user(store, "ben", PASSWORD)
        tokens = {name: create_token(store, name, "tests", now=now) for name in ("anna", "ben")}
    app = create_app(settings)
    with TestClient(app, follow_redirects=False) as client:
        yield app, client, tokens, settings


def _as(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_every_route_but_the_public_ones_requires_a_login(club) -> None:
    app, *_ = club
    assert routes_without_login(app) == PUBLIC


def test_a_route_added_without_the_login_dependency_is_caught(club) -> None:
    app, *_ = club

    @app.get("/api/forgotten")
    def forgotten() -> dict:
        return {}

    assert ("GET", "/api/forgotten") in routes_without_login(app) - PUBLIC


def test_anonymous_requests_get_401_from_the_api_and_the_login_page_elsewhere(club) -> None:
    app, client, *_ = club
    checked = 0
    for method, path, _route in _endpoints(app):
        if (method, path) in PUBLIC:
            continue
        url = _concrete(path)
        response = client.request(method, url)
        checked += 1
        if path.startswith("/api"):
            assert response.status_code == 401, (method, path, response.text)
            assert response.headers["www-authenticate"] == "Bearer"
        else:
            assert response.status_code == 303, (method, path, response.status_code)
            assert response.headers["location"].startswith("/login?next=/"), (method, path)
    assert checked > 30


def test_forged_tokens_and_cookies_are_refused(club) -> None:
    _, client, tokens, _ = club
    forged = tokens["anna"][:-4] + "AAAA"
    assert client.get("/api/log", headers=_as(forged)).status_code == 401
    client.cookies.set("runstrong_login", "made-up")
    assert client.get("/history").status_code == 303
    assert client.get("/api/log", headers=_as(tokens["anna"])).status_code == 200


def _anna_workout(settings: Settings) -> str:
    text = (resources.files("runstrong.workouts") / "builtin" / "core-for-runners.yaml").read_text()
    folder = workouts_dir_of(settings, "anna")
    folder.mkdir(parents=True)
    (folder / "annas-core.yaml").write_text(
        re.sub(r"(?m)^id: .*$", "id: annas-core", text, count=1)
    )
    return "annas-core"


def test_another_users_objects_answer_404_and_stay_as_they_were(club) -> None:
    _, client, tokens, settings = club
    anna, ben = _as(tokens["anna"]), _as(tokens["ben"])
    workout_id = _anna_workout(settings)
    started = client.post("/api/sessions", json={"workout_id": ROUTINE}, headers=anna)
    assert started.status_code == 201
    sid = started.json()["id"]
    assert client.get(f"/api/workouts/{workout_id}", headers=anna).status_code == 200
    before = client.get(f"/api/log/{sid}", headers=anna).json()
    outcome = {
        "client_id": uuid.uuid4().hex,
        "step_index": 0,
        "exercise_id": "standing-figure-8",
        "outcome": "done",
        "seconds": 30,
    }
    attempts = [
        ("GET", f"/api/sessions/{sid}", None),
        ("PUT", f"/api/sessions/{sid}/position", {"index": 3}),
        ("PUT", f"/api/sessions/{sid}/variations", {"variations": {}}),
        ("POST", f"/api/sessions/{sid}/sets", outcome),
        ("POST", f"/api/sessions/{sid}/finish", {"completed": False}),
        ("DELETE", f"/api/sessions/{sid}", None),
        ("GET", f"/api/log/{sid}", None),
        ("PATCH", f"/api/log/{sid}", {"rpe": 9, "notes": "ben was here"}),
        ("GET", f"/log/{sid}", None),
        ("POST", f"/history/{sid}/delete", None),
        ("GET", f"/history/{sid}/delete", None),
        ("GET", f"/history/{sid}/activity.fit", None),
        ("GET", f"/api/workouts/{workout_id}", None),
        ("GET", f"/api/timeline/{workout_id}", None),
        ("GET", f"/workouts/{workout_id}", None),
        ("GET", f"/play/{workout_id}", None),
        ("GET", f"/api/advice/{workout_id}", None),
    ]
    # ben's own form token, so the only thing wrong with his post is whose session it names
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/import", headers=ben).text)
    form = {"csrf_token": token.group(1)}
    for method, url, body in attempts:
        if url.endswith("/delete") and method == "POST":
            response = client.post(url, data=form, headers=ben)
        else:
            response = client.request(method, url, json=body, headers=ben)
        assert response.status_code == 404, (method, url, response.status_code, response.text)
        assert "ben was here" not in response.text
    assert client.get(f"/api/log/{sid}", headers=anna).json() == before
    assert client.get(f"/api/sessions/{sid}", headers=anna).json()["index"] == 0
    assert sid not in client.get("/api/log", headers=ben).text
    assert workout_id not in client.get("/api/workouts", headers=ben).text
    assert (
        client.get("/api/sessions/current", params={"workout_id": ROUTINE}, headers=ben).status_code
        == 404
    )


def test_each_user_has_their_own_plan_and_feed(club) -> None:
    _, client, tokens, settings = club
    anna, ben = _as(tokens["anna"]), _as(tokens["ben"])
    # the feed secret a one-runner version kept in a file stays the local runner's
    settings.legacy_feed_token_file.parent.mkdir(parents=True, exist_ok=True)
    settings.legacy_feed_token_file.write_text("old-local-feed-secret")
    assert client.get("/plan", headers=anna).status_code == 200
    assert client.get("/calendar/old-local-feed-secret.ics").status_code == 404
    calendar = "date,time,title\n2026-12-07,07:00,Easy run 40 min\n"
    made = client.post(
        "/api/plan",
        data={"workout_id": ROUTINE},
        files={"calendar": ("runs.csv", calendar, "text/csv")},
        headers=anna,
    )
    assert made.status_code == 201, made.text
    assert client.get("/api/plan", headers=anna).status_code == 200
    assert client.get("/api/plan", headers=ben).status_code == 404
    assert client.get("/plan/sessions.ics", headers=ben).status_code == 404
    feed = client.post("/api/plan/feed-token", headers=anna).json()["feed_path"]
    assert client.get(feed).status_code == 200  # the feed needs no login, only its secret
    client.post("/api/plan/feed-token", headers=anna)
    assert client.get(feed).status_code == 404  # rotated: the old address is dead
