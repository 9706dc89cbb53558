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


def test_plan_from_a_feed_and_give_the_feed_a_new_address(
    page, live_server, feed_server, artifacts_dir
):
    from feed_server import Answer
    from web.web_calendars import runs_ics

    feed_server.answers["/training.ics"] = Answer(body=runs_ics(weeks=2, hour=18))
    page.goto(f"{live_server}/plan")
    page.get_by_label("calendar feed (https:// or webcal://)").fill(
        feed_server.url("/training.ics", scheme="webcal")
    )
    page.get_by_label("Weeks").fill("2")
    page.get_by_label("First day").fill(str(next_monday()))
    page.get_by_label("Time zone").fill("Europe/Berlin")
    page.get_by_role("button", name="Plan my weeks").click()
    expect(page.get_by_text(f"From {feed_server.url('/training.ics')}")).to_be_visible()
    expect(page.locator(".day .strength")).to_have_count(2)
    old = page.locator("input.feed").input_value()
    page.get_by_role("button", name="New feed address").click()
    expect(page.get_by_text("The feed has a new address")).to_be_visible()
    assert page.locator("input.feed").input_value() != old
    page.screenshot(path=artifacts_dir / "plan-feed.png", full_page=True)
