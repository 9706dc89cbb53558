"""The users of a shared log: add, list, remove, set passwords, check a login.

Passwords are hashed with argon2id (argon2-cffi). Checking a login costs one
argon2 verification whether or not the user exists, so an unknown name and a
wrong password take the same time and get the same answer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from runstrong.store.database import Store
from runstrong.store.login_sessions import end_all_for
from runstrong.store.schema import TrainingSession, User

#: User names: also folder names (each user's own workouts), so kept plain.
NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")
NAME_RULE = "1 to 64 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit"
MIN_PASSWORD = 8
#: argon2 reads the whole password: a megabyte-long one must not cost the server.
MAX_PASSWORD = 1024


class AccountError(ValueError):
    """What was asked of the users cannot be done; nothing was changed."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.hint = hint


@dataclass(frozen=True)
class Account:
    """A user as the app sees one: who, and what they may do."""

    id: int
    name: str
    admin: bool = False
    can_log_in: bool = True
    sessions: int = 0
    """Sessions in their log (filled in by `list_users`)."""


@cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@cache
def _decoy_hash() -> str:
    """A hash to verify against when the user does not exist, so the answer takes as long."""
    return _hasher().hash("no user has this password")


def check_name(name: str) -> str:
    """Raises: AccountError, a name that cannot be a user's."""
    if not NAME_PATTERN.match(name):
        raise AccountError(f"{name!r} cannot be a user name", hint=f"use {NAME_RULE}")
    return name


def check_password(password: str) -> str:
    """Raises: AccountError, a password too short or too long."""
    if len(password) < MIN_PASSWORD:
        raise AccountError(f"the password is shorter than {MIN_PASSWORD} characters")
    if len(password) > MAX_PASSWORD:
        raise AccountError(f"the password is longer than {MAX_PASSWORD} characters")
    return password


def any_accounts(store: Store) -> bool:
    """Whether anyone can log in: a server then asks everyone to."""
    with store.transaction() as session:
        return (
            session.scalar(select(User.id).where(User.password_hash.is_not(None)).limit(1))
            is not None
        )


def add_user(store: Store, name: str, password: str, *, admin: bool | None = None) -> Account:
    """Make `name` an account. A user who already owns a log but cannot log in (the built-in
    `local` user, say) gets the password and keeps everything they logged.

    Args:
        admin: None makes the first account an admin, so a new club has someone who can
            add the others in the browser.

    Raises:
        AccountError: a bad name or password, or the account exists already.
    """
    check_name(name)
    hashed = _hasher().hash(check_password(password))
    with store.transaction() as session:
        first = session.scalar(_first_account())
        row = session.scalar(select(User).where(User.name == name))
        if row is not None and row.password_hash is not None:
            raise AccountError(
                f"there is already a user {name!r}",
                hint=f"'runstrong users passwd {name}' changes their password",
            )
        if row is None:
            row = User(name=name, created_at=datetime.now(UTC))
            session.add(row)
        row.password_hash = hashed
        row.admin = (first is None) if admin is None else admin
        try:
            session.flush()
        except IntegrityError:
            raise AccountError(f"there is already a user {name!r}") from None
        return _account(row)


def set_password(store: Store, name: str, password: str) -> None:
    """Raises: AccountError, no such user or a bad password. Their logins end."""
    hashed = _hasher().hash(check_password(password))
    with store.transaction() as session:
        row = _existing(session, name)
        row.password_hash = hashed
        end_all_for(session, row.id)


def remove_user(store: Store, name: str) -> int:
    """Delete a user with everything they own (log, plan, tokens, logins).

    Returns:
        How many logged sessions went with them.

    Raises:
        AccountError: no such user, or the last admin while others remain.
    """
    with store.transaction() as session:
        row = _existing(session, name)
        if row.admin:
            admins = session.scalar(select(func.count(User.id)).where(User.admin.is_(True)))
            others = session.scalar(
                select(func.count(User.id)).where(
                    User.password_hash.is_not(None), User.id != row.id
                )
            )
            if admins == 1 and others:
                raise AccountError(
                    f"{name!r} is the only admin",
                    hint="make another user an admin first ('runstrong users add NAME --admin')",
                )
        count = _session_count(session, row.id)
        session.delete(row)
        return count


def list_users(store: Store) -> list[Account]:
    """Every user, with how many sessions each has logged, by name."""
    with store.transaction() as session:
        counts = dict(
            session.execute(
                select(TrainingSession.user_id, func.count(TrainingSession.id)).group_by(
                    TrainingSession.user_id
                )
            ).all()
        )
        return [
            _account(row, sessions=counts.get(row.id, 0))
            for row in session.scalars(select(User).order_by(User.name))
        ]


def find_user(store: Store, name: str) -> Account | None:
    with store.transaction() as session:
        row = session.scalar(select(User).where(User.name == name))
        return _account(row) if row else None


def verify_login(store: Store, name: str, password: str) -> Account | None:
    """The account if `password` is theirs, else None (an unknown name or a wrong password
    alike, after the same amount of work)."""
    with store.transaction() as session:
        row = session.scalar(select(User).where(User.name == name)) if len(name) <= 120 else None
        stored = row.password_hash if row is not None else None
        candidate = password[: MAX_PASSWORD + 1]
        try:
            _hasher().verify(stored or _decoy_hash(), candidate)
        except (VerificationError, InvalidHashError):
            return None
        if row is None or stored is None or len(password) > MAX_PASSWORD:
            return None
        if _hasher().check_needs_rehash(stored):
            row.password_hash = _hasher().hash(password)
        return _account(row)


def _can_log_in():
    return User.password_hash.is_not(None)


def _first_account():
    return select(User.id).where(_can_log_in()).limit(1)


def _existing(session: Session, name: str) -> User:
    row = session.scalar(select(User).where(User.name == name))
    if row is None:
        raise AccountError(f"there is no user {name!r}", hint="'runstrong users list' shows them")
    return row


def _session_count(session: Session, user_id: int) -> int:
    return session.scalar(
        select(func.count(TrainingSession.id)).where(TrainingSession.user_id == user_id)
    )


def _account(row: User, *, sessions: int = 0) -> Account:
    return Account(
        id=row.id,
        name=row.name,
        admin=row.admin,
        can_log_in=row.password_hash is not None,
        sessions=sessions,
    )
