"""The JSON API: workouts, timelines and player sessions, with 4xx errors naming the field."""

from __future__ import annotations

from runstrong.timeline import compile_timeline
from runstrong.workouts.library import builtin_workout

ROUTINE = "runners-lower-body"


def test_lists_the_builtin_workout(client):
    response = client.get("/api/workouts")
    assert response.status_code == 200
    [item] = [w for w in response.json() if w["id"] == ROUTINE]
    assert item["builtin"] is True
    assert item["planned_seconds"] == compile_timeline(builtin_workout()).total_seconds


def test_reads_a_workout_in_its_file_structure(client):
    response = client.get(f"/api/workouts/{ROUTINE}")
    assert response.status_code == 200
    assert response.json()["blocks"][0]["id"] == "warmup"


def test_timeline_matches_the_compiled_one_and_adds_labels(client):
    expected = compile_timeline(builtin_workout())
    body = client.get(f"/api/timeline/{ROUTINE}").json()
    assert len(body["steps"]) == len(expected.steps)
    assert body["total_seconds"] == expected.total_seconds
    for got, step in zip(body["steps"], expected.steps, strict=True):
        assert got["label"] == step.label
        assert got["waits_for_runner"] == step.waits_for_runner
        assert got["seconds_after"] == round(expected.time_left(step.index + 1), 3)
    assert body["easier"]["b-squat"]


def test_timeline_with_a_variation(client):
    exercise, variation = next(
        iter(client.get(f"/api/timeline/{ROUTINE}").json()["easier"].items())
    )
    body = client.get(f"/api/timeline/{ROUTINE}", params={"variation": f"{exercise}={variation}"})
    assert body.status_code == 200
    assert body.json()["variations"] == {exercise: variation}
    assert any(s["variation_id"] == variation for s in body.json()["steps"])


def test_unknown_workout_is_a_404_naming_the_field(client):
    response = client.get("/api/timeline/no-such-workout")
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "workout_id"
    assert "runners-lower-body" in response.json()["detail"]


def test_bad_variations_are_422_naming_the_field(client):
    malformed = client.get(f"/api/timeline/{ROUTINE}", params={"variation": "no-equals"})
    assert malformed.status_code == 422
    assert malformed.json()["errors"][0]["field"].startswith("variation")
    unknown = client.get(f"/api/timeline/{ROUTINE}", params={"variation": "b-squat=flying"})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0] == {
        "location": "query",
        "field": "variation",
        "message": "b-squat has no variation 'flying'",
    }


def _start(client, **body):
    response = client.post("/api/sessions", json={"workout_id": ROUTINE, **body})
    assert response.status_code == 201, response.text
    return response.json()


def test_session_keeps_its_position_for_a_resume(client):
    session = _start(client)
    moved = client.put(
        f"/api/sessions/{session['id']}/position", json={"index": 5, "elapsed": 3.5, "paused": True}
    )
    assert moved.status_code == 200
    current = client.get("/api/sessions/current", params={"workout_id": ROUTINE}).json()
    assert (current["id"], current["index"], current["elapsed"], current["paused"]) == (
        session["id"],
        5,
        3.5,
        True,
    )


def test_sets_are_counted_and_finishing_closes_the_session(client):
    session = _start(client)
    url = f"/api/sessions/{session['id']}"
    assert (
        client.post(
            f"{url}/sets", json={"step_index": 0, "outcome": "done", "seconds": 20}
        ).status_code
        == 201
    )
    view = client.post(
        f"{url}/sets", json={"step_index": 1, "outcome": "skipped", "seconds": 1}
    ).json()
    assert (view["done"], view["skipped"]) == (1, 1)
    assert client.post(f"{url}/finish", json={"completed": True}).json()["finished"] is True
    assert client.get("/api/sessions/current", params={"workout_id": ROUTINE}).status_code == 404


