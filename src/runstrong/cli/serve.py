"""`runstrong serve`: the browser app (player, library, log and plan) on this machine."""

from __future__ import annotations

import socket
import threading
import time
import webbrowser

import click
import uvicorn

from runstrong.cli.db import opened_log
from runstrong.cli.errors import UserError


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
def serve(host: str, port: int, workers: int, open_browser: bool) -> None:
    """Serve the runstrong web app; use --host 0.0.0.0 to reach it from a phone on your network."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as err:
        raise UserError(
            f"cannot listen on {host}:{port}: {err.strerror or err}",
            hint="choose another --port, or stop what is using this one",
        ) from None
    with opened_log():  # create or upgrade the log once, before any worker needs it
        pass
    local = "127.0.0.1" if host in ("0.0.0.0", "::") else host
    url = f"http://{local}:{port}/"
    click.echo(f"runstrong is at {url} (Ctrl+C stops it)", err=True)
    if open_browser:
        threading.Thread(target=_open_when_ready, args=(url, local, port), daemon=True).start()
    # By import string, so each worker process builds its own app (nothing shared in memory).
    uvicorn.run(
        "runstrong.web.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
    )


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
