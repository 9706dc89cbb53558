"""The scheduler against a brute-force reading of the rules, plus hand-made weeks."""

from __future__ import annotations

import dataclasses
import itertools
from datetime import date, datetime, time, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from plan.plan_helpers import at, event
from runstrong.plan.events import ClassifiedEvent, Kind
from runstrong.plan.rules import PlanRules
from runstrong.plan.scheduler import Week, plan_weeks
from runstrong.plan.windows import Windows, parse_windows

QUARTER = timedelta(minutes=15)
ZONES = ["Europe/Berlin", "America/New_York", "Australia/Sydney", "UTC"]
#: Mondays next to DST changes (both directions, both hemispheres) and the year end.
FIRST_DAYS = [
    date(2027, 3, 22),  # Europe springs forward on Sun 28 Mar
    date(2027, 10, 25),  # Europe falls back on Sun 31 Oct
    date(2027, 3, 8),  # US springs forward on Sun 14 Mar
    date(2027, 11, 1),  # US falls back on Sun 7 Nov
    date(2027, 3, 29),  # Sydney falls back on Sun 4 Apr
    date(2026, 12, 28),  # the week that ends on 3 Jan 2027
    date(2026, 12, 23),  # a Wednesday: the first week starts part-way
]
WINDOW_CHOICES = [
    (),
    ("Mon-Fri 06:00-07:30", "Sat,Sun 08:00-12:00"),
    ("daily 01:00-04:00",),
    ("Tue,Thu 18:00-20:00",),
    ("Mon-Sun 05:00-24:00",),
]
WEEKS = 2


@st.composite
def scenarios(draw):
    zone = ZoneInfo(draw(st.sampled_from(ZONES)))
    first_day = draw(st.sampled_from(FIRST_DAYS))
    monday = first_day - timedelta(days=first_day.weekday())
    kinds = st.sampled_from(list(Kind))
    events = []
    for _ in range(draw(st.integers(0, 14))):
        day = monday + timedelta(days=draw(st.integers(-2, 7 * WEEKS + 9)))
        minute = draw(st.integers(0, 24 * 4 - 1)) * 15 + draw(st.sampled_from([0, 7]))
        start = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone)
        events.append(event(start, draw(kinds), minutes=draw(st.sampled_from([30, 60, 150]))))
    rules = PlanRules(
        session_seconds=draw(st.sampled_from([20 * 60, 21 * 60, 45 * 60])),
        recovery_hours=draw(st.sampled_from([0, 24, 36, 48, 72])),
        race_taper_days=draw(st.sampled_from([0, 3, 7])),
        buffer_seconds=draw(st.sampled_from([0, 30 * 60, 90 * 60])),
    )
    windows = parse_windows(draw(st.sampled_from(WINDOW_CHOICES)))
    # "Now": before the plan, or part-way through its first days, at any second.
    now = datetime.combine(first_day, time(0), tzinfo=zone) + timedelta(
        seconds=draw(st.integers(-DAY_SECONDS, 4 * DAY_SECONDS))
    )
    return events, rules, windows, zone, Start(first_day, now)


class Start(NamedTuple):
    """The first day asked for, and the moment the plan is made."""

    day: date
    now: datetime


DAY_SECONDS = 24 * 3600


def _plan(events, rules, windows, zone, start: Start) -> tuple[Week, ...]:
    return plan_weeks(
        events, rules, windows, tz=zone, first_day=start.day, weeks=WEEKS, now=start.now
    )


