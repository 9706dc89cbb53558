"""How long `runstrong --help` takes to start (target: under 0.25 s).

Runs the installed command several times and prints the best and median
wall-clock times, plus the import time of the CLI module alone.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time

RUNS = 15
TARGET = 0.25


def _time(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> int:
    exe = shutil.which("runstrong")
    commands = {"runstrong --help": [exe, "--help"]} if exe else {}
    commands["python -m runstrong --help"] = [sys.executable, "-m", "runstrong", "--help"]
    commands["python -c pass (interpreter only)"] = [sys.executable, "-c", "pass"]
    worst = 0.0
    for label, command in commands.items():
        _time(command)  # warm the file cache
        times = [_time(command) for _ in range(RUNS)]
        best, median = min(times), statistics.median(times)
        print(f"{label:<36} best {best * 1000:6.1f} ms   median {median * 1000:6.1f} ms")
        if "--help" in command:
            worst = max(worst, median)
    verdict = "ok" if worst < TARGET else "TOO SLOW"
    print(f"target: median under {TARGET * 1000:.0f} ms -> {verdict}")
    return 0 if worst < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
