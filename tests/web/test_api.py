"""The JSON API: workouts and timelines, with 4xx errors naming the field."""

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


def test_openapi_documents_every_resource(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/workouts", "/api/timeline/{workout_id}", "/api/sessions"} <= set(paths)
    assert client.get("/docs").status_code == 200


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
