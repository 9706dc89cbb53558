"""Keeping a stored plan fresh: when it is stale, and the refresh one server process does.

A plan goes stale when its runs feed was last tried over an hour ago, or
when a new day has begun (the plan always starts today). Whoever reads a
stale plan asks for a refresh after answering; the store lets one process
claim it (see `runstrong.store.plans`), and the others keep serving the
stored plan.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

from runstrong.plan.calendar_file import CalendarBytes
from runstrong.plan.errors import PlanInputError
from runstrong.plan.feeds import FeedCopy, FeedError, fetch_feed, shown_url
from runstrong.plan.zones import user_zone
from runstrong.store.plans import claim_refresh, finish_refresh, read_plan
from runstrong.web.planning import (
    calendar_of,
    compute,
    plan_values,
    source_values,
    stored_options,
    stored_view,
)
from runstrong.workouts.library import Library

if TYPE_CHECKING:
    from runstrong.store.database import Store
    from runstrong.store.plans import StoredPlan

#: A runs feed is fetched again when its copy is older than this.
FEED_MAX_AGE = timedelta(hours=1)
#: How long one process's claim to refresh a plan keeps the others off it.
REFRESH_LEASE = timedelta(minutes=2)


def needs_refresh(stored: StoredPlan | None, now: datetime) -> bool:
    """Whether the plan is stale: the runs feed was last tried over an hour ago, or the
    plan was made before today (it would show days gone by)."""
    if stored is None or stored.plan is None or stored.computed_at is None:
        return False
    if feed_due(stored, now):
        return True
    try:
        tz = user_zone(stored_options(stored).tz)
    except PlanInputError:
        tz = UTC
    return stored.computed_at.astimezone(tz).date() < now.astimezone(tz).date()


def feed_due(stored: StoredPlan, now: datetime) -> bool:
    """Whether the plan's runs feed was last tried (fetched or failed) over an hour ago."""
    if stored.source_kind != "feed" or stored.computed_at is None:
        return False
    tried = max(t for t in (stored.fetched_at, stored.feed_error_at, stored.computed_at) if t)
    return now - tried >= FEED_MAX_AGE


def refresh(
    store: Store,
    user: str,
    library: Library,
    *,
    now: datetime | None = None,
    private_ok: bool = False,
) -> bool:
    """Fetch the runs feed again if it is due and plan anew, if this process wins the claim.

    A feed that fails keeps its last good copy (and the plan made from it)
    and records the problem for the plan page. `private_ok` lets the feed be
    on a private network (see `Settings`). Returns whether a refresh ran.
    """
    now = now or datetime.now(UTC)
    stored = read_plan(store, user)
    if not needs_refresh(stored, now) or not claim_refresh(
        store, user, now=now, lease=REFRESH_LEASE
    ):
        return False
    values: dict[str, Any] = {}
    calendar = stored.calendar or b""
    if feed_due(stored, now):  # else only the day changed: plan again from the same copy
        try:
            copy = _fetch_again(stored, now, private_ok=private_ok)
        except (FeedError, PlanInputError) as err:
            values.update(feed_error=str(err), feed_error_at=now)
        else:
            calendar = copy.body
            values.update(source_values("feed", stored.source_name or "", copy.body, copy))
    options = stored_options(stored)
    view = stored_view(stored)
    try:
        computed = compute(
            _calendar_bytes(stored, calendar),
            options,
            library.get(options.workout_id),
            source=view.source if view else stored.source_name or "",
            source_kind=stored.source_kind or "file",
            now=now,
            revisions=stored.revisions,
        )
    except (PlanInputError, LookupError) as err:
        # Keep the copy (and its ETag) the stored plan was made from.
        values = {"feed_error": str(err), "feed_error_at": now}
    else:
        values.update(plan_values(options, computed, now))
    return finish_refresh(store, user, seen=stored.computed_at, **values)


def _fetch_again(stored: StoredPlan, now: datetime, *, private_ok: bool) -> FeedCopy:

    previous = FeedCopy(
        url=stored.source_name or "",
        body=stored.calendar or b"",
        fetched_at=stored.fetched_at or now,
        etag=stored.feed_etag,
        last_modified=stored.feed_last_modified,
    )
    return fetch_feed(previous.url, previous=previous, now=now, private_ok=private_ok)


def _calendar_bytes(stored: StoredPlan, data: bytes) -> CalendarBytes:

    if stored.source_kind == "feed":
        return CalendarBytes(name=shown_url(stored.source_name or ""), data=data)
    return calendar_of(stored.source_name or "calendar.ics", data)
