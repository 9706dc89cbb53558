"""A running club on one server: 100 runners playing and logging at once, none seeing another's.

`runstrong serve --workers 2` on a fresh PostgreSQL log with 100 accounts.
Every runner at once: half log in with the form (a cookie), half use an API
token; each starts a session, records the sets of its first exercises,
reads its log entry and its log list, tries another runner's session (must
be 404), and finishes. Afterwards the log is read directly: every session
and set belongs to the runner who sent it.
Prints req/s, p50 and p99 per kind of request, errors, and cross-user reads
and writes (both must be 0).
Run: python bench/club_load.py [--users 100] [--sets 12] [--workers 2]
"""

from __future__ import annotations

import argparse
import asyncio
import random
import re
import tempfile
import time
import uuid
from collections import defaultdict
from datetime import UTC, datetime
from pathlib import Path

import httpx

from web_latency import ROUTINE, _database, _figures, _server

PASSWORD = "club-password-1"
#: The hidden field every form of the web app carries (see runstrong.web.csrf).
_FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def _accounts(url: str, users: int) -> dict[str, str | None]:
    """name -> API token (None: this runner logs in with the form), added straight to the log."""
    from runstrong.store.accounts import add_user
    from runstrong.store.api_tokens import create_token
    from runstrong.store.database import open_store

    found: dict[str, str | None] = {}
    with open_store(url) as store:
        for n in range(users):
            name = f"runner{n:03d}"
            add_user(store, name, PASSWORD, admin=n == 0)
            found[name] = (
                create_token(store, name, "bench", now=datetime.now(UTC)) if n % 2 else None
            )
    return found


class Run:
    """What every runner saw: latencies by kind, errors, and any sign of another's data."""

    def __init__(self) -> None:
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: list[str] = []
        self.cross_reads = 0
        self.sessions: dict[str, str] = {}  # session id -> runner
        self.sets: dict[str, int] = defaultdict(int)  # session id -> sets answered 201

    async def call(self, client, kind: str, method: str, url: str, *, expect: int, **options):
        started = time.perf_counter()
        try:
            response = await client.request(method, url, **options)
        except httpx.HTTPError as err:
            self.errors.append(f"{kind}: {type(err).__name__}")
            return None
        self.latencies[kind].append(time.perf_counter() - started)
        if response.status_code != expect:
            self.errors.append(f"{kind}: {response.status_code} {response.text[:120]}")
            return None
        return response


async def _runner(base: str, name: str, token: str | None, work: list[dict], sets: int, run: Run):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(base_url=base, headers=headers, timeout=60) as client:
        if token is None:  # as a browser does: the login page first, for its form token
            page = await run.call(client, "login page", "GET", "/login", expect=200)
            found = page and _FORM_TOKEN.search(page.text)
            if not found:
                run.errors.append("login page: no form token")
                return
            form = {"name": name, "password": PASSWORD, "next": "/", "csrf_token": found[1]}
            if await run.call(client, "login", "POST", "/login", data=form, expect=303) is None:
                return
        started = await run.call(
            client, "start", "POST", "/api/sessions", json={"workout_id": ROUTINE}, expect=201
        )
        if started is None:
            return
        session_id = started.json()["id"]
        run.sessions[session_id] = name
        for step in work[:sets]:
            outcome = {
                "client_id": uuid.uuid4().hex,
                "step_index": step["index"],
                "exercise_id": step["exercise_id"],
                "outcome": "done",
                "seconds": step["seconds"],
            }
            url = f"/api/sessions/{session_id}/sets"
            if await run.call(client, "set", "POST", url, json=outcome, expect=201):
                run.sets[session_id] += 1
        entry = await run.call(client, "read", "GET", f"/api/log/{session_id}", expect=200)
        if entry is not None and entry.json()["user"] != name:
            run.cross_reads += 1
        listed = await run.call(client, "list", "GET", "/api/log", expect=200)
        if listed is not None:
            run.cross_reads += sum(1 for s in listed.json() if run.sessions.get(s["uid"]) != name)
        others = [sid for sid, owner in run.sessions.items() if owner != name]
        if others:
            other = random.choice(others)
            peek = await run.call(client, "peek", "GET", f"/api/log/{other}", expect=404)
            if peek is None:
                run.cross_reads += 1
        finish = {"completed": False}
        await run.call(
            client, "finish", "POST", f"/api/sessions/{session_id}/finish", json=finish, expect=200
        )


def _cross_writes(url: str, run: Run) -> int:
    """Sessions or sets in the log under another runner than the one who sent them."""
    from runstrong.store.database import open_store
    from runstrong.store.sessions import all_sessions

    wrong = 0
    with open_store(url) as store:
        for name in set(run.sessions.values()):
            for entry in all_sessions(store.acting_as(name)):
                if run.sessions.get(entry.uid) != name or len(entry.sets) != run.sets[entry.uid]:
                    wrong += 1
    return wrong


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=100)
    parser.add_argument("--sets", type=int, default=12, help="sets each runner records")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        with _database("postgresql", home) as url:
            setup = time.perf_counter()
            tokens = _accounts(url, args.users)
            print(f"{args.users} accounts added in {time.perf_counter() - setup:.1f} s")
            with _server(home, url, workers=args.workers) as (base, _pid):
                with httpx.Client(base_url=base, timeout=30) as client:
                    some = next(t for t in tokens.values() if t)
                    steps = client.get(
                        f"/api/timeline/{ROUTINE}", headers={"Authorization": f"Bearer {some}"}
                    ).json()["steps"]
                work = [s for s in steps if s["kind"] == "work"]
                run = Run()

                async def club() -> None:
                    await asyncio.gather(
                        *(
                            _runner(base, name, token, work, args.sets, run)
                            for name, token in tokens.items()
                        )
                    )

                began, client_cpu = time.perf_counter(), time.process_time()
                asyncio.run(club())
                seconds = time.perf_counter() - began
                client_cpu = time.process_time() - client_cpu
            cross_writes = _cross_writes(url, run)
    everything = [t for samples in run.latencies.values() for t in samples]
    print(f"PostgreSQL, {args.workers} workers, {args.users} runners at once, {seconds:.1f} s:")
    print(f"  all      {_figures(everything, seconds)}")
    # The clients share the machine's cores with the server: say what they took.
    print(f"  client CPU {1000 * client_cpu / max(1, len(everything)):.1f} ms per request")
    for kind, samples in run.latencies.items():
        print(f"  {kind:<8} {_figures(samples)}")
    print(f"  errors: {len(run.errors)}" + (f" (first: {run.errors[0]})" if run.errors else ""))
    print(f"  cross-user reads: {run.cross_reads}, cross-user writes: {cross_writes}")
    return 0 if not run.errors and not run.cross_reads and not cross_writes else 1


if __name__ == "__main__":
    raise SystemExit(main())
