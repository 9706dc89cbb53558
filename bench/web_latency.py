"""Web app throughput, latency and memory, measured on loopback against `runstrong serve`.

For each server set-up (SQLite with 1 and 2 workers, PostgreSQL with 1 and 2
workers), a fresh data folder and database, then:
  - POST /api/sessions/<id>/sets from concurrent clients, each playing its
    own sessions: every request records a real exercise step (a new outcome
    with its own id) of one of many sessions in progress; req/s, p50, p99;
    afterwards the log itself is read: it must hold every set answered 2xx;
  - GET /api/timeline/<routine> from the same clients: p50, p99.
The log runs durable (SQLite synchronous=FULL, PostgreSQL's default fsync):
an answered set survives a power cut. The clients are aiohttp on kept-alive
connections in this one process: it prints its own CPU per request, so a
client that cannot keep up shows (the machine has only so many cores).
A request that fails is counted and named, never a crash.
Then, on SQLite with one worker: 10,000 session starts, with the server's
resident memory (all its processes) before and after.
Then the player page in Chromium: bytes sent (compressed) and first paint.
Targets: POST a set >= 700 req/s with p99 < 50 ms at 16 clients (SQLite, one
worker); memory bounded across 10,000 starts; page < 100 KB, paint < 300 ms.
Run: python bench/web_latency.py [--clients 16] [--sets 4000] [--starts 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import collections
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

import aiohttp
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
    errors = (home / "server-errors.log").open("wb")
    server = subprocess.Popen(
        [sys.executable, "-m", "runstrong", *command],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=errors,
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
        errors.close()


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
    if not samples:
        return "no request answered"
    ordered = sorted(samples)
    p50 = statistics.median(ordered)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    rate = f"{len(ordered) / seconds:7.0f} req/s  " if seconds else ""
    return f"{rate}p50 {p50 * 1000:6.1f} ms  p99 {p99 * 1000:6.1f} ms  ({len(ordered)} requests)"


def _work_steps(client: httpx.Client) -> list[dict]:
    steps = client.get(f"/api/timeline/{ROUTINE}").json()["steps"]
    return [s for s in steps if s["kind"] == "work"]


class Outcomes:
    """What came back: latencies of the 2xx answers, and the failures by kind."""

    def __init__(self) -> None:
        self.timings: list[float] = []
        self.failures: collections.Counter[str] = collections.Counter()

    async def send(self, request) -> None:
        """Time one request; a refusal or a dropped connection is counted, not raised."""
        start = time.perf_counter()
        try:
            async with request as response:
                await response.read()
                if response.status >= 300:
                    self.failures[f"HTTP {response.status}"] += 1
                    return
        except (TimeoutError, aiohttp.ClientError) as err:
            self.failures[type(err).__name__] += 1
            return
        self.timings.append(time.perf_counter() - start)

    def failed(self) -> str:
        return ", ".join(f"{count} {kind}" for kind, count in self.failures.most_common())


def _client(base: str, clients: int) -> aiohttp.ClientSession:
    """`clients` kept-alive connections; no retries, so every answer is the server's own."""
    return aiohttp.ClientSession(
        base,
        connector=aiohttp.TCPConnector(limit=clients),
        timeout=aiohttp.ClientTimeout(total=30),
    )


def _work_steps(client: httpx.Client) -> list[dict]:
    steps = client.get(f"/api/timeline/{ROUTINE}").json()["steps"]
    return [s for s in steps if s["kind"] == "work"]


def _stored_sets(database_url: str, sessions: list[str]) -> int:
    """Sets the log itself holds for `sessions`, read from the database, not through the server."""
    import sqlalchemy as sa

    engine = sa.create_engine(database_url)
    try:
        with engine.connect() as connection:
            query = sa.text(
                "select count(*) from sets join sessions on sessions.id = sets.session_id"
                " where sessions.uid in :uids and sets.outcome = 'done'"
            ).bindparams(sa.bindparam("uids", expanding=True))
            return connection.scalar(query, {"uids": sessions})
    finally:
        engine.dispose()


