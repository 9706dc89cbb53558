"""A calendar the plan page cannot use is refused saying what is wrong and what to do,
as `runstrong plan` says it."""

from __future__ import annotations

import re

import pytest

from web.forms import with_token
from web.web_calendars import next_monday


@pytest.mark.parametrize(
    ("name", "data", "hint"),
    [
        ("runs.ics", b"hello\n", "(export the calendar again as .ics, or use CSV"),
        ("runs.csv", b"caf\xe9,06:00,Run\n", "(save the file as UTF-8"),
        ("runs.ics", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "(export the calendar again with"),
    ],
)
def test_an_unusable_calendar_is_refused_with_what_to_do(client, name, data, hint):
    form = {"tz": "UTC", "start": str(next_monday())}
    refused = client.post("/api/plan", files={"calendar": (name, data)}, data=form)
    assert refused.status_code == 422
    (error,) = refused.json()["errors"]
    assert error["field"] == "calendar" and error["message"].startswith(name)
    assert hint in error["message"]
    page = client.post("/plan", files={"calendar": (name, data)}, data=with_token(client, form))
    (shown,) = re.findall(r'class="error" role="alert">([^<]*)<', page.text)
    assert shown.startswith(name) and hint in shown.replace("&#39;", "'")
