"""`runstrong log` end to end: what is logged shows in history, stats, charts and advice."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from runstrong.cli import cli


def _days_ago(days: int) -> str:
    return (date.today() - timedelta(days=days)).isoformat()


@pytest.mark.usefixtures("on_database")
def test_a_logged_session_shows_everywhere(run, tmp_path: Path) -> None:
    for days in (14, 7):
        status, out, _ = run(
            "log", "--date", _days_ago(days), "--rpe", "6",
            "--load", "b-squat=12", "--load", "alternating-kettlebell-swing=16kg",
        )  # fmt: skip
        assert status == 0 and "Logged Lower-Body Strength for Runners" in out
    status, out, _ = run(
        "log", "--load", "b-squat=25lb", "--load", "alternating-kettlebell-swing=16",
        "--rpe", "9", "--notes", "heavy legs",
    )  # fmt: skip
    assert status == 0

    status, out, _ = run("history")
    lines = out.splitlines()
    assert status == 0 and len(lines) == 4
    assert "heavy legs" in lines[1] and "16 kg" in lines[1]
    assert lines[3].split()[1] == _days_ago(14), "each row: its id, then its date"

    status, out, _ = run("stats")
    assert "Current streak: 3 weeks" in out
    assert "B Squat" in out and "12 kg" in out

    status, out, _ = run("next")
    assert "B Squat: 20 lb" in out  # typed in pounds, advised in pounds; no "B Squat: B Squat"
    assert "very hard (RPE 9): drop one step from 25 lb" in out
    assert "Unilateral Alternating Kettlebell Swing: 12 kg" in out

    status, out, _ = run("next", "--unit", "kg")
    assert "B Squat: 8.8 kg" in out  # steps in kg now

    status, out, _ = run("chart", "b-squat", "-o", str(tmp_path / "squat.svg"))
    assert status == 0 and "B Squat: load" in (tmp_path / "squat.svg").read_text()
    status, _, _ = run("chart", "adherence", "-o", str(tmp_path / "weeks.png"))
    assert status == 0 and (tmp_path / "weeks.png").read_bytes().startswith(b"\x89PNG")


BAD_VALUES = [
    (["--rpe", "11"], "RPE: input should be less than or equal to 10"),
    (["--load", "b-squat=-4"], "a load cannot be negative"),
    (["--load", "b-squat=heavy"], "is not a load"),
    (["--reps", "b-squat=5"], "timed work"),
    (["--load", "burpee=10"], "has no such exercise"),
    (["--exercise-rpe", "b-squat=0"], "b-squat RPE"),
    (["--date", (date.today() + timedelta(days=3)).isoformat()], "in the future"),
    (["--date", "last tuesday"], "is not a date"),
    (["--variation", "b-squat=pistol"], "no variation 'pistol'"),
    (["--load", "forward-backward-pogo=5"], "bodyweight exercise"),
]


@pytest.mark.usefixtures("on_database")
def test_loads_show_in_the_unit_they_were_logged_in(run, tmp_path: Path) -> None:
    run("log", "--date", _days_ago(7), "--load", "b-squat=25lb", "--rpe", "6")
    run("log", "--load", "b-squat=25", "--unit", "lb", "--load", "lateral-step-down=10kg")

    history = run("history")[1].splitlines()
    assert "25 lb" in history[2] and "11.3 kg" not in history[2]
    assert "480 kg" in history[1] and "25 lb" in history[1]  # volume of the 10 kg step-downs
    assert "25 lb" in run("stats")[1] and "10 kg" in run("stats")[1]
    assert "11.3 kg" in run("history", "--unit", "kg")[1]
    assert "11.3 kg" in run("stats", "--unit", "kg")[1]

    run("chart", "b-squat", "-o", str(tmp_path / "lb.svg"))
    assert ">heaviest set (lb)<" in (tmp_path / "lb.svg").read_text()
    run("chart", "b-squat", "--unit", "kg", "-o", str(tmp_path / "kg.svg"))
    assert ">heaviest set (kg)<" in (tmp_path / "kg.svg").read_text()


@pytest.mark.usefixtures("on_database")
def test_a_date_before_1970_is_refused_without_a_traceback(run) -> None:
    assert run("log", "--rpe", "7")[0] == 0
    before = run("export-log")[1]
    for when in ("0001-01-01", "0001-01-01 10:00", "1900-01-01", "1969-12-31", "9999-12-31 23:59"):
        status, _, err = run("log", "--date", when)
        assert status == 2 and err.startswith("runstrong: error:"), (when, err)
        assert "Traceback" not in err and len(err.splitlines()) == 2, (when, err)
    assert "is too early" in run("log", "--date", "1900-01-01")[2]
    assert "1970-01-01 or later" in run("log", "--amend", "--date", "0001-01-01")[2]
    assert run("export-log")[1] == before
    assert run("log", "--date", "1970-01-02")[0] == 0


@pytest.mark.usefixtures("on_database")
def test_an_impossible_value_is_one_error_line_and_a_hint(run) -> None:
    status, _, err = run("log", "--rpe", "11")
    assert status == 2
    assert err.splitlines() == [
        "runstrong: error: RPE: input should be less than or equal to 10",
        "  hint: nothing was written to the log",
    ]


@pytest.mark.usefixtures("on_database")
def test_counts_read_in_the_singular(run, tmp_path: Path) -> None:
    out = tmp_path / "log.csv"
    run("log", "--rpe", "7")
    _, _, err = run("export-log", "-o", str(out))
    assert f"Wrote 1 session to {out}." in err
    assert "Imported 0 sessions (1 was already in the log)." in run("import-log", str(out))[1]


@pytest.mark.usefixtures("on_database")
def test_bad_values_are_refused_and_leave_the_log_unchanged(run) -> None:
    assert run("log", "--rpe", "7")[0] == 0
    before = run("export-log")[1]
    for args, message in BAD_VALUES:
        status, _, err = run("log", *args)
        assert status == 2 and message in err, (args, err)
        assert err.startswith("runstrong: error:") and "Traceback" not in err, (args, err)
        status, _, err = run("log", "--amend", *args)
        assert status == 2 and err.startswith("runstrong: error:"), (args, err)
    assert run("export-log")[1] == before


def test_amend_changes_the_last_session(run) -> None:
    run("log", "--date", _days_ago(8), "--rpe", "6")
    run("log", "--rpe", "6", "--notes", "first try")
    status, out, _ = run("log", "--amend", "--rpe", "8", "--load", "b-squat=14")
    assert status == 0 and "Amended" in out
    lines = run("history")[1].splitlines()
    assert (
        len(lines) == 3 and "first try" in lines[1] and " 8  " in lines[1] and "14 kg" in lines[1]
    )


def test_amend_on_an_empty_log_says_so(run) -> None:
    status, _, err = run("log", "--amend", "--rpe", "5")
    assert status == 2 and "no session to amend" in err


def test_interactive_log_asks_for_each_detail_again_until_it_makes_sense() -> None:
    answers = [
        *(_days_ago(-3), "last week", _days_ago(2)),  # date
        *("11", "7"),  # RPE
        *("-20", "20"),  # plantarflexion walk
        *("", "12", "", "16"),  # b squat, step down, split squat, swing
        "good session",
    ]
    result = CliRunner().invoke(cli, ["log", "-i"], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.output
    assert "Load for B Squat (kg, blank for none)" in result.output
    for complaint in ("in the future", "'last week' is not a date", "from 1 (easy) to 10"):
        assert complaint in result.output
    assert "a load cannot be negative" in result.output
    history = CliRunner().invoke(cli, ["history"]).output
    assert "good session" in history and "20 kg" in history and _days_ago(2) in history


def test_empty_log_reads_gently(run) -> None:
    assert "No sessions logged yet" in run("history")[1]
    status, out, _ = run("next")
    assert status == 0 and "Nothing logged for this exercise yet" in out
    status, _, err = run("chart", "b-squat", "-o", "x.svg")
    assert status == 2 and "no loads logged for B Squat yet" in err


def test_db_upgrade_reports_the_schema(run, runstrong_home: Path) -> None:
    status, out, _ = run("db", "upgrade")
    assert status == 0 and str(runstrong_home / "runstrong.db") in out and "up to date" in out
