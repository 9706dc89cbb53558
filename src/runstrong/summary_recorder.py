"""A session recorder that keeps a JSON summary of each session in the data folder.

It stands in for the training log: every call rewrites the session's file
(atomically), so even a session that was killed leaves what it had done.
"""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from runstrong.atomic import write_atomic
from runstrong.model import Workout
from runstrong.paths import data_dir
from runstrong.recording import Outcome
from runstrong.timeline import Step, Timeline


def sessions_dir() -> Path:
    return data_dir() / "sessions"


class SummaryRecorder:
    """Writes `sessions/<start time>-<workout>.json` as the session goes."""

    def __init__(self, *, folder: Path | None = None) -> None:
        self._folder = folder
        self._path: Path | None = None
        self._summary: dict[str, Any] = {}

    @property
    def path(self) -> Path | None:
        """The summary file, once the session has started."""
        return self._path

    def started(self, *, workout: Workout, timeline: Timeline, at: datetime) -> None:
        stamp = at.strftime("%Y%m%dT%H%M%SZ")
        self._path = (self._folder or sessions_dir()) / f"{stamp}-{workout.id}.json"
        self._summary = {
            "workout": {"id": workout.id, "version": workout.version, "title": workout.title},
            "started_at": at.isoformat(),
            "finished_at": None,
            "completed": False,
            "planned_steps": len(timeline.steps),
            "variations": dict(timeline.variations),
            "steps": [],
        }
        self._write()

    def step_finished(self, step: Step, *, outcome: Outcome, seconds: float, at: datetime) -> None:
        self._summary["steps"].append(
            {
                "index": step.index,
                "kind": step.kind.value,
                "label": step.label,
                "block": step.block_name,
                "round": step.round,
                "exercise_id": step.exercise_id,
                "variation_id": step.variation_id,
                "side": step.side,
                "reps": step.reps,
                "outcome": outcome.value,
                "seconds": round(seconds, 3),
                "at": at.isoformat(),
            }
        )
        if step.variation_id and step.exercise_id:
            self._summary["variations"][step.exercise_id] = step.variation_id
        self._write()

    def finished(self, *, completed: bool, at: datetime) -> None:
        self._summary["finished_at"] = at.isoformat()
        self._summary["completed"] = completed
        self._write()

    def _write(self) -> None:
        steps = self._summary["steps"]
        self._summary["done"] = sum(s["outcome"] == Outcome.DONE for s in steps)
        self._summary["skipped"] = sum(s["outcome"] == Outcome.SKIPPED for s in steps)
        write_atomic(self._path, json.dumps(self._summary, indent=2).encode())
