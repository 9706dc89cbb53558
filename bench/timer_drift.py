"""How late does each step boundary land? runstrong's player against termdown, 60 s each.

runstrong: the real terminal player, headless, on the real monotonic clock,
plays 20 timed steps of 3 s. A boundary is "seen" when the app hands the
finished step to its recorder; lateness is measured against the ideal
schedule (first step start + 3 s x k).

termdown: a 60 s countdown to an absolute whole-second target, in a
pseudo-terminal. A boundary is seen when the window title showing the
matching number of seconds arrives on the terminal; the end is its bell.

Run: python bench/timer_drift.py
"""

from __future__ import annotations

import os
import pty
import re
import statistics
import subprocess
import time
from datetime import UTC, datetime, timedelta

from runstrong.play.clock import MonotonicClock
from runstrong.play.recording import Tally
from runstrong.play.session import Session
from runstrong.tui.app import PlayerApp
from runstrong.workouts.model import Workout

STEPS = 20
STEP_SECONDS = 3


def sequence() -> Workout:
    return Workout.model_validate(
        {
            "id": "drift-bench",
            "title": "Drift benchmark",
            "summary": "Twenty timed steps of three seconds.",
            "target_minutes": 1,
            "blocks": [
                {
                    "id": "holds",
                    "name": "Holds",
                    "kind": "straight sets",
                    "rounds": STEPS,
                    "exercises": [
                        {
                            "id": "hold",
                            "name": "Hold",
                            "dose": {"seconds": STEP_SECONDS},
                            "steps": ["Hold still."],
                        }
                    ],
                }
            ],
        }
    )


class BoundaryRecorder:
    """Notes the monotonic time at which the player reports each finished step."""

    def __init__(self) -> None:
        self.seen: list[float] = []
        self.app: PlayerApp | None = None

    def started(self, **_: object) -> None:
        pass

    def step_finished(self, *_: object, **__: object) -> None:
        self.seen.append(time.monotonic())

    def moved(self, *_: object, **__: object) -> None:
        pass

    def tally(self) -> Tally:
        return Tally(done=len(self.seen), skipped=0)

    def finished(self, **_: object) -> None:
        self.app.exit()


def runstrong_lateness() -> list[float]:
    workout = sequence()
    first_start: list[float] = []

    def start(now: float) -> Session:
        session = Session(workout, now=now)
        first_start.append(now - session.elapsed(now))  # the end of the lead-in
        return session

    recorder = BoundaryRecorder()
    app = PlayerApp(
        start,
        clock=MonotonicClock(),
        recorder=recorder,
        announce=lambda cue: None,
    )
    recorder.app = app
    app.run(headless=True, size=(100, 40))
    ideal = [first_start[0] + STEP_SECONDS * k for k in range(1, STEPS + 1)]
    return [seen - want for seen, want in zip(recorder.seen, ideal, strict=True)]


_TITLE = re.compile(rb"\x1b\]2;([^\x07]*)\x07")


def termdown_lateness() -> list[float]:
    target = datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=63)
    spec = target.strftime("%Y-%m-%d %H:%M:%S UTC")
    master, slave = pty.openpty()
    env = {**os.environ, "TERM": "xterm-256color", "LINES": "40", "COLUMNS": "100"}
    process = subprocess.Popen(
        ["termdown", "--alt-format", "--no-art", spec],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    chunks: list[tuple[float, bytes]] = []
    while True:
        try:
            data = os.read(master, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append((time.time(), data))
    process.wait()
    os.close(master)

    end = target.timestamp()
    ideal = {
        STEPS * STEP_SECONDS - STEP_SECONDS * k: end - 60 + STEP_SECONDS * k
        for k in range(1, STEPS)
    }
    lateness: dict[int, float] = {}
    for at, data in chunks:
        for title in _TITLE.findall(data):
            left = _seconds(title.decode())
            if left in ideal and left not in lateness:
                lateness[left] = at - ideal[left]
        if b"\x07" in _TITLE.sub(b"", data) and 0 not in lateness:
            lateness[0] = at - end
    return [lateness[left] for left in sorted(lateness, reverse=True)]


def _seconds(text: str) -> int | None:
    parts = text.strip().split(":")
    if not all(p.isdigit() for p in parts):
        return None
    total = 0
    for part in parts:
        total = total * 60 + int(part)
    return total


def describe(lateness: list[float]) -> dict[str, float]:
    ms = sorted(abs(x) * 1000 for x in lateness)
    p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
    return {
        "boundaries": len(ms),
        "p50 ms": statistics.median(ms),
        "p99 ms": p99,
        "max ms": ms[-1],
        "end drift ms": lateness[-1] * 1000,
    }


def main() -> None:
    ours = runstrong_lateness()
    theirs = termdown_lateness()
    print(f"{'boundary':>8}  {'runstrong ms':>13}  {'termdown ms':>12}")
    for k in range(STEPS):
        mine = f"{ours[k] * 1000:13.2f}" if k < len(ours) else f"{'-':>13}"
        base = f"{theirs[k] * 1000:12.2f}" if k < len(theirs) else f"{'-':>12}"
        print(f"{k + 1:>8}  {mine}  {base}")
    print()
    a, b = describe(ours), describe(theirs)
    print(f"{'':>14}  {'runstrong':>10}  {'termdown':>10}")
    for key in a:
        print(f"{key:>14}  {a[key]:10.2f}  {b[key]:10.2f}")


if __name__ == "__main__":
    main()
