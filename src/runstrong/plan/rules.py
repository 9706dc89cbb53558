"""The planner's rules, with defaults taken from the workout's own schedule."""

from __future__ import annotations

from dataclasses import dataclass

from runstrong.timeline import compile_timeline
from runstrong.workouts.model import Workout

#: Minutes kept clear between a run and a session, either side.
DEFAULT_BUFFER_MINUTES = 30


@dataclass(frozen=True)
class PlanRules:
    """Hard rules every unflagged session keeps.

    Attributes:
        session_seconds: how long one session takes (the timeline's total, whole minutes).
        sessions_per_week: how many sessions to place in each Monday-to-Sunday week.
        recovery_hours: a session ends at least this long before the next quality run.
        hours_between_sessions: start-to-start spacing of sessions in the same week.
        race_taper_days: no session in this many days before a race, nor on race day.
        buffer_seconds: a session starts this long after a run ends and ends this long
            before one starts (time to get home, change, eat).
    """

    session_seconds: int
    sessions_per_week: int = 1
    recovery_hours: float = 48
    hours_between_sessions: float = 48
    race_taper_days: float = 7
    buffer_seconds: int = DEFAULT_BUFFER_MINUTES * 60

    @classmethod
    def for_workout(
        cls,
        workout: Workout,
        *,
        sessions_per_week: int | None = None,
        recovery_hours: float | None = None,
        race_taper_days: float = 7,
        buffer_minutes: int = DEFAULT_BUFFER_MINUTES,
    ) -> PlanRules:
        schedule = workout.schedule
        return cls(
            session_seconds=compile_timeline(workout).calendar_seconds,
            sessions_per_week=sessions_per_week or schedule.sessions_per_week,
            recovery_hours=(
                schedule.recovery_hours_before_quality_run
                if recovery_hours is None
                else recovery_hours
            ),
            hours_between_sessions=schedule.hours_between_sessions,
            race_taper_days=race_taper_days,
            buffer_seconds=buffer_minutes * 60,
        )
