"""A stale plan is refreshed by one server process, however many find it stale at once."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

from feed_server import Answer
from web.web_calendars import next_monday, runs_ics


def test_only_one_worker_fetches_a_stale_feed(database_url, feed_server):
    """Several server processes (each its own connection pool) find the plan stale at once."""
    from runstrong.store.database import open_store
    from runstrong.web.plan_refresh import refresh
    from runstrong.web.planning import PlanOptions, accept_feed
    from runstrong.workouts.library import load_library

    library = load_library(())
    feed_server.answers["/runs.ics"] = Answer(body=runs_ics(weeks=2, hour=18), delay=0.3)
    options = PlanOptions(tz="Europe/Berlin", weeks=2, start=next_monday())
    earlier = datetime.now(UTC) - timedelta(hours=2)
    workers = [open_store(database_url) for _ in range(6)]
    try:
        accept_feed(workers[0], "local", url=feed_server.url("/runs.ics"), options=options,
                    workout=library.get(options.workout_id), now=earlier,
                    private_ok=True)  # fmt: skip
        ran, start = [], threading.Barrier(len(workers))

        def work(store):
            start.wait()
            ran.append(refresh(store, "local", library, private_ok=True))

        threads = [threading.Thread(target=work, args=(store,)) for store in workers]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
    finally:
        for store in workers:
            store.close()
    assert sorted(ran) == [False] * 5 + [True]
    assert feed_server.hits("/runs.ics") == 2  # the subscription, then one refresh


def test_a_new_day_plans_again_without_fetching_a_fresh_feed(feed_server, monkeypatch):
    import runstrong.web.plan_refresh as plan_refresh
    from runstrong.store.database import open_store
    from runstrong.store.plans import read_plan
    from runstrong.web.plan_refresh import refresh
    from runstrong.web.planning import PlanOptions, accept_feed
    from runstrong.workouts.library import load_library

    library = load_library(())
    feed_server.answers["/runs.ics"] = Answer(body=runs_ics(weeks=2, hour=18))
    options = PlanOptions(tz="Europe/Berlin", weeks=2, start=next_monday())
    now = datetime.now(UTC)
    monkeypatch.setattr(plan_refresh, "FEED_MAX_AGE", timedelta(days=2))
    with open_store() as store:
        accept_feed(store, "local", url=feed_server.url("/runs.ics"), options=options,
                    workout=library.get(options.workout_id), now=now, private_ok=True)  # fmt: skip
        tomorrow = now + timedelta(days=1)
        assert refresh(store, "local", library, now=tomorrow)
        assert read_plan(store).computed_at == tomorrow
    assert feed_server.hits("/runs.ics") == 1
