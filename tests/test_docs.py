"""Every workout example in the format guide is a valid workout."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from runstrong.timeline import compile_timeline
from runstrong.workouts.file import parse_workout_text

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "workout-format.md"
EXAMPLES = re.findall(r"```yaml\n(.*?)```", GUIDE.read_text(), flags=re.DOTALL)


def test_the_guide_has_examples():
    assert len(EXAMPLES) >= 2


@pytest.mark.parametrize("example", EXAMPLES)
def test_example_validates_and_compiles(example):
    workout = parse_workout_text(example, str(GUIDE))
    assert compile_timeline(workout).total_seconds > 0
