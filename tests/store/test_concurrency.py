"""Two processes writing the log at once (the CLI and a player) lose nothing."""

from __future__ import annotations

import subprocess
import sys

import pytest

from runstrong.store.database import open_store
from runstrong.store.sessions import all_sessions

LOGGED = 8
PLAYED = 2

# Each writer loads what it needs, says "ready", waits for the go, then prints
# when its writing started and ended, so the test can tell the two overlapped.
CLI_LOGGER = f"""
import sys, time
import runstrong.cli.log, runstrong.store.manual, runstrong.store.sessions
from runstrong.cli import main
print("ready", flush=True)
sys.stdin.readline()
began = time.time()
for n in range({LOGGED}):
    day = f"2026-10-{{n + 1:02d}}"
    status = main(["log", "--date", day, "--rpe", "6", "--notes", f"cli {{n}}"])
    assert status == 0, status
print(began, time.time())
"""

PLAYER = f"""
import sys, time
from datetime import UTC, datetime, timedelta
from runstrong.workouts.library import builtin_workout
from runstrong.play.recording import Outcome
from runstrong.store.database import open_store
from runstrong.store.recorder import StoreRecorder
from runstrong.timeline import compile_timeline

workout = builtin_workout()
timeline = compile_timeline(workout)
store = open_store()
print("ready", flush=True)
sys.stdin.readline()
began = time.time()
for n in range({PLAYED}):
    at = datetime(2026, 9, n + 1, 7, tzinfo=UTC)
    recorder = StoreRecorder(store)
    recorder.started(workout=workout, timeline=timeline, at=at)
    for step in timeline.steps:
        recorder.step_finished(step, outcome=Outcome.DONE, seconds=step.seconds, at=at)
    recorder.finished(completed=True, at=at + timedelta(minutes=21))
print(began, time.time())
"""


@pytest.mark.slow
def test_cli_and_player_logging_at_once_lose_nothing(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", database_url)
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for code in (CLI_LOGGER, PLAYER)
    ]
    for writer in writers:
        assert writer.stdout.readline().strip() == "ready", writer.stderr.read()
    for writer in writers:
        writer.stdin.write("go\n")
        writer.stdin.flush()
    outputs = [writer.communicate(timeout=120) for writer in writers]
    assert [w.returncode for w in writers] == [0, 0], [err for _, err in outputs]

    spans = [[float(t) for t in out.split()[-2:]] for out, _ in outputs]
    assert max(began for began, _ in spans) < min(ended for _, ended in spans), "no overlap"
    with open_store(database_url) as store:
        sessions = all_sessions(store)
    assert len(sessions) == LOGGED + PLAYED
    assert {len(s.sets) for s in sessions} == {35}
    assert all(s.status == "completed" for s in sessions)
    assert sorted(s.notes for s in sessions if s.notes) == sorted(f"cli {n}" for n in range(LOGGED))
