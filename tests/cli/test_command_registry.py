"""Every command listed in `runstrong --help` loads and answers `--help`."""

from __future__ import annotations

import pytest

from runstrong.cli import COMMANDS, main


@pytest.mark.parametrize("name", list(COMMANDS))
def test_command_loads_and_shows_help(capsys, name):
    assert main([name, "--help"]) == 0
    assert f"Usage: runstrong {name}" in capsys.readouterr().out


def test_help_lists_every_command_with_its_summary(capsys):
    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    for name, (_, summary) in COMMANDS.items():
        assert f"{name} {summary}" in out
