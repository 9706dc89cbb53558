"""Plan page, JSON and feed sizes for hostile calendars, with the CPU each upload costs.

Uploads each calendar through the JSON API for the longest plan (26 weeks,
in-process, no network), then prints the calendar's size, the upload's CPU
seconds, and the bytes of the plan page, `/api/plan` and the sessions' .ics
(the download and the feed serve the same bytes). A real 16-week marathon
plan comes first for scale.

    PYTHONPATH=src python3 bench/plan_page_size.py
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
HOME = tempfile.mkdtemp(prefix="runstrong-page-size-")
os.environ["RUNSTRONG_HOME"] = HOME
os.environ.pop("RUNSTRONG_DATABASE_URL", None)

from fastapi.testclient import TestClient  # noqa: E402

from plan.hostile_calendars import (  # noqa: E402
    BROKEN_EVENTS,
    broken_runs,
    crowded,
    huge_title,
    many_repeating_events,
)
from runstrong.settings import Settings  # noqa: E402
from runstrong.web.app import create_app  # noqa: E402
from web.web_calendars import next_monday  # noqa: E402


def calendars() -> dict[str, bytes]:
    monday = next_monday()
    return {
        "marathon, 16 weeks of runs": (ROOT / "tests/plan/data/marathon-16-weeks.ics").read_bytes(),
        "every minute (a 306-byte calendar)": BROKEN_EVENTS["every minute"][0],
        "40 events every hour": many_repeating_events(40),
        "31 events a day": crowded(monday, meetings=30),
        "31 events a day, 200-character titles": crowded(monday, meetings=30, title_chars=200),
        "a weekly run with a 1.5 MB title": huge_title(monday),
        "5,000 broken runs": broken_runs(5000),
    }


def main() -> None:
    print(f"{'calendar':<40} {'file':>9} {'upload cpu':>10} {'page':>9} {'json':>9} {'ics':>8}")
    with TestClient(
        create_app(Settings(data_dir=Path(HOME))), base_url="http://localhost"
    ) as client:
        for name, data in calendars().items():
            form = {"tz": "Europe/Berlin", "weeks": "26"}
            if name.startswith("marathon"):
                form["start"] = "2026-12-28"  # the calendar's first week
            cpu = time.process_time()
            upload = client.post("/api/plan", files={"calendar": ("runs.ics", data)}, data=form)
            cpu = time.process_time() - cpu
            if upload.status_code != 201:
                print(f"{name:<40} {len(data):>9,} upload refused: {upload.text[:80]}")
                continue
            sizes = [len(client.get(path).content) for path in ("/plan", "/api/plan")]
            sizes.append(len(client.get("/plan/sessions.ics").content))
            print(
                f"{name:<40} {len(data):>9,} {cpu:>9.2f}s "
                + " ".join(f"{s:>{w},}" for s, w in zip(sizes, (9, 9, 8), strict=True))
            )


if __name__ == "__main__":
    main()
