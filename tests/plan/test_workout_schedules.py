"""Each workout brings its own schedule rule to the planner; the core workout has no 48-hour one."""

from __future__ import annotations

from runstrong.cli import main
from runstrong.plan.rules import PlanRules
from runstrong.workouts.file import parse_workout_text

#: A speed session every day for two weeks: no 48 hours free before any of them.
DAILY_SPEED = "date,time,title,kind,duration\n" + "".join(
    f"2027-01-{day:02d},06:00,Intervals,,60\n" for day in range(4, 18)
)


def _plan(capsys, tmp_path, workout: str) -> str:
    calendar = tmp_path / "runs.csv"
    calendar.write_text(DAILY_SPEED)
    status = main(
        ["plan", "--calendar", str(calendar), "--start", "2027-01-04", "--weeks", "1",
         "--tz", "UTC", "--workout", workout]
    )  # fmt: skip
    out = capsys.readouterr().out
    assert status == 0
    return out


def test_the_lower_body_routine_keeps_48_hours_and_is_flagged(capsys, tmp_path):
    out = _plan(capsys, tmp_path, "runners-lower-body")
    assert "ending 48 h or more before a quality run" in out
    assert "1 week: 1 session, 1 flagged" in out


def test_the_core_workout_fits_between_daily_quality_runs(capsys, tmp_path):
    out = _plan(capsys, tmp_path, "core-for-runners")
    assert "any time around quality runs" in out
    assert "1 week: 1 session, 0 flagged" in out


def _plan_often(capsys, tmp_path, workout: str, per_week: int) -> str:
    calendar = tmp_path / "easy.csv"
    calendar.write_text("date,time,title,kind,duration\n2027-01-05,06:00,Easy run,,40\n")
    status = main(
        ["plan", "--calendar", str(calendar), "--start", "2027-01-04", "--weeks", "1",
         "--tz", "UTC", "--workout", workout, "--per-week", str(per_week)]
    )  # fmt: skip
    assert status == 0
    return capsys.readouterr().out


def test_the_core_workout_may_be_done_on_consecutive_days(capsys, tmp_path):
    out = _plan_often(capsys, tmp_path, "core-for-runners", 5)
    assert "5 sessions a week at least 24 h apart" in out
    assert "1 week: 5 sessions, 0 flagged" in out


def test_the_lower_body_routine_keeps_its_sessions_two_days_apart(capsys, tmp_path):
    out = _plan_often(capsys, tmp_path, "runners-lower-body", 4)
    assert "4 sessions a week at least 48 h apart" in out
    assert "1 week: 4 sessions, 0 flagged" in out
    out = _plan_often(capsys, tmp_path, "runners-lower-body", 5)
    assert "1 week: 5 sessions, 1 flagged" in out


def test_a_workout_file_sets_its_own_spacing():
    text = (
        "id: daily\ntitle: Daily\nsummary: Every day.\n"
        "schedule: {sessions_per_week: 7, hours_between_sessions: 20}\n"
        "blocks:\n- id: main\n  name: Main\n  kind: circuit\n  exercises:\n"
        "  - exercise: cat-cow\n"
    )
    rules = PlanRules.for_workout(parse_workout_text(text))
    assert (rules.sessions_per_week, rules.hours_between_sessions) == (7, 20)