def breaks_no_rule(
    start: datetime,
    events: list[ClassifiedEvent],
    rules: PlanRules,
    windows: Windows,
    zone: ZoneInfo,
    first: Start,
    others: list[datetime] = (),
) -> bool:
    """Every hard rule, read literally, for a session starting at `start`.

    Instants are compared in UTC: Python compares and subtracts datetimes that
    share a tzinfo by wall clock, which is wrong across a DST change.
    """
    utc = ZoneInfo("UTC")
    local_day = start.astimezone(zone).date()
    start = start.astimezone(utc)
    end = start + timedelta(seconds=rules.session_seconds)
    events = [(e.start.astimezone(utc), e.end.astimezone(utc), e.kind) for e in events]
    others = [o.astimezone(utc) for o in others]
    if start < datetime.combine(first.day, time(0), tzinfo=zone) or start < first.now:
        return False
    in_window = False
    for lo, hi in windows.on(local_day.weekday()):
        open_at = datetime.combine(local_day, time(lo // 60, lo % 60), tzinfo=zone)
        close_day = local_day + timedelta(days=hi // (24 * 60))
        close = datetime.combine(close_day, time(hi % (24 * 60) // 60, hi % 60), tzinfo=zone)
        in_window = in_window or (open_at <= start and end <= close)
    if not in_window:
        return False
    recovery = timedelta(hours=rules.recovery_hours)
    taper = timedelta(days=rules.race_taper_days)
    buffer = timedelta(seconds=rules.buffer_seconds)
    for other_start, other_end, kind in events:
        if start < other_end and other_start < end:
            return False
        is_run = kind.quality or kind is Kind.EASY
        if is_run and start < other_end + buffer and other_start - buffer < end:
            return False
        if kind.quality and other_start >= start and other_start - end < recovery:
            return False
        if kind is Kind.RACE and start < other_start and end > other_start - taper:
            return False
        race_day = other_start.astimezone(zone).date()
        if kind is Kind.RACE and race_day in (local_day, end.astimezone(zone).date()):
            return False
    return all(abs(start - o) >= timedelta(hours=rules.hours_between_sessions) for o in others)


def quarter_hours(monday: date, zone: ZoneInfo):
    moment = datetime.combine(monday, time(0), tzinfo=zone).astimezone(ZoneInfo("UTC"))
    end = datetime.combine(monday + timedelta(days=7), time(0), tzinfo=zone)
    while moment < end:
        yield moment
        moment += QUARTER


FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(scenarios())
def test_unflagged_sessions_keep_every_hard_rule(scenario):
    events, rules, windows, zone, first = scenario
    for week in _plan(*scenario):
        for session in week.sessions:
            assert session.start.tzinfo is zone
            if not session.flagged:
                assert breaks_no_rule(session.start, events, rules, windows, zone, first)


@FAST
@given(scenarios())
def test_a_week_with_any_valid_quarter_hour_is_never_flagged(scenario):
    events, rules, windows, zone, first = scenario
    for week in _plan(*scenario):
        slot = next(
            (
                s
                for s in quarter_hours(week.monday, zone)
                if breaks_no_rule(s, events, rules, windows, zone, first)
            ),
            None,
        )
        if slot is not None:
            assert len(week.sessions) == 1, f"{slot} was free"
            assert not week.sessions[0].flagged, f"{slot} was free"
            assert week.note is None


@FAST
@given(scenarios(), st.randoms(use_true_random=False))
def test_the_plan_does_not_depend_on_event_order(scenario, random):
    events, *rest = scenario
    shuffled = list(events)
    random.shuffle(shuffled)
    assert _plan(events, *rest) == _plan(shuffled, *rest)


@settings(max_examples=30, deadline=None)
@given(scenarios())
def test_two_sessions_a_week_keep_the_rules_and_their_spacing(scenario):
    events, rules, windows, zone, first = scenario
    rules = dataclasses.replace(rules, sessions_per_week=2)
    for week in _plan(events, rules, windows, zone, first):
        for session in week.sessions:
            if not session.flagged:
                others = [o.start for o in week.sessions if o is not session and not o.flagged]
                assert breaks_no_rule(session.start, events, rules, windows, zone, first, others)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios(), st.sampled_from([2, 3, 4, 7]))
def test_sessions_never_overlap_each_other_or_events_and_come_in_time_order(scenario, per_week):
    events, rules, windows, zone, first = scenario
    rules = dataclasses.replace(rules, sessions_per_week=per_week)
    busy = [(e.start.timestamp(), e.end.timestamp()) for e in events]
    for week in _plan(events, rules, windows, zone, first):
        spans = [(s.start.timestamp(), s.end.timestamp()) for s in week.sessions]
        assert spans == sorted(spans)
        for (_, end), (start, _) in itertools.pairwise(spans):
            assert end <= start, week.sessions
        for start, end in spans:
            assert all(end <= lo or hi <= start for lo, hi in busy)
            assert start >= first.now.timestamp()


BERLIN = ZoneInfo("Europe/Berlin")
RULES = PlanRules(session_seconds=21 * 60)


def _one_week(events, rules=RULES, windows=(), first_day=date(2026, 11, 30)) -> Week:
    (week,) = plan_weeks(
        events, rules, parse_windows(windows), tz=BERLIN, first_day=first_day, weeks=1
    )
    return week


def test_lifting_follows_the_speed_session_on_the_same_day_after_the_buffer():
    week = _one_week(
        [
            event(at("2026-12-01 06:00"), Kind.SPEED, title="Intervals"),
            event(at("2026-12-06 08:00"), Kind.LONG, minutes=150, title="Long run"),
        ]
    )
    (session,) = week.sessions
    assert session.start == at("2026-12-01 07:30")
    assert "after Tue 06:00 Intervals" in session.reason
    assert session.next_quality.title == "Long run"
    assert int(session.margin_hours) == 120


def test_without_a_hard_day_the_session_takes_the_most_margin_early_in_the_window():
    week = _one_week(
        [event(at("2026-12-05 09:00"), Kind.LONG, title="Long run")],
        windows=("Mon-Fri 18:00-20:00",),
    )
    assert week.sessions[0].start == at("2026-11-30 18:00")


def test_no_valid_slot_gives_the_least_bad_one_with_a_fix():
    speed_days = ["2026-11-30", "2026-12-02", "2026-12-04", "2026-12-06", "2026-12-08"]
    events = [event(at(f"{d} 06:00"), Kind.SPEED, title="Intervals") for d in speed_days]
    (session,) = _one_week(events).sessions
    assert session.flagged
    assert session.problems == ("only 46 h before Wed 06:00 Intervals",)
    assert "lower the recovery to 46 h" in session.fixes[0]
    assert session.start == at("2026-11-30 07:30")


def test_the_buffer_is_kept_before_a_run_too():
    run = event(at("2026-12-01 18:45"), Kind.EASY, title="Easy jog")
    week = _one_week([run], windows=("Tue 18:00-20:00",))
    assert week.sessions == ()
    assert "no free time" in week.note
    no_buffer = dataclasses.replace(RULES, buffer_seconds=0)
    (session,) = _one_week([run], rules=no_buffer, windows=("Tue 18:00-20:00",)).sessions
    assert session.start == at("2026-12-01 18:00")  # ends 18:21, 24 min before the jog
    (later,) = _one_week([run], windows=("Tue 18:00-21:00",)).sessions
    assert later.start == at("2026-12-01 20:15")


def test_a_busy_event_needs_no_buffer():
    meeting = event(at("2026-12-01 06:00"), Kind.BUSY, title="Meeting")
    week = _one_week([meeting], windows=("Tue 06:00-08:00",))
    assert week.sessions[0].start == at("2026-12-01 07:00")


def test_no_slot_is_proposed_in_the_past():
    late = at("2026-11-30 16:45")
    (week,) = plan_weeks(
        [], RULES, parse_windows(()), tz=BERLIN, first_day=late.date(), weeks=1, now=late
    )
    assert week.sessions[0].start == at("2026-11-30 16:45")
    (week,) = plan_weeks(
        [],
        RULES,
        parse_windows(("Mon 06:00-08:00", "Tue 06:00-08:00")),
        tz=BERLIN,
        first_day=late.date(),
        weeks=1,
        now=late + timedelta(seconds=1),
    )
    assert week.sessions[0].start == at("2026-12-01 06:00")


def test_a_week_gone_by_says_so_rather_than_asking_for_windows():
    events = [event(at("2026-12-01 06:00"), Kind.SPEED, title="Intervals")]
    sunday_night = at("2026-12-06 20:50")
    (gone, current) = plan_weeks(
        events, RULES, parse_windows(()), tz=BERLIN, first_day=date(2026, 11, 30), weeks=2,
        now=at("2026-12-08 09:00"),
    )  # fmt: skip
    assert gone.sessions == () and gone.note.startswith("this week is over")
    assert current.note is None and current.sessions[0].start == at("2026-12-08 09:00")
    (late,) = plan_weeks(
        events, RULES, parse_windows(()), tz=BERLIN, first_day=sunday_night.date(), weeks=1,
        now=sunday_night,
    )  # fmt: skip
    assert late.sessions == ()
    assert late.note == "no free time left inside your windows for the rest of this week"


def test_race_week_is_skipped_rather_than_flagged():
    events = [
        event(at("2026-12-01 06:00"), Kind.SPEED),
        event(at("2026-12-03 06:00"), Kind.SPEED),
        event(at("2026-12-06 09:00"), Kind.RACE, minutes=240, title="City Marathon"),
    ]
    week = _one_week(events, windows=("Wed-Sat 18:00-20:00",))
    assert week.sessions == ()
    assert "Sun 09:00 City Marathon" in week.note
    assert "skip" in week.note


def test_a_week_without_free_time_says_so():
    events = [event(at(f"2026-11-{d} 06:00"), Kind.BUSY, minutes=15 * 60) for d in range(30, 31)]
    events += [event(at(f"2026-12-0{d} 06:00"), Kind.BUSY, minutes=15 * 60) for d in range(1, 7)]
    week = _one_week(events)
    assert week.sessions == ()
    assert "no free time" in week.note


def test_weeks_crossing_the_year_end_run_monday_to_sunday():
    weeks = plan_weeks(
        [event(at("2027-01-02 09:00"), Kind.LONG)],
        RULES,
        parse_windows(()),
        tz=BERLIN,
        first_day=date(2026, 12, 30),
        weeks=2,
    )
    assert [w.monday for w in weeks] == [date(2026, 12, 28), date(2027, 1, 4)]
    assert weeks[0].sessions[0].start == at("2027-01-02 10:30")
    assert [e.start.date() for e in weeks[0].events] == [date(2027, 1, 2)]
