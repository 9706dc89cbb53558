"""Fuzzed requests to the JSON API: any JSON (or bytes that are not JSON) to every route that
takes a body, and mutated calendar uploads. None may be answered with a server error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from hypothesis import strategies as st

from fuzzing.checks import check_response
from fuzzing.mutations import (
    CSV_TOKENS,
    ICS_TOKENS,
    JSON_VALUES,
    calendar_seeds,
    mutated,
)
from runstrong.settings import Settings
from runstrong.web.app import create_app

ROUTINE = "runners-lower-body"
BODY_ROUTES = [
    ("POST", "/api/sessions"),
    ("PUT", "/api/sessions/{session}/position"),
    ("PUT", "/api/sessions/{session}/variations"),
    ("POST", "/api/sessions/{session}/sets"),
    ("POST", "/api/sessions/{session}/finish"),
    ("PATCH", "/api/log/{log}"),
]
NOT_JSON = st.sampled_from(
    [
        b"",
        b"{",
        b"[" * 10_000,
        b'{"a": ' + b"9" * 5000 + b"}",
        b"\xff\xfe",
        b"null",
        b'"x"',
        b'{"index": NaN, "elapsed": Infinity, "seconds": -Infinity}',
        b'{"index": 1e999}',
    ]
)
UPLOADS = st.one_of(
    st.tuples(st.just("runs.ics"), mutated(calendar_seeds(".ics"), ICS_TOKENS)),
    st.tuples(st.just("runs.csv"), mutated(calendar_seeds(".csv"), CSV_TOKENS)),
)
FORM_VALUES = st.one_of(
    st.text(max_size=30), st.sampled_from(["", "0", "27", "2026-10-19", "UTC", "Mars/Olympus"])
)


def api_client(home: Path):
    """An in-process client of an app whose data lives in `home`."""

    return TestClient(
        create_app(Settings(data_dir=home)),
        base_url="http://localhost",
        raise_server_exceptions=False,
    )


def api_case(client, draw: Callable) -> None:
    """Draw one request, send it, and check the answer."""
    kind = draw(st.sampled_from(["json", "bytes", "upload"]))
    if kind == "upload":
        name, data = draw(UPLOADS)
        form = draw(
            st.dictionaries(
                st.sampled_from(["weeks", "start", "tz", "run_time", "windows", "workout_id"]),
                FORM_VALUES,
            )
        )
        response = client.post("/api/plan", files={"calendar": (name, data)}, data=form)
        check_response(response, f"upload {name} {form}")
        return
    method, template = draw(st.sampled_from(BODY_ROUTES))
    path = template.format(session=_session(client, draw), log=draw(st.sampled_from(["x", "1"])))
    if kind == "json":
        response = client.request(method, path, json=draw(JSON_VALUES))
    else:
        content = draw(NOT_JSON)
        headers = {"content-type": "application/json"}
        response = client.request(method, path, content=content, headers=headers)
    check_response(response, f"{method} {path}")


def _session(client, draw: Callable) -> str:
    """A real player session's id most of the time, else one that does not exist."""
    if draw(st.booleans()):
        return draw(st.sampled_from(["nope", "0" * 36, "-1"]))
    created = client.post("/api/sessions", json={"workout_id": ROUTINE})
    check_response(created, "POST /api/sessions")
    return created.json()["id"]
