"""`runstrong serve --workers 2`: a whole session played across both workers (and through the
loss of each), on one SQLite file and on one PostgreSQL database; every set is logged once."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from runstrong.store.database import open_store
from runstrong.store.sessions import all_sessions
from runstrong.timeline import StepKind, compile_timeline
from runstrong.workouts.library import builtin_workout

pytestmark = pytest.mark.slow

ROUTINE = "runners-lower-body"


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes()
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid and b"resource_tracker" not in cmdline:
            found.add(int(entry.name))
    return found


@pytest.fixture
def server(database_url: str, runstrong_home: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "RUNSTRONG_HOME": str(runstrong_home)}
    env["RUNSTRONG_DATABASE_URL"] = database_url
    process = subprocess.Popen(
        [sys.executable, "-m", "runstrong", "serve", "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for_workers(process, base, 2)
        yield base, process
    finally:
        process.terminate()
        process.wait(timeout=20)


def _wait_for_workers(process: subprocess.Popen, base: str, count: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the server stopped: {process.stderr.read().decode()}")
        try:
            ready = httpx.get(f"{base}/api/workouts", timeout=2).status_code == 200
        except httpx.HTTPError:
            ready = False
        if ready and len(_children(process.pid)) == count:
            return
        time.sleep(0.2)
    pytest.fail("the workers did not start")


def test_a_session_survives_any_worker(server, database_url: str) -> None:
    base, process = server
    workers = sorted(_children(process.pid))
    assert len(workers) == 2
    steps = compile_timeline(builtin_workout()).steps
    work = [s for s in steps if s.kind is StepKind.WORK]
    thirds = {work[len(work) // 3].index: workers[0], work[2 * len(work) // 3].index: workers[1]}
    sent: list[tuple[dict, dict]] = []
    # A new connection for every request, so the kernel hands each to either worker.
    with httpx.Client(
        base_url=base, limits=httpx.Limits(max_keepalive_connections=0), timeout=60
    ) as client:
        session = client.post("/api/sessions", json={"workout_id": ROUTINE}).json()
        url = f"/api/sessions/{session['id']}"
        for step in steps:
            if step.index in thirds:  # lose a worker: the others (and its stand-in) carry on
                os.kill(thirds[step.index], signal.SIGKILL)
            put = client.put(f"{url}/position", json={"index": step.index, "paused": False})
            assert put.status_code == 200, put.text
            if step.kind is StepKind.WORK:
                body = {
                    "client_id": uuid.uuid4().hex,
                    "step_index": step.index,
                    "exercise_id": step.exercise_id,
                    "outcome": "done",
                    "seconds": step.seconds,
                }
                answer = client.post(f"{url}/sets", json=body)
                assert answer.status_code == 201, answer.text
                sent.append((body, answer.json()))
        for body, answer in sent:  # every outcome resent: same answers, nothing added
            again = client.post(f"{url}/sets", json=body)
            assert (again.status_code, again.json()) == (201, answer)
        finished = client.post(f"{url}/finish", json={"completed": True}).json()
    assert (finished["done"], finished["status"]) == (len(work), "completed")
    deadline = time.monotonic() + 30  # the supervisor notices a dead worker on its next round
    while set(workers) & _children(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not set(workers) & _children(process.pid), "both first workers were replaced"
    with open_store(database_url) as store:
        [entry] = all_sessions(store)
    assert [s.position for s in entry.sets] == [s.index for s in work]


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_an_idle_kept_alive_connection_is_not_closed_under_the_client(server) -> None:
    """A client keeps an idle connection for 5 s (httpx's default): the server must not
    close it first, or the client's next request on it races the close and gets no answer."""
    base, _process = server
    address = urlsplit(base)
    connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
    try:
        connection.request("GET", "/api/workouts")
        assert connection.getresponse().read()
        time.sleep(6)
        body = b'{"workout_id": "%s"}' % ROUTINE.encode()
        connection.request(
            "POST", "/api/sessions", body=body, headers={"Content-Type": "application/json"}
        )
        answer = connection.getresponse()  # on the same connection: no reconnecting here
        assert answer.status == 201, answer.read()
    finally:
        connection.close()
