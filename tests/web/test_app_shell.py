"""Installable and offline: the manifest, the service worker, and the HTTPS a phone needs.

A phone reaches the laptop by a name or address on the home network. Chromium
is told that name is this machine, and trusts the test certificate, so the
tests see what the phone sees: over https the player is kept for offline use;
over plain http the page says why it cannot be.
"""

from __future__ import annotations

import struct
from collections.abc import Iterator

import pytest
from playwright.sync_api import expect

from certificates import HOME_NAME, issue
from web.serving import serving

ROUTINE = "runners-lower-body"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def app(runstrong_home):
    """The app as `runstrong serve --allowed-host HOME_NAME` makes it: it answers to that name."""
    from runstrong.settings import Settings, with_loopback
    from runstrong.web.app import create_app

    hosts = with_loopback(["testserver", HOME_NAME])
    return create_app(Settings(data_dir=runstrong_home, allowed_hosts=hosts))


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_the_manifest_names_the_app_and_its_icons(client):
    response = client.get("/manifest.webmanifest")
    assert response.headers["content-type"].startswith("application/manifest+json")
    manifest = response.json()
    assert manifest["name"] == "runstrong" and manifest["display"] == "standalone"
    assert client.get(manifest["start_url"]).status_code == 200
    sizes = set()
    for icon in manifest["icons"]:
        image = client.get(icon["src"])
        assert image.status_code == 200, icon["src"]
        if icon["type"] == "image/png":
            width, height = _png_size(image.content)
            assert icon["sizes"] == f"{width}x{height}"
            sizes.add(width)
    assert {192, 512} <= sizes, "what phones ask of an installable app"
    assert any(icon["purpose"] == "maskable" for icon in manifest["icons"])
    page = client.get("/").text
    assert 'rel="manifest" href="/manifest.webmanifest"' in page


def test_the_service_worker_is_never_cached_and_lists_files_that_exist(client):
    response = client.get("/service-worker.js")
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "no-cache"
    head = response.text.splitlines()[:2]
    assert head[0].startswith("const VERSION = ")
    files = head[1].removeprefix("const SHELL_FILES = ").rstrip(";")
    import json

    for url in json.loads(files):
        assert client.get(url).status_code == 200, url


def test_no_page_has_inline_script(client):
    """All script is in files, so a Content-Security-Policy without 'unsafe-inline' holds."""
    for path in ("/", f"/workouts/{ROUTINE}", f"/play/{ROUTINE}", "/history", "/plan"):
        page = client.get(path).text
        assert "<script>" not in page and " onclick=" not in page, path


# -- in Chromium, as a phone on the home network --------------------------------------


@pytest.fixture(scope="module")
def tls(tmp_path_factory):
    return issue(tmp_path_factory.mktemp("tls"), HOME_NAME, "127.0.0.1")


@pytest.fixture
def phone_browser(browser_type, browser_type_launch_args, tls) -> Iterator:
    """Chromium that reaches HOME_NAME on this machine and trusts the test certificate."""
    args = [
        *browser_type_launch_args["args"],
        f"--host-resolver-rules=MAP {HOME_NAME} 127.0.0.1",
        f"--ignore-certificate-errors-spki-list={tls.spki}",
    ]
    browser = browser_type.launch(**{**browser_type_launch_args, "args": args})
    yield browser
    browser.close()


@pytest.fixture
def https_server(app, tls) -> Iterator[str]:
    with serving(app, ssl_certfile=str(tls.cert), ssl_keyfile=str(tls.key)) as port:
        yield f"https://{HOME_NAME}:{port}"


@pytest.fixture
def http_server(app) -> Iterator[str]:
    with serving(app) as port:
        yield f"http://{HOME_NAME}:{port}"


@pytest.mark.browser
def test_over_https_the_player_is_kept_for_offline_use(phone_browser, https_server):
    context = phone_browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{https_server}/play/{ROUTINE}")
    assert page.evaluate("() => window.isSecureContext")
    page.wait_for_function("() => navigator.serviceWorker.controller !== null", timeout=10_000)
    expect(page.locator("#context-notice")).to_be_hidden()
    page.wait_for_function("() => document.getElementById('player').dataset.state === 'paused'")

    context.set_offline(True)
    page.reload()
    expect(page.locator("#player")).to_be_visible()
    context.close()


@pytest.mark.browser
def test_over_plain_http_the_page_says_why_offline_use_is_off(phone_browser, http_server):
    context = phone_browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(f"{http_server}/play/{ROUTINE}")
    assert not page.evaluate("() => window.isSecureContext")
    notice = page.locator("#context-notice")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Offline use and keeping the screen on are off")
    expect(notice).to_contain_text("https")
    context.close()
