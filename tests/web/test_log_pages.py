"""The finished session's form: pre-filled, saved to the log, shown in history with charts."""

from __future__ import annotations

import re

from web.forms import with_token

ROUTINE = "runners-lower-body"


def _play_through(client) -> str:
    """Play the whole routine through the API (as the page does) and return the log uid."""
    session = client.post("/api/sessions", json={"workout_id": ROUTINE}).json()
    url = f"/api/sessions/{session['id']}"
    for step in client.get(f"/api/timeline/{ROUTINE}").json()["steps"]:
        if step["kind"] != "work":
            continue
        body = {
            "client_id": f"step-{step['index']:04d}",
            "step_index": step["index"],
            "exercise_id": step["exercise_id"],
            "outcome": "done",
            "seconds": step["seconds"],
        }
        assert client.post(f"{url}/sets", json=body).status_code == 201
    finished = client.post(f"{url}/finish", json={"completed": True}).json()
    assert finished["log_uid"]
    return finished["log_uid"]


def test_form_is_prefilled_from_the_plan_and_saves_to_the_log(client):
    uid = _play_through(client)
    logged = client.get(f"/api/log/{uid}").json()
    assert logged["status"] == "completed"
    form = client.get(f"/log/{uid}").text
    assert re.search(r'name="reps.lateral-step-down"[^>]*value="8"', form), "planned reps"
    assert 'name="load.b-squat"' in form
    assert 'name="load.standing-figure-8"' not in form, "bodyweight moves take no load"
    assert "Nothing logged for this exercise yet" in form, "progression advice is shown"

    saved = client.post(
        f"/log/{uid}",
        data=with_token(
            client,
            {"unit": "kg", "load.b-squat": "12", "rpe.b-squat": "7", "rpe": "6", "notes": "solid"},
        ),
        follow_redirects=False,
    )
    assert saved.status_code == 303
    history = client.get(saved.headers["location"]).text
    assert "Saved to the log." in history and "solid" in history
    entry = client.get(f"/api/log/{uid}").json()
    assert entry["rpe"] == 6
    assert {s["load_kg"] for s in entry["sets"] if s["exercise_id"] == "b-squat"} == {12.0}
    assert re.search(r'name="load.b-squat"[^>]*value="12"', client.get(f"/log/{uid}").text)


def test_history_charts_are_server_side_svg(client):
    uid = _play_through(client)
    client.patch(f"/api/log/{uid}", json={"exercises": {"b-squat": {"load": 10}}})
    history = client.get("/history").text
    charts = re.findall(r'<img src="([^"]+\.svg)"', history)
    assert any("adherence" in c for c in charts) and any("load/b-squat" in c for c in charts)
    for chart in charts:
        response = client.get(chart)
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert b"<svg" in response.content
        assert not re.search(rb"<script[^>]*(src|href)=", response.content), "nothing fetched"


def test_bad_form_values_are_shown_not_saved(client):
    uid = _play_through(client)
    for data, message in [
        ({"rpe": "11"}, "rpe: Input should be less than or equal to 10"),
        ({"load.b-squat": "heavy"}, "exercises.b-squat.load"),
        ({"load.standing-figure-8": "5"}, "bodyweight exercise"),
    ]:
        response = client.post(f"/log/{uid}", data=with_token(client, data))
        assert response.status_code == 422
        assert message in response.text
    assert client.get(f"/api/log/{uid}").json()["rpe"] is None


def test_log_api_errors_name_the_field(client):
    missing = client.get("/api/log/not-a-session")
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["field"] == "uid"
    uid = _play_through(client)
    bad = client.patch(f"/api/log/{uid}", json={"exercises": {"b-squat": {"rpe": 0}}})
    assert bad.status_code == 422
    assert bad.json()["errors"][0]["field"] == "exercises.b-squat.rpe"


def test_advice_api(client):
    advice = client.get(f"/api/advice/{ROUTINE}").json()
    assert {a["exercise_id"] for a in advice} >= {"b-squat"}
    assert client.get(f"/api/advice/{ROUTINE}", params={"unit": "stone"}).status_code == 422


def test_a_session_is_deleted_from_the_history_page_after_asking(client):
    uid = _play_through(client)
    history = client.get("/history").text
    ask = re.search(r'href="(/history/[^"]+/delete)"', history).group(1)
    question = client.get(ask)
    assert question.status_code == 200
    assert "Delete this session?" in question.text and "35 of 35 sets done" in question.text
    assert '<form method="post"' in question.text
    deleted = client.post(ask, data=with_token(client, page=ask), follow_redirects=False)
    assert deleted.status_code == 303
    assert "The session was deleted." in client.get(deleted.headers["location"]).text
    assert client.get("/api/log").json() == []
    assert client.get(f"/api/log/{uid}").status_code == 404
    again = client.post(ask, data=with_token(client), headers={"accept": "text/html"})
    assert again.status_code == 404


def _logged_with_rising_loads() -> str:
    """A session whose step-down sets were logged one by one at 10, 12 and 14 kg."""
    from datetime import UTC, datetime

    from runstrong.store.database import open_store
    from runstrong.store.manual import Details, new_session
    from runstrong.store.sessions import save_session
    from runstrong.workouts.library import builtin_workout

    entry = new_session(builtin_workout(), Details(), now=datetime.now(UTC))
    loads = iter([10.0, 10.0, 12.0, 12.0, 14.0, 14.0])
    sets = [
        s.model_copy(update={"load_kg": next(loads), "load_unit": "kg"})
        if s.exercise_id == "lateral-step-down"
        else s
        for s in entry.sets
    ]
    entry = entry.model_copy(update={"sets": sets})
    with open_store() as store:
        save_session(store, entry)
    return entry.uid


def test_the_form_reviews_each_set_and_asks_no_effort_of_stretches(client):
    uid = _logged_with_rising_loads()
    form = client.get(f"/log/{uid}").text
    assert "Logged: 10 kg × 8 · 10 kg × 8 · 12 kg × 8 · 12 kg × 8 · 14 kg × 8 · 14 kg × 8" in form
    assert 'name="rpe.lateral-step-down"' in form
    assert 'name="rpe.standing-hamstring-stretch"' not in form, "no effort box for a stretch"
    assert 'name="rpe" value="7"' in form, "the session's effort, one tap"


def test_saving_the_review_unchanged_keeps_each_sets_weight(client):
    uid = _logged_with_rising_loads()
    form = client.get(f"/log/{uid}").text
    shown = re.search(r'name="load.lateral-step-down"[^>]*value="([^"]*)"', form)[1]
    assert shown == "14"
    saved = client.post(
        f"/log/{uid}",
        data=with_token(
            client,
            {
                "unit": "kg",
                "rpe": "7",
                "load.lateral-step-down": shown,
                "was.load.lateral-step-down": shown,
            },
        ),
        follow_redirects=False,
    )
    assert saved.status_code == 303
    entry = client.get(f"/api/log/{uid}").json()
    loads = [s["load_kg"] for s in entry["sets"] if s["exercise_id"] == "lateral-step-down"]
    assert loads == [10, 10, 12, 12, 14, 14] and entry["rpe"] == 7
    client.post(
        f"/log/{uid}",
        data=with_token(
            client,
            {"unit": "kg", "load.lateral-step-down": "15", "was.load.lateral-step-down": shown},
        ),
    )
    entry = client.get(f"/api/log/{uid}").json()
    loads = {s["load_kg"] for s in entry["sets"] if s["exercise_id"] == "lateral-step-down"}
    assert loads == {15}, "a changed weight applies to every set"
