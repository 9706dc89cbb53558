"""Each user's web plan in the database: read it, replace it, refresh it once across processes.

The plan itself is stored as JSON the web layer writes and reads; this
module only keeps it with its source and feed state, and arbitrates who
refreshes it: a process that finds the plan stale *claims* the refresh with
one conditional UPDATE, and only the process whose UPDATE changed the row
does the work, however many server processes saw it stale at once.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from runstrong.store.database import Store
from runstrong.store.schema import PlanState, User
from runstrong.store.sessions import user_id

_JSON_FIELDS = ("options", "plan", "warnings", "revisions")


@dataclass(frozen=True)
class StoredPlan:
    """One user's plan row as plain values (JSON fields decoded)."""

    user: str
    feed_token: str
    source_kind: str | None = None
    source_name: str | None = None
    calendar: bytes | None = None
    options: dict[str, Any] = field(default_factory=dict)
    feed_etag: str | None = None
    feed_last_modified: str | None = None
    fetched_at: datetime | None = None
    feed_error: str | None = None
    feed_error_at: datetime | None = None
    plan: dict[str, Any] | None = None
    sessions_ics: bytes | None = None
    warnings: list[str] = field(default_factory=list)
    revisions: dict[str, Any] = field(default_factory=dict)
    computed_at: datetime | None = None


def new_token() -> str:
    """A feed secret: calendar apps poll without logging in, so the URL is the password."""
    return secrets.token_urlsafe(24)


def read_plan(store: Store, user: str | None = None) -> StoredPlan | None:
    """The user's plan row, or None before anything was stored for them."""
    query = select(PlanState, User.name).join(User).where(User.name == store.owner(user))
    with store.transaction() as session:
        found = session.execute(query).first()
        return _snapshot(*found) if found else None


def plan_by_token(store: Store, token: str) -> StoredPlan | None:
    """The plan a calendar feed URL's secret belongs to."""
    query = select(PlanState, User.name).join(User).where(PlanState.feed_token == token)
    with store.transaction() as session:
        found = session.execute(query).first()
        return _snapshot(*found) if found else None


def ensure_plan(store: Store, user: str | None = None, *, token: str | None = None) -> StoredPlan:
    """The user's plan row, made (empty, with `token` or a new feed secret) if missing."""
    user = store.owner(user)
    with store.transaction() as session:
        return _snapshot(_row(session, user, token), user)


def rotate_token(store: Store, user: str | None = None) -> str:
    """Give the feed a new secret; the old feed URL stops working at once."""
    token = new_token()
    with store.transaction() as session:
        _row(session, store.owner(user)).feed_token = token
    return token


def save_plan(store: Store, user: str | None = None, **values: Any) -> None:
    """Replace the given fields of the user's plan in one transaction (JSON fields encoded)."""
    with store.transaction() as session:
        row = _row(session, store.owner(user))
        for name, value in _encoded(values).items():
            setattr(row, name, value)


def claim_refresh(
    store: Store, user: str | None = None, *, now: datetime, lease: timedelta
) -> bool:
    """Whether this process may refresh the plan now.

    True for exactly one caller per `lease`: the UPDATE only changes the row
    when no refresh was claimed within the lease, and the database applies
    concurrent UPDATEs of a row one after the other.
    """
    with store.transaction() as session:
        claimed = session.execute(
            update(PlanState)
            .where(
                PlanState.user_id == user_id(session, store.owner(user)),
                or_(
                    PlanState.refresh_claimed_at.is_(None),
                    PlanState.refresh_claimed_at < now - lease,
                ),
            )
            .values(refresh_claimed_at=now)
        )
        return claimed.rowcount == 1


def finish_refresh(
    store: Store, user: str | None = None, *, seen: datetime | None, **values: Any
) -> bool:
    """Store a refresh's results, unless the plan was replaced (an upload) since `seen`.

    `seen` is the `computed_at` the refresh started from. Returns whether the
    results were stored.
    """
    with store.transaction() as session:
        row = _row(session, store.owner(user))
        if row.computed_at != seen:
            return False
        for name, value in _encoded(values).items():
            setattr(row, name, value)
        return True


def _row(session: Session, user: str, token: str | None = None) -> PlanState:
    owner = user_id(session, user)
    row = session.scalar(select(PlanState).where(PlanState.user_id == owner))
    if row is None:
        row = PlanState(
            user_id=owner,
            feed_token=token or new_token(),
            options="{}",
            warnings="[]",
            revisions="{}",
        )
        session.add(row)
        session.flush()
    return row


def _encoded(values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(PlanState.__table__.columns.keys())
    if unknown:
        raise TypeError(f"no such plan fields: {', '.join(sorted(unknown))}")
    return {
        name: json.dumps(value) if name in _JSON_FIELDS and value is not None else value
        for name, value in values.items()
    }


def _snapshot(row: PlanState, user: str) -> StoredPlan:
    return StoredPlan(
        user=user,
        feed_token=row.feed_token,
        source_kind=row.source_kind,
        source_name=row.source_name,
        calendar=row.calendar,
        options=json.loads(row.options or "{}"),
        feed_etag=row.feed_etag,
        feed_last_modified=row.feed_last_modified,
        fetched_at=row.fetched_at,
        feed_error=row.feed_error,
        feed_error_at=row.feed_error_at,
        plan=json.loads(row.plan) if row.plan else None,
        sessions_ics=row.sessions_ics,
        warnings=json.loads(row.warnings or "[]"),
        revisions=json.loads(row.revisions or "{}"),
        computed_at=row.computed_at,
    )
