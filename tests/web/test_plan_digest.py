"""The events a stored plan lists: a few a day, runs first, the rest counted by kind."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from runstrong.plan.events import CalendarEvent, ClassifiedEvent, Kind
from runstrong.web.plan_digest import _RANK, MAX_EVENTS_A_DAY, TITLE_SHOWN, day_digest

ZONE = ZoneInfo("Europe/Berlin")
MONDAY = datetime(2026, 12, 7, tzinfo=ZONE)


def _event(minutes: int, kind: Kind, title: str = "") -> ClassifiedEvent:
    start = MONDAY + timedelta(minutes=minutes)
    event = CalendarEvent(title or f"{kind.value} at {start:%a %H:%M}", start, start, "t")
    return ClassifiedEvent(event, kind, "because")


def test_a_crowded_day_lists_its_run_and_counts_the_rest_by_kind():
    day = [_event(360 + 30 * n, Kind.BUSY) for n in range(20)]
    day += [_event(1200, Kind.LONG), _event(1260, Kind.EASY), _event(1300, Kind.UNCLASSIFIED)]
    tuesday = [_event(24 * 60 + 420, Kind.SPEED)]
    listed, more = day_digest(day + tuesday)
    assert [e.title for e in listed] == [
        "busy at Mon 06:00",
        "busy at Mon 06:30",
        "busy at Mon 07:00",
        "long run at Mon 20:00",
        "easy run at Mon 21:00",
        "unclassified at Mon 21:40",
        "speed work at Tue 07:00",
    ]
    (monday,) = more
    assert monday.day == MONDAY.date() and monday.count == 17
    assert monday.kinds == {"busy": 17} and monday.text == "17 more: 17 busy"


def test_a_long_title_is_cut_for_the_page():
    (shown,), _ = day_digest([_event(0, Kind.EASY, "Easy " + "x" * 300)])
    assert len(shown.title) == TITLE_SHOWN and shown.title.endswith("…")


_EVENTS = st.lists(
    st.tuples(st.integers(0, 7 * 24 * 60), st.sampled_from(list(Kind))), max_size=80
).map(lambda items: [_event(m, k) for m, k in sorted(items)])


@given(_EVENTS)
def test_every_event_is_listed_or_counted_and_none_left_off_outranks_one_listed(events):
    listed, more = day_digest(events)
    assert len(listed) + sum(m.count for m in more) == len(events)
    assert [e.start for e in listed] == sorted(e.start for e in listed)
    for summary in more:
        shown = [e for e in listed if e.start.date() == summary.day]
        assert len(shown) == MAX_EVENTS_A_DAY
        assert sum(summary.kinds.values()) == summary.count
        worst_shown = max(_RANK[Kind(e.kind)] for e in shown)
        assert all(worst_shown <= _RANK[Kind(kind)] for kind in summary.kinds)
