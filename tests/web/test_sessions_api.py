"""Player sessions over the API: in the log, resent outcomes written once, bad input refused."""

from __future__ import annotations

import uuid

import pytest

from runstrong.timeline import StepKind, compile_timeline
from runstrong.workouts.library import builtin_workout

ROUTINE = "runners-lower-body"
STEPS = compile_timeline(builtin_workout()).steps
WORK = [s for s in STEPS if s.kind is StepKind.WORK]


def _start(client, **body):
    response = client.post("/api/sessions", json={"workout_id": ROUTINE, **body})
    assert response.status_code == 201, response.text
    return response.json()


def _outcome(step, **changes) -> dict:
    return {
        "client_id": uuid.uuid4().hex,
        "step_index": step.index,
        "exercise_id": step.exercise_id,
        "outcome": "done",
        "seconds": step.seconds,
        **changes,
    }


def _logged(client, session_id: str) -> dict:
    response = client.get(f"/api/log/{session_id}")
    assert response.status_code == 200, response.text
    return response.json()


def test_the_session_is_the_log_session(client):
    session = _start(client)
    assert session["log_uid"] == session["id"]
    assert (session["index"], session["paused"], session["steps"]) == (0, True, len(STEPS))
    client.post(f"/api/sessions/{session['id']}/sets", json=_outcome(WORK[0]))
    logged = _logged(client, session["id"])
    assert logged["status"] == "in progress"
    assert [s["position"] for s in logged["sets"]] == [WORK[0].index]


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


def test_a_resent_outcome_is_written_once_with_the_same_answer(client):
    session = _start(client)
    url = f"/api/sessions/{session['id']}/sets"
    body = _outcome(WORK[3], outcome="skipped", seconds=1.5)
    first, again = client.post(url, json=body), client.post(url, json=body)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert first.json()["side"] == WORK[3].side and first.json()["outcome"] == "skipped"
    assert len(_logged(client, session["id"])["sets"]) == 1
    view = client.get(f"/api/sessions/{session['id']}").json()
    assert (view["done"], view["skipped"]) == (0, 1)


def test_a_reused_outcome_id_with_another_outcome_is_refused(client):
    session = _start(client)
    url = f"/api/sessions/{session['id']}/sets"
    body = _outcome(WORK[0])
    client.post(url, json=body)
    changed = client.post(url, json={**body, "outcome": "skipped"})
    assert changed.status_code == 409
    assert changed.json()["errors"][0]["field"] == "client_id"
    [kept] = _logged(client, session["id"])["sets"]
    assert kept["outcome"] == "done"


def test_a_step_done_again_replaces_its_earlier_outcome(client):
    session = _start(client)
    url = f"/api/sessions/{session['id']}/sets"
    client.post(url, json=_outcome(WORK[0], outcome="skipped", seconds=2))
    client.post(url, json=_outcome(WORK[0]))
    [kept] = _logged(client, session["id"])["sets"]
    assert kept["outcome"] == "done"


def test_sets_are_counted_and_finishing_closes_the_session(client):
    session = _start(client)
    url = f"/api/sessions/{session['id']}"
    client.post(f"{url}/sets", json=_outcome(WORK[0]))
    client.post(f"{url}/sets", json=_outcome(WORK[1], outcome="skipped", seconds=1))
    finished = client.post(f"{url}/finish", json={"completed": True}).json()
    assert (finished["done"], finished["skipped"], finished["finished"]) == (1, 1, True)
    assert finished["status"] == "completed"
    assert client.get("/api/sessions/current", params={"workout_id": ROUTINE}).status_code == 404
    assert _logged(client, session["id"])["status"] == "completed"


def test_the_current_session_is_the_one_played_last(client):
    first = _start(client)
    second = _start(client)
    current = client.get("/api/sessions/current", params={"workout_id": ROUTINE}).json()
    assert current["id"] == second["id"]
    client.put(f"/api/sessions/{first['id']}/position", json={"index": 3})
    current = client.get("/api/sessions/current", params={"workout_id": ROUTINE}).json()
    assert (current["id"], current["index"]) == (first["id"], 3)


def test_easier_variation_keeps_the_same_step(client):
    session = _start(client)
    here = next(s for s in STEPS if s.exercise_id == "b-squat" and s.round == 2)
    url = f"/api/sessions/{session['id']}"
    client.put(f"{url}/position", json={"index": here.index, "elapsed": 4.0})
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
    assert view["variations"] == {"b-squat": easier}


def test_a_preview_never_reaches_the_log(client):
    preview = _start(client, speed=20)
    assert (preview["preview"], preview["log_uid"]) == (True, None)
    url = f"/api/sessions/{preview['id']}"
    assert client.post(f"{url}/sets", json=_outcome(WORK[0])).status_code == 201
    assert client.get(f"/api/log/{preview['id']}").status_code == 404
    assert client.get("/api/log").json() == []
    assert client.get("/api/sessions/current", params={"workout_id": ROUTINE}).status_code == 404
    found = client.get("/api/sessions/current", params={"workout_id": ROUTINE, "preview": True})
    assert found.json()["id"] == preview["id"]
    ended = client.post(f"{url}/finish", json={"completed": True})
    assert ended.json()["done"] == 1
    assert client.get(url).status_code == 404, "a preview is gone once it ends"


