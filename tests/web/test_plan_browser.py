"""The plan page in Chromium: upload a run calendar and see the placed strength sessions."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from web.web_calendars import next_monday, runs_csv

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 900}, {"width": 360, "height": 780}]
)
def test_upload_a_calendar_and_see_the_placed_session(
    page, live_server, artifacts_dir, tmp_path, viewport
):
    calendar = tmp_path / "my-runs.csv"
    calendar.write_bytes(runs_csv())
    page.set_viewport_size(viewport)
    page.goto(f"{live_server}/plan")
    page.get_by_label("Calendar file").set_input_files(calendar)
    page.get_by_label("Weeks").fill("2")
    page.get_by_label("First day").fill(str(next_monday()))
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_role("button", name="Plan my weeks").click()
    # The form posts to /plan and is sent back to /plan: wait for the new page's content.
    expect(page.get_by_text("From my-runs.csv")).to_be_visible()
    sessions = page.locator(".day .strength")
    expect(sessions).to_have_count(2)
    expect(sessions.first).to_contain_text("margin")
    expect(page.locator(".day .kind-long")).to_have_count(2)
    feed = page.locator("input.feed").input_value()
    assert "/calendar/" in feed and feed.endswith(".ics")
    name = "plan-phone.png" if viewport["width"] < 500 else "plan-desktop.png"
    page.screenshot(path=artifacts_dir / name, full_page=True)
