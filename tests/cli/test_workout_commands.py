"""`runstrong list / show / timeline / validate / schema / export` as a runner uses them."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from runstrong.cli import main
from runstrong.workouts.file import load_workout_file
from runstrong.workouts.model import Workout

MY_WORKOUT = """\
id: core-five
title: Core Five
summary: Five minutes of core.
target_minutes: 5
blocks:
  - id: main
    name: Main
    kind: circuit
    rounds: 2
    rest: {between_rounds: 30}
    exercises:
      - id: plank
        name: Plank
        dose: {seconds: 40}
        steps: [Hold a straight line.]
"""


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_list_shows_builtin_and_user_workouts(capsys, runstrong_home, tmp_path):
    folder = runstrong_home / "workouts"
    folder.mkdir(parents=True)
    (folder / "core.yaml").write_text(MY_WORKOUT)
    extra = tmp_path / "more"
    extra.mkdir()
    (extra / "other.yaml").write_text(MY_WORKOUT.replace("core-five", "other-five"))
    (extra / "broken.yaml").write_text("id: [")
    code, out, err = run(capsys, "list", "--dir", str(extra))
    assert code == 0
    assert "runners-lower-body" in out and "built-in" in out
    assert "core-five" in out and "other-five" in out
    assert "broken.yaml:1" in err and "skipped" in err


def test_show_prints_the_routine_with_its_numbers(capsys):
    code, out, _ = run(capsys, "show")
    assert code == 0
    words = " ".join(out.split())  # lines are wrapped for reading
    for text in (
        "Strength Set B — superset, 3 rounds",
        "20 s per side",
        "8 reps per side",
        "12 reps",
        "30 s",
        "rest as needed",
        "Easier: Kettlebell Deadlift",
        "Easier: Two-Hand Kettlebell Swing",
        "Planned time: 20 min 46 s",
        "box, bench or step (about 6-8 inches high)",
    ):
        assert text in words
    assert "**" not in out and "\n#" not in out, "rendered for reading, not Markdown"


def test_timeline_lists_every_step_with_totals(capsys):
    code, out, _ = run(capsys, "timeline")
    assert code == 0
    lines = out.splitlines()
    assert "Standing Figure 8 (left leg)" in lines[1]
    assert "Switch sides" in lines[2]
    assert any("Lateral Step Down (left leg) - 8 reps" in ln and "~24 s" in ln for ln in lines)
    assert "total: 20 min 46 s in 69 steps" in out


def test_timeline_json_and_variations(capsys):
    code, out, _ = run(capsys, "timeline", "--json", "--variation", "b-squat=goblet-squat")
    assert code == 0
    steps = json.loads(out)["steps"]
    assert any(s["exercise_name"] == "Goblet Squat with Pause" for s in steps)
    code, _, err = run(capsys, "timeline", "--variation", "b-squat=nope")
    assert code == 2 and "runstrong: error:" in err


def test_validate_good_and_bad_files(capsys, tmp_path):
    good = tmp_path / "good.yaml"
    good.write_text(MY_WORKOUT)
    bad = tmp_path / "bad.yaml"
    bad.write_text(MY_WORKOUT.replace("seconds: 40", "seconds: -40"))
    code, out, err = run(capsys, "validate", str(good), str(bad))
    assert code == 2
    assert f"{good}: ok (core-five v1" in out
    assert f"{bad}:14:" in err and "dose.seconds" in err


def test_schema_is_json_schema_that_describes_the_format(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0
    schema = json.loads(out)
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"id", "title", "blocks"} <= set(schema["properties"])
    assert schema["additionalProperties"] is False


def test_export_json_round_trips_as_a_workout_file(capsys, tmp_path):
    code, out, _ = run(capsys, "export", "runners-lower-body", "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert [b["rounds"] for b in data["blocks"]] == [1, 3, 3, 3, 1]
    pogo = data["blocks"][3]["exercises"][0]
    assert pogo["dose"] == {
        "reps": 12,
        "per_side": False,
        "alternating": False,
        "seconds_per_rep": 1.0,
    }
    path = tmp_path / "copy.yaml"
    path.write_text(out)  # JSON is YAML: the export is itself a valid workout file
    assert load_workout_file(path) == Workout.model_validate(data)


def test_export_card_and_markdown_to_files(capsys, tmp_path):
    card = tmp_path / "card.html"
    code, _, err = run(capsys, "export", "--format", "html", "-o", str(card))
    assert code == 0 and "wrote" in err
    html = card.read_text()
    assert "@media print" in html
    # a tick box per round: 3 supersets x 2 exercises x 3 rounds + 5 single-round exercises
    assert html.count('class="box"') == 3 * 2 * 3 + 5
    code, out, _ = run(capsys, "export", "--format", "md")
    assert out.startswith("# Lower-Body Strength for Runners")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["show", "no-such-workout"], "no workout called 'no-such-workout'"),
        (["show", "missing.yaml"], "missing.yaml:1:1: no such file"),
        (["export", "--format", "pdf"], "Invalid value for '--format'"),
        (["nonsense"], "No such command"),
    ],
)
def test_bad_input_is_one_error_line_and_exit_2(capsys, args, message):
    code, _, err = run(capsys, *args)
    assert code == 2
    assert err.startswith("runstrong: error:")
    assert message in err
    assert "Traceback" not in err


def test_installed_command_reports_errors_without_traceback(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: [")
    result = subprocess.run(
        [sys.executable, "-m", "runstrong", "validate", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert f"{bad}:" in result.stderr
    assert "Traceback" not in result.stderr
    help_result = subprocess.run(
        [sys.executable, "-m", "runstrong", "--help"], capture_output=True, text=True, check=True
    )
    assert "timeline" in help_result.stdout


def test_export_to_an_unwritable_place_is_a_clear_error(capsys, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    code, _, err = run(capsys, "export", "--format", "md", "-o", str(blocker / "card.md"))
    assert code == 2
    assert err.startswith(f"runstrong: error: cannot write {blocker / 'card.md'}")


def test_show_gives_the_ids_other_commands_take(capsys):
    _, out, _ = run(capsys, "show")
    assert "id: b-squat" in out
    assert "(goblet-squat)" in out
    assert main(["play", "--help"]) == 0  # --easier takes these ids
    assert "'runstrong show'" in capsys.readouterr().out


def test_an_extra_folder_that_does_not_exist_is_an_error(capsys, tmp_path):
    code, _, err = run(capsys, "list", "--dir", str(tmp_path / "nope"))
    assert code == 2
    assert "does not exist" in err


def test_exported_files_are_readable_by_others(capsys, tmp_path):
    card = tmp_path / "card.html"
    assert run(capsys, "export", "--format", "html", "-o", str(card))[0] == 0
    assert card.stat().st_mode & 0o044 == 0o044
