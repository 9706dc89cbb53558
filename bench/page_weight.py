"""What each page costs a phone to load, compressed and not (target: the player under 100 KB).

Serves the app in-process with an empty log, fetches every page with what it
loads (scripts, stylesheets, manifest, service worker, icons and figures it
names), and prints the bytes sent (gzip) and the bytes unpacked.
"""

from __future__ import annotations

import sys
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin

from fastapi.testclient import TestClient

from runstrong.settings import Settings
from runstrong.web.app import create_app

PAGES = ("/", "/workouts/runners-lower-body", "/play/runners-lower-body", "/history", "/plan")
PLAYER = "/play/runners-lower-body"
TARGET = 100 * 1024


class _Loads(HTMLParser):
    """The addresses a page makes the browser fetch."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in ("script", "img") and found.get("src"):
            self.urls.append(found["src"] or "")
        elif tag == "link" and found.get("rel") in ("stylesheet", "manifest", "icon"):
            self.urls.append(found.get("href") or "")
        elif found.get("data-service-worker"):
            self.urls.append(found["data-service-worker"] or "")


def _weigh(client: TestClient, url: str) -> tuple[int, int]:
    """(bytes on the wire, bytes unpacked) for one response."""
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    response.raise_for_status()
    wire = int(response.headers.get("content-length", len(response.content)))
    return wire, len(response.content)


def main() -> int:
    with (
        tempfile.TemporaryDirectory() as home,
        TestClient(
            create_app(Settings(data_dir=Path(home))), base_url="http://localhost"
        ) as client,
    ):
        print(f"{'page':<34} {'sent':>9} {'unpacked':>9}  (with everything it loads)")
        player_total = 0
        for page in PAGES:
            loads = _Loads()
            loads.feed(client.get(page).text)
            urls = [page, *dict.fromkeys(urljoin(page, url) for url in loads.urls)]
            weights = [_weigh(client, url) for url in urls]
            sent = sum(w for w, _ in weights)
            unpacked = sum(u for _, u in weights)
            print(
                f"{page:<34} {sent / 1024:7.1f} KB {unpacked / 1024:7.1f} KB  ({len(urls)} files)"
            )
            if page == PLAYER:
                player_total = unpacked
                for url, (wire, size) in zip(urls, weights, strict=True):
                    print(f"    {url:<30} {wire / 1024:7.1f} KB {size / 1024:7.1f} KB")
    verdict = "ok" if player_total < TARGET else "TOO HEAVY"
    print(f"target: the player page under {TARGET // 1024} KB unpacked -> {verdict}")
    return 0 if player_total < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
