"""Web app throughput, latency and memory, measured on loopback against `runstrong serve`.

For each server set-up (SQLite with 1 and 2 workers, PostgreSQL with 1 and 2
workers), a fresh data folder and database, then:
  - POST /api/sessions/<id>/sets from concurrent clients, each playing its
    own sessions: every request records a real exercise step (a new outcome
    with its own id) of one of many sessions in progress; req/s, p50, p99;
  - GET /api/timeline/<routine> from the same clients: p50, p99.
The log runs durable (SQLite synchronous=FULL, PostgreSQL's default fsync):
an answered set survives a power cut.
Then, on SQLite with one worker: 10,000 session starts, with the server's
resident memory (all its processes) before and after.
Then the player page in Chromium: bytes transferred and first paint.
Targets: POST a set >= 700 req/s with p99 < 50 ms at 16 clients (SQLite, one
worker); memory bounded across 10,000 starts; page < 100 KB, paint < 300 ms.
Run: python bench/web_latency.py [--clients 16] [--sets 4000] [--starts 10000]
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
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

ROUTINE = "runners-lower-body"
CHROMIUM = "/usr/bin/chromium"
POSTGRES = os.environ.get(
    "RUNSTRONG_TEST_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
SETS_TARGET_RPS = 700
SETS_TARGET_P99_MS = 50
PAGE_TARGET_BYTES = 100 * 1024
PAINT_TARGET_MS = 300
PAGE_LOADS = 9


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def _database(kind: str, home: Path) -> Iterator[str]:
    """A fresh, empty log of `kind` ("sqlite" or "postgresql"), dropped afterwards."""
    if kind == "sqlite":
        yield f"sqlite:///{home / 'runstrong.db'}"
        return
    import sqlalchemy as sa

    name = f"runstrong_bench_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(sa.text(f'create database "{name}"'))
    try:
        yield sa.make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(sa.text(f'drop database if exists "{name}" with (force)'))
        admin.dispose()


@contextmanager
def _server(home: Path, database_url: str, *, workers: int) -> Iterator[tuple[str, int]]:
    """`runstrong serve --workers N` on a free port: (base URL, server pid)."""
    port = _free_port()
    env = {**os.environ, "RUNSTRONG_HOME": str(home), "RUNSTRONG_DATABASE_URL": database_url}
    command = ["serve", "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(
        [sys.executable, "-m", "runstrong", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while len(_processes(server.pid)) < workers + (workers > 1):
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("the server did not start within 60 s")
            time.sleep(0.1)
        while True:
            try:
                if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit("the server did not answer within 60 s")
            time.sleep(0.1)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=20)


def _processes(pid: int) -> list[int]:
    """The server and its worker processes."""
    found = [pid]
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _rss_mb(pid: int) -> float:
    """Resident memory of the server and its workers, in MB."""
    total = 0
    for process in _processes(pid):
        try:
            status = Path(f"/proc/{process}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


def _cpu_seconds(pid: int) -> float:
    """CPU time used so far by the server and its workers (user + system)."""
    ticks = 0
    for process in _processes(pid):
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _figures(samples: list[float], seconds: float | None = None) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    rate = f"{len(ordered) / seconds:7.0f} req/s  " if seconds else ""
    return f"{rate}p50 {p50 * 1000:6.1f} ms  p99 {p99 * 1000:6.1f} ms  ({len(ordered)} requests)"


def _work_steps(client: httpx.Client) -> list[dict]:
    steps = client.get(f"/api/timeline/{ROUTINE}").json()["steps"]
    return [s for s in steps if s["kind"] == "work"]


async def _post_sets(
    base: str, pid: int, *, clients: int, total: int
) -> tuple[list[float], float, float, int]:
    """Each client plays its own sessions, one real exercise step per request.

    Returns (latencies, seconds taken, server CPU seconds, sets the log holds afterwards).
    """
    with httpx.Client(base_url=base, timeout=30) as setup:
        work = _work_steps(setup)
        per_client = -(-total // clients)
        sessions_each = -(-per_client // len(work))
        sessions = [
            [setup.post("/api/sessions", json={"workout_id": ROUTINE}).json()["id"]
             for _ in range(sessions_each)]
            for _ in range(clients)
        ]  # fmt: skip
    timings: list[float] = []
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def play(mine: list[str]) -> None:
            for n in range(per_client):
                session, step = mine[n // len(work)], work[n % len(work)]
                body = {
                    "client_id": uuid.uuid4().hex,
                    "step_index": step["index"],
                    "exercise_id": step["exercise_id"],
                    "outcome": "done",
                    "seconds": step["seconds"],
                }
                start = time.perf_counter()
                response = await client.post(f"/api/sessions/{session}/sets", json=body)
                timings.append(time.perf_counter() - start)
                response.raise_for_status()

        began, cpu = time.perf_counter(), _cpu_seconds(pid)
        await asyncio.gather(*(play(mine) for mine in sessions))
        took, cpu = time.perf_counter() - began, _cpu_seconds(pid) - cpu
    with httpx.Client(base_url=base, timeout=30) as check:
        logged = sum(check.get(f"/api/sessions/{s}").json()["done"] for m in sessions for s in m)
    return timings, took, cpu, logged


async def _get_timelines(base: str, *, clients: int, total: int) -> list[float]:
    timings: list[float] = []
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def fetch(count: int) -> None:
            for _ in range(count):
                start = time.perf_counter()
                response = await client.get(f"/api/timeline/{ROUTINE}")
                timings.append(time.perf_counter() - start)
                response.raise_for_status()

        await asyncio.gather(*(fetch(total // clients) for _ in range(clients)))
    return timings


async def _start_sessions(base: str, *, clients: int, total: int) -> float:
    limits = httpx.Limits(max_connections=clients)
    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:

        async def start(count: int) -> None:
            for _ in range(count):
                response = await client.post("/api/sessions", json={"workout_id": ROUTINE})
                response.raise_for_status()

        began = time.perf_counter()
        await asyncio.gather(*(start(total // clients) for _ in range(clients)))
        return time.perf_counter() - began


def _throughput(kind: str, workers: int, *, clients: int, sets: int) -> tuple[float, float]:
    """Print the figures for one set-up; (POST set req/s, p99 seconds)."""
    with tempfile.TemporaryDirectory(prefix="runstrong-bench-") as folder:
        home = Path(folder)
        with _database(kind, home) as url, _server(home, url, workers=workers) as (base, pid):
            asyncio.run(_post_sets(base, pid, clients=clients, total=clients * 10))  # warm up
            timings, took, cpu, logged = asyncio.run(
                _post_sets(base, pid, clients=clients, total=sets)
            )
            reads = asyncio.run(_get_timelines(base, clients=clients, total=sets // 2))
    label = f"{kind}, {workers} worker{'s' if workers > 1 else ''}"
    print(f"{label}: {clients} concurrent clients")
    print(f"  POST set       {_figures(timings, took)}")
    print(f"                 server CPU {cpu / len(timings) * 1000:.2f} ms per set")
    print(f"  GET timeline   {_figures(reads)}")
    if logged != len(timings):
        print(f"  the log holds {logged} sets for {len(timings)} posted: LOST WRITES")
    ordered = sorted(timings)
    return len(timings) / took, ordered[round(0.99 * (len(ordered) - 1))]


def _memory(*, clients: int, starts: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="runstrong-bench-") as folder:
        home = Path(folder)
        with _database("sqlite", home) as url, _server(home, url, workers=1) as (base, pid):
            asyncio.run(_start_sessions(base, clients=clients, total=clients * 10))  # warm up
            before = _rss_mb(pid)
            took = asyncio.run(_start_sessions(base, clients=clients, total=starts))
            after = _rss_mb(pid)
            print(f"sqlite, 1 worker: {starts} session starts in {took:.1f} s")
            print(f"  server memory  {before:.0f} MB before, {after:.0f} MB after")
    return before, after


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


def _page() -> bool:
    if not Path(CHROMIUM).exists():
        print(f"no Chromium at {CHROMIUM}: page weight and first paint not measured")
        return True
    with tempfile.TemporaryDirectory(prefix="runstrong-bench-") as folder:
        home = Path(folder)
        with _database("sqlite", home) as url, _server(home, url, workers=1) as (base, _pid):
            assets, total, paint, floor = _page_figures(base)
    print("player page (360 px viewport, Chromium)")
    print(
        f"  transferred    {assets / 1024:6.1f} KB HTML+JS+CSS, "
        f"{total / 1024:.1f} KB with the timeline JSON (target < {PAGE_TARGET_BYTES // 1024} KB)"
    )
    paint_text = f"{paint:.0f} ms" if paint is not None else "not reported"
    print(f"  first paint    {paint_text} median of {PAGE_LOADS} (target < {PAINT_TARGET_MS} ms)")
    if floor is not None:
        print(f"  browser floor  {floor:.0f} ms (a one-line page in a fresh tab)")
    return total < PAGE_TARGET_BYTES and paint is not None and paint < PAINT_TARGET_MS


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--sets", type=int, default=4000, help="POST set requests per set-up")
    parser.add_argument("--starts", type=int, default=10_000, help="sessions started for memory")
    parser.add_argument("--skip-page", action="store_true", help="leave out the browser part")
    args = parser.parse_args()
    clients = max(1, args.clients)
    load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(f"machine: {os.cpu_count()} cores, load average {load} (other work skews the figures)")
    rate, p99 = _throughput("sqlite", 1, clients=clients, sets=args.sets)
    ok = rate >= SETS_TARGET_RPS and p99 * 1000 < SETS_TARGET_P99_MS
    print(
        f"  target         >= {SETS_TARGET_RPS} req/s, p99 < {SETS_TARGET_P99_MS} ms: "
        f"{'met' if ok else 'NOT met'}"
    )
    for kind, workers in (("sqlite", 2), ("postgresql", 1), ("postgresql", 2)):
        _throughput(kind, workers, clients=clients, sets=args.sets)
    before, after = _memory(clients=clients, starts=args.starts)
    ok = ok and after < before + 50
    if not args.skip_page:
        ok = _page() and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
