"""Browsers that logged in: one row each, shared by every server worker.

The cookie holds a random secret; the row keeps its digest, the user and when
it expires. Logging out deletes the row, so the cookie is dead everywhere.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from runstrong.store.database import Store
from runstrong.store.schema import LoginSession, User
from runstrong.store.secrets_digest import digest, new_secret

#: How long a login lasts; then the browser asks for the password again.
LOGIN_LIFETIME = timedelta(days=14)


def start_login(store: Store, user_id: int, *, now: datetime) -> str:
    """A new login for the user; returns the secret for the cookie (not stored anywhere)."""
    secret = new_secret()
    with store.transaction() as session:
        session.execute(delete(LoginSession).where(LoginSession.expires_at <= now))
        session.add(
            LoginSession(
                secret_hash=digest(secret),
                user_id=user_id,
                created_at=now,
                expires_at=now + LOGIN_LIFETIME,
            )
        )
    return secret


def login_owner(store: Store, secret: str, *, now: datetime) -> tuple[int, str, bool] | None:
    """(id, name, admin) of the user a cookie's secret logs in, if it is current."""
    query = (
        select(User.id, User.name, User.admin)
        .join(LoginSession, LoginSession.user_id == User.id)
        .where(
            LoginSession.secret_hash == digest(secret),
            LoginSession.expires_at > now,
            User.password_hash.is_not(None),
        )
    )
    with store.engine.connect() as connection:
        row = connection.execute(query).first()
    return (row.id, row.name, row.admin) if row else None


def end_login(store: Store, secret: str) -> None:
    with store.transaction() as session:
        session.execute(delete(LoginSession).where(LoginSession.secret_hash == digest(secret)))


def end_all_for(session: Session, user_id: int) -> None:
    """End every login of a user (a new password), inside the caller's transaction."""
    session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))
