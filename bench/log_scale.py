"""How fast `history`, `stats` and `next` stay with ten years of training in the log.

Fills a log with 520 weekly sessions of the built-in workout (35 sets each,
loads creeping up), on SQLite and on PostgreSQL, then times each command run
in-process and prints the median of several runs: the whole command, and
the log's part of it (opening the log, querying, advising) without reading
the workout file. The target is under 100 ms each.

    python bench/log_scale.py [--postgres URL] [--runs N]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import os
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from runstrong.cli import main
from runstrong.library import builtin_workout
from runstrong.model import Workout
from runstrong.progression import advise_workout
from runstrong.store.database import open_store
from runstrong.store.history import recent_entries, recent_sessions
from runstrong.store.manual import Details, new_session
from runstrong.store.sessions import import_sessions
from runstrong.store.stats import adherence, completed_days, exercise_totals

SESSIONS = 520
TARGET_MS = 100


def log_history(url: str, workout: Workout) -> None:
    with open_store(url) as store:
        recent_sessions(store, limit=10)


def log_stats(url: str, workout: Workout) -> None:
    with open_store(url) as store:
        days = completed_days(store, workout_id=workout.id)
        exercise_totals(store, workout_id=workout.id)
    adherence(days, target=1, today=datetime.now().date())


def log_next(url: str, workout: Workout) -> None:
    with open_store(url) as store:
        sessions = recent_entries(store, workout_id=workout.id)
    advise_workout(workout, sessions, today=datetime.now().date())


COMMANDS = {"history": log_history, "stats": log_stats, "next": log_next}


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
    return sum(len(entry.sets) for entry in entries)


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Median milliseconds of `action`, after one warm-up run (imports, caches)."""
    timings = []
    for _ in range(runs + 1):
        started = time.perf_counter()
        action()
        timings.append((time.perf_counter() - started) * 1000)
    return statistics.median(timings[1:])


def run_command(argv: list[str]) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        assert main(argv) == 0, f"{argv} failed"


@contextlib.contextmanager
def sqlite_log() -> Iterator[str]:
    with tempfile.TemporaryDirectory() as folder:
        yield f"sqlite:///{folder}/runstrong.db"


@contextlib.contextmanager
def postgres_log(server: str) -> Iterator[str]:
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


def main_bench() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", default="postgresql+psycopg://postgres@127.0.0.1:5432/test")
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    workout = builtin_workout()
    with tempfile.TemporaryDirectory() as home:
        os.environ["RUNSTRONG_HOME"] = home
        for label, log in (("SQLite", sqlite_log()), ("PostgreSQL", postgres_log(args.postgres))):
            with log as url:
                started = time.perf_counter()
                sets = fill(url)
                print(f"{label}: {SESSIONS} sessions, {sets} sets written in "
                      f"{time.perf_counter() - started:.1f} s")  # fmt: skip
                print(f"  {'command':<18} {'whole':>9} {'log part':>9}")
                os.environ["RUNSTRONG_DATABASE_URL"] = url
                for name, part in COMMANDS.items():
                    whole = median_ms(lambda name=name: run_command([name]), args.runs)
                    alone = median_ms(lambda part=part: part(url, workout), args.runs)
                    verdict = "ok" if alone < TARGET_MS else f"over {TARGET_MS} ms"
                    print(f"  runstrong {name:<8} {whole:6.1f} ms {alone:6.1f} ms  ({verdict})")


if __name__ == "__main__":
    main_bench()
