"""Failed logins, counted per account and per address, shared by every server worker.

Guessing passwords is slowed to a handful of tries per account and a few
dozen per address in a window; once over, logins from there are refused
until the oldest counted failure leaves the window.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from math import ceil

from sqlalchemy import delete, func, select

from runstrong.store.database import Store
from runstrong.store.schema import LoginFailure

WINDOW = timedelta(minutes=15)
#: Failures allowed in a window, by kind of key.
LIMITS: Mapping[str, int] = {"user": 5, "address": 20}


def keys(name: str, address: str | None) -> list[str]:
    """The counters a login attempt touches (a name is cut to fit; an address may be unknown)."""
    found = [f"user:{name[:150]}"]
    if address:
        found.append(f"address:{address[:150]}")
    return found


def wait_seconds(store: Store, counters: list[str], *, now: datetime) -> int:
    """Seconds until a login may be tried again for all of `counters` (0: now)."""
    since = now - WINDOW
    wait = 0
    with store.engine.connect() as connection:
        for key in counters:
            limit = LIMITS[key.partition(":")[0]]
            counted = (LoginFailure.key == key, LoginFailure.at > since)
            count = connection.scalar(select(func.count(LoginFailure.id)).where(*counted))
            if count < limit:
                continue
            # under the limit again once all but limit - 1 of them have left the window
            leaving = connection.scalar(
                select(LoginFailure.at)
                .where(*counted)
                .order_by(LoginFailure.at)
                .offset(count - limit)
                .limit(1)
            )
            wait = max(wait, ceil((leaving + WINDOW - now).total_seconds()))
    return max(wait, 0)


def record_failure(store: Store, counters: list[str], *, now: datetime) -> None:
    with store.transaction() as session:
        session.execute(delete(LoginFailure).where(LoginFailure.at <= now - WINDOW))
        session.add_all(LoginFailure(key=key, at=now) for key in counters)


def forget_failures(store: Store, counter: str) -> None:
    """A good login clears the account's count (not the address's)."""
    with store.transaction() as session:
        session.execute(delete(LoginFailure).where(LoginFailure.key == counter))
