"""The web library offers the core workout beside the lower-body routine."""

from __future__ import annotations


def test_the_library_page_lists_both_built_in_workouts(client):
    page = client.get("/", headers={"accept": "text/html"}).text
    assert "Core Strength for Runners" in page and "Lower-Body Strength for Runners" in page
    assert 'href="/play/core-for-runners"' in page


def test_the_core_overview_shows_directions_and_no_48_hour_rule(client):
    page = client.get("/workouts/core-for-runners").text
    assert "10 s per direction (centre, left, right)" in page
    assert "any time, even next to a run" in page
