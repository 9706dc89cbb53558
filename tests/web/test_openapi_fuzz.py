"""schemathesis against the OpenAPI spec: no input, valid or not, makes the API answer 5xx."""

from __future__ import annotations

import tempfile
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from runstrong.settings import Settings, with_loopback
from runstrong.web.app import create_app

_HOME = Path(tempfile.mkdtemp(prefix="runstrong-fuzz-"))
app = create_app(
    Settings(
        data_dir=_HOME,
        database_url=f"sqlite:///{_HOME / 'log.db'}",
        allowed_hosts=with_loopback(["testserver"]),  # the fuzzer's Host
    )
)
schema = schemathesis.openapi.from_asgi("/openapi.json", app)


@schema.parametrize()
@settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_no_server_errors(case):
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.path}: {response.text[:300]}"
