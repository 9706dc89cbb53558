"""The plan and the calendar as text: a week grid to glance at, then the details."""

from __future__ import annotations

import math
from collections.abc import Sequence
from datetime import date, timedelta

from runstrong.plan.classify import HINT_UNCLASSIFIED
from runstrong.plan.events import ClassifiedEvent, Kind
from runstrong.plan.read_warnings import SHOWN, ReadWarning
from runstrong.plan.rules import PlanRules
from runstrong.plan.scheduler import PlannedSession, Week
from runstrong.plan.windows import DAY_NAMES
from runstrong.wording import plural

STRENGTH = "S"
LEGEND = "  ".join(
    [f"{kind.symbol} {kind.value}" for kind in Kind] + [f"{STRENGTH} strength session"]
)
_CELL = 4


def plan_heading(title: str, rules: PlanRules, *, windows: str, zone: str, source: str) -> str:
    """What the plan was made from, so a surprising slot can be traced to a rule."""
    per_week = plural(rules.sessions_per_week, "session") + " a week"
    if rules.sessions_per_week > 1:
        per_week += f" at least {rules.hours_between_sessions:g} h apart"
    recovery = (
        f"ending {rules.recovery_hours:g} h or more before a quality run"
        if rules.recovery_hours
        else "any time around quality runs"
    )
    return (
        f"{title}: {per_week}, {rules.session_seconds // 60} min each, {recovery}; "
        f"none in the {rules.race_taper_days:g} days before a race\n"
        f"Calendar {source}, time zone {zone}, windows {windows}"
    )


def plan_text(
    weeks: Sequence[Week], *, heading: str, runs_left_out: Sequence[ReadWarning] = ()
) -> str:
    lines = [heading, ""]
    lines += left_out_lines(runs_left_out)
    for week in weeks:
        lines += _week(week)
        lines.append("")
    lines.append(_summary(weeks))
    unclassified = sum(1 for w in weeks for e in w.events if e.kind is Kind.UNCLASSIFIED)
    if unclassified:
        lines.append(
            f"{plural(unclassified, 'event')} unclassified, counted as busy time: "
            f"{HINT_UNCLASSIFIED}"
        )
    lines.append(f"Grid: {LEGEND}")
    return "\n".join(lines) + "\n"


def left_out_lines(runs: Sequence[ReadWarning]) -> list[str]:
    """The runs the calendar could not give, called out before the weeks planned without them."""
    if not runs:
        return []
    lines = [f"Planned without {plural(len(runs), 'run')} the calendar could not give:"]
    lines += [f"  ! {run.planned_without}" for run in runs[:SHOWN]]
    if len(runs) > SHOWN:
        lines.append(f"  ... and {len(runs) - SHOWN:,} more")
    return [*lines, ""]


def events_text(events: Sequence[ClassifiedEvent]) -> str:
    """Every event read, with its kind and why (for `runstrong calendar show`)."""
    width = min(40, max((len(e.title) for e in events), default=0))
    lines = []
    for event in events:
        when = f"{event.start:%a %Y-%m-%d %H:%M}-{event.end:%H:%M}"
        all_day = " (all day)" if event.event.all_day else ""
        lines.append(
            f"{when}  {_cut(event.title, width):<{width}}  {event.kind.value:<12}  "
            f"{event.reason}{all_day}  [{event.event.origin}]"
        )
    counts = {kind: sum(1 for e in events if e.kind is kind) for kind in Kind}
    summary = ", ".join(f"{n} {kind.value}" for kind, n in counts.items() if n)
    lines += ["", f"{plural(len(events), 'event')}: {summary}"]
    return "\n".join(lines) + "\n"


def session_line(session: PlannedSession) -> str:
    """ "Thu 18:30-18:51, 62 h before Sun 08:00 Long run"."""
    when = f"{session.start:%a %d %b %H:%M}-{session.end:%H:%M}"
    if session.next_quality is None or session.margin_hours is None:
        return f"{when}, no quality run after it in the calendar"
    return f"{when}, {math.floor(session.margin_hours)} h before {session.next_quality.label}"


def _week(week: Week) -> list[str]:
    days = [week.monday + timedelta(days=n) for n in range(7)]
    title = f"Week of {week.monday:%a %d %b %Y}"
    header = "".join(f"{name:<{_CELL}}" for name in DAY_NAMES)
    cells = "".join(f"{_cell(week, day):<{_CELL}}" for day in days)
    lines = [f"{title:<26}{header}".rstrip(), f"{'':<26}{cells}".rstrip()]
    for event in week.events:
        lines.append(f"  {event.start:%a %H:%M}  {_cut(event.title, 34):<34}  {event.kind.value}")
    if not week.events:
        lines.append("  no events in the calendar this week")
    for session in week.sessions:
        mark = "!" if session.flagged else "+"
        lines.append(f"  {mark} Strength: {session_line(session)}")
        details = session.problems or (session.reason,)
        lines += [f"      {text}" for text in details]
        lines += [f"      to fix: {fix}" for fix in session.fixes]
    if week.note:
        lines.append(f"  - {week.note}")
    return lines


def _cell(week: Week, day: date) -> str:
    """The day's marks in time order; a crowded day shows its sessions and runs first and
    ends in "+", so the grid stays in columns."""
    events = [e for e in week.events if e.start.date() == day]
    sessions = [STRENGTH for s in week.sessions if s.start.date() == day]
    marks = [e.kind.symbol for e in events] + sessions
    if len(marks) < _CELL:
        return "".join(marks) or "·"
    runs_first = sorted(events, key=lambda e: (not e.kind.quality, e.kind is not Kind.EASY))
    return "".join([*sessions, *(e.kind.symbol for e in runs_first)][: _CELL - 2]) + "+"


def _summary(weeks: Sequence[Week]) -> str:
    sessions = [s for w in weeks for s in w.sessions]
    flagged = sum(1 for s in sessions if s.flagged)
    without = sum(1 for w in weeks if w.note)
    return (
        f"{plural(len(weeks), 'week')}: {plural(len(sessions), 'session')}, {flagged} flagged, "
        f"{plural(without, 'week')} with a note"
    )


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
