"""Pages, scripts and JSON travel compressed, and the player stays light for a phone."""

from __future__ import annotations

import gzip
from html.parser import HTMLParser
from urllib.parse import urljoin

import pytest

PLAYER = "/play/runners-lower-body"


class _Loads(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.urls.append(found["src"] or "")
        elif tag == "link" and found.get("rel") in ("stylesheet", "manifest"):
            self.urls.append(found.get("href") or "")


def _raw(client, url: str):
    """The response as sent: compressed bytes, not the ones httpx unpacks."""
    with client.stream("GET", url, headers={"Accept-Encoding": "gzip"}) as response:
        return response, b"".join(response.iter_raw())


@pytest.mark.parametrize(
    "url", [PLAYER, "/workouts/runners-lower-body", "/api/timeline/runners-lower-body"]
)
def test_large_responses_are_sent_gzipped(client, url):
    response, body = _raw(client, url)
    assert response.headers["content-encoding"] == "gzip"
    assert len(body) < len(gzip.decompress(body)) / 2


def test_clients_that_do_not_ask_for_compression_get_plain_text(client):
    response = client.get(PLAYER, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in response.headers
    assert "<html" in response.text


def test_the_player_page_with_what_it_loads_stays_under_100_kb(client):
    page = client.get(PLAYER)
    loads = _Loads()
    loads.feed(page.text)
    total = len(page.content)
    for url in loads.urls:
        response = client.get(urljoin(PLAYER, url))
        assert response.status_code == 200, url
        total += len(response.content)
    assert total < 100 * 1024
