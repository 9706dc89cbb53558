"""The long fuzz run: many mutated workout files, calendars and API bodies, with figures.

For each target it prints the cases run, the failures (with the first few
distinct ones), the slowest case and the most memory one case allocated at
its peak (tracemalloc, in a second run of each case so the timing is not
slowed by it). The tests run the same targets with a few hundred
cases; this run is for finding what those miss.

    PYTHONPATH=src python3 bench/fuzz.py                # 2,000 cases a target
    PYTHONPATH=src python3 bench/fuzz.py --cases 300 --seed 7 --only ics
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tempfile
import time
import traceback
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("RUNSTRONG_HOME", tempfile.mkdtemp(prefix="runstrong-fuzz-"))

from hypothesis import HealthCheck, Phase, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from fuzzing.api_cases import api_case, api_client  # noqa: E402
from fuzzing.checks import check_calendar, check_workout_file  # noqa: E402
from fuzzing.mutations import (  # noqa: E402
    CSV_TOKENS,
    ICS_TOKENS,
    YAML_TOKENS,
    calendar_seeds,
    mutated,
    workout_seeds,
)


@dataclass
class Figures:
    """What one target did."""

    cases: int = 0
    failures: dict[str, int] = field(default_factory=dict)
    examples: dict[str, bytes | str] = field(default_factory=dict)
    slowest: float = 0.0
    peak_bytes: int = 0

    def run(self, check: Callable[[], None], shown: bytes | str) -> None:
        """Time the case, then run it again under tracemalloc for its peak memory."""
        started = time.perf_counter()
        try:
            check()
        except Exception as err:  # every failure is counted, the run goes on
            where = traceback.extract_tb(err.__traceback__)[-1]
            key = f"{type(err).__name__} at {Path(where.filename).name}:{where.lineno}"
            self.failures[key] = self.failures.get(key, 0) + 1
            self.examples.setdefault(key, f"{err}"[:300] + f"\n      input: {shown!r:.300}")
        self.slowest = max(self.slowest, time.perf_counter() - started)
        tracemalloc.start()
        with contextlib.suppress(Exception):  # counted above
            check()
        self.peak_bytes = max(self.peak_bytes, tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        self.cases += 1


def run_target(name: str, strategy, check: Callable[[object], None], cases: int, at: int):
    figures = Figures()
    warm = Figures()  # one case first, so imports and caches are not counted as the slowest

    @seed(at)
    @settings(
        max_examples=cases,
        database=None,
        deadline=None,
        phases=[Phase.generate],  # no shrinking: every case counts once
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def fuzz(value) -> None:
        figures.run(lambda: check(value), value)

    settings(max_examples=1, database=None, deadline=None)(
        given(strategy)(lambda value: warm.run(lambda: check(value), value))
    )()
    fuzz()
    print(
        f"{name:<9} {figures.cases:>6} cases  {sum(figures.failures.values()):>4} failures  "
        f"max {figures.slowest * 1000:8.1f} ms  max {figures.peak_bytes / 2**20:7.1f} MiB",
        flush=True,
    )
    for key, count in sorted(figures.failures.items(), key=lambda kv: -kv[1])[:5]:
        print(f"    {count:>4} x {key}: {figures.examples[key]}")
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=2000, help="cases per target")
    parser.add_argument("--seed", type=int, default=20261019)
    parser.add_argument("--only", choices=["workouts", "ics", "csv", "api"], action="append")
    args = parser.parse_args()
    client = api_client(Path(os.environ["RUNSTRONG_HOME"]))
    targets = {
        "workouts": (mutated(workout_seeds(), YAML_TOKENS), check_workout_file),
        "ics": (
            mutated(calendar_seeds(".ics"), ICS_TOKENS),
            lambda raw: check_calendar(raw, "ics"),
        ),
        "csv": (
            mutated(calendar_seeds(".csv"), CSV_TOKENS),
            lambda raw: check_calendar(raw, "csv"),
        ),
        "api": (st.data(), lambda data: api_case(client, data.draw)),
    }
    print(f"seed {args.seed}, {args.cases} cases a target, {os.cpu_count()} CPUs")
    failed = 0
    for name, (strategy, check) in targets.items():
        if args.only and name not in args.only:
            continue
        failed += sum(run_target(name, strategy, check, args.cases, args.seed).failures.values())
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
