"""Read calendars written by others (the test calendars of calendar libraries) and count outcomes.

Each .ics file is read for a year from the Monday before its earliest
DTSTART, as `runstrong plan` would. A file is "read" when it gives events,
"refused" when runstrong says why it cannot be used (no usable event, none
in the year, not a calendar), and a "traceback" is any other exception: the
thing that must never happen. Events skipped with a warning are counted too.

    PYTHONPATH=src python3 bench/third_party_calendars.py              # installed packages' tests
    PYTHONPATH=src python3 bench/third_party_calendars.py DIR [DIR...] # e.g. source checkouts
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
import time
from datetime import date, timedelta
from importlib.util import find_spec
from pathlib import Path

from runstrong.plan.calendar_file import read_calendar
from runstrong.plan.errors import PlanInputError
from runstrong.plan.read_options import ReadOptions
from runstrong.plan.zones import user_zone

_DTSTART = re.compile(rb"^DTSTART[^:\r\n]*:(\d{8})", re.MULTILINE)


def default_folders() -> list[Path]:
    """The test calendars shipped inside the installed icalendar and recurring-ical-events."""
    folders = []
    for package in ("icalendar", "recurring_ical_events"):
        spec = find_spec(package)
        if spec and spec.submodule_search_locations:
            folders.append(Path(next(iter(spec.submodule_search_locations))))
    return folders


def first_monday(data: bytes) -> date:
    """The Monday before the earliest DTSTART of an event (a fixed Monday if it has none)."""
    days = []
    events = b"".join(part.split(b"END:VEVENT")[0] for part in data.split(b"BEGIN:VEVENT")[1:])
    for found in _DTSTART.findall(events):
        try:
            days.append(date(int(found[:4]), int(found[4:6]), int(found[6:8])))
        except ValueError:
            continue
    day = min((d for d in days if 1900 <= d.year <= 2200), default=date(2026, 1, 5))
    return day - timedelta(days=day.weekday())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    args = parser.parse_args()
    folders = args.folders or default_folders()
    files = sorted(p for folder in folders for p in folder.rglob("*.ics"))
    outcomes: collections.Counter[str] = collections.Counter()
    tracebacks: collections.Counter[str] = collections.Counter()
    skipped_events = files_with_skips = 0
    slowest = (0.0, "")
    started = time.perf_counter()
    options = ReadOptions(tz=user_zone("Europe/Berlin"))
    for path in files:
        data = path.read_bytes()
        began = time.perf_counter()
        try:
            read = read_calendar(path, first_day=first_monday(data), days=364, options=options)
        except PlanInputError as err:
            reason = str(err).split(": ", 1)[-1].split(" (")[0].split(":")[0]
            reason = (
                "no events in the year read" if reason.startswith("no events between") else reason
            )
            outcomes[f"refused: {reason[:50]}"] += 1
        except Exception as err:  # the outcome this benchmark exists to find
            tracebacks[f"{type(err).__name__}: {str(err)[:70]}"] += 1
            outcomes["traceback"] += 1
        else:
            warnings = [w for w in getattr(read, "warnings", ()) if w.skipped_event]
            skipped_events += len(warnings)
            files_with_skips += bool(warnings)
            outcomes["read" + (", some events skipped" if warnings else "")] += 1
        elapsed = time.perf_counter() - began
        slowest = max(slowest, (elapsed, path.name))
    total = time.perf_counter() - started
    print(f"{len(files)} calendars from {', '.join(str(f) for f in folders)}")
    for outcome, count in outcomes.most_common():
        print(f"  {count:>4}  {outcome}")
    print(f"  {skipped_events} events skipped with a warning, in {files_with_skips} files")
    for kind, count in tracebacks.most_common():
        print(f"  traceback x{count}: {kind}")
    print(f"  total {total:.1f} s, slowest {slowest[0] * 1000:.0f} ms ({slowest[1]})")
    sys.exit(1 if tracebacks else 0)


if __name__ == "__main__":
    main()
