"""`runstrong serve`: the browser app (player, library, log and plan) on this machine."""

from __future__ import annotations

import ipaddress
import os
import socket
import ssl
import threading
import time
import webbrowser
from pathlib import Path

import click
import uvicorn

from runstrong.cli.db import opened_log
from runstrong.cli.errors import UserError
from runstrong.cli.machine_names import bound_hosts
from runstrong.secret_key import secret_key
from runstrong.settings import (
    ALLOWED_HOSTS_VARIABLE,
    SECRET_KEY_VARIABLE,
    Settings,
    host_patterns,
    with_loopback,
)
from runstrong.store.accounts import any_accounts

#: How long an idle kept-alive connection stays open, in seconds. Longer than
#: clients keep theirs (httpx 5 s, aiohttp 15 s, a proxy's 60 s): a server that
#: closes first races the client's next request on that connection, which then
#: fails without an answer (uvicorn's own default is 5 s).
KEEP_ALIVE_SECONDS = 75


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--workers",
    default=1,
    show_default=True,
    type=click.IntRange(1, 64),
    help="Server processes to run; they share the log (sessions included), so any may answer.",
)
@click.option("--open", "open_browser", is_flag=True, help="Open the app in your browser.")
@click.option(
    "--cert",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Serve HTTPS with this certificate (PEM); a phone needs it for offline use.",
)
@click.option(
    "--key",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="The certificate's private key (PEM).",
)
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    metavar="NAME",
    help="Also answer to this host name or address (repeatable; '*.example.org' for "
    "subdomains). Loopback and the --host address are always answered; with --host "
    "0.0.0.0, this machine's own names and addresses.",
)
def serve(
    host: str,
    port: int,
    workers: int,
    open_browser: bool,
    cert: Path | None,
    key: Path | None,
    allowed_hosts: tuple[str, ...],
) -> None:
    """Serve the runstrong web app; use --host 0.0.0.0 to reach it from a phone on your network.

    With --cert and --key it serves HTTPS, which a phone needs before it will keep
    the player for offline use or hold the screen awake (see docs/web.md). A request
    naming any other host (a hostile name pointed at this machine) gets 400.
    """
    tls = check_certificate(cert, key)
    with opened_log(as_user=False) as store:  # create or upgrade the log before any worker
        accounts = any_accounts(store)
    if not accounts and not is_loopback(host):
        raise UserError(
            f"runstrong will not serve {host} without accounts: anyone who reaches it "
            "could read and change the log",
            hint="add a user first ('runstrong users add NAME'), or serve on 127.0.0.1",
        )
    names = _answered_names(host, allowed_hosts)
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as err:
        raise UserError(
            f"cannot listen on {host}:{port}: {err.strerror or err}",
            hint="choose another --port, or stop what is using this one",
        ) from None
    _make_secret_key()
    local = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"{'https' if tls else 'http'}://{local}:{port}/"
    click.echo(f"runstrong is at {url} (Ctrl+C stops it)", err=True)
    if local not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"it answers to {', '.join(names)}; add a name with --allowed-host", err=True)
    if open_browser:
        threading.Thread(target=_open_when_ready, args=(url, local, port), daemon=True).start()
    os.environ[ALLOWED_HOSTS_VARIABLE] = " ".join(names)  # every worker reads it
    # By import string, so each worker process builds its own app (nothing shared in memory).
    uvicorn.run(
        "runstrong.web.app:create_served_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        access_log=False,
        timeout_keep_alive=KEEP_ALIVE_SECONDS,
        **tls,
    )


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach `host` (local mode is allowed there alone)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False  # a name that may resolve anywhere


def _answered_names(host: str, extra: tuple[str, ...]) -> tuple[str, ...]:
    """The Host names the app will answer to, handed to every worker through the environment.

    Raises:
        UserError: a name that cannot be a host.
    """
    configured = os.environ.get(ALLOWED_HOSTS_VARIABLE, "").replace(",", " ").split()
    try:
        return host_patterns(with_loopback([*configured, *bound_hosts(host), *extra]))
    except ValueError as err:
        raise UserError(
            f"--allowed-host or {ALLOWED_HOSTS_VARIABLE}: {err}",
            hint="give a host name or address, e.g. --allowed-host runner.example.org",
        ) from None


def _make_secret_key() -> None:
    """Make the key forms are signed with once, here, so no worker fails for want of it."""
    try:
        secret_key(Settings.from_env())
    except OSError as err:
        raise UserError(
            f"cannot keep the web app's signing key: {err.strerror or err}",
            hint=f"make the data folder writable, or set {SECRET_KEY_VARIABLE}",
        ) from None


def _open_when_ready(url: str, host: str, port: int) -> None:
    """Open the browser once the server accepts connections (give up after ten seconds)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            with socket.create_connection((host, port), timeout=0.5):
                webbrowser.open(url)
                return
        except OSError:
            time.sleep(0.1)


def check_certificate(cert: Path | None, key: Path | None) -> dict[str, str]:
    """uvicorn's TLS settings for `cert` and `key`, once they are known to load together."""
    if cert is None and key is None:
        return {}
    if cert is None or key is None:
        raise UserError(
            "--cert and --key go together", hint="give both files, or neither for plain HTTP"
        )
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(cert, key)
    except (ssl.SSLError, OSError) as err:
        raise UserError(
            f"cannot use {cert} with {key}: {err.strerror or getattr(err, 'reason', None) or err}",
            hint="both must be PEM files, and the key must belong to the certificate "
            "(docs/web.md shows how to make them)",
        ) from None
    return {"ssl_certfile": str(cert), "ssl_keyfile": str(key)}
