"""Fuzzing the JSON API with any JSON, bytes that are not JSON, and mutated calendar uploads:
a 4xx that says what is wrong, never a 500 (fixed seed)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing.api_cases import api_case, api_client

CLIENT = api_client(Path(tempfile.mkdtemp(prefix="runstrong-fuzz-api-")))


@settings(
    derandomize=True,
    database=None,
    deadline=None,
    max_examples=120,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(st.data())
def test_api_bodies(data) -> None:
    api_case(CLIENT, data.draw)
