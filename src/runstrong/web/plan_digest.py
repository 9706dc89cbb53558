"""The events a stored plan lists: a few a day, runs first, and the rest counted by kind.

The planner reads every event in the weeks planned, and a calendar may hold
thousands there (a meeting every hour, a repeat rule run wild). The stored
plan, and so the plan page and its JSON, keeps at most `MAX_EVENTS_A_DAY`
events of each day and counts the others, so they stay small whatever the
calendar holds. Runs are kept before other events: they are what the
sessions were placed around.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import date
from itertools import groupby

from runstrong.plan.events import ClassifiedEvent, Kind, clipped
from runstrong.web.plan_view import EventView, MoreEvents

#: Events listed for one day; a runner's day rarely has more.
MAX_EVENTS_A_DAY = 6
#: Characters of a title shown in a day's cell.
TITLE_SHOWN = 100
_REASON_SHOWN = 200
#: Which events of a crowded day are listed first: quality runs, then easy runs.
_RANK = {
    Kind.RACE: 0,
    Kind.LONG: 0,
    Kind.SPEED: 0,
    Kind.EASY: 1,
    Kind.UNCLASSIFIED: 2,
    Kind.BUSY: 3,
}


def day_digest(events: Sequence[ClassifiedEvent]) -> tuple[list[EventView], list[MoreEvents]]:
    """The events to list, in time order, and for each crowded day what was left off.

    Days are the events' local start days, as the plan page's grid shows them.
    """
    listed: list[tuple[int, ClassifiedEvent]] = []
    more: list[MoreEvents] = []
    numbered = sorted(enumerate(events), key=lambda item: item[1].start.date())
    for day, group in groupby(numbered, key=lambda item: item[1].start.date()):
        ranked = sorted(group, key=lambda item: _RANK[item[1].kind])
        listed += ranked[:MAX_EVENTS_A_DAY]
        if rest := ranked[MAX_EVENTS_A_DAY:]:
            more.append(_more(day, [event for _, event in rest]))
    listed.sort(key=lambda item: item[0])
    return [_shown(event) for _, event in listed], more


def _shown(event: ClassifiedEvent) -> EventView:

    return EventView(
        title=clipped(event.title, TITLE_SHOWN),
        start=event.start,
        end=event.end,
        kind=event.kind.value,
        reason=clipped(event.reason, _REASON_SHOWN),
    )


def _more(day: date, events: list[ClassifiedEvent]) -> MoreEvents:

    kinds = Counter(event.kind for event in events)
    return MoreEvents(
        day=day,
        count=len(events),
        kinds={kind.value: kinds[kind] for kind in sorted(kinds, key=_RANK.__getitem__)},
    )
