"""The tables of the training log: users own sessions, sessions hold sets.

Loads are kept in kilograms whatever unit was typed; the unit typed is kept
beside it so a log entered in pounds can be shown in pounds again.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    ColumnElement,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
    true,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from runstrong.store.types import UTCDateTime


class Base(DeclarativeBase):
    pass


class User(Base):
    """Whoever trains; a single-person install only ever has the built-in `local` user.

    A user with a password is an account: it can log in to a shared server.
    The `local` user owns what was logged before there were accounts; it has
    no password until someone gives it one.
    """

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    password_hash: Mapped[str | None] = mapped_column(String(255))
    """argon2id, as argon2-cffi writes it; None: the user cannot log in."""
    admin: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    """May add and remove users and reset their passwords in the web app."""


class LoginSession(Base):
    """A browser that logged in: its cookie's secret is kept only as a SHA-256 digest.

    A row, not a signed cookie, so any server worker recognises it and logging
    out (or removing the user) ends it everywhere at once.
    """

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime())


class ApiToken(Base):
    """A token a script sends as `Authorization: Bearer`; shown once, kept as a digest."""

    __tablename__ = "api_tokens"
    __table_args__ = (UniqueConstraint("user_id", "label", name="uq_api_tokens_user_label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    label: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())


class LoginFailure(Base):
    """One failed login, counted per account and per address to slow down guessing.

    In the database so every server worker counts the same failures.
    """

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_key_at", "key", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(200))
    """"user:NAME" or "address:IP"."""
    at: Mapped[datetime] = mapped_column(UTCDateTime())


class TrainingSession(Base):
    """One go at a workout, from the player or logged afterwards.

    While it is played, the same row is the live session: where the player is
    (`step_index`, `step_elapsed`, `paused`), the variations in use and the
    active time so far, so either player and any server worker can carry on.
    A preview (played faster than real time) is never part of the log.
    """

    __tablename__ = "sessions"
    __table_args__ = (
        Index("ix_sessions_user_started", "user_id", "started_at"),
        Index("ix_sessions_user_status", "user_id", "status"),
        CheckConstraint("rpe between 1 and 10", name="ck_sessions_rpe"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(36), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    workout_id: Mapped[str] = mapped_column(String(64))
    workout_version: Mapped[int] = mapped_column(Integer)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime())
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    status: Mapped[str] = mapped_column(String(16))
    rpe: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)
    step_index: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    step_elapsed: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    active_seconds: Mapped[float] = mapped_column(Float, default=0.0, server_default="0")
    paused: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    variations: Mapped[dict[str, str]] = mapped_column(JSON, default=dict, server_default="{}")
    preview: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[datetime | None] = mapped_column(UTCDateTime())

    user: Mapped[User] = relationship()
    sets: Mapped[list[SetRecord]] = relationship(
        back_populates="session",
        order_by="SetRecord.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class SetRecord(Base):
    """One piece of work inside a session: an exercise, one side, one round."""

    __tablename__ = "sets"
    __table_args__ = (
        UniqueConstraint("session_id", "position", name="uq_sets_session_position"),
        Index("uq_sets_session_client", "session_id", "client_id", unique=True),
        Index("ix_sets_exercise", "exercise_id"),
        CheckConstraint("load_kg >= 0", name="ck_sets_load"),
        CheckConstraint("rpe between 1 and 10", name="ck_sets_rpe"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("sessions.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[str] = mapped_column(String(64))
    variation_id: Mapped[str | None] = mapped_column(String(64))
    side: Mapped[str | None] = mapped_column(String(8))
    round: Mapped[int] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(8))
    reps_planned: Mapped[int | None] = mapped_column(Integer)
    reps_done: Mapped[int | None] = mapped_column(Integer)
    seconds_planned: Mapped[float | None] = mapped_column(Float)
    seconds_done: Mapped[float | None] = mapped_column(Float)
    load_kg: Mapped[float | None] = mapped_column(Float)
    load_unit: Mapped[str | None] = mapped_column(String(2))
    rpe: Mapped[int | None] = mapped_column(Integer)
    client_id: Mapped[str | None] = mapped_column(String(64))
    """The id the player gave this outcome, so a resend is recognised and written once."""

    session: Mapped[TrainingSession] = relationship(back_populates="sets")


def in_log() -> ColumnElement[bool]:
    """The sessions that count as training: every one but previews."""
    return TrainingSession.preview.is_(False)


class PlanState(Base):
    """A user's plan in the web app: where the runs come from, the plan made from them,
    and the secret of the calendar feed that publishes it.

    The plan is computed when a calendar is uploaded or the runs feed is
    fetched again, and stored here as JSON and as the .ics the feed serves, so
    pages and the feed only read it.
    `refresh_claimed_at` lets one server process at a time refresh it.
    """

    __tablename__ = "plans"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), unique=True)
    feed_token: Mapped[str] = mapped_column(String(64), unique=True)
    source_kind: Mapped[str | None] = mapped_column(String(8))
    source_name: Mapped[str | None] = mapped_column(String(2048))
    calendar: Mapped[bytes | None] = mapped_column(LargeBinary)
    options: Mapped[str] = mapped_column(Text, default="{}")
    feed_etag: Mapped[str | None] = mapped_column(String(512))
    feed_last_modified: Mapped[str | None] = mapped_column(String(64))
    fetched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    feed_error: Mapped[str | None] = mapped_column(Text)
    feed_error_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    plan: Mapped[str | None] = mapped_column(Text)
    sessions_ics: Mapped[bytes | None] = mapped_column(LargeBinary)
    warnings: Mapped[str] = mapped_column(Text, default="[]")
    revisions: Mapped[str] = mapped_column(Text, default="{}")
    computed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    refresh_claimed_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
