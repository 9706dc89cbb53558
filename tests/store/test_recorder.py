"""The terminal recorder: the live session in the log, kept step by step through a crash."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta

import pytest

from runstrong.play.recording import Outcome, Snapshot, Tally
from runstrong.store.database import Store, open_store
from runstrong.store.manual import Details, amend
from runstrong.store.recorder import StoreRecorder
from runstrong.store.sessions import all_sessions, last_session, replace_session
from runstrong.timeline import StepKind, compile_timeline
from runstrong.workouts.model import Workout

START = datetime(2026, 11, 19, 6, 0, tzinfo=UTC)


def test_a_played_session_is_logged_step_by_step(store: Store, workout: Workout) -> None:
    timeline = compile_timeline(workout, {"alternating-kettlebell-swing": "kettlebell-deadlift"})
    recorder = StoreRecorder(store, loads={"alternating-kettlebell-swing": (16.0, "kg")})
    recorder.started(workout=workout, timeline=timeline, at=START)
    for step in timeline.steps:
        skipped = step.exercise_id == "dynamic-pigeon"
        outcome = Outcome.SKIPPED if skipped else Outcome.DONE
        recorder.step_finished(step, outcome=outcome, seconds=step.seconds, at=START)
    recorder.finished(completed=True, at=START + timedelta(minutes=21))
    [entry] = all_sessions(store)
    work = [s for s in timeline.steps if s.kind is StepKind.WORK]
    assert entry.status == "completed" and entry.ended_at == START + timedelta(minutes=21)
    assert [s.position for s in entry.sets] == [s.index for s in work]
    swings = [s for s in entry.sets if s.exercise_id == "alternating-kettlebell-swing"]
    assert {(s.variation_id, s.load_kg, s.reps_done) for s in swings} == {
        ("kettlebell-deadlift", 16.0, 12)
    }
    pigeon = [s for s in entry.sets if s.exercise_id == "dynamic-pigeon"]
    assert all(s.outcome is Outcome.SKIPPED for s in pigeon)


def test_resuming_carries_on_the_same_session(store: Store, workout: Workout) -> None:
    timeline = compile_timeline(workout)
    first = StoreRecorder(store)
    first.started(workout=workout, timeline=timeline, at=START)
    first.step_finished(timeline.steps[0], outcome=Outcome.DONE, seconds=20, at=START)
    first.moved(Snapshot(workout.id, 1, 2, 0.0, {}, 20.0), at=START)
    later = START + timedelta(hours=1)
    second = StoreRecorder(store, session_id=first.session_id)
    second.started(workout=workout, timeline=timeline, at=later)
    second.step_finished(timeline.steps[0], outcome=Outcome.DONE, seconds=18, at=later)
    second.step_finished(timeline.steps[2], outcome=Outcome.DONE, seconds=20, at=later)
    assert second.tally() == Tally(done=2, skipped=0)
    second.finished(completed=True, at=later + timedelta(minutes=20))
    [entry] = all_sessions(store)
    assert entry.status == "completed" and entry.started_at == START
    assert [(s.position, s.seconds_done) for s in entry.sets] == [(0, 18), (2, 20)]


def test_a_discarded_session_leaves_nothing(store: Store, workout: Workout) -> None:
    timeline = compile_timeline(workout)
    recorder = StoreRecorder(store)
    recorder.started(workout=workout, timeline=timeline, at=START)
    recorder.step_finished(timeline.steps[0], outcome=Outcome.SKIPPED, seconds=2, at=START)
    recorder.discard()
    assert all_sessions(store) == []


def test_amending_a_session_being_played_loses_no_step(store: Store, workout: Workout) -> None:
    timeline = compile_timeline(workout)
    work = [s for s in timeline.steps if s.kind is StepKind.WORK]
    recorder = StoreRecorder(store)
    recorder.started(workout=workout, timeline=timeline, at=START)
    for step in work[:10]:
        recorder.step_finished(step, outcome=Outcome.DONE, seconds=step.seconds, at=START)
    details = Details(rpe=7, loads={"b-squat": (12.0, "kg")})
    replace_session(store, amend(last_session(store), workout, details))
    for step in work[10:]:
        recorder.step_finished(step, outcome=Outcome.DONE, seconds=step.seconds, at=START)
    recorder.finished(completed=True, at=START + timedelta(minutes=21))
    [entry] = all_sessions(store)
    assert entry.status == "completed" and entry.rpe == 7
    assert [s.position for s in entry.sets] == [s.index for s in work]
    squats = [s.load_kg for s in entry.sets if s.exercise_id == "b-squat"]
    assert squats == [12.0] * 3 + [None] * 3  # the amend saw the first three squat sets


CRASHING_PLAYER = """
import os, sys, time
from datetime import UTC, datetime
from runstrong.workouts.library import builtin_workout
from runstrong.play.recording import Outcome, Snapshot, Tally
from runstrong.store.database import open_store
from runstrong.store.recorder import StoreRecorder
from runstrong.timeline import compile_timeline

workout = builtin_workout()
timeline = compile_timeline(workout)
recorder = StoreRecorder(open_store(sys.argv[1]))
recorder.started(workout=workout, timeline=timeline, at=datetime.now(UTC))
for step in timeline.steps[:12]:
    recorder.step_finished(step, outcome=Outcome.DONE, seconds=step.seconds, at=datetime.now(UTC))
print("ready", flush=True)
time.sleep(60)
"""


@pytest.mark.slow
def test_a_killed_player_loses_nothing_already_done(database_url: str, workout: Workout) -> None:
    player = subprocess.Popen(
        [sys.executable, "-c", CRASHING_PLAYER, database_url], stdout=subprocess.PIPE, text=True
    )
    try:
        assert player.stdout.readline().strip() == "ready"
    finally:
        os.kill(player.pid, signal.SIGKILL)
        player.wait()
    time.sleep(0.1)
    with open_store(database_url) as store:
        [entry] = all_sessions(store)
    done = [s for s in compile_timeline(workout).steps[:12] if s.kind is StepKind.WORK]
    assert entry.status == "in progress"
    assert [s.position for s in entry.sets] == [s.index for s in done]
