"""Fixtures for the web app: an in-process client, a real server on loopback, Debian's Chromium."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from web.serving import serving

CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(autouse=True)
def nothing_blocks_the_event_loop(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """Fail a test in which the server parsed workouts, planned or used the log on its
    event loop: that work belongs in the thread pool, or every other request waits for it."""
    import runstrong.plan.pipeline
    import runstrong.web.catalog
    from runstrong.web.training_log import TrainingLog

    on_loop: list[str] = []

    def watch(owner: object, name: str) -> None:
        original = getattr(owner, name)

        def watched(*args, **kwargs):
            try:
                asyncio.get_running_loop()
            except RuntimeError:
                pass  # a worker thread (or the test itself): blocking is fine here
            else:
                on_loop.append(name)
            return original(*args, **kwargs)

        monkeypatch.setattr(owner, name, watched)

    watch(runstrong.web.catalog, "load_library")
    watch(runstrong.plan.pipeline, "plan_calendar")
    watch(TrainingLog, "store")
    yield on_loop
    if on_loop:
        pytest.fail(f"blocking calls on the event loop: {sorted(set(on_loop))}")


@pytest.fixture
def app(runstrong_home: Path, request: pytest.FixtureRequest):
    from runstrong.settings import Settings, with_loopback
    from runstrong.web.app import create_app

    # The test feed server is on loopback: only an install for one person may fetch from it.
    private_ok = "feed_server" in request.fixturenames
    return create_app(
        Settings(
            data_dir=runstrong_home,
            allow_private_feeds=private_ok,
            allowed_hosts=with_loopback(["testserver"]),  # the test client's Host
        )
    )


@pytest.fixture
def client(app) -> Iterator:
    from fastapi.testclient import TestClient

    with TestClient(app) as test_client:
        yield test_client


@pytest.fixture
def live_server(app) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, for the browser to reach."""
    with serving(app) as port:
        yield f"http://127.0.0.1:{port}"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Debian's Chromium instead of a downloaded browser (see DEVELOPERS.md)."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
        ],
    }


AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from npm (package.json; `scripts/test` runs `npm ci`)."""
    import os

    if not AXE.exists():
        if os.environ.get("CI"):
            pytest.fail(f"axe-core is required under CI: no {AXE} (run `npm ci`)")
        pytest.skip(f"no {AXE}: run `npm ci` in the project folder")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture
def axe_violations(axe_source: str):
    """Run axe-core on a page: its serious and critical violations, as readable lines."""

    def check(page) -> list[str]:
        # evaluate, not a <script> tag: the page's Content-Security-Policy must not block it.
        if not page.evaluate("() => 'axe' in window"):
            page.evaluate(axe_source + "\n;0")
        found = page.evaluate(
            """async () => {
              const result = await axe.run(document, {resultTypes: ["violations"]});
              return result.violations
                .filter((v) => v.impact === "serious" || v.impact === "critical")
                .map((v) => `${v.impact} ${v.id}: ${v.help} -- ` +
                            v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "));
            }"""
        )
        return found

    return check
