"""A slow request (a big calendar, a busy log) holds up only itself, not the whole server."""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from web.forms import with_token
from web.web_calendars import next_monday, runs_csv

ROUTINE = "runners-lower-body"
HOLD_SECONDS = 5
FILES = Path(__file__).parents[1] / "workouts" / "files"


def _held(monkeypatch: pytest.MonkeyPatch, owner: object, name: str) -> dict:
    """Make `owner.name` wait (up to HOLD_SECONDS) until the returned "release" is set."""
    state = {"entered": threading.Event(), "release": threading.Event(), "timed_out": False}
    original = getattr(owner, name)

    def held(*args, **kwargs):
        state["entered"].set()
        state["timed_out"] = not state["release"].wait(HOLD_SECONDS)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, held)
    return state


def _answered_meanwhile(client, state: dict, slow: Callable):
    """Send `slow()`, and while it is held, another request; that one must not wait."""
    with ThreadPoolExecutor(1) as pool:
        pending = pool.submit(slow)
        assert state["entered"].wait(HOLD_SECONDS), "the slow request never started"
        try:
            other = client.get("/api/workouts")
        finally:
            state["release"].set()
        result = pending.result()
    assert other.status_code == 200
    assert not state["timed_out"], "the other request waited for the slow one"
    return result


def test_a_slow_calendar_does_not_stall_other_requests(client, monkeypatch):
    import runstrong.plan.pipeline

    state = _held(monkeypatch, runstrong.plan.pipeline, "plan_calendar")
    form = {"tz": "Europe/Berlin", "weeks": "2", "start": str(next_monday())}
    for path, status in (("/api/plan", 201), ("/plan", 303)):
        state["entered"].clear(), state["release"].clear()
        response = _answered_meanwhile(
            client,
            state,
            lambda path=path: client.post(
                path,
                files={"calendar": ("runs.csv", runs_csv())},
                data=with_token(client, form),
                follow_redirects=False,
            ),
        )
        assert response.status_code == status, response.text


def test_saving_the_log_form_does_not_stall_other_requests(client, monkeypatch):
    import runstrong.web.pages.log

    session = client.post("/api/sessions", json={"workout_id": ROUTINE}).json()
    url = f"/api/sessions/{session['id']}"
    first = {"client_id": "first-set", "step_index": 0, "outcome": "done", "seconds": 20}
    client.post(f"{url}/sets", json={**first, "exercise_id": "standing-figure-8"})
    uid = client.post(f"{url}/finish", json={"completed": False}).json()["log_uid"]
    state = _held(monkeypatch, runstrong.web.pages.log, "save_details")
    form = with_token(client, {"rpe": "6"})
    response = _answered_meanwhile(
        client,
        state,
        lambda: client.post(f"/log/{uid}", data=form, follow_redirects=False),
    )
    assert response.status_code == 303
    assert client.get(f"/api/log/{uid}").json()["rpe"] == 6


def test_a_changed_workout_file_is_parsed_off_the_event_loop(client, runstrong_home):
    """The autouse check fails this test if the library reloads on the event loop."""
    from runstrong.web.catalog import RECHECK_SECONDS, Catalogs

    now = [1000.0]
    client.app.state.catalogs = Catalogs(client.app.state.settings, clock=lambda: now[0])
    listed = client.get("/api/workouts").json()
    folder = client.app.state.settings.user_workouts_dir
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "circuit.yaml").write_bytes((FILES / "circuit-of-five.yaml").read_bytes())
    now[0] += RECHECK_SECONDS / 2
    assert client.get("/api/workouts").json() == listed  # the files were looked at just now
    now[0] += RECHECK_SECONDS / 2
    ids = [workout["id"] for workout in client.get("/api/workouts").json()]
    assert "circuit-of-five" in ids and len(ids) == len(listed) + 1
