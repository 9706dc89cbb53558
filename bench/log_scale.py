"""How fast `history`, `stats` and `next` stay with ten years of training in the log.

Fills a log with 520 weekly sessions of the built-in workout (35 sets each,
loads creeping up), on SQLite and on PostgreSQL, then times each command as
`runstrong` runs it (opening the log, querying, advising, printing):

- warm: in one process, the median and the slowest of several runs after a
  warm-up run. The target is a median under 100 ms. "cpu" is this
  process's own CPU time (median), which a busy machine barely changes; the
  rest of the wall time is waiting for the database and for a CPU.
- fresh: the first run in a new interpreter, which also imports the
  command's libraries (SQLAlchemy, pydantic) and connects for the first
  time. Python's own start-up is not included; bench/startup.py measures it.

The machine's load average is printed too: on a busy machine every figure
grows.

    python bench/log_scale.py [--postgres URL] [--runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from runstrong.cli import main
from runstrong.store.database import open_store
from runstrong.store.manual import Details, new_session
from runstrong.store.sessions import import_sessions
from runstrong.workouts.library import builtin_workout

SESSIONS = 520
TARGET_MS = 100
COMMANDS = ("history", "stats", "next")

#: Run in a new interpreter: time one command from importing the CLI to its last line.
FRESH_RUN = """
import contextlib, io, sys, time
started = time.perf_counter()
from runstrong.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    status = main([sys.argv[1]])
print((time.perf_counter() - started) * 1000, status)
"""


def fill(url: str) -> int:
    """Write ten years of weekly sessions; returns the number of sets written."""
    workout = builtin_workout()
    now = datetime.now(UTC)
    entries = []
    for week in range(SESSIONS):
        load = 8.0 + (SESSIONS - week) // 26
        details = Details(
            rpe=6 + week % 3,
            loads={"b-squat": (load, "kg"), "alternating-kettlebell-swing": (load + 4, "kg")},
            notes=f"week {week}",
        )
        entries.append(new_session(workout, details, now=now - timedelta(weeks=week, hours=1)))
    with open_store(url) as store:
        import_sessions(store, entries)
        if store.engine.dialect.name == "postgresql":
            # A log grown over years has planner statistics (autovacuum keeps
            # them); one loaded a second ago has none until ANALYZE.
            with store.engine.connect() as connection:
                connection.execute(sa.text("analyze"))
                connection.commit()
    return sum(len(entry.sets) for entry in entries)


def warm_ms(command: str, runs: int) -> tuple[list[float], list[float]]:
    """Wall-clock and CPU milliseconds of `runs` in-process runs, after one warm-up run."""
    wall, cpu = [], []
    for _ in range(runs + 1):
        started, cpu_started = time.perf_counter(), time.process_time()
        with contextlib.redirect_stdout(io.StringIO()):
            status = main([command])
        wall.append((time.perf_counter() - started) * 1000)
        cpu.append((time.process_time() - cpu_started) * 1000)
        assert status == 0, f"runstrong {command} failed"
    return wall[1:], cpu[1:]


def fresh_ms(command: str) -> float:
    """Milliseconds of the command's first run in a new interpreter."""
    done = subprocess.run(
        [sys.executable, "-c", FRESH_RUN, command], capture_output=True, text=True, check=True
    )
    elapsed, status = done.stdout.split()
    assert status == "0", f"runstrong {command} failed: {done.stderr}"
    return float(elapsed)


@contextlib.contextmanager
def postgres_log(server: str) -> Iterator[str]:
    """A scratch database on the server, dropped afterwards."""
    name = f"runstrong_bench_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'create database "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'drop database if exists "{name}" with (force)'))
        admin.dispose()


def main_bench() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    print("load average at start: " + " ".join(f"{n:.1f}" for n in os.getloadavg()))
    slow = []
    with tempfile.TemporaryDirectory() as home:
        os.environ["RUNSTRONG_HOME"] = home
        logs = {
            "SQLite": contextlib.nullcontext(f"sqlite:///{home}/runstrong.db"),
            "PostgreSQL": postgres_log(args.postgres),
        }
        for label, log in logs.items():
            with log as url:
                started = time.perf_counter()
                sets = fill(url)
                print(f"{label}: {SESSIONS} sessions, {sets} sets written in "
                      f"{time.perf_counter() - started:.1f} s")  # fmt: skip
                print(f"  {'command':<18} {'warm median':>11} {'slowest':>9} {'cpu':>9} "
                      f"{'fresh':>9}")  # fmt: skip
                os.environ["RUNSTRONG_DATABASE_URL"] = url
                for command in COMMANDS:
                    timings, cpu = warm_ms(command, args.runs)
                    median = statistics.median(timings)
                    verdict = "ok" if median < TARGET_MS else f"OVER {TARGET_MS} ms"
                    if median >= TARGET_MS:
                        slow.append(f"{label} {command}")
                    print(f"  runstrong {command:<8} {median:8.1f} ms {max(timings):6.1f} ms "
                          f"{statistics.median(cpu):6.1f} ms {fresh_ms(command):6.1f} ms  "
                          f"({verdict})")  # fmt: skip
    print(f"target: warm median under {TARGET_MS} ms -> " + ("ok" if not slow else ", ".join(slow)))
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main_bench())
