"""Web app latency and player page weight, measured on loopback.

Starts `runstrong serve` on a free local port with a throw-away data folder,
then:
  - GET /api/timeline/<routine> and POST /api/sessions/<id>/sets from
    concurrent clients (a fixed number of requests each): p50 and p99;
  - the player page in Chromium: bytes transferred (HTML, JS, CSS, and the
    timeline JSON it fetches) and first paint.
Targets: player page under 100 KB, first paint under 300 ms.
Run: python bench/web_latency.py [--clients 8] [--requests 400]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROUTINE = "runners-lower-body"
CHROMIUM = "/usr/bin/chromium"
PAGE_TARGET_BYTES = 100 * 1024
PAINT_TARGET_MS = 300
PAGE_LOADS = 9


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start_server(home: Path, port: int) -> subprocess.Popen:
    env = {**os.environ, "RUNSTRONG_HOME": str(home)}
    env.pop("RUNSTRONG_DATABASE_URL", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "runstrong", "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/workouts", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the server did not start within 30 s")


def _percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"p50 {p50 * 1000:6.1f} ms   p99 {p99 * 1000:6.1f} ms   ({len(ordered)} requests)"


async def _load(base: str, *, clients: int, requests: int) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {"GET timeline": [], "POST set": []}
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        session = (await client.post("/api/sessions", json={"workout_id": ROUTINE})).json()
        steps = session["steps"]
        queue: asyncio.Queue[int] = asyncio.Queue()
        for number in range(requests):
            queue.put_nowait(number)

        async def worker() -> None:
            while not queue.empty():
                number = queue.get_nowait()
                start = time.perf_counter()
                response = await client.get(f"/api/timeline/{ROUTINE}")
                timings["GET timeline"].append(time.perf_counter() - start)
                response.raise_for_status()
                body = {"step_index": number % steps, "outcome": "done", "seconds": 20.0}
                start = time.perf_counter()
                response = await client.post(f"/api/sessions/{session['id']}/sets", json=body)
                timings["POST set"].append(time.perf_counter() - start)
                response.raise_for_status()

        await asyncio.gather(*(worker() for _ in range(clients)))
    return timings


def _page_figures(
    base: str, *, loads: int = PAGE_LOADS
) -> tuple[int, int, float | None, float | None]:
    """(page asset bytes, bytes with the API data, median first paint, the browser's floor) in ms.

    One warm-up load first; then `loads` fresh tabs, each with an empty cache.
    The floor is the first paint of a one-line page in a fresh tab of its own,
    with no server involved: what this machine's browser needs at best.
    """
    from playwright.sync_api import sync_playwright

    url = f"{base}/play/{ROUTINE}"
    # The first contentful paint, waiting up to a second for it to be reported.
    paint_js = """() => new Promise((resolve) => {
      new PerformanceObserver((list) => {
        const p = list.getEntries().find((e) => e.name === "first-contentful-paint");
        if (p) resolve(p.startTime);
      }).observe({ type: "paint", buffered: true });
      setTimeout(() => resolve(null), 1000);
    })"""
    sizes: dict[str, int] = {}
    paints: list[float] = []
    floors: list[float] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        for number in range(loads + 1):
            context = browser.new_context(viewport={"width": 360, "height": 780})
            page = context.new_page()
            sizes.clear()
            page.on("response", lambda r: sizes.__setitem__(r.url, len(r.body())))
            page.goto(url, wait_until="networkidle")
            paint = page.evaluate(paint_js)
            context.close()
            if number and paint is not None:
                paints.append(paint)
                context = browser.new_context(viewport={"width": 360, "height": 780})
                page = context.new_page()
                page.goto("data:text/html,<p>runstrong</p>")
                floors.append(page.evaluate(paint_js) or 0.0)
                context.close()
        browser.close()
    assets = sum(size for url, size in sizes.items() if "/api/" not in url)
    median = statistics.median(paints) if paints else None
    return assets, sum(sizes.values()), median, statistics.median(floors) if floors else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--requests", type=int, default=400, help="of each kind (max 5000)")
    args = parser.parse_args()
    requests = max(1, min(args.requests, 5000))
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="runstrong-bench-") as home:
        server = _start_server(Path(home), port)
        base = f"http://127.0.0.1:{port}"
        try:
            timings = asyncio.run(_load(base, clients=args.clients, requests=requests))
            print(f"{args.clients} concurrent clients on loopback")
            for label, samples in timings.items():
                print(f"  {label:<13} {_percentiles(samples)}")
            ok = True
            if Path(CHROMIUM).exists():
                assets, total, paint, floor = _page_figures(base)
                print("player page (360 px viewport, Chromium)")
                print(
                    f"  transferred   {assets / 1024:6.1f} KB HTML+JS+CSS, "
                    f"{total / 1024:.1f} KB with the timeline JSON "
                    f"(target < {PAGE_TARGET_BYTES // 1024} KB)"
                )
                paint_text = f"{paint:.0f} ms" if paint is not None else "not reported"
                print(
                    f"  first paint   {paint_text} median of {PAGE_LOADS} "
                    f"(target < {PAINT_TARGET_MS} ms)"
                )
                if floor is not None:
                    print(f"  browser floor {floor:.0f} ms (a one-line page in a fresh tab)")
                ok = total < PAGE_TARGET_BYTES and paint is not None and paint < PAINT_TARGET_MS
            else:
                print(f"no Chromium at {CHROMIUM}: page weight and first paint not measured")
        finally:
            server.terminate()
            server.wait(timeout=10)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
