"""Each workout brings its own schedule rule to the planner; the core workout has no 48-hour one."""

from __future__ import annotations

from runstrong.cli import main

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