async def _post_sets(
    base: str, pid: int, *, clients: int, total: int
) -> tuple[Outcomes, float, float, float, list[str]]:
    """Each client plays its own sessions, one real exercise step per request.

    Returns (outcomes, seconds taken, server CPU seconds, client CPU seconds, the sessions).
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
    outcomes = Outcomes()
    async with _client(base, clients) as client:

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
                await outcomes.send(client.post(f"/api/sessions/{session}/sets", json=body))

        began, cpu, own = time.perf_counter(), _cpu_seconds(pid), time.process_time()
        await asyncio.gather(*(play(mine) for mine in sessions))
        took, cpu = time.perf_counter() - began, _cpu_seconds(pid) - cpu
        own = time.process_time() - own
    return outcomes, took, cpu, own, [s for mine in sessions for s in mine]


async def _get_timelines(base: str, *, clients: int, total: int) -> Outcomes:
    outcomes = Outcomes()
    async with _client(base, clients) as client:

        async def fetch(count: int) -> None:
            for _ in range(count):
                await outcomes.send(client.get(f"/api/timeline/{ROUTINE}"))

        await asyncio.gather(*(fetch(total // clients) for _ in range(clients)))
    return outcomes


async def _start_sessions(base: str, *, clients: int, total: int) -> tuple[float, Outcomes]:
    outcomes = Outcomes()
    async with _client(base, clients) as client:

        async def start(count: int) -> None:
            for _ in range(count):
                await outcomes.send(client.post("/api/sessions", json={"workout_id": ROUTINE}))

        began = time.perf_counter()
        await asyncio.gather(*(start(total // clients) for _ in range(clients)))
        return time.perf_counter() - began, outcomes


def _throughput(kind: str, workers: int, *, clients: int, sets: int) -> tuple[float, float]:
    """Print the figures for one set-up; (POST set req/s answered 2xx, p99 seconds)."""
    with tempfile.TemporaryDirectory(prefix="runstrong-bench-") as folder:
        home = Path(folder)
        with _database(kind, home) as url, _server(home, url, workers=workers) as (base, pid):
            asyncio.run(_post_sets(base, pid, clients=clients, total=clients * 10))  # warm up
            posts, took, cpu, own, sessions = asyncio.run(
                _post_sets(base, pid, clients=clients, total=sets)
            )
            reads = asyncio.run(_get_timelines(base, clients=clients, total=sets // 2))
            stored = _stored_sets(url, sessions)
        server_errors = (home / "server-errors.log").read_text(errors="replace").strip()
    label = f"{kind}, {workers} worker{'s' if workers > 1 else ''}"
    answered = len(posts.timings)
    print(f"{label}: {clients} concurrent clients")
    print(f"  POST set       {_figures(posts.timings, took)}")
    print(
        f"                 server CPU {cpu / max(1, answered) * 1000:.2f} ms per set, "
        f"client CPU {own / max(1, answered) * 1000:.2f} ms per request"
    )
    print(f"  GET timeline   {_figures(reads.timings)}")
    for name, outcomes in (("POST set", posts), ("GET timeline", reads)):
        if outcomes.failures:
            print(f"  {name} FAILED  {outcomes.failed()}")
    verdict = "every answered set is there" if stored >= answered else "LOST WRITES"
    print(f"  the log holds  {stored} sets for {answered} answered 2xx: {verdict}")
    if server_errors and (posts.failures or reads.failures or stored < answered):
        print("  the server said:\n    " + "\n    ".join(server_errors.splitlines()[-10:]))
    if not answered:
        return 0.0, float("inf")
    ordered = sorted(posts.timings)
    return answered / took, ordered[round(0.99 * (len(ordered) - 1))]


def _memory(*, clients: int, starts: int) -> tuple[float, float]:
    with tempfile.TemporaryDirectory(prefix="runstrong-bench-") as folder:
        home = Path(folder)
        with _database("sqlite", home) as url, _server(home, url, workers=1) as (base, pid):
            asyncio.run(_start_sessions(base, clients=clients, total=clients * 10))  # warm up
            before = _rss_mb(pid)
            took, outcomes = asyncio.run(_start_sessions(base, clients=clients, total=starts))
            after = _rss_mb(pid)
            print(f"sqlite, 1 worker: {starts} session starts in {took:.1f} s")
            print(f"  server memory  {before:.0f} MB before, {after:.0f} MB after")
            if outcomes.failures:
                print(f"  starts FAILED  {outcomes.failed()}")
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
            # Bytes as sent (compressed), what a phone on a weak signal waits for.
            page.on(
                "requestfinished",
                lambda r: sizes.__setitem__(r.url, r.sizes()["responseBodySize"]),
            )
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
        f"  sent           {assets / 1024:6.1f} KB HTML+JS+CSS, "
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
