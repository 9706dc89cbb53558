"""Tokens for scripts (`Authorization: Bearer ...`): shown once, stored as digests, revocable."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.exc import IntegrityError

from runstrong.store.accounts import AccountError
from runstrong.store.database import Store
from runstrong.store.schema import ApiToken, User
from runstrong.store.secrets_digest import digest, new_secret

#: Every token starts with this, so one pasted somewhere it should not be is recognisable.
PREFIX = "rs_"
MAX_LABEL = 64


@dataclass(frozen=True)
class TokenInfo:
    """A token as listed: never its secret."""

    id: int
    label: str
    created_at: datetime


def create_token(store: Store, user: str, label: str, *, now: datetime) -> str:
    """A new token for `user`; the secret is returned once and never stored.

    Raises:
        AccountError: no such user, a bad label, or the user has a token with that label.
    """
    label = label.strip()
    if not 1 <= len(label) <= MAX_LABEL:
        raise AccountError(f"a token's label is 1 to {MAX_LABEL} characters")
    secret = new_secret(PREFIX)
    try:
        with store.transaction() as session:
            owner = session.scalar(select(User.id).where(User.name == user))
            if owner is None:
                raise AccountError(f"there is no user {user!r}")
            session.add(
                ApiToken(secret_hash=digest(secret), user_id=owner, label=label, created_at=now)
            )
    except IntegrityError:
        raise AccountError(
            f"{user!r} already has a token labelled {label!r}", hint="choose another label"
        ) from None
    return secret


def list_tokens(store: Store, user: str) -> list[TokenInfo]:
    query = (
        select(ApiToken.id, ApiToken.label, ApiToken.created_at)
        .join(User, User.id == ApiToken.user_id)
        .where(User.name == user)
        .order_by(ApiToken.created_at, ApiToken.id)
    )
    with store.transaction() as session:
        return [TokenInfo(*row) for row in session.execute(query)]


def revoke_token(store: Store, user: str, token_id: int) -> bool:
    """Delete one of the user's tokens; False when they have no such token."""
    owned = select(User.id).where(User.name == user).scalar_subquery()
    with store.transaction() as session:
        gone = session.execute(
            delete(ApiToken).where(ApiToken.id == token_id, ApiToken.user_id == owned)
        )
        return gone.rowcount == 1


def token_owner(store: Store, secret: str) -> tuple[int, str, bool] | None:
    """(id, name, admin) of the user a bearer token belongs to, if it is valid."""
    if not secret.startswith(PREFIX):
        return None
    query = (
        select(User.id, User.name, User.admin)
        .join(ApiToken, ApiToken.user_id == User.id)
        .where(ApiToken.secret_hash == digest(secret), User.password_hash.is_not(None))
    )
    with store.engine.connect() as connection:
        row = connection.execute(query).first()
    return (row.id, row.name, row.admin) if row else None
