"""One list of export formats: the command offers each, and each writes what it promises."""

from __future__ import annotations

from pathlib import Path

import pytest

from runstrong.cli import main
from runstrong.cli.export import export
from runstrong.export.formats import FORMATS, Options
from runstrong.workouts.library import builtin_workout

ROUTINE = builtin_workout()


def test_the_command_offers_exactly_the_registered_formats() -> None:
    choices = next(p for p in export.params if p.name == "fmt").type.choices
    assert list(choices) == list(FORMATS)


@pytest.mark.parametrize("name", [n for n, f in FORMATS.items() if not f.needs_start])
def test_each_format_writes_a_file_named_by_its_suffix(name: str, tmp_path: Path, capsys) -> None:
    target = tmp_path / f"out{FORMATS[name].suffix}"
    assert main(["export", "--format", name, "-o", str(target)]) == 0
    written = target.read_bytes()
    if name == "fit":
        assert written[8:12] == b".FIT"
    else:
        assert written.decode() == FORMATS[name].write(ROUTINE, Options())


def test_a_calendar_event_needs_its_start(tmp_path: Path, capsys) -> None:
    assert main(["export", "--format", "ics", "-o", str(tmp_path / "a.ics")]) == 2
    assert "--format ics needs --at" in capsys.readouterr().err
    with pytest.raises(ValueError, match="start time"):
        FORMATS["ics"].write(ROUTINE, Options())
