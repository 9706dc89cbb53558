"""The request-size limit holds however the body is sent: with its length, or in chunks."""

from __future__ import annotations

from collections.abc import Iterator

import httpx

from runstrong.web.planning import MAX_UPLOAD_BYTES

ROUTINE = "runners-lower-body"


def _chunks(total: int, size: int = 64 * 1024) -> Iterator[bytes]:
    sent = 0
    while sent < total:
        yield b" " * min(size, total - sent)
        sent += size


def test_a_chunked_body_over_the_limit_is_refused(live_server):
    response = httpx.post(
        f"{live_server}/api/sessions",
        content=_chunks(MAX_UPLOAD_BYTES + 256 * 1024),
        headers={"content-type": "application/json"},
        timeout=30,
    )
    assert response.status_code == 413
    assert response.json()["errors"][0]["field"] == "body"
    assert "larger than" in response.json()["detail"]
    assert httpx.get(f"{live_server}/api/log").json() == [], "nothing was written"


def test_a_small_chunked_body_is_read_as_usual(live_server):
    body = b'{"workout_id": "' + ROUTINE.encode() + b'"}'
    response = httpx.post(
        f"{live_server}/api/sessions",
        content=iter([body[:10], body[10:]]),
        headers={"content-type": "application/json"},
    )
    assert response.status_code == 201, response.text
