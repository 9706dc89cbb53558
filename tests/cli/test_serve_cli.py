"""`runstrong serve --cert --key`: HTTPS for a phone on the home network, bad files refused."""

from __future__ import annotations

import os
import socket
import ssl
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from certificates import HOME_NAME, issue


def test_cert_without_key_is_refused(run, tmp_path: Path):
    tls = issue(tmp_path / "tls", "127.0.0.1")
    status, _, err = run("serve", "--cert", str(tls.cert))
    assert status == 2
    assert "runstrong: error: --cert and --key go together" in err


def test_a_key_of_another_certificate_is_refused(run, tmp_path: Path):
    mine = issue(tmp_path / "mine", "127.0.0.1")
    other = issue(tmp_path / "other", "127.0.0.1")
    status, _, err = run("serve", "--cert", str(mine.cert), "--key", str(other.key))
    assert status == 2
    assert f"runstrong: error: cannot use {mine.cert} with {other.key}" in err
    assert "hint:" in err


def test_a_file_that_is_no_certificate_is_refused(run, tmp_path: Path):
    tls = issue(tmp_path / "tls", "127.0.0.1")
    status, _, err = run("serve", "--cert", str(tls.key), "--key", str(tls.key))
    assert status == 2
    assert "runstrong: error: cannot use" in err


@pytest.mark.slow
def test_serve_answers_over_https_with_the_certificate(tmp_path: Path):
    tls = issue(tmp_path / "tls", "127.0.0.1", HOME_NAME)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    tls_options = ("--cert", str(tls.cert), "--key", str(tls.key))
    env = {**os.environ, "RUNSTRONG_HOME": str(tmp_path / "home")}
    server = subprocess.Popen(
        [sys.executable, "-m", "runstrong", "serve", "--port", str(port), *tls_options],
        env=env,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        trusting = ssl.create_default_context(cafile=str(tls.authority))
        assert f"https://127.0.0.1:{port}/" in server.stderr.readline()
        deadline = time.monotonic() + 60  # a busy machine starts a server slowly
        while True:
            try:
                page = httpx.get(f"https://127.0.0.1:{port}/", verify=trusting)
                break
            except httpx.ConnectError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        assert page.status_code == 200
        assert "runstrong" in page.text
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            httpx.get(f"https://127.0.0.1:{port}/")  # not trusted without the authority
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.1", "myhost.example"])
def test_serving_beyond_this_machine_needs_a_user(run, host: str):
    from runstrong.cli.serve import is_loopback

    assert not is_loopback(host)
    status, _, err = run("serve", "--host", host, "--port", "0")
    assert status == 2
    assert f"will not serve {host} without accounts" in err
    assert "runstrong users add NAME" in err


@pytest.mark.parametrize("host", ["127.0.0.1", "::1", "localhost", "127.0.0.2"])
def test_loopback_is_local_mode(host: str):
    from runstrong.cli.serve import is_loopback

    assert is_loopback(host)


def test_a_host_pattern_that_cannot_match_is_refused(run):
    status, _, err = run("serve", "--allowed-host", "run*.example.org")
    assert status == 2
    assert "runstrong: error: --allowed-host or RUNSTRONG_ALLOWED_HOSTS: 'run*.example.org'" in err
    assert "hint:" in err


def test_bound_to_every_address_it_answers_to_this_machines_names():
    from runstrong.cli.machine_names import bound_hosts

    assert bound_hosts("192.168.1.20") == ["192.168.1.20"]
    assert bound_hosts("fe80::1%eth0") == ["[fe80::1]"]
    assert socket.gethostname().lower() in bound_hosts("0.0.0.0")
