"""`runstrong import` as a runner uses it: file or stdin in, a workout file and a report out."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest

from runstrong.cli import main
from runstrong.workouts.library import load_library

ARTICLE = Path(__file__).parents[1] / "workouts" / "articles" / "core-for-runners.md"


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_import_writes_into_the_workouts_folder_and_reports(capsys, runstrong_home):
    code, out, err = run(capsys, "import", str(ARTICLE))
    assert code == 0 and out == ""
    target = runstrong_home / "workouts" / "a-core-workout-for-runners.yaml"
    assert target.is_file()
    assert f"Imported 'A Core Workout for Runners': 4 blocks, 9 exercises -> {target}" in err
    assert "  line 10: left out 2 lines of page furniture" in err
    assert "a-core-workout-for-runners" in {e.workout.id for e in load_library().entries}


def test_an_existing_file_is_kept_unless_forced(capsys, runstrong_home):
    assert run(capsys, "import", str(ARTICLE))[0] == 0
    target = runstrong_home / "workouts" / "a-core-workout-for-runners.yaml"
    target.write_text("# mine\n")
    code, _, err = run(capsys, "import", str(ARTICLE))
    assert code == 2
    assert err.startswith(f"runstrong: error: {target} already exists")
    assert target.read_text() == "# mine\n"
    assert run(capsys, "import", str(ARTICLE), "--force")[0] == 0
    assert target.read_text().startswith("# Imported by runstrong")


def test_stdin_in_and_stdout_out(capsys, monkeypatch, runstrong_home):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.read_bytes())))
    code, out, _ = run(capsys, "import", "-", "-o", "-")
    assert code == 0
    assert out.startswith("# Imported by runstrong from stdin.")
    assert "- exercise: three-way-childs-pose" in out
    assert not (runstrong_home / "workouts").exists()


def test_nothing_recognisable_exits_2_saying_what_it_looked_for(capsys, tmp_path, runstrong_home):
    blog = tmp_path / "blog.txt"
    blog.write_text("I ran 10 km today and it felt great.\nTomorrow: rest.\n")
    code, out, err = run(capsys, "import", str(blog))
    assert code == 2 and out == ""
    assert err.splitlines()[0] == "runstrong: error: no workout found in blog.txt"
    assert "looked for numbered exercises" in err
    assert not (runstrong_home / "workouts").exists()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p, "does not exist"),
        (lambda p: (p.mkdir(), p)[1], "is a folder"),
        (lambda p: (p.write_bytes(b"\x00\x01binary"), p)[1], "is a binary file"),
    ],
)
def test_unreadable_input_is_a_clear_error(capsys, tmp_path, runstrong_home, make, message):
    path = make(tmp_path / "article.txt")
    code, _, err = run(capsys, "import", str(path))
    assert code == 2
    assert message in err.splitlines()[0]
