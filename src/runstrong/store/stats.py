"""Totals over the whole log: weekly adherence, the streak of weeks, and per-exercise work.

Weeks run Monday to Sunday in the runner's local time, since that is how a
training week is lived.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import case, func, select

from runstrong.store.database import Store
from runstrong.store.entries import Status
from runstrong.store.history import unit_counts, usual_unit
from runstrong.store.schema import SetRecord, TrainingSession, User, in_log
from runstrong.workouts.model import Unit


@dataclass(frozen=True)
class Week:
    """A Monday-to-Sunday week and the completed sessions in it."""

    start: date
    sessions: int


@dataclass(frozen=True)
class Adherence:
    """How many weeks met the workout's target, and the current run of such weeks.

    The last week is the current one. It counts once it meets the target; until
    then it is still under way, neither on target nor missed.
    """

    target: int
    weeks: tuple[Week, ...]
    streak: int

    @property
    def under_way(self) -> bool:
        """The current week has not met the target yet (and may still)."""
        return bool(self.weeks) and self.weeks[-1].sessions < self.target

    @property
    def judged(self) -> tuple[Week, ...]:
        """The weeks that count: the finished ones, and this one once it is on target."""
        return self.weeks[:-1] if self.under_way else self.weeks

    @property
    def on_target(self) -> int:
        """How many of the weeks met the target."""
        return sum(week.sessions >= self.target for week in self.weeks)


@dataclass(frozen=True)
class ExerciseTotals:
    """One exercise's work over the whole log (one row of `runstrong stats`)."""

    exercise_id: str
    sets: int
    reps: int
    seconds: float
    volume_kg: float
    best_load_kg: float | None
    unit: Unit = "kg"
    """The unit most of the exercise's loads were typed in (kilograms on a tie)."""


def week_start(day: date) -> date:
    """The Monday of the week `day` falls in."""
    return day - timedelta(days=day.weekday())


def completed_days(store: Store, *, workout_id: str, user: str | None = None) -> list[date]:
    """The local date of every completed session of a workout."""
    query = (
        select(TrainingSession.started_at)
        .join(User)
        .where(
            User.name == store.owner(user),
            in_log(),
            TrainingSession.workout_id == workout_id,
            TrainingSession.status == Status.COMPLETED.value,
        )
    )
    with store.transaction() as session:
        return [started.astimezone().date() for started in session.scalars(query)]


def first_day(store: Store, *, workout_id: str, user: str | None = None) -> date | None:
    """The local date of the workout's first logged session, whatever became of it."""
    query = (
        select(func.min(TrainingSession.started_at))
        .join(User)
        .where(User.name == store.owner(user), TrainingSession.workout_id == workout_id)
    )
    with store.transaction() as session:
        first = session.scalar(query)
    return None if first is None else first.astimezone().date()


def adherence(
    days: list[date], *, target: int, today: date, weeks: int = 12, since: date | None = None
) -> Adherence:
    """Sessions per week for the last `weeks` weeks (this one included) against `target`.

    Weeks before `since` (the first logged session) are left out: nobody misses a
    week before they began. The streak counts weeks on target back from this
    week; a week still under way does not break it.
    """
    per_week = Counter(week_start(day) for day in days)
    this_week = week_start(today)
    if since is not None:
        weeks = max(1, min(weeks, (this_week - week_start(min(since, today))).days // 7 + 1))
    window = tuple(
        Week(start, per_week[start])
        for start in (this_week - timedelta(weeks=n) for n in reversed(range(weeks)))
    )
    cursor = this_week if per_week[this_week] >= target else this_week - timedelta(weeks=1)
    streak = 0
    while per_week[cursor] >= target:
        streak += 1
        cursor -= timedelta(weeks=1)
    return Adherence(target=target, weeks=window, streak=streak)


def exercise_totals(
    store: Store, *, workout_id: str, user: str | None = None
) -> list[ExerciseTotals]:
    """Per exercise: sets done, reps, seconds of timed work, volume (kg x reps) and best load."""
    timed = SetRecord.reps_planned.is_(None)
    query = (
        select(
            SetRecord.exercise_id,
            func.count(SetRecord.id),
            func.coalesce(func.sum(SetRecord.reps_done), 0),
            func.coalesce(func.sum(case((timed, SetRecord.seconds_done), else_=0.0)), 0.0),
            func.coalesce(func.sum(SetRecord.load_kg * SetRecord.reps_done), 0.0),
            func.max(SetRecord.load_kg),
            *unit_counts(),
        )
        .join(TrainingSession, TrainingSession.id == SetRecord.session_id)
        .join(User)
        .where(
            User.name == store.owner(user),
            in_log(),
            TrainingSession.workout_id == workout_id,
            SetRecord.outcome == "done",
        )
        .group_by(SetRecord.exercise_id)
    )
    with store.transaction() as session:
        return [
            ExerciseTotals(*row[:-2], unit=usual_unit(*row[-2:])) for row in session.execute(query)
        ]


def load_over_time(
    store: Store, *, exercise_id: str, user: str | None = None
) -> list[tuple[date, float]]:
    """The heaviest load of each session that did the exercise, by local date (for charts)."""
    query = (
        select(TrainingSession.started_at, func.max(SetRecord.load_kg))
        .join(SetRecord, SetRecord.session_id == TrainingSession.id)
        .join(User)
        .where(
            User.name == store.owner(user),
            in_log(),
            SetRecord.exercise_id == exercise_id,
            SetRecord.outcome == "done",
            SetRecord.load_kg.is_not(None),
        )
        .group_by(TrainingSession.id, TrainingSession.started_at)
        .order_by(TrainingSession.started_at)
    )
    with store.transaction() as session:
        return [(started.astimezone().date(), load) for started, load in session.execute(query)]


def load_unit(store: Store, *, exercise_id: str, user: str | None = None) -> Unit:
    """The unit the runner typed most of an exercise's loads in (kilograms on a tie)."""
    query = (
        select(*unit_counts())
        .join(TrainingSession, TrainingSession.id == SetRecord.session_id)
        .join(User)
        .where(User.name == store.owner(user), in_log(), SetRecord.exercise_id == exercise_id)
    )
    with store.transaction() as session:
        kg_sets, lb_sets = session.execute(query).one()
    return usual_unit(kg_sets, lb_sets)
