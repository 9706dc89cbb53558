"""What the terminal player says, checked without a terminal."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from runstrong.timeline import compile_timeline
from runstrong.tui.describe import resume_question
from runstrong.wording import when_text
from runstrong.workouts.library import builtin_workout

NOW = datetime(2026, 11, 26, 12, 0, tzinfo=UTC)


def test_when_text_says_today_yesterday_or_the_date():
    local = NOW.astimezone()
    assert when_text(NOW, NOW) == f"today at {local:%H:%M}"
    assert when_text(NOW - timedelta(days=1), NOW).startswith("yesterday at ")
    earlier = (NOW - timedelta(days=5)).astimezone()
    assert (
        when_text(NOW - timedelta(days=5), NOW)
        == f"{earlier:%a} {earlier.day} {earlier:%b} at {earlier:%H:%M}"
    )
    assert when_text(NOW - timedelta(days=400), NOW).split(" at ")[0].endswith("2025")


def test_the_resume_question_says_what_where_and_when():
    workout = builtin_workout()
    steps = compile_timeline(workout).steps
    step = next(s for s in steps if s.exercise_id == "b-squat" and s.round == 2)
    question = resume_question(
        workout, step, total=len(steps), stopped_at=NOW - timedelta(days=1), now=NOW
    )
    assert question.startswith("Lower-Body Strength for Runners stopped yesterday at ")
    assert f"at step {step.index + 1} of {len(steps)}: B Squat" in question
    assert f"({step.block_name}, round 2 of 3). Resume it?" in question
