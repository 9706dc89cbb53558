"""`runstrong export-log` and `import-log`: a log survives the trip byte for byte."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


@pytest.fixture
def logged(run) -> None:
    run("log", "--date", "2026-10-05 07:30", "--rpe", "6", "--load", "b-squat=25lb",
        "--notes", 'windy, "cold"\nsecond line')  # fmt: skip
    run("log", "--date", "2026-10-12", "--abandoned", "--reps", "lateral-step-down=5",
        "--variation", "alternating-kettlebell-swing=kettlebell-deadlift",
        "--load", "alternating-kettlebell-swing=20", "--exercise-rpe", "b-squat=9")  # fmt: skip


@pytest.mark.usefixtures("logged")
@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_round_trip_is_byte_identical(
    run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, database_url: str, fmt: str
) -> None:
    first = tmp_path / f"log.{fmt}"
    assert run("export-log", "--format", fmt, "-o", str(first))[0] == 0
    monkeypatch.setenv("RUNSTRONG_DATABASE_URL", database_url)  # a fresh, empty log
    status, out, _ = run("import-log", str(first))
    assert status == 0 and "Imported 2 sessions" in out
    status, again, _ = run("export-log", "--format", fmt)
    assert again.encode() == first.read_bytes()
    status, out, _ = run("import-log", str(first))
    assert "Imported 0 sessions (2 were already in the log)" in out


@pytest.mark.usefixtures("logged")
def test_export_keeps_what_was_typed(run) -> None:
    data = json.loads(run("export-log", "--format", "json")[1])
    first, second = data["sessions"]
    squat = next(s for s in first["sets"] if s["exercise_id"] == "b-squat")
    assert (squat["load_unit"], round(squat["load_kg"], 3)) == ("lb", 11.34)
    assert second["status"] == "abandoned"
    assert {s["reps_done"] for s in second["sets"] if s["exercise_id"] == "lateral-step-down"} == {
        5
    }


@pytest.mark.usefixtures("logged")
def test_a_bad_import_writes_nothing(run, tmp_path: Path) -> None:
    text = run("export-log")[1]
    bad = tmp_path / "bad.csv"
    bad.write_text(
        text.replace(",20.0,20.0,,,", ",20.0,20.0,-5,kg,", 1).replace("2026-10-05", "2016-10-05")
    )
    run("log", "--rpe", "5")
    before = run("export-log")[1]
    status, _, err = run("import-log", str(bad))
    assert status == 2 and "line" in err and "load" in err and "nothing was written" in err
    assert run("export-log")[1] == before


def test_a_file_that_is_not_an_export_is_refused(run, tmp_path: Path) -> None:
    other = tmp_path / "other.csv"
    other.write_text("date,distance\n2026-10-01,10\n")
    status, _, err = run("import-log", str(other))
    assert status == 2 and "not a runstrong log export" in err


@pytest.mark.usefixtures("logged")
def test_a_bad_import_names_the_faulty_line(run, tmp_path: Path) -> None:
    lines = run("export-log")[1].splitlines()
    header = lines[0].split(",")
    row = next(n for n, line in enumerate(lines) if ",b-squat," in line and "2026-10-12" in line)
    cells = lines[row].split(",")
    cells[header.index("set_rpe")] = "11"
    lines[row] = ",".join(cells)
    bad = tmp_path / "bad.csv"
    bad.write_text("\n".join(lines) + "\n")
    status, _, err = run("import-log", str(bad))
    assert status == 2 and err.splitlines() == [
        f"runstrong: error: line {row + 1}: b-squat RPE: input should be less than or equal to 10",
        "  hint: nothing was written to the log",
    ]


@pytest.mark.usefixtures("logged")
def test_an_import_takes_only_iso_dates(run, tmp_path: Path) -> None:
    data = json.loads(run("export-log", "--format", "json")[1])
    data["sessions"][1]["started_at"] = 5
    data["sessions"][1]["ended_at"] = None
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data))
    status, _, err = run("import-log", str(bad))
    assert status == 2 and "session 2: started_at 5 is not a date and time" in err
