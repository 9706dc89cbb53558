"""How fast the planner is: a 52-week calendar with 7 events a week, then 1,000 of them.

Targets: one calendar in under 50 ms, 1,000 in under 10 s. Prints wall-clock and CPU
time for both.
"""

from __future__ import annotations

import gc
import random
import time
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from runstrong.plan.classify import Classifier
from runstrong.plan.events import CalendarEvent
from runstrong.plan.rules import PlanRules
from runstrong.plan.scheduler import plan_weeks
from runstrong.plan.windows import parse_windows

ZONE = ZoneInfo("Europe/Berlin")
FIRST_DAY = date(2027, 1, 4)
TITLES = ["Intervals", "Easy run", "Tempo", "Easy run", "Team meeting", "Long run", "Recovery jog"]


def calendar(seed: int) -> list:
    """52 weeks, one event a day at a random morning or evening time, classified."""
    rng = random.Random(seed)
    classifier = Classifier()
    events = []
    for day in range(52 * 7):
        start = datetime.combine(
            FIRST_DAY + timedelta(days=day), datetime.min.time(), tzinfo=ZONE
        ) + timedelta(minutes=rng.choice([6 * 60, 6 * 60 + 30, 12 * 60, 18 * 60]))
        title = TITLES[day % 7]
        raw = CalendarEvent(title, start, start + timedelta(minutes=rng.choice([45, 60, 90])), "b")
        events.append(classifier.classify(raw))
    return events


def main() -> None:
    rules = PlanRules(session_seconds=21 * 60)
    windows = parse_windows(["Mon-Fri 06:00-08:00", "Mon-Fri 17:00-21:00", "Sat,Sun 08:00-14:00"])
    calendars = [calendar(seed) for seed in range(1000)]
    # The 1,000 input calendars (364,000 events) would otherwise be rescanned by every
    # full garbage collection, a cost a single real plan never carries.
    gc.freeze()

    def plan(events):
        return plan_weeks(events, rules, windows, tz=ZONE, first_day=FIRST_DAY, weeks=52)

    wall, cpu = time.perf_counter(), time.process_time()
    one = plan(calendars[0])
    single = time.perf_counter() - wall, time.process_time() - cpu
    wall, cpu = time.perf_counter(), time.process_time()
    for events in calendars:
        plan(events)
    many = time.perf_counter() - wall, time.process_time() - cpu
    sessions = sum(len(w.sessions) for w in one)
    print(
        f"one calendar (52 weeks, 364 events, {sessions} sessions): "
        f"{single[0] * 1000:.1f} ms wall, {single[1] * 1000:.1f} ms CPU (target < 50 ms)"
    )
    print(
        f"1,000 calendars: {many[0]:.2f} s wall, {many[1]:.2f} s CPU, "
        f"{many[0]:.2f} ms each on average (target < 10 s)"
    )
    print("(wall time includes waiting for a CPU when the machine is busy; CPU time does not)")


if __name__ == "__main__":
    main()
