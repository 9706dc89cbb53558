"""Plan page and calendar feed latency, with a 16-week marathon calendar uploaded.

Runs the app in-process (Starlette's test client, no network), uploads the
example marathon calendar for 16 weeks, then requests the plan page and the
calendar feed a fixed number of times each and prints p50 and p90 in
milliseconds, with the CPU time per request.
Run: python bench/plan_page.py [--requests 50]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CALENDAR = ROOT / "tests" / "plan" / "data" / "marathon-16-weeks.ics"


def _timed(client, path: str, count: int) -> tuple[list[float], float]:
    """Wall-clock milliseconds of each request, and the mean CPU milliseconds."""
    walls = []
    cpu_start = time.process_time()
    for _ in range(count):
        start = time.perf_counter()
        response = client.get(path)
        walls.append((time.perf_counter() - start) * 1000)
        if response.status_code != 200:
            raise SystemExit(f"{path}: {response.status_code} {response.text[:200]}")
    return walls, (time.process_time() - cpu_start) * 1000 / count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["RUNSTRONG_HOME"] = home
        os.environ.pop("RUNSTRONG_DATABASE_URL", None)
        from fastapi.testclient import TestClient

        from runstrong.settings import Settings
        from runstrong.web.app import create_app

        with TestClient(
            create_app(Settings(data_dir=Path(home))), base_url="http://localhost"
        ) as client:
            form = {"tz": "Europe/Berlin", "weeks": "16", "start": "2026-12-28"}
            files = {"calendar": (CALENDAR.name, CALENDAR.read_bytes())}
            upload = client.post("/api/plan", files=files, data=form)
            if upload.status_code != 201:
                raise SystemExit(f"upload failed: {upload.text[:300]}")
            page = client.get("/plan").text
            feed = re.search(r'class="feed" readonly value="([^"]+)"', page).group(1)
            feed = feed.replace("http://testserver", "")
            print(f"{CALENDAR.name}, 16 weeks, {args.requests} requests each (in-process)")
            for name, path in (("plan page", "/plan"), ("calendar feed", feed)):
                walls, cpu = _timed(client, path, args.requests)
                p50 = statistics.median(walls)
                p90 = statistics.quantiles(walls, n=10)[-1]
                print(f"  {name:<14} p50 {p50:7.1f} ms  p90 {p90:7.1f} ms  cpu {cpu:7.1f} ms")
    sys.exit(0)


if __name__ == "__main__":
    main()