def test_delete_removes_a_session_and_its_sets(client):
    session = _start(client)
    url = f"/api/sessions/{session['id']}"
    client.post(f"{url}/sets", json=_outcome(WORK[0]))
    assert client.delete(url).status_code == 204
    assert client.get(url).status_code == 404
    assert client.get(f"/api/log/{session['id']}").status_code == 404
    again = client.delete(url)
    assert again.status_code == 404 and again.json()["errors"][0]["field"] == "session_id"


def test_a_finished_session_takes_no_more_changes(client):
    session = _start(client)
    url = f"/api/sessions/{session['id']}"
    last = _outcome(WORK[0])
    client.post(f"{url}/sets", json=last)
    finished = client.post(f"{url}/finish", json={"completed": True}).json()
    logged = _logged(client, session["id"])
    easier = client.get(f"/api/timeline/{ROUTINE}").json()["easier"]["b-squat"]
    for method, path, body in [
        ("post", f"{url}/sets", _outcome(WORK[1])),
        ("put", f"{url}/position", {"index": 1}),
        ("put", f"{url}/variations", {"variations": {"b-squat": easier}}),
        ("post", f"{url}/finish", {"completed": False}),
        ("post", f"{url}/finish", {"completed": True}),
    ]:
        response = getattr(client, method)(path, json=body)
        assert response.status_code == 409, (path, response.text)
        assert session["id"] in response.json()["detail"]
        assert response.json()["errors"][0]["field"] == "session_id"
    resent = client.post(f"{url}/sets", json=last)
    assert resent.status_code == 201, "a resend of what was recorded still gets its answer"
    assert client.get(url).json() == finished, "the session is unchanged"
    assert _logged(client, session["id"]) == logged, "so is the log"


@pytest.mark.parametrize(
    ("change", "field", "status"),
    [
        ({"step_index": len(STEPS)}, "step_index", 422),
        ({"step_index": 10_000}, "step_index", 422),
        ({"step_index": 1}, "step_index", 422),  # a switch of sides, not an exercise
        ({"exercise_id": "b-squat"}, "exercise_id", 422),  # another step's exercise
        ({"exercise_id": "bench-press"}, "exercise_id", 422),  # not in this workout at all
        ({"outcome": "maybe"}, "outcome", 422),
        ({"seconds": -1}, "seconds", 422),
        ({"client_id": "short"}, "client_id", 422),
        ({"step_index": "3"}, "step_index", 422),
    ],
)
def test_bad_outcomes_name_the_field_and_write_nothing(client, change, field, status):
    session = _start(client)
    response = client.post(f"/api/sessions/{session['id']}/sets", json=_outcome(WORK[0], **change))
    assert response.status_code == status, response.text
    assert response.json()["errors"][0]["field"] == field
    assert _logged(client, session["id"])["sets"] == []


def test_session_inputs_are_validated(client):
    session = _start(client)
    url = f"/api/sessions/{session['id']}"
    cases = [
        ("post", "/api/sessions", {"workout_id": "nope"}, "workout_id"),
        ("post", "/api/sessions", {"workout_id": ROUTINE, "variations": {"x": "y"}}, "variations"),
        ("post", "/api/sessions", {"workout_id": ROUTINE, "speed": 0}, "speed"),
        ("put", f"{url}/position", {"index": len(STEPS) + 1}, "index"),
        ("put", f"{url}/position", {"index": "3"}, "index"),
        ("put", f"{url}/position", {"index": 1, "paused": "yes"}, "paused"),
        ("put", f"{url}/variations", {"variations": {"b-squat": "flying"}}, "variations"),
    ]
    for method, path, body, field in cases:
        response = getattr(client, method)(path, json=body)
        assert 400 <= response.status_code < 500, (path, body, response.text)
        assert response.json()["errors"][0]["field"] == field, (path, body, response.text)
    assert client.get(url).json()["index"] == 0, "nothing moved"


@pytest.mark.parametrize("unknown", ["5b0b4b2e-7f0e-4f54-9d59-2d0f0ad3c1a4", "0" * 32])
def test_unknown_sessions_are_404_naming_the_session(client, unknown):
    url = f"/api/sessions/{unknown}"
    for method, path, body in [
        ("get", url, None),
        ("post", f"{url}/sets", _outcome(WORK[0])),
        ("put", f"{url}/position", {"index": 1}),
        ("post", f"{url}/finish", {"completed": True}),
        ("delete", url, None),
    ]:
        kwargs = {"json": body} if body is not None else {}
        response = client.request(method, path, **kwargs)
        assert response.status_code == 404, (method, path, response.text)
        assert response.json()["errors"][0] == {
            "location": "path",
            "field": "session_id",
            "message": f"no session {unknown!r}",
        }