def test_easier_variation_keeps_the_same_set(client):
    session = _start(client)
    steps = client.get(f"/api/timeline/{ROUTINE}").json()["steps"]
    here = next(s for s in steps if s["exercise_id"] == "b-squat" and s["round"] == 2)
    url = f"/api/sessions/{session['id']}"
    client.put(f"{url}/position", json={"index": here["index"]})
    easier = client.get(f"/api/timeline/{ROUTINE}").json()["easier"]["b-squat"]
    view = client.put(f"{url}/variations", json={"variations": {"b-squat": easier}}).json()
    changed = client.get(
        f"/api/timeline/{ROUTINE}", params={"variation": f"b-squat={easier}"}
    ).json()["steps"][view["index"]]
    assert (changed["exercise_id"], changed["round"], changed["variation_id"]) == (
        "b-squat",
        2,
        easier,
    )


def test_session_inputs_are_validated(client):
    session = _start(client)
    url = f"/api/sessions/{session['id']}"
    cases = [
        ("post", "/api/sessions", {"workout_id": "nope"}, "workout_id"),
        ("post", "/api/sessions", {"workout_id": ROUTINE, "variations": {"x": "y"}}, "variations"),
        ("put", f"{url}/position", {"index": 10_000}, "index"),
        ("put", f"{url}/position", {"index": "3"}, "index"),
        ("put", f"{url}/position", {"index": 1, "paused": "yes"}, "paused"),
        ("post", f"{url}/sets", {"step_index": 0, "outcome": "maybe", "seconds": 1}, "outcome"),
        ("post", f"{url}/sets", {"step_index": 999, "outcome": "done", "seconds": 1}, "step_index"),
        ("post", f"{url}/sets", {"step_index": 0, "outcome": "done", "seconds": -1}, "seconds"),
    ]
    for method, path, body, field in cases:
        response = getattr(client, method)(path, json=body)
        assert 400 <= response.status_code < 500, (path, body, response.text)
        assert response.json()["errors"][0]["field"] == field, (path, body, response.text)
    missing = client.get("/api/sessions/" + "0" * 32)
    assert missing.status_code == 404
    assert missing.json()["errors"][0]["field"] == "session_id"


def test_openapi_documents_every_resource(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/workouts", "/api/timeline/{workout_id}", "/api/sessions"} <= set(paths)
    assert client.get("/docs").status_code == 200


def test_a_finished_session_takes_no_more_changes(client):
    session = _start(client)
    url = f"/api/sessions/{session['id']}"
    client.post(f"{url}/sets", json={"step_index": 0, "outcome": "done", "seconds": 20})
    finished = client.post(f"{url}/finish", json={"completed": True}).json()
    logged = client.get(f"/api/log/{finished['log_uid']}").json()
    easier = client.get(f"/api/timeline/{ROUTINE}").json()["easier"]["b-squat"]
    for method, path, body in [
        ("post", f"{url}/sets", {"step_index": 1, "outcome": "done", "seconds": 20}),
        ("put", f"{url}/position", {"index": 1}),
        ("put", f"{url}/variations", {"variations": {"b-squat": easier}}),
        ("post", f"{url}/finish", {"completed": False}),
        ("post", f"{url}/finish", {"completed": True}),
    ]:
        response = getattr(client, method)(path, json=body)
        assert response.status_code == 409, (path, response.text)
        assert session["id"] in response.json()["detail"]
        assert response.json()["errors"][0]["field"] == "session_id"
    assert client.get(url).json() == finished, "the server's copy is unchanged"
    assert client.get(f"/api/log/{finished['log_uid']}").json() == logged, "so is the log"


def test_openapi_carries_the_one_runstrong_version(client, monkeypatch):
    from importlib import metadata

    import runstrong.workouts.cache
    from runstrong.version import UNKNOWN, runstrong_version
    from runstrong.web.app import create_app

    assert client.get("/openapi.json").json()["info"]["version"] == runstrong_version()
    assert runstrong.workouts.cache.runstrong_version is runstrong_version

    def missing(name: str) -> str:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "version", missing)
    assert runstrong_version() == UNKNOWN
    assert create_app(client.app.state.settings).version == UNKNOWN
