"""The history page offers each logged session as a FIT activity file."""

from __future__ import annotations

import re

from garmin_fit_sdk import Decoder, Stream

from runstrong.cli import main


def test_history_links_each_session_to_its_fit_activity(client, capsys):
    assert main(["log", "--date", "2026-10-05 07:30", "--load", "b-squat=20"]) == 0
    capsys.readouterr()
    page = client.get("/history").text
    (link,) = re.findall(r'href="(/history/[^"]+/activity\.fit)"', page)
    response = client.get(link)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/vnd.ant.fit"
    assert 'filename="runners-lower-body-2026-10-05-' in response.headers["content-disposition"]
    data = bytearray(response.content)
    assert Decoder(Stream.from_byte_array(data)).check_integrity()
    messages, errors = Decoder(Stream.from_byte_array(data)).read(convert_types_to_strings=True)
    assert errors == []
    assert messages["session_mesgs"][0]["sub_sport"] == "strength_training"
    assert len(messages["set_mesgs"]) > 30


def test_an_unknown_session_is_a_404(client):
    response = client.get("/history/nope/activity.fit")
    assert response.status_code == 404
    assert response.json()["errors"][0]["field"] == "uid"
