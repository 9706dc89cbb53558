"""Where runstrong keeps the user's data, read from the environment in one place.

`RUNSTRONG_HOME` moves the data folder (tests use it),
`RUNSTRONG_DATABASE_URL` puts the log in another database,
`RUNSTRONG_ALLOW_PRIVATE_FEEDS=1` lets calendar feeds come from private
networks, `RUNSTRONG_ALLOWED_HOSTS` names the hosts the web app answers to
(besides loopback), `RUNSTRONG_SECRET_KEY` is the key the web app signs with
(else one kept in the data folder) and `RUNSTRONG_USER` names the user the
command line acts for; nothing else in runstrong reads them.
The CLI, the store, the web app and the player ask a `Settings` for every
path they read or write.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, SecretStr, field_validator

HOME_VARIABLE = "RUNSTRONG_HOME"
DATABASE_URL_VARIABLE = "RUNSTRONG_DATABASE_URL"
PRIVATE_FEEDS_VARIABLE = "RUNSTRONG_ALLOW_PRIVATE_FEEDS"
#: read by the command line only (`runstrong --user`): who the commands act for.
USER_VARIABLE = "RUNSTRONG_USER"
ALLOWED_HOSTS_VARIABLE = "RUNSTRONG_ALLOWED_HOSTS"
SECRET_KEY_VARIABLE = "RUNSTRONG_SECRET_KEY"

#: The web app always answers to loopback; other names come from the configuration.
LOOPBACK_HOSTS = ("localhost", "127.0.0.1", "[::1]")


class Settings(BaseModel):
    """How one runstrong runs; tests build their own, everyone else calls `from_env()`."""

    model_config = ConfigDict(frozen=True)

    data_dir: Path = Field(description="The user's runstrong folder.")
    workout_dirs: tuple[Path, ...] = Field(
        (), description="Extra folders of workout files, beside the built-ins and the user's own."
    )
    database_url: str | None = Field(
        None, description="The log's database; None: SQLite in the data folder."
    )
    allow_private_feeds: bool = Field(
        False,
        description="Fetch calendar feeds from loopback and private networks too; only for "
        "a runstrong that serves one person, never a shared server.",
    )
    allowed_hosts: tuple[str, ...] = Field(
        LOOPBACK_HOSTS,
        description="Host names the web app answers to ('*.example.org' for subdomains); "
        "any other Host header gets 400, so a hostile name resolved to this machine "
        "(DNS rebinding) reaches nothing.",
    )
    secret_key: SecretStr | None = Field(
        None,
        description="Signs the web app's form tokens; None: a key kept in the data folder. "
        "Servers on several machines must share one.",
    )

    @field_validator("allowed_hosts")
    @classmethod
    def _host_patterns(cls, hosts: tuple[str, ...]) -> tuple[str, ...]:
        return host_patterns(hosts)

    @classmethod
    def from_env(cls, *, workout_dirs: tuple[Path, ...] = ()) -> Settings:
        """Settings for the current user: the platform's data folder unless overridden."""
        home = os.environ.get(HOME_VARIABLE)
        if home:
            data_dir = Path(home).expanduser()
        else:
            # lazy: platformdirs is only needed when RUNSTRONG_HOME is not set
            from platformdirs import user_data_dir

            data_dir = Path(user_data_dir("runstrong", appauthor=False))
        url = os.environ.get(DATABASE_URL_VARIABLE) or None
        private = os.environ.get(PRIVATE_FEEDS_VARIABLE, "").strip().lower() in ("1", "yes", "true")
        hosts = os.environ.get(ALLOWED_HOSTS_VARIABLE, "").replace(",", " ").split()
        return cls(
            data_dir=data_dir,
            workout_dirs=workout_dirs,
            database_url=url,
            allow_private_feeds=private,
            allowed_hosts=with_loopback(hosts),
            secret_key=os.environ.get(SECRET_KEY_VARIABLE) or None,
        )

    @property
    def secret_key_file(self) -> Path:
        """The web app's signing key when none is configured: made once, shared by workers."""
        return self.data_dir / "secret-key"

    @property
    def log_url(self) -> str:
        """Where the training log is: the configured database, else `runstrong.db` here."""
        return self.database_url or f"sqlite:///{self.data_dir / 'runstrong.db'}"

    @property
    def user_workouts_dir(self) -> Path:
        """Workout files the user wrote; they are listed beside the built-ins."""
        return self.data_dir / "workouts"

    @property
    def workout_cache_dir(self) -> Path:
        """Workouts already validated, kept as JSON so unchanged files load quickly."""
        return self.data_dir / "cache" / "workouts"

    @property
    def feed_copies_dir(self) -> Path:
        """The last good copy of each calendar feed the command line has read."""
        return self.data_dir / "feeds"

    @property
    def legacy_feed_token_file(self) -> Path:
        """Where earlier versions kept the calendar feed's secret (now in the database)."""
        return self.data_dir / "calendar-feed-token"

    @property
    def calendar_rules_file(self) -> Path:
        """The user's own rules for classifying calendar events, used when it exists."""
        return self.data_dir / "calendar-rules.toml"


def with_loopback(hosts: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Loopback's names, then `hosts` (lower case, each once)."""
    return tuple(dict.fromkeys(host.lower() for host in (*LOOPBACK_HOSTS, *hosts)))


def host_patterns(hosts: tuple[str, ...]) -> tuple[str, ...]:
    """`hosts`, once each is known to be a host name, an address or a '*.domain' wildcard.

    Raises:
        ValueError: one is not.
    """
    for host in hosts:
        wildcard = host.startswith("*.") and "*" not in host[2:]
        if not host or any(c.isspace() or c in "/@" for c in host):
            raise ValueError(f"{host!r} is not a host name")
        if "*" in host and host != "*" and not wildcard:
            raise ValueError(f"{host!r}: a wildcard must be '*.example.org'")
    return hosts
