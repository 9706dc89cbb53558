"""Parsing the user's windows."""

from __future__ import annotations

import pytest

from runstrong.plan.errors import PlanInputError
from runstrong.plan.windows import parse_windows


def test_default_is_six_to_nine_every_day():
    windows = parse_windows(())
    assert all(windows.on(day) == ((360, 1260),) for day in range(7))


def test_day_ranges_lists_and_merging():
    windows = parse_windows(["Mon-Fri 06:00-07:30", "Sat,Sun 08:00-12:00", "Fri 07:00-09:00"])
    assert windows.on(0) == ((360, 450),)
    assert windows.on(4) == ((360, 540),)
    assert windows.on(6) == ((480, 720),)


def test_a_range_may_wrap_round_the_weekend():
    windows = parse_windows(["Sat-Mon 10:00-24:00"])
    assert [bool(windows.on(day)) for day in range(7)] == [1, 0, 0, 0, 0, 1, 1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Fri 25:00-07:00", "25:00 is not a time of day"),
        ("Fri 09:00-07:00", "ends (07:00) before it starts (09:00)"),
        ("Fryday 06:00-07:00", "'fryday' is not a day"),
        ("mornings", "expected days and a time span"),
    ],
)
def test_bad_windows_say_what_is_wrong(text, message):
    with pytest.raises(PlanInputError) as caught:
        parse_windows([text])
    assert message in str(caught.value)
