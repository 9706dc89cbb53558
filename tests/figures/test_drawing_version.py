"""A picture's address changes when the code that draws it changes, so a browser that keeps
pictures for a day never shows one drawn by the old code."""

from __future__ import annotations

import shutil
from pathlib import Path

from runstrong.figures import drawing_version as module
from runstrong.figures.drawing_version import DRAWING_MODULES, drawing_version
from runstrong.web.pages.figures import figure_url
from runstrong.workouts.library import builtin_workout


def test_a_change_to_any_drawing_module_changes_the_token(tmp_path: Path):
    installed = Path(module.__file__).parent
    for name in DRAWING_MODULES:
        shutil.copy(installed / name, tmp_path / name)
    before = drawing_version(tmp_path)
    assert before == drawing_version()  # the same source gives the same token
    for name in DRAWING_MODULES:
        source = tmp_path / name
        source.write_text(source.read_text() + "\n# drawn a little differently\n")
        after = drawing_version(tmp_path)
        assert after != before, name
        before = after


def test_the_figure_address_follows_the_drawing_code(monkeypatch):
    squat = builtin_workout().exercise("b-squat")
    today = figure_url("runners-lower-body", squat, side="left")
    monkeypatch.setattr("runstrong.workouts.figures.drawing_version", lambda: "0123456789ab")
    assert figure_url("runners-lower-body", squat, side="left") != today
